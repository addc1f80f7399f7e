"""SQL snapshots of the pages whose queries matter: the CV search, the recruiter space, the moderation
queue and the public lists. Each test warms the page (session, per-process memos, the default saved
list…), then captures the statements of one request into tests/snapshots/sql/<name>.sql.

The data are a few rows of each kind (at least two per list), so that a query run once per row shows as
repeated statements. Regenerate after an intended change (then review the diff of the .sql files):

    UPDATE_SQL_SNAPSHOTS=1 .venv/bin/python -m terredemplois.devservices test tests/snapshots -q
"""

import pytest
from django.urls import reverse

from companies.enums import MembershipStatus
from offers.models import Application
from referentials.models import Commune
from tests.accounts.factories import CandidateFactory
from tests.companies.factories import CompanyFactory, MembershipFactory, recruiter_with_company
from tests.cvtheque.factories import CVFactory
from tests.moderation.factories import ModeratorFactory
from tests.moderation.test_services import pending_offer
from tests.offers.factories import OfferFactory
from tests.referentials.factories import MetierFactory

pytestmark = pytest.mark.django_db


def carcassonne():
    return Commune.objects.get(insee="11069")


# --- the CV search ---------------------------------------------------------------------------------------------

@pytest.fixture
def cv_search(client):
    """A recruiter on the search page, warmed with another search; three visible CVs, two of « vendeurs »."""
    recruiter, _company = recruiter_with_company()
    metier = MetierFactory()
    for headline in ("Vendeur en boulangerie", "Vendeuse conseil", "Soudeur TIG"):
        CVFactory(visible=True, headline=headline, metiers=[metier], commune=carcassonne())
    client.force_login(recruiter)
    url = reverse("cvtheque:search")
    assert client.get(url, {"q": "zzz"}).status_code == 200
    return url


def test_cv_search_with_words(client, cv_search, sql_snapshot):
    with sql_snapshot("cv_search_with_words"):
        assert client.get(cv_search, {"q": "vendeur"}).status_code == 200


def test_cv_search_without_words(client, cv_search, sql_snapshot):
    with sql_snapshot("cv_search_without_words"):
        assert client.get(cv_search).status_code == 200


def test_cv_search_with_a_place(client, cv_search, sql_snapshot):
    with sql_snapshot("cv_search_with_a_place"):
        assert client.get(cv_search, {"q": "vendeur", "place": "Carcassonne"}).status_code == 200


# --- the recruiter space --------------------------------------------------------------------------------------

@pytest.fixture
def recruiter(client):
    user, company = recruiter_with_company()
    client.force_login(user)
    return user, company


def test_recruiter_dashboard(client, recruiter, sql_snapshot):
    user, company = recruiter
    OfferFactory.create_batch(2, company=company, author=user, published=True)
    OfferFactory(company=company, author=user, pending=True)
    url = reverse("accounts:dashboard")
    client.get(url)
    with sql_snapshot("recruiter_dashboard"):
        assert client.get(url).status_code == 200


def test_recruiter_membership_requests(client, recruiter, sql_snapshot):
    _user, company = recruiter
    MembershipFactory.create_batch(2, company=company, status=MembershipStatus.PENDING)
    url = reverse("companies:membership_requests")
    client.get(url)
    with sql_snapshot("recruiter_membership_requests"):
        assert client.get(url).status_code == 200


def test_recruiter_offer_detail_with_its_applications(client, recruiter, sql_snapshot):
    user, company = recruiter
    offer = OfferFactory(company=company, author=user, published=True)
    for candidate in CandidateFactory.create_batch(2):
        Application.objects.create(offer=offer, candidate=candidate, message="Bonjour, je suis disponible.")
    url = reverse("offers:detail", args=[offer.pk])
    client.get(url)
    with sql_snapshot("recruiter_offer_detail"):
        assert client.get(url).status_code == 200


# --- the moderation queue -------------------------------------------------------------------------------------

def test_moderation_queue(client, sql_snapshot):
    client.force_login(ModeratorFactory())
    for _ in range(3):
        pending_offer()
    url = reverse("admin:moderation_offertomoderate_changelist")
    client.get(url)
    with sql_snapshot("moderation_queue"):
        assert client.get(url).status_code == 200


# --- the public lists -----------------------------------------------------------------------------------------

@pytest.fixture
def public_offers():
    """Three published offers of two online companies, one draft and one expired offer."""
    first, second = CompanyFactory.create_batch(2, online=True)
    OfferFactory.create_batch(2, company=first, published=True)
    OfferFactory(company=second, published=True, title="Vendeur H/F en boulangerie")
    OfferFactory(company=second)
    OfferFactory(company=second, expired=True)
    return first


def test_public_offers_list(client, public_offers, sql_snapshot):
    url = reverse("offers:public_list")
    client.get(url)
    with sql_snapshot("public_offers_list"):
        assert client.get(url).status_code == 200


def test_public_offers_list_with_filters(client, public_offers, sql_snapshot):
    url = reverse("offers:public_list")
    filters = {"q": "vendeur", "ou": "Carcassonne", "contrat": "cdi"}
    client.get(url, filters)
    with sql_snapshot("public_offers_list_with_filters"):
        assert client.get(url, filters).status_code == 200


def test_public_companies_list(client, public_offers, sql_snapshot):
    url = reverse("companies:public_list")
    client.get(url)
    with sql_snapshot("public_companies_list"):
        assert client.get(url).status_code == 200


def test_public_company_page(client, public_offers, sql_snapshot):
    url = reverse("companies:public_detail", args=[public_offers.slug])
    client.get(url)
    with sql_snapshot("public_company_page"):
        assert client.get(url).status_code == 200


def test_public_offer_page(client, public_offers, sql_snapshot):
    offer = public_offers.offers.first()
    url = reverse("offers:public_detail", kwargs={"slug": offer.slug, "pk": offer.pk})
    client.get(url)
    with sql_snapshot("public_offer_page"):
        assert client.get(url).status_code == 200


def test_public_page_of_an_expired_offer_with_similar_offers(client, public_offers, sql_snapshot):
    """The 410 page lists published offers like the one gone."""
    gone = OfferFactory(company=public_offers, expired=True)
    url = reverse("offers:public_detail", kwargs={"slug": gone.slug, "pk": gone.pk})
    client.get(url)
    with sql_snapshot("public_offer_page_gone"):
        assert client.get(url).status_code == 410

