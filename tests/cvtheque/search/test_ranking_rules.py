"""The ranking's rules (``ranking.LEVELS``) on small hand-made sets, each on every path giving results
(``search_path``). In each set the CVs are created best last, so that freshness alone would give the
reverse order: a rule that stopped holding would fail its test."""

import pytest

from cvtheque.search.text import normalize
from tests.cvtheque.factories import CVFactory
from tests.referentials.factories import MetierFactory

pytestmark = pytest.mark.django_db


def test_an_exact_metier_beats_its_own_words_in_the_titre_which_beat_a_synonym_in_the_titre(search_path):
    MetierFactory(name="Vendeur", name_feminine="Vendeuse", synonyms=["Conseiller de vente"])
    synonym = CVFactory(visible=True, headline="Conseillère de vente en boutique")
    own_words = CVFactory(visible=True, headline="Vendeuse en boutique de jouets")
    exact = CVFactory(visible=True, headline="Vendeuse")
    assert search_path.found(q="vendeuse") == [exact, own_words, synonym]


def test_a_query_word_in_the_profile_beats_the_same_word_only_in_the_text(search_path):
    in_text = CVFactory(visible=True, headline="Réceptionniste", experience="Accueil de clients en anglais")
    in_profile = CVFactory(visible=True, headline="Réceptionniste", skills="Anglais courant")
    assert search_path.found(q="anglais") == [in_profile, in_text]


def test_the_metier_with_the_requirement_in_the_profile_beats_it_in_the_text_and_the_words_elsewhere(search_path):
    plongeur = MetierFactory(name="Plongeur de test", name_feminine="Plongeuse de test", synonyms=[])
    words_in_profile = CVFactory(visible=True, headline="Employé polyvalent", skills="Plongeur de test, HACCP")
    requirement_in_text = CVFactory(visible=True, headline="Plongeur de test", metiers=[plongeur],
                                    experience="Formation HACCP en 2022")
    requirement_in_profile = CVFactory(visible=True, headline="Plongeur de test", metiers=[plongeur],
                                       skills="HACCP")
    everything_in_titre = CVFactory(visible=True, headline="Plongeur de test HACCP", metiers=[plongeur])
    assert search_path.found(q="plongeur de test HACCP") == [
        everything_in_titre, requirement_in_profile, requirement_in_text, words_in_profile]


def test_a_multi_word_metier_typed_is_matched_as_a_phrase_before_its_single_words(search_path):
    MetierFactory(name="Aide à domicile", name_feminine="Aide à domicile", synonyms=["Auxiliaire de vie"])
    single_words = CVFactory(visible=True, headline="Aide cuisinière, repas livrés à domicile")
    phrase = CVFactory(visible=True, headline="Assistante de vie, aide à domicile polyvalente")
    exact = CVFactory(visible=True, headline="Aide à domicile")
    assert search_path.found(q="aide à domicile") == [exact, phrase, single_words]


def test_synonym_expansion_keeps_the_other_words_of_the_query(search_path):
    MetierFactory(name="Vendeur", name_feminine="Vendeuse", synonyms=["Conseiller de vente"])
    CVFactory(visible=True, headline="Conseillère de vente", skills="Espagnol")
    with_requirement = CVFactory(visible=True, headline="Conseillère de vente", skills="Anglais")
    assert search_path.found(q="vendeuse anglais") == [with_requirement]


def test_permit_and_caces_categories_are_words_and_a_negated_permit_is_not_a_permit(search_path):
    assert normalize("Permis C + CE") == "permis c permisc ce permisce"
    assert normalize("CACES R489 catégorie 3") == "caces r489 categorie 3 caces3"
    assert normalize("je n'ai pas le permis B") == "je n ai pas le permis b"
    assert normalize("permis B en cours d'obtention") == "permis b en cours d obtention"
    heavy = CVFactory(visible=True, headline="Chauffeur", skills="Permis C + CE", driving_licence=False)
    car = CVFactory(visible=True, headline="Chauffeur", summary="Permis B, véhiculé", driving_licence=False)
    CVFactory(visible=True, headline="Chauffeur", summary="Je n'ai pas le permis B", driving_licence=False)
    CVFactory(visible=True, headline="Chauffeur", summary="Sans permis, pas de véhicule", driving_licence=False)
    assert search_path.found(q="permis CE") == [heavy]  # « ce » alone is a stop word
    # a C licence is held with the B one (``cvs.facts``): both hold B, the freshest first
    assert search_path.found(q="permis B") == [car, heavy]
    assert search_path.found(q="chauffeur permis C") == [heavy]


