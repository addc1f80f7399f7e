"""Staff manage the partners in the admin: the secret feed URL, a new token, the log of the reads."""

import pytest
from django.conf import settings
from django.urls import reverse

from diffusion.models import Partner, PartnerRead
from tests.accounts.factories import StaffFactory

from .factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


def test_staff_add_a_partner_and_see_its_secret_feed_url(staff_client):
    response = staff_client.post(reverse("admin:diffusion_partner_add"), {
        "name": "Indeed", "slug": "", "feed_format": "indeed_xml", "scope": "all", "is_active": "on",
        "reads-TOTAL_FORMS": "0", "reads-INITIAL_FORMS": "0", "reads-MIN_NUM_FORMS": "0", "reads-MAX_NUM_FORMS": "0"})
    assert response.status_code == 302, response.content.decode()[:2000]
    partner = Partner.objects.get()
    assert partner.slug == "indeed" and len(partner.token) >= 40
    page = staff_client.get(reverse("admin:diffusion_partner_change", args=[partner.pk])).content.decode()
    assert f"{settings.SITE_URL}/diffusion/indeed/{partner.token}/flux" in page


def test_the_reads_are_shown_on_the_partner_and_in_their_own_list(staff_client):
    partner = PartnerFactory(name="HelloWork")
    PartnerRead.objects.create(partner=partner, offer_count=27)
    page = staff_client.get(reverse("admin:diffusion_partner_change", args=[partner.pk])).content.decode()
    assert "27" in page
    listing = staff_client.get(reverse("admin:diffusion_partnerread_changelist")).content.decode()
    assert "HelloWork" in listing and "27" in listing


def test_a_new_token_from_the_admin_action(staff_client):
    partner = PartnerFactory()
    old = partner.token
    staff_client.post(reverse("admin:diffusion_partner_changelist"),
                      {"action": "regenerate_tokens", "_selected_action": [partner.pk]})
    partner.refresh_from_db()
    assert partner.token != old and len(partner.token) >= 40
