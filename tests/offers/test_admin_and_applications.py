import pytest
from django.urls import reverse

from offers.models import SupportOrganisation
from tests.accounts.factories import StaffFactory

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_staff_edit_the_support_organisation_in_the_admin(client):
    client.force_login(StaffFactory())
    response = client.post(reverse("admin:offers_supportorganisation_add"),
                           {"name": "Maison de l'emploi", "email": "sessions@mde.example"})
    assert response.status_code == 302
    assert SupportOrganisation.get().name == "Maison de l'emploi"
    assert client.get(reverse("admin:offers_supportorganisation_add")).status_code == 403  # a singleton


@pytest.mark.parametrize("name", ["admin:offers_offer_changelist", "admin:offers_application_changelist"])
def test_staff_browse_offers_and_applications_in_the_admin(client, name):
    OfferFactory(published=True)
    client.force_login(StaffFactory())
    assert client.get(reverse(name)).status_code == 200
