"""« Bloquant » blocks: an offer with a blocking finding of the wording checker is never sent to moderation as is
(create, edit, revision of a published offer, republish); « Demander une vérification par l'équipe » with a
justification sends it anyway, the justification kept for the moderator. « À vérifier » alone can be sent."""

from html import unescape

import pytest
from django.urls import reverse

from offers.enums import OfferStatus
from offers.forms import VerificationRequestForm
from offers.models import Offer
from tests.companies.factories import recruiter_with_company

from .factories import OfferFactory
from .test_views import form_data

pytestmark = pytest.mark.django_db

BLOCKING_TITLE = "VENDANGEUR JEUNE ET DYNAMIQUE"
BLOCKING_DESCRIPTION = ("<p>Domaine viticole des Corbières, nous recrutons pour les vendanges manuelles de septembre. "
                        "Vous avez entre 25 et 35 ans et êtes de nationalité française.</p>")
JUSTIFICATION = "Le titre reprend le nom de notre cuvée « Jeune et dynamique », pas un profil recherché."


@pytest.fixture
def owner():
    return recruiter_with_company()


def text(response) -> str:
    return unescape(response.content.decode())


def blocking_data(company, **overrides):
    return form_data(company=company.pk, title=BLOCKING_TITLE, description=BLOCKING_DESCRIPTION, **overrides)


def test_creating_an_offer_with_a_blocking_wording_does_not_send_it_even_after_a_second_click(client, owner):
    user, company = owner
    client.force_login(user)
    for extra in ({}, {"findings_seen": "1"}):
        response = client.post(reverse("offers:create"), blocking_data(company, **extra))
        assert response.status_code == 200
        html = text(response)
        assert "Votre offre n'est pas envoyée" in html and "nationalité française" in html
        assert "Demander une vérification par l'équipe" in html
    assert not Offer.objects.filter(status=OfferStatus.PENDING).exists()


def test_fixing_the_blocking_wording_sends_the_offer(client, owner):
    user, company = owner
    client.force_login(user)
    client.post(reverse("offers:create"), blocking_data(company))
    response = client.post(reverse("offers:create"), form_data(company=company.pk))
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert offer.status == OfferStatus.PENDING and offer.verification_request == ""


def test_a_verification_request_needs_a_justification(client, owner):
    user, company = owner
    client.force_login(user)
    response = client.post(reverse("offers:create"), blocking_data(company, action="verify", justification=""))
    assert response.status_code == 200
    assert "Expliquez en une phrase" in text(response)
    assert not Offer.objects.exists()


def test_a_verification_request_sends_the_offer_with_its_justification(client, owner):
    user, company = owner
    client.force_login(user)
    response = client.post(reverse("offers:create"),
                           blocking_data(company, action="verify", justification=JUSTIFICATION))
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert offer.status == OfferStatus.PENDING and offer.verification_request == JUSTIFICATION


def test_editing_a_draft_with_a_blocking_wording_keeps_it_a_draft(client, owner):
    user, company = owner
    offer = OfferFactory(company=company)
    client.force_login(user)
    response = client.post(reverse("offers:edit", args=[offer.pk]), blocking_data(company, findings_seen="1"))
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DRAFT


def test_a_draft_with_a_blocking_wording_can_still_be_saved_as_a_draft(client, owner):
    user, company = owner
    client.force_login(user)
    response = client.post(reverse("offers:create"), blocking_data(company, action="draft"))
    assert response.status_code == 302
    assert Offer.objects.get().status == OfferStatus.DRAFT


def test_a_revision_of_a_published_offer_with_a_blocking_wording_is_not_sent(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, published=True)
    client.force_login(user)
    response = client.post(reverse("offers:edit", args=[offer.pk]), blocking_data(company, findings_seen="1"))
    assert response.status_code == 200 and "Votre offre n'est pas envoyée" in text(response)
    assert not offer.revisions.filter(status=OfferStatus.PENDING).exists()
    client.post(reverse("offers:edit", args=[offer.pk]),
                blocking_data(company, action="verify", justification=JUSTIFICATION))
    revision = offer.revisions.get(status=OfferStatus.PENDING)
    assert revision.verification_request == JUSTIFICATION
    offer.refresh_from_db()
    assert offer.is_public and offer.title != BLOCKING_TITLE


def test_republishing_an_expired_offer_with_a_blocking_wording_leads_to_the_form(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, expired=True, title=BLOCKING_TITLE, description=BLOCKING_DESCRIPTION)
    client.force_login(user)
    response = client.post(reverse("offers:republish", args=[offer.pk]))
    assert response["Location"] == reverse("offers:edit", args=[offer.pk])
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED
    response = client.post(reverse("offers:edit", args=[offer.pk]),
                           blocking_data(company, action="verify", justification=JUSTIFICATION))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING and offer.verification_request == JUSTIFICATION


def test_republishing_an_expired_offer_without_blocking_wording_still_works(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, expired=True, description=form_data()["description"])
    client.force_login(user)
    client.post(reverse("offers:republish", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_sending_again_without_blocking_wording_clears_an_old_verification_request(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, refused=True, verification_request=JUSTIFICATION)
    client.force_login(user)
    client.post(reverse("offers:edit", args=[offer.pk]), form_data(company=company.pk))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING and offer.verification_request == ""


@pytest.mark.parametrize(("justification", "valid"), [
    ("", False), ("trop court", True), ("court", False), ("x" * 1001, False), (JUSTIFICATION, True),
])
def test_the_verification_request_form_wants_a_short_justification(justification, valid):
    assert VerificationRequestForm({"justification": justification}).is_valid() is valid


def test_the_blocking_wordings_are_marked_at_their_place_in_the_text(client, owner):
    user, company = owner
    client.force_login(user)
    response = client.post(reverse("offers:create"), blocking_data(company))
    title_html, description_html = response.context["highlighted"]
    assert "<mark" in title_html and "<mark" in description_html
    html = response.content.decode()
    assert "Voir les formulations relevées dans votre texte" in html
    assert "nationalité française</mark>" in html


def test_the_justification_field_does_not_stop_the_browser_from_sending_a_fixed_offer(client, owner):
    user, company = owner
    client.force_login(user)
    html = client.post(reverse("offers:create"), blocking_data(company)).content.decode()
    textarea = html[html.index('name="justification"') - 200:html.index('name="justification"') + 200]
    assert "required" not in textarea
