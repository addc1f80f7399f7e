"""Business rules of the companies app, tested directly."""

import pytest
from django.core.exceptions import ValidationError

from companies.models import Company
from companies.validators import validate_social_url, validate_web_url
from tests.companies.factories import CompanyFactory
from tests.referentials.factories import SectorFactory, SectorSectionFactory

pytestmark = pytest.mark.django_db


def test_search_name_is_the_folded_name_and_follows_renames():
    company = CompanyFactory(name="Œnologie & Cœur d'Aude")
    assert company.search_name == "oenologie & coeur d'aude"
    company.name = "Pâtisserie Élise"
    company.save(update_fields=["name"])
    company.refresh_from_db()
    assert company.search_name == "patisserie elise"


def test_name_matches_every_word_in_any_order():
    CompanyFactory(name="Boulangerie du Canal")
    CompanyFactory(name="Canal Immobilier")
    assert [c.name for c in Company.objects.name_matches("CANAL boulang")] == ["Boulangerie du Canal"]
    assert Company.objects.name_matches("canal").count() == 2
    assert Company.objects.name_matches("   ").count() == 2


def test_in_sector_accepts_a_section_or_a_sub_class():
    section = SectorSectionFactory(code="I", label="Hébergement et restauration")
    hotels = SectorFactory(code="55.10Z", label="Hôtels et hébergement similaire", section=section)
    CompanyFactory(name="Hôtel", sector=hotels)
    CompanyFactory(name="Hyper")
    assert [c.name for c in Company.objects.in_sector(section)] == ["Hôtel"]
    assert [c.name for c in Company.objects.in_sector(hotels)] == ["Hôtel"]
    assert Company.objects.in_sector(None).count() == 2


def test_is_public_needs_the_members_yes_and_no_staff_decision():
    assert CompanyFactory(online=True).is_public
    assert not CompanyFactory(is_online=False).is_public
    assert not CompanyFactory(online=True, offline_by_staff=True).is_public


@pytest.mark.parametrize("url, network", [
    ("https://twitter.com/a", "twitter"), ("https://mobile.twitter.com/a", "twitter"), ("https://x.com/a", "twitter"),
    ("https://www.facebook.com/a", "facebook"), ("https://instagram.com/a", "instagram"),
    ("https://fr.linkedin.com/company/a", "linkedin"), ("https://youtu.be/abc", "youtube"),
    ("https://m.youtube.com/@a", "youtube"), ("", "youtube"),
])
def test_social_url_of_its_own_site_is_valid(url, network):
    validate_social_url(url, network)


@pytest.mark.parametrize("url, network", [
    ("https://nottwitter.com/a", "twitter"), ("https://x.com.evil.fr/a", "twitter"),
    ("http://facebook.evil.com/", "facebook"), ("javascript:alert(1)", "youtube"), ("ftp://youtube.com/", "youtube"),
    ("https://linkedin.com@evil.fr/", "linkedin"),
])
def test_social_url_of_another_site_is_refused_in_french(url, network):
    with pytest.raises(ValidationError) as excinfo:
        validate_social_url(url, network)
    assert "doit être une adresse du site" in excinfo.value.messages[0]


def test_website_must_be_http_or_https():
    validate_web_url("https://cave.fr")
    with pytest.raises(ValidationError):
        validate_web_url("ftp://cave.fr")
