import pytest
from django.core.management import call_command

from referentials.loader import load_referentials, parse_metiers
from referentials.models import Commune, Departement, Epci, Metier, MetierFamily, Region, Sector

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        "regions": list(Region.objects.order_by("code").values_list()),
        "departements": list(Departement.objects.order_by("code").values_list()),
        "epci": list(Epci.objects.order_by("code").values_list()),
        "communes": list(Commune.objects.order_by("insee").values_list()),
        "sectors": list(Sector.objects.order_by("code").values_list()),
        "metiers": list(Metier.objects.order_by("name").values_list()),
        "families": list(MetierFamily.objects.order_by("slug").values_list()),
    }


def test_the_real_referentials_are_loaded():
    assert Region.objects.count() == 26 and Region.objects.filter(code="76", name="Occitanie").exists()
    assert Departement.objects.count() >= 101
    assert Departement.objects.get(code="11").chef_lieu == "11069"
    assert 34000 < Commune.objects.filter(kind="commune-actuelle").count() < 36000
    assert Commune.objects.filter(kind="arrondissement-municipal").count() == 45
    assert Epci.objects.count() > 1200
    assert Sector.objects.filter(section__isnull=True).count() == 21
    assert Sector.objects.filter(section__isnull=False).count() == 732
    carcassonne = Commune.objects.get(insee="11069")
    assert (carcassonne.name, carcassonne.postal_codes, carcassonne.epci.name) == (
        "Carcassonne", ["11000"], "CA Carcassonne Agglo")
    assert carcassonne.population > 40000
    assert Departement.objects.get(code="11").population > 350000


def test_loading_twice_changes_nothing():
    before = _snapshot()
    report = load_referentials(force=True)
    assert set(report.changed.values()) == {0}
    assert _snapshot() == before
    skipped = load_referentials()
    assert skipped.skipped == ["geographie", "naf", "metiers"]
    assert _snapshot() == before


def test_load_command_keeps_staff_edits_of_metiers_unless_reset(capsys):
    metier = Metier.objects.get(name="Soudeur")
    metier.synonyms = ["Soudeur à l'arc"]
    metier.save()
    call_command("load_referentials", "--force")
    assert Metier.objects.get(name="Soudeur").synonyms == ["Soudeur à l'arc"]
    call_command("load_referentials", "--reset-metiers")
    assert "Soudeur TIG" in Metier.objects.get(name="Soudeur").synonyms
    assert "Référentiels chargés en" in capsys.readouterr().out


def test_load_recreates_a_deleted_metier_and_fills_its_search_text():
    Metier.objects.filter(name="Glacier").delete()
    load_referentials(force=True)
    glacier = Metier.objects.get(name="Glacier")
    assert "glaciere" in glacier.search_text


def test_metier_file_format():
    entries = parse_metiers(
        "# comment\n## Commerce et vente\nVendeur / Vendeuse ; Conseiller de vente, Vendeur en magasin\n"
        "Comptable\n## Santé\nSage-femme ; Maïeuticien\n"
    )
    assert entries == [
        {"family": "Commerce et vente", "name": "Vendeur", "name_feminine": "Vendeuse",
         "synonyms": ["Conseiller de vente", "Vendeur en magasin"]},
        {"family": "Commerce et vente", "name": "Comptable", "name_feminine": "Comptable", "synonyms": []},
        {"family": "Santé", "name": "Sage-femme", "name_feminine": "Sage-femme", "synonyms": ["Maïeuticien"]},
    ]
