"""The site's own error pages: in French, in the site's layout, the 500 one even with the database down."""

import pytest
from django.test import Client, RequestFactory
from django.urls import get_resolver, reverse
from django.utils.functional import SimpleLazyObject

from tests.accounts.factories import StaffFactory
from tests.offers.factories import OfferFactory

LAYOUT = ('<html lang="fr">', 'class="brand"', "la plateforme de l'emploi local", "Revenir à l'accueil")


def assert_site_page(response, status: int, heading: str):
    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in html
    for mark in LAYOUT:
        assert mark in html


@pytest.mark.django_db
def test_an_unknown_address_shows_the_french_404_page(client):
    assert_site_page(client.get("/nulle-part/"), 404, "Page introuvable")


@pytest.mark.django_db
def test_a_forbidden_page_shows_the_french_403_page(client):
    client.force_login(StaffFactory())  # nobody adds a moderation decision by hand
    assert_site_page(client.get(reverse("admin:moderation_moderationdecision_add")), 403, "Accès refusé")


@pytest.mark.django_db
def test_a_bad_request_shows_the_french_400_page(client):
    assert_site_page(client.get("/", HTTP_HOST="pirate.example"), 400, "Requête incorrecte")


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_shows_the_french_csrf_page():
    response = Client(enforce_csrf_checks=True).post(reverse("account_login"), {"login": "a@exemple.fr"})
    assert_site_page(response, 403, "Votre formulaire a expiré")


@pytest.mark.django_db
def test_a_removed_offer_shows_the_410_page_in_the_layout(client):
    offer = OfferFactory(expired=True)
    response = client.get(reverse("offers:public_detail", args=[offer.slug, offer.pk]))
    html = response.content.decode()
    assert response.status_code == 410 and "<h1>Cette offre n'est plus disponible</h1>" in html
    assert 'class="brand"' in html and '<meta name="robots" content="noindex">' in html


def test_the_500_page_renders_in_french_with_the_database_unreachable():
    """No django_db mark: any query (session, user, announcements) would raise here."""

    def user_from_the_database():
        raise AssertionError("the 500 page asked for the user: the database is down")

    request = RequestFactory().get("/espace-recruteur/")
    request.user = SimpleLazyObject(user_from_the_database)
    handler = get_resolver().resolve_error_handler(500)
    assert_site_page(handler(request), 500, "Le site rencontre un problème")
