"""Query semantics of the CVthèque search, one test per rule, each on every path giving results (``search_path``)."""

import pytest
import time_machine
from django.http import QueryDict

from cvtheque.cvs.enums import Availability, ContractType, CVSource, EducationLevel
from cvtheque.models import CV
from cvtheque.search.highlight import highlight
from cvtheque.search.params import CVSearchParams
from cvtheque.search.text import masculine, normalize
from referentials.query import build_tsquery
from tests.cvtheque.factories import CVFactory
from tests.referentials.factories import CommuneFactory, EpciFactory, MetierFactory

pytestmark = pytest.mark.django_db


def test_normalize_folds_accents_case_punctuation_and_feminine_forms():
    assert normalize("Préparatrice de COMMANDES, Bac+2") == "preparateur de commandes bac2"
    assert normalize("bac + 5, Bachelor") == "bac5 bachelor"
    assert masculine("vendeuse") == "vendeur"
    assert masculine("electricienne") == "electricien"


def test_words_in_any_order_and_all_required(search_path):
    cv = CVFactory(visible=True, headline="Commercial terrain", skills="Prospection, négociation")
    CVFactory(visible=True, headline="Commercial sédentaire")
    assert search_path.found(q="négociation commercial") == [cv]


def test_accents_and_case_are_ignored_both_ways(search_path):
    cv = CVFactory(visible=True, headline="Électricien bâtiment")
    assert search_path.found(q="ELECTRICIEN BATIMENT") == [cv]
    other = CVFactory(visible=True, headline="electricien industriel")
    assert set(search_path.found(q="Électricien")) == {cv, other}


def test_french_stemming_matches_plural_and_derived_forms(search_path):
    cv = CVFactory(visible=True, headline="Préparateur de commandes")
    assert search_path.found(q="preparatrice commande") == [cv]


def test_feminine_forms_find_masculine_ones_and_back(search_path):
    vendeur = CVFactory(visible=True, headline="Vendeur en boulangerie")
    vendeuse = CVFactory(visible=True, headline="Vendeuse prêt-à-porter")
    assert set(search_path.found(q="vendeuse")) == {vendeur, vendeuse}
    assert set(search_path.found(q="vendeur")) == {vendeur, vendeuse}


def test_metier_synonyms_from_the_referential_expand_the_query(search_path):
    metier = MetierFactory(name="Aide à domicile", name_feminine="Aide à domicile", synonyms=["Auxiliaire de vie"])
    cv = CVFactory(visible=True, headline="Auxiliaire de vie sociale")
    CVFactory(visible=True, headline="Aide comptable")
    assert metier.pk
    assert search_path.found(q="aide à domicile") == [cv]


def test_linked_metiers_are_searchable_with_all_their_forms(search_path):
    metier = MetierFactory(name="Vendeur", name_feminine="Vendeuse", synonyms=["Conseiller de vente"])
    cv = CVFactory(visible=True, headline="Employée polyvalente", metiers=[metier])
    assert search_path.found(q="conseillère de vente") == [cv]


def test_quoted_phrase_requires_adjacent_words(search_path):
    cv = CVFactory(visible=True, headline="Assistante de direction")
    CVFactory(visible=True, headline="Assistante commerciale", skills="Gestion, direction d'équipe")
    assert search_path.found(q='"assistante de direction"') == [cv]
    assert len(search_path.found(q="assistante direction")) == 2


def test_ou_and_or_give_alternatives(search_path):
    soudeur = CVFactory(visible=True, headline="Soudeur TIG")
    glacier = CVFactory(visible=True, headline="Glacier saisonnier")
    CVFactory(visible=True, headline="Comptable")
    assert set(search_path.found(q="soudeur OU glacier")) == {soudeur, glacier}
    assert set(search_path.found(q="soudeur or glacier")) == {soudeur, glacier}


def test_minus_excludes_a_word(search_path):
    cv = CVFactory(visible=True, headline="Comptable", skills="Paie, bilan")
    CVFactory(visible=True, headline="Comptable", skills="Stage de fin d'études")
    assert search_path.found(q="comptable -stage") == [cv]


def test_full_text_of_the_document_filters(search_path):
    cv = CVFactory(visible=True, headline="Technicien", extracted_text="Habilitation électrique B1V, CACES R489")
    assert search_path.found(q="caces") == [cv]


def test_ranking_puts_cvs_having_the_words_in_their_title_first_then_fresher(search_path):
    with time_machine.travel("2026-01-01"):
        older_title = CVFactory(visible=True, headline="Aide à domicile", skills="Permis B")
    in_text_only = CVFactory(visible=True, headline="Agent d'entretien", experience="Aide à domicile, permis B")
    fresh_title = CVFactory(visible=True, headline="Aide à domicile", skills="Permis B")
    assert search_path.found(q="PERMIS B AIDE À DOMICILE") == [fresh_title, older_title, in_text_only]


def test_only_visible_cvs_are_ever_found(search_path):
    CVFactory(headline="Soudeur")
    visible = CVFactory(visible=True, headline="Soudeur")
    assert search_path.found(q="soudeur") == [visible]
    assert search_path.found() == [visible]


