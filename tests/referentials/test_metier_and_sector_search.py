import pytest

from referentials.models import Metier, MetierFamily
from referentials.sectors import resolve_sector
from referentials.services import resolve_metier, search_metiers, search_sectors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("preparatrice commande", "Préparateur de commandes"),
        ("Préparatrice de commandes", "Préparateur de commandes"),
        ("preparateur commande", "Préparateur de commandes"),
        ("aide a domicile", "Aide à domicile"),
        ("auxiliaire de vie", "Aide à domicile"),
        ("soudeur", "Soudeur"),
        ("soudeuse", "Soudeur"),
        ("vendeuse", "Vendeur"),
        ("glaciere", "Glacier"),
        ("electricien", "Électricien"),
        ("ÉLECTRICIENNE", "Électricien"),
        ("comptable", "Comptable"),
        ("assistante de direction", "Assistant de direction"),
        ("commerciale", "Commercial"),
        ("soudeure", "Soudeur"),
        ("infirmiere", "Infirmier"),
        ("Vendeur / Vendeuse", "Vendeur"),
    ],
)
def test_metier_query_has_the_expected_top_result(query, expected):
    results = search_metiers(query)
    assert results, query
    assert results[0].name == expected


def test_a_family_query_returns_metiers_of_that_family():
    results = search_metiers("BTP", limit=10)
    assert len(results) == 10
    btp = MetierFamily.objects.get(name__contains="BTP")
    assert results[0].family == btp
    assert sum(m.family == btp for m in results) >= 8


def test_metiers_are_ranked_name_before_synonym_before_family():
    results = search_metiers("cuisinier", limit=10)
    assert results[0].name == "Cuisinier"
    names = [m.name for m in results]
    assert names.index("Cuisinier") < names.index("Commis de cuisine")  # synonym « Aide-cuisinier » comes later


def test_the_curated_list_covers_every_sector_with_feminine_forms_and_synonyms():
    assert Metier.objects.count() >= 400
    families = set(MetierFamily.objects.values_list("name", flat=True))
    for word in ("Commerce", "BTP", "Industrie", "Hôtellerie-restauration", "Aide à domicile", "Santé",
                 "Transport et logistique", "viticulture", "Administration", "Informatique"):
        assert any(word in family for family in families), word
    assert Metier.objects.exclude(name_feminine="").count() == Metier.objects.count()
    assert Metier.objects.exclude(synonyms=[]).count() > 350
    assert str(Metier.objects.get(name="Préparateur de commandes")) == (
        "Préparateur de commandes / Préparatrice de commandes")


def test_staff_edits_are_searchable_at_once():
    metier = Metier.objects.get(name="Glacier")
    metier.synonyms = [*metier.synonyms, "Turbineur de sorbets"]
    metier.save()
    assert search_metiers("turbineur")[0] == metier


def test_renaming_a_family_updates_the_search_of_its_metiers():
    family = Metier.objects.get(name="Soudeur").family
    family.name = "Métallurgie lourde"
    family.save()
    assert Metier.objects.get(name="Soudeur") in search_metiers("metallurgie lourde", limit=50)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("47.11F", "47.11F"),
        ("4711F", "47.11F"),
        ("47.11F – Hypermarchés", "47.11F"),
        ("hypermarche", "47.11F"),
        ("restauration traditionnelle", "56.10A"),
        ("programmation informatique", "62.01Z"),
        ("boulangerie", "10.71C"),
        ("culture de la vigne", "01.21Z"),
    ],
)
def test_sector_query_has_the_expected_top_result(query, code):
    results = search_sectors(query)
    assert results, query
    assert results[0].code == code


def test_sector_code_prefix_lists_the_subclasses_in_order():
    codes = [s.code for s in search_sectors("47.1", limit=20)]
    assert codes == sorted(codes)
    assert all(code.startswith("47.1") for code in codes)


def test_only_subclasses_are_sectors_a_company_can_choose():
    assert all(s.section_id for s in search_sectors("commerce", limit=50))


def test_resolvers_return_none_when_nothing_matches():
    assert resolve_metier("zzqxw") is None
    assert resolve_sector("zzqxw") is None
    assert resolve_sector("") is None
