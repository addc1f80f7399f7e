"""Place look-ups on the real referentials (loaded in the test database by tests/conftest.py)."""

import pytest

from referentials.enums import PlaceKind
from referentials.models import Commune, Epci
from referentials.services import (
    communes_within,
    distance_km,
    place_label,
    resolve_place,
    search_places,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "kind", "label"),
    [
        ("carcassonne", "commune", "Carcassonne (11000)"),
        ("Carcasonne", "commune", "Carcassonne (11000)"),
        ("CARCASSONNE", "commune", "Carcassonne (11000)"),
        ("11000", "commune", "Carcassonne (11000)"),
        ("st hilaire 11", "commune", "Saint-Hilaire (11250)"),
        ("Aude", "departement", "Aude (11)"),
        ("aude (11)", "departement", "Aude (11)"),
        ("Occitanie", "region", "Occitanie"),
        ("Carcassonne Agglo", "epci", "CA Carcassonne Agglo"),
        ("Hauts-de-France", "region", "Hauts-de-France"),
        ("hauts de france", "region", "Hauts-de-France"),
        ("Kourou", "commune", "Kourou (97310)"),
        ("castelnaudary", "commune", "Castelnaudary (11400)"),
        ("Sainte-Foy-la-Grande", "commune", "Sainte-Foy-la-Grande (33220)"),
        ("ste foy la grande", "commune", "Sainte-Foy-la-Grande (33220)"),
        ("ile de france", "region", "Île-de-France"),
        ("2A", "departement", "Corse-du-Sud (2A)"),
        ("973", "departement", "Guyane (973)"),
        ("Limoux (11300)", "commune", "Limoux (11300)"),
        ("Paris 15", "commune", "Paris 15e Arrondissement (75015)"),
        ("marseille 13", "commune", "Marseille (13001)"),  # 13 is its département
    ],
)
def test_place_query_has_the_expected_top_result(query, kind, label):
    results = search_places(query)
    assert results, query
    assert (results[0].kind, results[0].label) == (kind, label)


def test_kourou_is_in_guyane():
    kourou = search_places("Kourou")[0].obj
    assert kourou.departement.name == "Guyane"
    assert kourou.departement.region.name == "Guyane"


def test_bigger_communes_come_first_among_equal_matches():
    results = search_places("saint", limit=10, kinds=[PlaceKind.COMMUNE])
    populations = [p.obj.population for p in results]
    assert populations == sorted(populations, reverse=True)
    assert results[0].obj.population > 50000


def test_postal_code_prefix_finds_the_communes_of_that_area():
    results = search_places("113", kinds=[PlaceKind.COMMUNE])
    assert results
    assert all(any(code.startswith("113") for code in p.obj.postal_codes) for p in results)
    assert results[0].label == "Limoux (11300)"


def test_accents_case_and_hyphens_do_not_matter():
    expected = search_places("Île-de-France")[0]
    for query in ("ILE DE FRANCE", "île de france", "ile-de-france"):
        assert search_places(query)[0] == expected


def test_a_departement_code_narrows_the_communes():
    results = search_places("saint hilaire 11")
    assert results[0].obj.departement_id == "11"
    other = search_places("saint hilaire 03")
    assert other[0].obj.departement_id == "03"


def test_kinds_restrict_the_results():
    results = search_places("aude", kinds=[PlaceKind.COMMUNE])
    assert results
    assert {p.kind for p in results} == {PlaceKind.COMMUNE}


def test_labels_and_keys_resolve_back_to_the_same_place():
    for query in ("carcassonne", "Aude", "Occitanie", "Carcassonne Agglo", "Paris"):
        place = search_places(query)[0]
        assert resolve_place(place.label) == place
        assert resolve_place(place.key) == place


def test_a_commune_expands_to_itself_and_its_municipal_arrondissements():
    carcassonne = resolve_place("commune:11069")
    assert carcassonne.commune_ids() == [carcassonne.obj.pk]
    paris = resolve_place("commune:75056")
    assert len(paris.commune_ids()) == 21  # the city and its 20 arrondissements
    assert Commune.objects.filter(pk__in=paris.commune_ids(), kind="arrondissement-municipal").count() == 20


def test_carcassonne_agglo_expands_to_its_member_communes():
    agglo = resolve_place("Carcassonne Agglo")
    assert agglo.kind == PlaceKind.EPCI
    ids = agglo.commune_ids()
    assert len(ids) == Epci.objects.get(pk="200035715").communes.count() > 70
    assert Commune.objects.get(insee="11069").pk in ids
    assert Commune.objects.get(insee="11076").pk not in ids  # Castelnaudary: another EPCI


def test_departement_and_region_expand_to_their_communes():
    aude = resolve_place("departement:11")
    assert len(aude.commune_ids()) == Commune.objects.filter(departement_id="11").count() > 400
    occitanie = resolve_place("region:76")
    ids = set(occitanie.commune_ids())
    assert set(aude.commune_ids()) <= ids
    assert Commune.objects.get(insee="66136").pk in ids  # Perpignan
    assert Commune.objects.get(insee="75056").pk not in ids


def test_place_q_filters_a_foreign_key_to_commune():
    from companies.models import Company
    from tests.companies.factories import CompanyFactory

    in_aude = CompanyFactory(commune=Commune.objects.get(insee="11076"))
    CompanyFactory(commune=Commune.objects.get(insee="66136"))
    assert list(Company.objects.filter(resolve_place("Aude").q("commune"))) == [in_aude]
    assert list(Company.objects.filter(resolve_place("Castelnaudary").q("commune"))) == [in_aude]
    assert Company.objects.filter(resolve_place("Occitanie").q("commune")).count() == 2


def test_radius_50_km_around_carcassonne():
    carcassonne = Commune.objects.get(insee="11069")
    ids = set(communes_within(carcassonne, 50))
    castelnaudary = Commune.objects.get(insee="11076")
    perpignan = Commune.objects.get(insee="66136")
    assert 30 < distance_km(carcassonne, castelnaudary) < 40
    assert distance_km(carcassonne, perpignan) > 70
    assert carcassonne.pk in ids and castelnaudary.pk in ids
    assert perpignan.pk not in ids
    within = Commune.objects.filter(pk__in=ids)
    assert all(distance_km(carcassonne, c) <= 50.01 for c in within)
    # Aude villages by Perpignan (Fenouillèdes, Corbières maritimes) are not placed on Carcassonne.
    assert Commune.objects.get(insee="11145").pk not in ids  # Fitou


def test_radius_is_clamped_between_5_and_100_km():
    carcassonne = Commune.objects.get(insee="11069")
    assert set(communes_within(carcassonne, 1)) == set(communes_within(carcassonne, 5))
    assert set(communes_within(carcassonne, 1000)) == set(communes_within(carcassonne, 100))
    assert len(communes_within(carcassonne, 100)) > len(communes_within(carcassonne, 50))


def test_every_commune_has_coordinates_and_unmatched_ones_are_marked_approximate():
    assert Commune.objects.filter(latitude__isnull=True).count() <= 5
    assert not Commune.objects.get(insee="11069").approximate_location
    assert Commune.objects.filter(approximate_location=True).exists()


def test_commune_label_uses_its_first_postal_code():
    assert place_label(PlaceKind.COMMUNE, Commune.objects.get(insee="66136")) == "Perpignan (66000)"
