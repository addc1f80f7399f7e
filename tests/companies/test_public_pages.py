import pytest
from django.urls import reverse

from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import CompanyFactory, recruiter_with_company
from tests.referentials.factories import (
    CommuneFactory,
    SectorFactory,
    SectorSectionFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("companies:public_list")


def names(response):
    return [c.name for c in response.context["companies"]]


# --- « Entreprises » list ------------------------------------------------------------------

def test_list_shows_only_online_companies_with_logo_name_sector_commune(client):
    CompanyFactory(online=True, name="Boulangerie du Canal", commune=CommuneFactory(name="Carcassonne"))
    CompanyFactory(name="Brouillon SARL")  # never put online
    CompanyFactory(online=True, name="Retirée SAS", offline_by_staff=True)
    response = client.get(LIST_URL)
    html = response.content.decode()
    assert names(response) == ["Boulangerie du Canal"]
    assert "Hypermarchés" in html and "Carcassonne" in html and "Aucune offre en ligne" in html
    assert "1 entreprise" in html


def test_every_role_sees_the_same_public_list(client):
    CompanyFactory(online=True, name="Boulangerie du Canal")
    user, _ = recruiter_with_company(name="Ma boîte hors ligne")
    for who in [None, CandidateFactory(), user, RecruiterFactory(), StaffFactory()]:
        client.logout()
        if who:
            client.force_login(who)
        response = client.get(LIST_URL)
        assert response.status_code == 200 and names(response) == ["Boulangerie du Canal"]


def test_search_by_name_ignores_accents_and_case(client):
    CompanyFactory(online=True, name="Pâtisserie Élégance")
    CompanyFactory(online=True, name="Garage de la Cité")
    assert names(client.get(LIST_URL, {"q": "PATISSERIE elegance"})) == ["Pâtisserie Élégance"]
    assert names(client.get(LIST_URL, {"q": "cite garage"})) == ["Garage de la Cité"]


def test_filter_by_sector_section(client):
    food = SectorSectionFactory(code="C", label="Industrie manufacturière")
    bakery = SectorFactory(code="10.71C", label="Boulangerie et boulangerie-pâtisserie", section=food)
    CompanyFactory(online=True, name="Boulangerie du Canal", sector=bakery)
    CompanyFactory(online=True, name="Hyper Cité")
    assert names(client.get(LIST_URL, {"sector": "C"})) == ["Boulangerie du Canal"]
    assert names(client.get(LIST_URL, {"sector": "G"})) == ["Hyper Cité"]


def test_unknown_sector_is_a_form_error_not_a_crash(client):
    response = client.get(LIST_URL, {"sector": "ZZZ", "page": "abc"})
    assert response.status_code == 200 and response.context["form"].errors["sector"]


def test_filter_by_place_commune_postal_code_departement_epci_or_region(client):
    # real communes of the referentials
    carcassonne = CommuneFactory(insee="11069")
    castelnaudary = CommuneFactory(insee="11076")
    beziers = CommuneFactory(insee="34032")
    CompanyFactory(online=True, name="A Carcassonne", commune=carcassonne)
    CompanyFactory(online=True, name="B Castelnaudary", commune=castelnaudary)
    CompanyFactory(online=True, name="C Béziers", commune=beziers)
    assert names(client.get(LIST_URL, {"place": "carcassonne"})) == ["A Carcassonne"]
    assert names(client.get(LIST_URL, {"place": "beziers"})) == ["C Béziers"]
    assert names(client.get(LIST_URL, {"place": "11400"})) == ["B Castelnaudary"]
    assert names(client.get(LIST_URL, {"place": "Aude"})) == ["A Carcassonne", "B Castelnaudary"]
    assert names(client.get(LIST_URL, {"place": "11"})) == ["A Carcassonne", "B Castelnaudary"]
    assert names(client.get(LIST_URL, {"place": "Carcassonne Agglo"})) == ["A Carcassonne"]
    assert names(client.get(LIST_URL, {"place": "Occitanie"})) == ["A Carcassonne", "B Castelnaudary", "C Béziers"]


def test_unknown_place_is_a_french_form_error(client):
    response = client.get(LIST_URL, {"place": "Zzzyxville"})
    assert response.status_code == 200
    assert "Aucun lieu ne correspond" in response.content.decode()


def test_list_is_paginated_and_keeps_the_filters(client):
    for i in range(25):
        CompanyFactory(online=True, name=f"Cave {i:02d}")
    first = client.get(LIST_URL, {"q": "cave"})
    assert len(names(first)) == 20
    assert "?q=cave&amp;page=2" in first.content.decode()
    second = client.get(LIST_URL, {"q": "cave", "page": 2})
    assert names(second) == [f"Cave {i}" for i in range(20, 25)]


@pytest.mark.parametrize("count", [3, 20])
def test_list_query_count_does_not_grow_with_the_page_size(client, django_assert_num_queries, count):
    for i in range(count):
        CompanyFactory(online=True, name=f"Entreprise {i:02d}", logo="companies/logos/x.png")
    # 1 sector choices of the search form, 1 count, 1 page of companies (sector, commune, offer count)
    with django_assert_num_queries(3):
        response = client.get(LIST_URL)
    assert len(names(response)) == count


# --- the company page --------------------------------------------------------------------------

def detail_url(company):
    return reverse("companies:public_detail", args=[company.slug])


def test_online_page_shows_everything_with_title_meta_and_open_graph(client):
    company = CompanyFactory(
        online=True, name="Boulangerie du Canal", phone="04 68 11 22 33", street_number="12",
        street_name="quai Riquet", commune=CommuneFactory(name="Carcassonne", postal_codes=["11000"]),
        description='<p>Pain au levain &amp; "viennoiseries" maison.</p>', website="https://boulangerie.fr",
        linkedin_url="https://www.linkedin.com/company/boulangerie", banner="companies/banners/b.jpg",
        logo="companies/logos/l.png", employee_count=12,
    )
    response = client.get(detail_url(company))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Boulangerie du Canal à Carcassonne" in html
    assert '<meta name="description" content="Pain au levain &amp; &quot;viennoiseries&quot; maison.">' in html
    assert '<meta property="og:title" content="Boulangerie du Canal">' in html
    assert f'<meta property="og:url" content="http://127.0.0.1:8000{company.get_absolute_url()}">' in html
    assert 'og:image" content="http://127.0.0.1:8000/media/companies/banners/b.jpg"' in html
    assert "12 quai Riquet<br>11000 Carcassonne" in html
    assert "PME : 10 à 249 salariés" in html and "12 employés" in html
    assert 'href="https://www.linkedin.com/company/boulangerie" rel="noopener nofollow"' in html
    assert "/media/companies/logos/l.png" in html
    assert "Aperçu" not in html
    assert "Ses offres d'emploi" in html


def test_slug_is_readable_and_unique():
    first = CompanyFactory(name="Boulangerie du Canal")
    second = CompanyFactory(name="Boulangerie du Canal")
    assert first.slug == "boulangerie-du-canal" and second.slug == "boulangerie-du-canal-2"


def test_unknown_slug_is_404(client):
    assert client.get(reverse("companies:public_detail", args=["nexiste-pas"])).status_code == 404


@pytest.mark.parametrize("offline", [{"is_online": False}, {"is_online": True, "offline_by_staff": True}])
def test_offline_page_is_404_except_for_members_and_staff(client, offline):
    company = CompanyFactory(with_members=1, name="Cave des Corbières", **offline)
    url = detail_url(company)
    assert client.get(url).status_code == 404
    client.force_login(CandidateFactory())
    assert client.get(url).status_code == 404
    _, other = recruiter_with_company()
    client.force_login(other.memberships.get().user)
    assert client.get(url).status_code == 404
    for who in [company.memberships.get().user, StaffFactory()]:
        client.force_login(who)
        response = client.get(url)
        assert response.status_code == 200
        assert "Aperçu : cette fiche n'est pas en ligne" in response.content.decode()
        assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_online_page_is_public_for_every_role(client):
    company = CompanyFactory(online=True, with_members=1)
    for who in [None, CandidateFactory(), RecruiterFactory(), company.memberships.get().user, StaffFactory()]:
        client.logout()
        if who:
            client.force_login(who)
        response = client.get(detail_url(company))
        assert response.status_code == 200 and "Aperçu" not in response.content.decode()


def test_detail_query_count(client, django_assert_num_queries):
    company = CompanyFactory(online=True)
    # the company (sector, commune), its published offers
    with django_assert_num_queries(2):
        assert client.get(detail_url(company)).status_code == 200


def test_public_navigation_has_an_entreprises_entry(client):
    html = client.get("/").content.decode()
    assert f'<a href="{LIST_URL}">Entreprises</a>' in html


def test_list_and_page_show_only_the_published_offers(client, django_assert_num_queries):
    from tests.offers.factories import OfferFactory

    company = CompanyFactory(online=True, name="Boulangerie du Canal")
    CompanyFactory(online=True, name="Cave sans offre")
    OfferFactory(published=True, company=company, title="Vendeur H/F en boulangerie")
    OfferFactory(published=True, company=company, title="Boulanger H/F")
    OfferFactory(company=company, title="Brouillon H/F")
    OfferFactory(expired=True, company=company, title="Expirée H/F")
    OfferFactory(published=True, deleted=True, company=company, title="Supprimée H/F")
    with django_assert_num_queries(3):
        response = client.get(LIST_URL)
    counts = {c.name: c.published_offer_count for c in response.context["companies"]}
    assert counts == {"Boulangerie du Canal": 2, "Cave sans offre": 0}
    assert "2 offres en ligne" in response.content.decode()
    html = client.get(detail_url(company)).content.decode()
    assert "Vendeur H/F en boulangerie" in html and "Boulanger H/F" in html
    assert "Brouillon" not in html and "Expirée" not in html and "Supprimée" not in html
    assert '/offres/boulanger-hf-' in html


def test_list_is_in_alphabetical_order_ignoring_accents(client):
    for name in ["Zinguerie Audoise", "Électricité Minervois", "Boulangerie du Canal"]:
        CompanyFactory(online=True, name=name)
    assert names(client.get(LIST_URL)) == ["Boulangerie du Canal", "Électricité Minervois", "Zinguerie Audoise"]
