"""« Offres pour vous »: offers matching the CV's métiers (or their synonyms), place within the mobility and
contract types, freshest first; « CV correspondant à cette offre » opens the CVthèque search prefilled."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from offers.enums import ContractType
from referentials.models import Commune
from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import recruiter_with_company
from tests.offers.factories import OfferFactory
from tests.referentials.factories import MetierFactory

from .factories import CVFactory

pytestmark = pytest.mark.django_db


def published(days_ago, **kwargs):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    return OfferFactory(published=True, published_at=when, expires_at=when + datetime.timedelta(days=60), **kwargs)


def titles(response) -> list[str]:
    return re.findall(r'class="offer-row-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_offers_matching_the_cv_freshest_first(client):
    metier = MetierFactory(name="Plieur de tôles test", name_feminine="Plieuse de tôles test",
                           synonyms=["Tôlier formeur"])
    other_metier = MetierFactory(name="Fleuriste test", name_feminine="Fleuriste test", synonyms=[])
    carcassonne = Commune.objects.get(insee="11069")
    cv = CVFactory(commune=carcassonne, mobility_km=20, contract_types=[ContractType.CDI, ContractType.INTERIM],
                   metiers=[metier])
    pezens = Commune.objects.get(insee="11279")
    narbonne = Commune.objects.get(insee="11262")
    published(3, title="Plieur en CDI", metier=metier, commune=pezens)
    published(1, title="Tôlier formeur H/F", metier=other_metier, commune=carcassonne,
              contract_type=ContractType.INTERIM)  # a synonym of the CV's métier in the title
    published(2, title="Plieur à Narbonne", metier=metier, commune=narbonne)  # beyond the 20 km
    published(2, title="Plieur en CDD", metier=metier, commune=carcassonne, contract_type=ContractType.CDD)
    published(2, title="Fleuriste", metier=other_metier, commune=carcassonne)
    OfferFactory(pending=True, title="Plieur en attente", metier=metier, commune=carcassonne)
    client.force_login(cv.owner)
    response = client.get(reverse("offers:offers_for_you"))
    assert titles(response) == ["Tôlier formeur H/F", "Plieur en CDI"]
    assert "autour de Carcassonne" in response.content.decode()


def test_without_a_cv_the_page_invites_to_add_one(client):
    client.force_login(CandidateFactory())
    response = client.get(reverse("offers:offers_for_you"))
    assert "Déposez votre CV" in response.content.decode()


@pytest.mark.parametrize("who, status, final", [
    ("anonymous", 200, "/compte/login/"), ("candidate", 200, "/espace-candidat/offres-pour-vous/"),
    ("recruiter", 403, "/espace-candidat/offres-pour-vous/"), ("staff", 403, "/espace-candidat/offres-pour-vous/"),
])
def test_role_matrix_of_offers_for_you(client, who, status, final):
    """Anonymous visitors log in; recruiters and staff get the page saying it is for candidates."""
    users = {"candidate": CandidateFactory(), "recruiter": RecruiterFactory(), "staff": StaffFactory()}
    if who != "anonymous":
        client.force_login(users[who])
    response = client.get(reverse("offers:offers_for_you"), follow=True)
    assert response.status_code == status
    assert response.request["PATH_INFO"].startswith(final)
    if status == 403:
        assert "Cette page est réservée aux candidats" in response.content.decode()


def test_cv_matching_an_offer_opens_the_cvtheque_search_prefilled(client):
    recruiter, company = recruiter_with_company()
    soudeur = MetierFactory(name="Soudeur")
    offer = published(1, title="Soudeur TIG H/F", metier=soudeur, company=company)
    draft = OfferFactory(title="Brouillon soudeur", metier=soudeur, company=company)
    client.force_login(recruiter)
    mine = client.get(reverse("offers:mine")).content.decode()
    links = re.findall(r'href="([^"]*)">CV correspondant à cette offre', mine)
    assert len(links) == 1  # the published offer only, not the draft
    link = unescape(links[0])
    assert link.startswith(reverse("cvtheque:search") + "?q=Soudeur") and "place=commune:11069" in link
    detail = client.get(reverse("offers:detail", args=[offer.pk])).content.decode()
    assert "CV correspondant à cette offre" in detail
    assert "CV correspondant" not in client.get(reverse("offers:detail", args=[draft.pk])).content.decode()
    search = client.get(link, follow=True)
    assert search.status_code == 200
    assert 'value="Soudeur"' in search.content.decode()


def test_offers_for_you_query_count_does_not_grow_with_the_page(client, django_assert_max_num_queries):
    metier = MetierFactory(name="Soudeur")
    cv = CVFactory(metiers=[metier])
    client.force_login(cv.owner)
    published(1, title="Soudeur 0", metier=metier)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("offers:offers_for_you"))
    for n in range(1, 20):
        published(1, title=f"Soudeur {n}", metier=metier)
    with django_assert_max_num_queries(len(one)):
        response = client.get(reverse("offers:offers_for_you"))
    assert len(titles(response)) == 20