# --- facts the CV's text states (``cvs.facts``) -----------------------------------------------------------------


def test_the_permit_filter_finds_a_licence_written_only_in_the_text_and_not_a_negated_one(search_path):
    ticked = CVFactory(visible=True, driving_licence=True)
    in_text = CVFactory(visible=True, extracted_text="Permis B, véhiculée")
    lorry = CVFactory(visible=True, skills="Permis C")  # a C licence is held with the B one
    CVFactory(visible=True, extracted_text="Je n'ai pas le permis B")
    CVFactory(visible=True, summary="Permis B en cours d'obtention")
    assert search_path.found(driving_licence=True) == [lorry, in_text, ticked]


def test_a_diploma_written_only_in_the_text_is_evidence_of_the_profile_and_a_negated_one_only_words(search_path):
    holder = CVFactory(visible=True, headline="Assistante export", extracted_text="Formation\nBTS CI (2019)")
    CVFactory(visible=True, headline="Assistante export", extracted_text="Formation\nBTS MCO\nBac pro Commerce")
    negated = CVFactory(visible=True, headline="Assistante export",
                        extracted_text="Préparation du BTS Commerce international (non validé)")
    # « BTS CI » is the diploma named: found through its fact; the one not obtained is found by its words, after
    assert search_path.found(q="BTS commerce international") == [holder, negated]


def test_a_bare_caces_or_permis_query_ranks_a_holder_above_a_negated_mention(search_path):
    caces_in_text = CVFactory(visible=True, headline="Agent logistique", extracted_text="CACES R489 cat. 3")
    no_caces = CVFactory(visible=True, headline="Agent logistique", skills="Pas de CACES, port de charges")
    assert search_path.found(q="CACES") == [caces_in_text, no_caces]
    licence_in_text = CVFactory(visible=True, headline="Aide à domicile", extracted_text="Permis B, véhiculée")
    no_licence = CVFactory(visible=True, headline="Aide à domicile", summary="Je n'ai pas le permis B")
    assert search_path.found(q="permis") == [licence_in_text, no_licence]
    assert search_path.found(q="permis B") == [licence_in_text]  # the negated licence is not the B licence


def test_a_caces_category_written_only_in_the_text_ranks_with_the_metier_as_a_profile_requirement(search_path):
    cariste = MetierFactory(name="Cariste", name_feminine="Cariste", synonyms=[])
    words_elsewhere = CVFactory(visible=True, headline="Employé polyvalent", skills="cariste, CACES 3")
    in_text = CVFactory(visible=True, headline="Cariste", metiers=[cariste], extracted_text="CACES R489 catégorie 3")
    CVFactory(visible=True, headline="Cariste", metiers=[cariste], skills="CACES 3 en cours")
    assert search_path.found(q="cariste CACES 3") == [in_text, words_elsewhere]


def test_a_metier_synonym_stating_a_requirement_keeps_it_in_the_order(search_path):
    soudeur = MetierFactory(name="Soudeur", name_feminine="Soudeuse", synonyms=["Soudeur TIG", "Soudeur MIG"])
    without = CVFactory(visible=True, headline="Soudeur", metiers=[soudeur], skills="MIG, meulage")
    in_text = CVFactory(visible=True, headline="Soudeur", metiers=[soudeur], extracted_text="Procédé TIG (141)")
    in_profile = CVFactory(visible=True, headline="Soudeuse", metiers=[soudeur], skills="soudure TIG inox")
    titled = CVFactory(visible=True, headline="Soudeur TIG", metiers=[soudeur])
    # every soudeur is found (the synonym's other names), those stating TIG first: in the titre, the profile, the text
    assert search_path.found(q="soudeur TIG") == [titled, in_profile, in_text, without]
    # a soudeur is not a TIG welder by the synonyms of his métier
    assert search_path.found(q="TIG") == [titled, in_profile, in_text]
