"""« Mes recherches de CV »: history (record_search), favourites, alert frequency, permissions."""

import re

import pytest
import time_machine
from django.http import QueryDict
from django.urls import reverse

from cvtheque.recruiting.enums import AlertFrequency
from cvtheque.recruiting.models import CVAlertSent, CVSearch
from cvtheque.recruiting.services import record_search, search_label
from cvtheque.search.params import CVSearchParams
from tests.accounts.factories import CandidateFactory, StaffFactory
from tests.companies.factories import MembershipFactory, recruiter_with_company

from .factories import CVFactory, CVSearchFactory

pytestmark = pytest.mark.django_db


def params(query: str) -> CVSearchParams:
    return CVSearchParams.from_querydict(QueryDict(query))


@pytest.fixture
def owner():
    return recruiter_with_company()


def test_a_search_is_recorded_in_capitals(owner):
    user, company = owner
    search = record_search(user, company, params("q=Permis+B+aide+à+domicile"))
    assert search.label == "PERMIS B AIDE À DOMICILE"
    assert search.user == user and search.company == company


def test_the_label_shows_the_place():
    assert search_label({"q": ["préparatrice commande"], "place": ["Carcassonne"]}) == \
        "PRÉPARATRICE COMMANDE — CARCASSONNE"
    assert search_label({}) == "TOUS LES CV"
    assert search_label({"q": ["soudeur"], "rqth_only": ["1"], "radius_km": ["30"]}) == \
        "SOUDEUR · 30 km · RQTH uniquement"


def test_the_label_describes_the_refinements():
    assert search_label({"place": ["Carcassonne Agglo"], "contract_types": ["cdi"], "driving_licence": ["1"],
                         "radius_km": ["20"]}) == "CARCASSONNE AGGLO · CDI · permis B · 20 km"
    assert search_label({"contract_types": ["cdd", "saisonnier"], "availability": ["immediate"],
                         "education_level": ["bac2"], "updated_within_months": ["6"], "source": ["spouse"]}) == (
        "TOUS LES CV · CDD, Saisonnier · disponibilité immédiate · Bac+2 · mis à jour depuis moins de 6 mois"
        " · source : rapprochement de conjoint")
    assert search_label({"contract_types": ["cdi"]}) != search_label({"driving_licence": ["1"]})


def test_a_search_in_an_unknown_place_is_not_recorded(owner):
    user, company = owner
    assert record_search(user, company, params("q=vendeur&place=xyzzy")) is None
    assert not CVSearch.objects.filter(user=user).exists()
    assert record_search(user, company, params("q=vendeur&place=Carcassonne")) is not None


def test_running_the_same_search_again_moves_it_to_the_top_without_duplicating(owner):
    user, company = owner
    with time_machine.travel("2026-11-20 09:00", tick=False):
        first = record_search(user, company, params("q=commercial"))
    with time_machine.travel("2026-11-20 10:00", tick=False):
        record_search(user, company, params("q=vendeuse"))
    with time_machine.travel("2026-11-20 11:00", tick=False):
        again = record_search(user, company, params("q=commercial&page=3"))
    assert again is None
    assert CVSearch.objects.get(user=user, label="COMMERCIAL").pk == first.pk
    assert list(CVSearch.objects.of_user(user).values_list("label", flat=True)) == ["COMMERCIAL", "VENDEUSE"]


def test_only_the_last_100_searches_are_kept_but_favourites_stay(owner):
    user, company = owner
    with time_machine.travel("2026-01-01 08:00", tick=True):
        favourite = record_search(user, company, params("q=glacier"))
        favourite.star()
        for n in range(101):
            record_search(user, company, params(f"q=métier+{n}"))
    searches = CVSearch.objects.of_user(user)
    assert searches.filter(is_favourite=False).count() == 100
    assert not searches.filter(label="MÉTIER 0").exists()
    assert searches.filter(pk=favourite.pk).exists()


def test_a_search_falling_out_of_the_history_takes_the_record_of_its_alerts_with_it(owner, django_assert_num_queries):
    user, company = owner
    other_user, other_company = recruiter_with_company()
    with time_machine.travel("2026-01-01 08:00", tick=True):
        oldest = record_search(user, company, params("q=soudeur"))
        CVAlertSent.objects.create(search=oldest, cv=CVFactory(visible=True))
        kept_elsewhere = record_search(other_user, other_company, params("q=soudeur"))
        CVAlertSent.objects.create(search=kept_elsewhere, cv=CVFactory(visible=True))
        for n in range(99):
            record_search(user, company, params(f"q=métier+{n}"))
        assert CVSearch.objects.filter(pk=oldest.pk).exists()
        with django_assert_num_queries(3):  # the UPDATE that finds nothing, the INSERT, the pruning DELETE
            newest = record_search(user, company, params("q=chaudronnier"))
    assert newest.pk and newest.label == "CHAUDRONNIER"
    assert not CVSearch.objects.filter(pk=oldest.pk).exists()
    assert not CVAlertSent.objects.filter(search_id=oldest.pk).exists()
    assert CVAlertSent.objects.filter(search=kept_elsewhere).count() == 1
    assert CVSearch.objects.of_user(user).count() == 100