def test_rqth_only_needs_the_declaration_and_the_consent_to_show_it(search_path):
    shown = CVFactory(visible=True, rqth_shown=True, headline="Soudeur")
    CVFactory(visible=True, rqth=True, rqth_visible=False, headline="Soudeur")
    CVFactory(visible=True, headline="Soudeur")
    assert search_path.found(q="soudeur", rqth_only=True) == [shown]


def test_place_restricts_to_the_communes_of_an_epci(search_path):
    agglo = EpciFactory()
    carcassonne = CommuneFactory(name="Carcassonne", epci=agglo, latitude=43.21, longitude=2.35)
    narbonne = CommuneFactory(name="Narbonne", latitude=43.18, longitude=3.0)
    here = CVFactory(visible=True, headline="Préparateur de commandes", commune=carcassonne)
    CVFactory(visible=True, headline="Préparateur de commandes", commune=narbonne)
    assert search_path.found(q="preparatrice commande", place="Carcassonne Agglo") == [here]
    assert search_path.found(q="preparatrice commande", place="Lieu inconnu") == []


def test_a_cv_whose_mobility_reaches_the_searched_commune_matches(search_path):
    CommuneFactory(name="Carcassonne", latitude=43.21, longitude=2.35)
    narbonne = CommuneFactory(name="Narbonne", latitude=43.18, longitude=3.0)  # ≈ 53 km
    mobile = CVFactory(visible=True, headline="Soudeur", commune=narbonne, mobility_km=60)
    CVFactory(visible=True, headline="Soudeur", commune=narbonne, mobility_km=30)
    assert search_path.found(q="soudeur", place="Carcassonne") == [mobile]


def test_radius_around_a_commune(search_path):
    carcassonne = CommuneFactory(name="Carcassonne", latitude=43.21, longitude=2.35)
    trebes = CommuneFactory(name="Trèbes", latitude=43.21, longitude=2.44)  # ≈ 7 km
    CommuneFactory(name="Narbonne", latitude=43.18, longitude=3.0)
    near = CVFactory(visible=True, headline="Soudeur", commune=trebes)
    assert carcassonne.pk
    assert search_path.found(q="soudeur", place="Carcassonne", radius_km=10) == [near]
    assert search_path.found(q="soudeur", place="Carcassonne") == []


def test_refinements_contract_availability_licence_education_freshness_source(search_path):
    with time_machine.travel("2025-01-01"):
        CVFactory(visible=True, headline="Comptable", contract_types=[ContractType.CDI])
    cv = CVFactory(
        visible=True, headline="Comptable", contract_types=[ContractType.CDI], availability=Availability.ONE_MONTH,
        driving_licence=True, education_level=EducationLevel.BAC3, source=CVSource.SPOUSE, owner=None,
    )
    assert search_path.found(q="comptable", contract_types=[ContractType.CDI], updated_within_months=6) == [cv]
    assert search_path.found(q="comptable", availability=Availability.THREE_MONTHS, driving_licence=True) == [cv]
    assert search_path.found(q="comptable", availability=Availability.IMMEDIATE, updated_within_months=6) == []
    assert search_path.found(q="comptable", education_level=EducationLevel.BAC2, source=CVSource.SPOUSE) == [cv]
    assert search_path.found(q="comptable", education_level=EducationLevel.BAC5, updated_within_months=6) == []


def test_params_round_trip_through_the_query_string_and_ignore_garbage():
    params = CVSearchParams(q="soudeur", place="Aude", radius_km=20, rqth_only=True, contract_types=["cdi"])
    assert CVSearchParams.from_querydict(params.to_querydict()) == params
    assert CVSearchParams.from_querydict(QueryDict("q=a&ou=Aude")).place == "Aude"  # the dashboard's block
    garbage = CVSearchParams.from_querydict(QueryDict("radius_km=abc&contract_types=xx&education_level=zz&q=a"))
    assert garbage == CVSearchParams(q="a")


def test_a_query_of_only_exclusions_or_operators_matches_everything_visible(search_path):
    cv = CVFactory(visible=True, headline="Soudeur")
    assert build_tsquery("-stage OU", forms={}) == ""
    assert search_path.found(q="-stage OU") == [cv]


def test_highlight_marks_matching_words_keeping_accents_and_escaping_html():
    html = highlight("Préparatrice de <b>commandes</b>", ["prepar", "command"])
    assert html == "<mark>Préparatrice</mark> de &lt;b&gt;<mark>commandes</mark>&lt;/b&gt;"


def test_saving_a_cv_keeps_its_search_columns_up_to_date(search_path):
    cv = CVFactory(visible=True, headline="Soudeur")
    cv.refresh_from_db()
    stale = CV.objects.get(pk=cv.pk)
    stale.search_document = ""  # an in-memory copy never overwrites the stored search columns
    stale.headline = "Glacier"
    stale.save()
    assert search_path.found(q="glacier") == [cv] and search_path.found(q="soudeur") == []


def test_bac_plus_n_is_one_word_in_documents_queries_and_highlights(search_path):
    bac2 = CVFactory(visible=True, headline="Assistante", summary="Titulaire d'un BAC + 2 en gestion")
    CVFactory(visible=True, headline="Assistante", summary="Bac pro, 2 ans d'expérience")
    assert build_tsquery("BAC+2") == "'bac2'"
    assert search_path.found(q="bac+2") == [bac2]
    assert highlight("Niveau Bac+2 exigé", ["bac2"]) == "Niveau <mark>Bac+2</mark> exigé"
