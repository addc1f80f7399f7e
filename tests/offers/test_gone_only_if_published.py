"""Deleted and refused offers answer 404 to the public; « retirée du site » (410) only for offers that were
published, so the titles of never-published offers stay private."""

import pytest
from django.urls import reverse

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


def public_url(offer):
    return reverse("offers:public_detail", args=[offer.slug or "x", offer.pk])


@pytest.mark.parametrize("traits", [{"deleted": True}, {"refused": True}, {"refused": True, "deleted": True}])
def test_a_never_published_offer_is_a_404_for_the_public(client, traits):
    offer = OfferFactory(title="Projet confidentiel de recrutement", **traits)
    response = client.get(public_url(offer))
    assert response.status_code == 404
    assert "Projet confidentiel" not in response.content.decode()


@pytest.mark.parametrize("traits", [{"expired": True}, {"published": True, "deleted": True}])
def test_an_offer_that_was_published_is_gone_410(client, traits):
    offer = OfferFactory(**traits)
    assert client.get(public_url(offer)).status_code == 410
