"""Labelled examples of the wording checker: (title, description, code expected or None)."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.checker import LEXICON_PATH, Finding, FoldedText, check_offer, count_by_severity, load_lexicon

BODY = (
    "<p>Nous recherchons un collaborateur pour notre boulangerie située au cœur de Carcassonne. Vous serez "
    "chargé de la vente, de la mise en place des vitrines et de l'accueil de la clientèle.</p>"
    "<p>Horaires du mardi au samedi, deux jours de repos consécutifs.</p>"
)


def codes(title, description=BODY):
    return {finding.code for finding in check_offer(title, description)}


def findings_of(code, title, description=BODY):
    return [finding for finding in check_offer(title, description) if finding.code == code]


# --- Title: H/F mention -------------------------------------------------------------------------

TITLES_ACCEPTED = [
    "Vendeur H/F", "Vendeur F/H", "Vendeur (H/F)", "Vendeur H-F", "Vendeur F-H", "Vendeur H / F",
    "Vendeur homme ou femme", "Vendeur / Vendeuse", "Vendeur·se", "Vendeur(se)", "Vendeur.euse",
    "Serveur ou serveuse en restauration", "Infirmier / Infirmière", "Technicien(ne) de maintenance",
    "Comptable", "Secrétaire médicale", "Aide à domicile", "Responsable de rayon", "Cariste",
    "Chauffeur poids lourd (h/f)", "Employé(e) polyvalent(e)", "Agent d'entretien H/F/X",
]


@pytest.mark.parametrize("title", TITLES_ACCEPTED)
def test_a_title_with_a_gender_neutral_form_is_accepted(title):
    assert not {"mention_hf_manquante", "titre_genre"} & codes(title)


TITLES_WITHOUT_MENTION = ["Vendeur", "Chauffeur livreur", "Aide-soignant", "Cuisinier", "Serveur en brasserie",
                          "Agent d'entretien", "Infirmière de nuit"]


@pytest.mark.parametrize("title", TITLES_WITHOUT_MENTION)
def test_a_title_without_mention_is_blocking(title):
    [finding] = findings_of("mention_hf_manquante", title)
    assert finding.severity == "bloquant"
    assert finding.field == "title"
    assert finding.excerpt == title


@pytest.mark.parametrize(("title", "word"), [("Vendeuse H/F", "Vendeuse"), ("Hôtesse d'accueil H/F", "Hôtesse"),
                                             ("Femme de chambre (H/F)", "Femme"), ("Caissière F/H", "Caissière")])
def test_a_gendered_title_followed_by_the_mention_is_to_check(title, word):
    [finding] = findings_of("titre_genre", title)
    assert finding.severity == "a_verifier"
    assert finding.excerpt == word
    assert title[finding.start:finding.end] == word


def test_a_title_in_capitals_only_is_to_check():
    [finding] = findings_of("titre_majuscules", "VENDEUR EN BOULANGERIE H/F")
    assert finding.severity == "a_verifier"
    assert not findings_of("titre_majuscules", "Vendeur en boulangerie H/F")
    assert not findings_of("titre_majuscules", "DRH")


# --- Description: criteria of article L1132-1 and age limits ---------------------------------------

FLAGGED = [
    ("Profil jeune et dynamique.", "critere_age"),
    ("Idéal pour un jeune.", "critere_age"),
    ("Poste pour jeune homme motivé.", "critere_age"),
    ("Senior exclu.", "critere_age"),
    ("Candidats de 25-35 ans.", "limite_age"),
    ("Âgé de 25 à 35 ans.", "limite_age"),
    ("Avoir moins de 30 ans.", "limite_age"),
    ("Avoir entre 20 et 30 ans.", "limite_age"),
    ("45 ans maximum.", "limite_age"),
    ("Limite d'âge : 40 ans.", "limite_age"),
    ("Candidat de type européen.", "critere_origine"),
    ("Profil non typé.", "critere_origine"),
    ("NON-TYPÉE de préférence.", "critere_origine"),
    ("Nationalité française exigée.", "critere_origine"),
    ("Sans accent.", "critere_langue"),
    ("Langue maternelle française.", "critere_langue"),
    ("Français langue maternelle.", "critere_langue"),
    ("Célibataire de préférence.", "critere_famille"),
    ("CÉLIBATAIRES uniquement.", "critere_famille"),
    ("Sans enfant.", "critere_famille"),
    ("Pas d'enfants à charge.", "critere_famille"),
    ("Pas de projet de grossesse.", "critere_famille"),
    ("En bonne santé.", "critere_sante"),
    ("Personne valide.", "critere_sante"),
    ("Pas de travailleur handicapé.", "critere_sante"),
    ("Bonne présentation exigée.", "critere_apparence"),
    ("Physique agréable.", "critere_apparence"),
    ("Habitant du quartier de la Bastide uniquement.", "critere_residence"),
    ("Uniquement des femmes.", "critere_sexe"),
    ("Hommes de préférence.", "critere_sexe"),
    ("Pas de syndiqués.", "critere_opinions"),
    ("Opinions politiques compatibles avec la direction.", "critere_opinions"),
    ("Pas de voile.", "critere_religion"),
    ("Candidat catholique pratiquant.", "critere_religion"),
    ("Bonnes mœurs exigées.", "critere_moeurs"),
    ("Nom à consonance française.", "critere_nom"),
    ("Interdits bancaires s'abstenir.", "critere_vulnerabilite"),
    ("Domiciliation bancaire en France.", "critere_banque"),
]


@pytest.mark.parametrize(("sentence", "code"), FLAGGED)
def test_a_discriminating_wording_is_flagged(sentence, code):
    description = BODY + f"<p>{sentence}</p>"
    found = findings_of(code, "Vendeur H/F", description)
    assert found, f"{code} expected in {sentence!r}"
    for finding in found:
        assert description[finding.start:finding.end] == finding.excerpt
        assert finding.message


HARMLESS = [
    "Jeune entreprise dynamique implantée depuis 2019.",
    "Aide aux personnes âgées à leur domicile.",
    "Accompagnement des personnes en situation de handicap.",
    "Priorité aux bénéficiaires de l'obligation d'emploi à compétences égales.",
    "Accueil des enfants de 3 à 6 ans à l'école maternelle.",
    "Expérience de plus de 10 ans souhaitée.",
    "Entreprise familiale créée il y a plus de 30 ans.",
    "Une expérience de 2 à 5 ans est appréciée.",
    "Accompagnement des jeunes de 16 à 25 ans vers l'emploi.",
    "Vous animerez des ateliers auprès des jeunes du quartier.",
    "Éducateur de jeunes enfants en crèche.",
    "Remplacement d'un congé maternité.",
    "Ce poste est ouvert à tous, sans distinction d'âge, de sexe ou d'origine.",
    "Entreprise de taille humaine, travail physique en extérieur.",
    "Permis poids lourd exigé, taille de haies et tonte.",
    "Présentation des produits à la clientèle.",
    "Vous travaillerez en autonomie auprès de personnes en perte d'autonomie.",
    "Le diplôme d'État validé est obligatoire.",
    "Établissement de santé privé, mutuelle santé prise en charge à 100 %.",
    "Le titre de séjour en cours de validité est demandé aux candidats étrangers hors UE.",
    "Suivi des jeunes en insertion et des demandeurs d'emploi.",
    "Élevage de chevaux de race, soins quotidiens aux animaux.",
]


@pytest.mark.parametrize("sentence", HARMLESS)
def test_a_harmless_use_is_not_flagged(sentence):
    found = [f for f in check_offer("Vendeur H/F", BODY + f"<p>{sentence}</p>") if f.code.startswith(("critere",
                                                                                                      "limite"))]
    assert found == []


def test_matching_ignores_line_breaks_capitals_accents_and_inline_tags():
    description = BODY + "<p>Candidat SANS\n   ENFANTS, <strong>non</strong>\n<em>type</em>, celibataire.</p>"
    found = check_offer("Vendeur H/F", description)
    assert {"critere_famille", "critere_origine"} <= {f.code for f in found}
    excerpts = {f.excerpt for f in found}
    assert {"SANS\n   ENFANTS", "non\ntype", "celibataire"} <= excerpts


def test_an_excerpt_spanning_tags_maps_back_to_the_html_source():
    description = BODY + "<p>Profil : 25 &agrave; 35 ans.</p>"
    [finding] = findings_of("limite_age", "Vendeur H/F", description)
    assert finding.excerpt == "25 à 35 ans"
    assert description[finding.start:finding.end] == "25 &agrave; 35 ans"


# --- Language, contact details, length -------------------------------------------------------------

def test_an_offer_written_in_english_is_blocking():
    english = ("<p>We are looking for a sales assistant to join our team in Carcassonne. You will be in charge of "
               "the shop and you will work with our customers. The role is full time and you should have strong "
               "skills in customer service.</p>")
    [finding] = findings_of("offre_non_francais", "Sales assistant H/F", english)
    assert finding.severity == "bloquant"


def test_a_short_english_title_with_a_french_description_is_fine():
    assert "offre_non_francais" not in codes("Community manager H/F")
    bilingual = BODY + "<p>Anglais courant : « customer service » et « team leader » sont des atouts.</p>"
    assert "offre_non_francais" not in codes("Sales assistant H/F", bilingual)


@pytest.mark.parametrize(("sentence", "code", "excerpt"), [
    ("Appelez le 06 12 34 56 78.", "coordonnees_telephone", "06 12 34 56 78"),
    ("Appelez le +33 4.68.12.34.56.", "coordonnees_telephone", "+33 4.68.12.34.56"),
    ("Écrivez à Jean.Dupont@gmail.com.", "coordonnees_email", "Jean.Dupont@gmail.com"),
    ("Postulez sur https://boulangerie-exemple.fr/emplois.", "coordonnees_url", "https://boulangerie-exemple.fr/emplois."),
    ("Voir www.boulangerie.fr", "coordonnees_url", "www.boulangerie.fr"),
])
def test_contact_details_in_the_description_are_flagged(sentence, code, excerpt):
    [finding] = findings_of(code, "Vendeur H/F", BODY + f"<p>{sentence}</p>")
    assert finding.excerpt == excerpt


def test_a_link_hidden_behind_a_word_is_flagged():
    description = BODY + '<p><a href="mailto:rh@exemple.fr">Écrivez-nous</a></p>'
    [finding] = findings_of("coordonnees_email", "Vendeur H/F", description)
    assert finding.excerpt == "rh@exemple.fr"


def test_salary_and_hours_are_not_contact_details():
    description = BODY + "<p>Salaire : 1 850 € brut par mois, 35 heures, SIRET 123 456 789 00012.</p>"
    assert not {c for c in codes("Vendeur H/F", description) if c.startswith("coordonnees")}


def test_a_description_too_short_is_blocking():
    [finding] = findings_of("description_trop_courte", "Vendeur H/F", "<p>Vente en boulangerie.</p>")
    assert finding.severity == "bloquant"
    assert "caractères" in finding.message
    assert not findings_of("description_trop_courte", "Vendeur H/F")


def test_a_clean_offer_has_no_finding():
    assert check_offer("Vendeur en boulangerie H/F", BODY) == []


def test_empty_input_never_raises():
    assert {f.code for f in check_offer("", "")} == {"mention_hf_manquante", "description_trop_courte"} - {
        "mention_hf_manquante"}


# --- The module's building blocks ----------------------------------------------------------------

def test_the_folded_view_keeps_offsets_to_the_original():
    text = FoldedText("<p>Œuvre&nbsp;  ÉLECTRICIEN</p>", is_html=True)
    assert text.folded.strip() == "oeuvre electricien"
    start = text.folded.index("electricien")
    assert text.excerpt(start, start + len("electricien")) == "ÉLECTRICIEN"


def test_findings_serialise_and_count_by_severity():
    findings = check_offer("Vendeur", "<p>Court.</p>")
    as_dicts = [f.as_dict() for f in findings]
    assert [Finding(**d) for d in as_dicts] == findings
    assert count_by_severity(findings) == {"bloquant": 2, "a_verifier": 0}
    assert json.dumps(as_dicts)


def test_every_lexicon_pattern_compiles_and_every_severity_is_known():
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    for entry in data["criteria"]:
        assert entry["severity"] in {"bloquant", "a_verifier"}
        for pattern in [*entry["patterns"], *entry.get("exceptions", [])]:
            re.compile(pattern)
    assert set(data["severities"].values()) <= {"bloquant", "a_verifier"}
    assert load_lexicon() is load_lexicon()


# --- More labelled examples ------------------------------------------------------------------------

@pytest.mark.parametrize("title", [
    "Vendeur(euse) en prêt-à-porter", "Directeur·rice d'agence", "Agent.e d'entretien", "Serveur/se",
    "Aide-soignant(e)",
    "Vendeur - H/F", "Chef de rang (F/H)", "H/F Magasinier", "Vendeur H / F - CDI", "Gestionnaire de paie",
    "Boulanger ou boulangère",
])
def test_more_accepted_titles(title):
    assert not {"mention_hf_manquante", "titre_genre"} & codes(title)


@pytest.mark.parametrize("title", ["Assistante maternelle H/F", "Serveuse (H/F)", "Aide-soignante H/F",
                                   "Homme toutes mains H/F"])
def test_more_gendered_titles_with_the_mention(title):
    assert "titre_genre" in codes(title)


def test_an_age_limit_in_an_apprenticeship_context_is_only_to_check():
    [finding] = findings_of("limite_age", "Apprenti boulanger H/F",
                            BODY + "<p>Contrat d'apprentissage : avoir moins de 30 ans.</p>")
    assert finding.severity == "a_verifier"
    [finding] = findings_of("limite_age", "Vendeur H/F", BODY + "<p>Avoir moins de 30 ans.</p>")
    assert finding.severity == "bloquant"


@pytest.mark.parametrize("sentence", [
    "Accompagnement des jeunes de moins de 26 ans vers l'emploi.",
    "Être âgé de 18 ans minimum pour la vente d'alcool.",
    "Poste nécessitant le port de charges.",
    "Notre entreprise existe depuis 25 ans.",
    "Vous serez en contact avec des personnes de plus de 60 ans.",
    "Formation de 12 à 18 mois.",
    # A physical demand of the work is lawful (issue 19: « port de charges lourdes » without a reservation).
    "Bonne condition physique pour la manutention.",
    "Résidence autonomie pour personnes âgées, animation et accueil.",
])
def test_more_harmless_sentences(sentence):
    found = [f for f in check_offer("Vendeur H/F", BODY + f"<p>{sentence}</p>") if f.code.startswith(("critere",
                                                                                                      "limite"))]
    assert found == []


@pytest.mark.parametrize(("sentence", "code", "severity"), [
    ("Pas de tatouages visibles.", "critere_apparence", "a_verifier"),
    ("Habiter à proximité du quartier.", "critere_residence", "a_verifier"),
    ("Jeunes diplômés bienvenus.", "critere_age", "a_verifier"),
    ("Pas de RQTH.", "critere_sante", "bloquant"),
    ("Taille 38 maximum.", "critere_apparence", "bloquant"),
])
def test_severity_of_more_wordings(sentence, code, severity):
    found = findings_of(code, "Vendeur H/F", BODY + f"<p>{sentence}</p>")
    assert [f.severity for f in found] == [severity]


def test_a_young_team_is_only_to_check_but_a_young_candidate_is_blocking():
    [team] = findings_of("critere_age", "Vendeur H/F", BODY + "<p>Rejoignez une équipe jeune et dynamique !</p>")
    assert team.severity == "a_verifier"
    [profile] = findings_of("critere_age", "Vendeur H/F", BODY + "<p>Profil recherché : jeune et dynamique.</p>")
    assert profile.severity == "bloquant"


@settings(max_examples=150, deadline=None)
@given(title=st.text(max_size=80), description=st.lists(st.sampled_from(
    list("abcdeéèàùœ ÉA0123456789<>/&;#'\"-·.()@\n") + ["<p>", "</p>", "&amp;", "&#233;", "<br>", " ans", "jeune",
                                                       "sans enfant", "06 12 34 56 78", "<a href='x.fr'>"]),
    max_size=120).map("".join))
def test_any_input_gives_findings_with_offsets_inside_the_fields(title, description):
    for finding in check_offer(title, description):
        source = title if finding.field == "title" else description
        assert 0 <= finding.start <= finding.end <= len(source)
        assert finding.severity in {"bloquant", "a_verifier"}


@pytest.mark.parametrize(("sentence", "code"), [
    ("Un test génétique sera demandé.", "critere_genetique"),
    ("Pas de lanceurs d'alerte.", "critere_lanceur_alerte"),
    ("Aucun mandat électif en cours.", "critere_opinions"),
    ("Identité de genre conforme.", "critere_sexe"),
    ("Sans perte d'autonomie.", "critere_sante"),
    ("Surendettés s'abstenir.", "critere_vulnerabilite"),
    ("Origine européenne souhaitée.", "critere_origine"),
    ("Orientation sexuelle indifférente mais discrète.", "critere_moeurs"),
    ("Athées de préférence.", "critere_religion"),
    ("Nom de famille à consonance française.", "critere_nom"),
    ("Compte bancaire dans une banque française.", "critere_banque"),
    ("Pas de personnes handicapées.", "critere_sante"),
])
def test_every_criterion_of_article_l1132_1_has_a_wording(sentence, code):
    assert findings_of(code, "Vendeur H/F", BODY + f"<p>{sentence}</p>")


# --- Rules widened after the held-out set (tests/moderation/corpus/heldout.jsonl): each pinned on wordings found
# in neither corpus, so that a rule is a shape of sentence, not the one example that revealed it.

@pytest.mark.parametrize("title", ["Garçon de café", "Homme d'entretien", "Dame de compagnie", "Fille de salle"])
def test_a_title_named_after_the_persons_sex_without_a_mention_is_a_reservation_by_sex(title):
    assert {"critere_sexe", "mention_hf_manquante"} <= codes(title)


@pytest.mark.parametrize("title", ["Garçon de café H/F", "Femme de chambre / Valet de chambre",
                                   "Homme ou femme de ménage"])
def test_a_title_named_after_the_sex_but_open_to_both_is_no_reservation(title):
    assert "critere_sexe" not in codes(title)


@pytest.mark.parametrize("sentence", [
    "Les pères de trois enfants ne seront pas retenus.",
    "Parents d'enfants en bas âge : merci de ne pas postuler.",
    "Nous ne prendrons pas de maman de jeunes enfants.",
])
def test_a_parent_named_by_their_children_and_excluded_is_caught(sentence):
    assert "critere_famille" in codes("Vendeur H/F", BODY + f"<p>{sentence}</p>")


@pytest.mark.parametrize("sentence, code", [
    ("Priorité sera donnée aux candidats de confession musulmane.", "critere_religion"),
    ("La priorité ira aux candidates mariées.", "critere_famille"),
    ("Priorité aux habitants du village.", "critere_residence"),
])
def test_a_priority_given_to_a_protected_group_is_no_longer_lawful(sentence, code):
    assert code in codes("Vendeur H/F", BODY + f"<p>{sentence}</p>")


@pytest.mark.parametrize("sentence", [
    "Priorité aux bénéficiaires de l'obligation d'emploi des travailleurs handicapés.",
    "Priorité donnée aux candidatures internes, puis aux demandeurs d'emploi du bassin.",
])
def test_a_priority_the_law_allows_stays_lawful(sentence):
    assert not {code for code in codes("Vendeur H/F", BODY + f"<p>{sentence}</p>") if code.startswith("critere_")}


@pytest.mark.parametrize("sentence", [
    "Vous présentez nos offres aux habitués du marché, exigeants sur la fraîcheur.",
    "Vous tenez à jour le registre des habitations louées, rigueur indispensable.",
    "Nos clients habitent souvent loin : permis B obligatoire.",
    "Vous assurez la protection des lanceurs d'alerte de l'entreprise.",
    "Vous accompagnez les lanceurs d'alerte dans leurs démarches.",
])
def test_words_about_other_people_or_the_laws_protection_are_no_finding(sentence):
    assert not {code for code in codes("Vendeur H/F", BODY + f"<p>{sentence}</p>") if code.startswith("critere_")}


@pytest.mark.parametrize("sentence", [
    "Vous devez habiter à moins de 5 km du magasin.",
    "Seuls les candidats qui habitent la commune seront reçus.",
])
def test_where_the_candidate_lives_is_still_caught(sentence):
    assert "critere_residence" in codes("Vendeur H/F", BODY + f"<p>{sentence}</p>")
