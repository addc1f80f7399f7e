import pytest
from django.urls import reverse

from tests.companies.factories import CompanyFactory
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_home_lists_newest_published_offers_and_online_companies_only(client):
    company = CompanyFactory(name="Cave des Corbières", is_online=True)
    CompanyFactory(name="Entreprise discrète", is_online=False)
    OfferFactory(company=company, title="Caviste H/F", published=True)
    OfferFactory(company=company, title="Brouillon secret H/F")
    OfferFactory(company=company, title="Offre expirée H/F", expired=True)
    html = client.get(reverse("home")).content.decode()
    assert "Caviste H/F" in html
    assert "Brouillon secret" not in html and "Offre expirée" not in html
    assert "Cave des Corbières" in html and "Entreprise discrète" not in html


def test_home_query_count_does_not_grow_with_content(client, django_assert_num_queries):
    company = CompanyFactory(is_online=True)
    OfferFactory(company=company, published=True)
    with django_assert_num_queries(3):  # offers, companies, what is online
        client.get(reverse("home"))
    for _ in range(5):
        other = CompanyFactory(is_online=True)
        OfferFactory(company=other, published=True)
    with django_assert_num_queries(3):  # offers, companies, what is online
        client.get(reverse("home"))


def test_home_opens_with_the_offer_search_and_what_is_online(client):
    for n in range(2):
        company = CompanyFactory(is_online=True)
        OfferFactory.create_batch(n + 1, company=company, published=True)
    OfferFactory(expired=True)
    html = client.get(reverse("home")).content.decode()
    form = html[html.index('<form method="get" action="/offres/"'):]
    form = form[: form.index("</form>")]
    assert '<label for="id_q">Quel métier ?</label>' in form and '<label for="id_ou">Où ?</label>' in form
    assert f'data-autocomplete-url="{reverse("referentials:metiers")}"' in form
    assert f'data-autocomplete-url="{reverse("referentials:places")}' in form
    assert ">Rechercher</button>" in form
    assert ">3 offres</a>, <a" in html and "2 entreprises qui recrutent" in html