def test_histories_are_per_recruiter(owner):
    user, company = owner
    colleague = MembershipFactory(company=company).user
    record_search(user, company, params("q=soudeur"))
    assert not CVSearch.objects.of_user(colleague).exists()


def test_history_page_follows_the_guide(client, owner):
    user, company = owner
    client.force_login(user)
    page = client.get(reverse("cvtheque:history")).content.decode()
    assert "Mes recherches de CV" in page
    assert "Cliquez sur une recherche pour la relancer." in page
    assert "Vous n'avez pas encore sauvegardé de recherche." in page
    record_search(user, company, params("q=comptable&place=Carcassonne"))
    page = client.get(reverse("cvtheque:history")).content.decode()
    assert "COMPTABLE — CARCASSONNE" in page
    href = re.search(r'class="rerun" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    path, query = href.split("?")
    assert path == reverse("cvtheque:search")
    assert QueryDict(query).dict() == {"q": "comptable", "place": "Carcassonne"}
    assert "Supprimer la recherche COMPTABLE — CARCASSONNE" in page
    assert "Ajouter la recherche COMPTABLE — CARCASSONNE aux favorites" in page


def test_star_choose_frequency_unstar_and_delete(client, owner):
    user, company = owner
    client.force_login(user)
    search = record_search(user, company, params("q=assistant"))
    client.post(reverse("cvtheque:search_star", args=[search.pk]))
    search.refresh_from_db()
    assert search.is_favourite and search.alert_frequency == AlertFrequency.DAILY
    assert search.favourite_since is not None
    page = client.get(reverse("cvtheque:history")).content.decode()
    assert "Vous n'avez pas encore sauvegardé de recherche." not in page and "Tous les jours" in page
    client.post(reverse("cvtheque:search_frequency", args=[search.pk]), {"alert_frequency": "weekly"})
    search.refresh_from_db()
    assert search.alert_frequency == AlertFrequency.WEEKLY
    response = client.post(reverse("cvtheque:search_frequency", args=[search.pk]), {"alert_frequency": "hourly"})
    assert response.status_code == 302
    search.refresh_from_db()
    assert search.alert_frequency == AlertFrequency.WEEKLY
    client.post(reverse("cvtheque:search_unstar", args=[search.pk]))
    search.refresh_from_db()
    assert not search.is_favourite
    client.post(reverse("cvtheque:search_delete", args=[search.pk]))
    assert not CVSearch.objects.filter(pk=search.pk).exists()


def action_urls(search):
    return [
        ("post", reverse("cvtheque:search_delete", args=[search.pk])),
        ("post", reverse("cvtheque:search_star", args=[search.pk])),
        ("post", reverse("cvtheque:search_unstar", args=[search.pk])),
        ("post", reverse("cvtheque:search_frequency", args=[search.pk])),
    ]


@pytest.mark.parametrize("who", ["anonymous", "candidate", "staff"])
def test_non_recruiters_are_sent_to_the_login_page(client, who):
    search = CVSearchFactory()
    if who == "candidate":
        client.force_login(CandidateFactory())
    elif who == "staff":
        client.force_login(StaffFactory())
    for method, url in [("get", reverse("cvtheque:history")), *action_urls(search)]:
        response = getattr(client, method)(url, {"alert_frequency": "none"})
        if who == "anonymous":
            assert response.status_code == 302 and reverse("account_login") in response["Location"], url
        else:
            assert response.status_code == 403, url
    assert CVSearch.objects.filter(pk=search.pk, is_favourite=False).exists()


@pytest.mark.parametrize("who", ["other_company", "colleague"])
def test_another_recruiter_can_neither_see_nor_change_my_history(client, who):
    search = CVSearchFactory()
    other = recruiter_with_company()[0] if who == "other_company" else MembershipFactory(company=search.company).user
    client.force_login(other)
    assert search.label not in client.get(reverse("cvtheque:history")).content.decode()
    for method, url in action_urls(search):
        assert getattr(client, method)(url, {"alert_frequency": "none"}).status_code == 404, url
    search.refresh_from_db()
    assert not search.is_favourite and search.alert_frequency == AlertFrequency.DAILY


@pytest.mark.parametrize("size", [2, 20])
def test_history_page_query_count_does_not_grow(client, owner, django_assert_num_queries, size):
    user, company = owner
    client.force_login(user)
    for n in range(size):
        search = record_search(user, company, params(f"q=métier+{n}"))
        if n % 2:
            search.star()
    # user, membership, searches, announcements (first page since the cache was cleared; session: cache)
    with django_assert_num_queries(4):
        assert client.get(reverse("cvtheque:history")).status_code == 200
