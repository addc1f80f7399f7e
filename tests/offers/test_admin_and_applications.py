import pytest
from django.core import mail
from django.urls import reverse

from offers.models import Application, SupportOrganisation
from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import recruiter_with_company
from tests.conftest import committed

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


def test_a_candidate_applies_once_and_the_contact_is_emailed(client):
    offer = OfferFactory(published=True, title="Serveur H/F")
    candidate = CandidateFactory(first_name="Léa", last_name="Martin")
    client.force_login(candidate)
    url = reverse("offers:apply", args=[offer.pk])
    with committed():
        response = client.post(url, {"message": "Deux saisons en brasserie, disponible en juin."})
    assert response.status_code == 302
    assert Application.objects.get().candidate == candidate
    assert mail.outbox[0].to == ["contact-prive@example.org"]
    assert "Léa Martin" in mail.outbox[0].body and candidate.email in mail.outbox[0].body
    page = client.get(reverse("offers:public_detail", args=[offer.slug, offer.pk])).content.decode()
    assert "Vous avez déjà postulé" in page
    response = client.post(url, {"message": "Encore moi"}, follow=True)
    assert "Vous avez déjà postulé à cette offre." in response.content.decode()
    assert Application.objects.count() == 1


def test_an_empty_application_is_refused_with_a_message(client):
    offer = OfferFactory(published=True)
    client.force_login(CandidateFactory())
    response = client.post(reverse("offers:apply", args=[offer.pk]), {"message": ""})
    assert response.status_code == 400 and Application.objects.count() == 0


def test_only_candidates_apply_and_only_to_public_offers(client):
    offer = OfferFactory(published=True)
    url = reverse("offers:apply", args=[offer.pk])
    assert reverse("account_login") in client.post(url, {"message": "Bonjour"})["Location"]
    for user in (RecruiterFactory(), StaffFactory(), recruiter_with_company()[0]):
        client.force_login(user)  # sent to their own space (the login page would send them back: a loop)
        assert client.post(url, {"message": "Bonjour"})["Location"] == reverse("accounts:after_login")
    client.force_login(CandidateFactory())
    assert client.get(url).status_code == 405
    for hidden in (OfferFactory(pending=True), OfferFactory(expired=True), OfferFactory(published=True, deleted=True)):
        assert client.post(reverse("offers:apply", args=[hidden.pk]), {"message": "Bonjour"}).status_code == 404
    assert Application.objects.count() == 0


def test_the_owner_sees_the_applications_on_the_offer(client):
    user, company = recruiter_with_company()
    offer = OfferFactory(published=True, company=company)
    candidate = CandidateFactory(first_name="Léa")
    Application.objects.create(offer=offer, candidate=candidate, message="Disponible tout de suite.")
    client.force_login(user)
    html = client.get(reverse("offers:detail", args=[offer.pk])).content.decode()
    assert "Candidatures (1)" in html and "Disponible tout de suite." in html and candidate.email in html
