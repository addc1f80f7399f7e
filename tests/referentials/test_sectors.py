"""Sectors found by their words and common synonyms (referentials.sectors), shown by their label."""

import pytest
from django.urls import reverse

from referentials.forms import SectorField
from referentials.models import Sector
from referentials.sectors import SYNONYMS, resolve_sector, search_sectors, synonym_codes

pytestmark = pytest.mark.django_db  # the real NAF referential, loaded for the session


@pytest.mark.parametrize(("query", "code"), [
    ("viticulture", "01.21Z"),
    ("viticul", "01.21Z"),
    ("Viticulteur", "01.21Z"),
    ("vigne", "01.21Z"),
    ("boulangerie", "10.71C"),
    ("BTP", "41.20A"),
    ("informatique", "62.01Z"),
    ("hôtellerie", "55.10Z"),
    ("aide à domicile", "88.10A"),
])
def test_a_sector_is_found_by_its_words_and_common_synonyms(query, code):
    assert code in [s.code for s in search_sectors(query)], query


def test_the_label_matches_come_first_and_each_sector_once():
    codes = [s.code for s in search_sectors("boulangerie")]
    assert codes[0] == "10.71C" and len(codes) == len(set(codes))


def test_a_word_of_two_letters_names_no_synonym():
    assert synonym_codes("vi") == [] and synonym_codes("") == []


def test_every_synonym_names_existing_naf_subclasses():
    codes = {code for key_codes in SYNONYMS.values() for code in key_codes}
    existing = set(Sector.objects.filter(code__in=codes, section__isnull=False).values_list("code", flat=True))
    assert codes - existing == set()


def test_the_autocomplete_and_the_form_use_the_synonyms(client):
    data = client.get(reverse("referentials:sectors"), {"q": "viticulture"}).json()
    labels = [row["label"] for row in (data["results"] if isinstance(data, dict) else data)]
    assert "01.21Z – Culture de la vigne" in labels
    assert resolve_sector("viticulture").code == "01.21Z"


def test_a_sector_field_shows_the_label_of_a_bare_code():


    assert SectorField().prepare_value("01.21Z") == "01.21Z – Culture de la vigne"
    assert SectorField().prepare_value("vigne") == "vigne"
