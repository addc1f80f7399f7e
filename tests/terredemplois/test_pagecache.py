"""The shared cache of the public pages (toolkit.pagecache, terredemplois.pagecache): what anonymous visitors
see is served from Redis, never stale after an offer, a company or a referential changes, and never what a
logged-in user sees."""

import datetime
import time

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from offers.tasks import expire_due_offers
from referentials.models import Metier
from tests.accounts.factories import StaffFactory
from tests.companies.factories import CompanyFactory, recruiter_with_company
from tests.offers.factories import OfferFactory, approve_an_edit
from toolkit import pagecache
from toolkit.pagecache import HEADER, AnonymousPageCacheMiddleware, public_pages_changed

pytestmark = pytest.mark.django_db

OFFERS = reverse("offers:public_list")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = {**settings.PUBLIC_PAGE_CACHE, "timeout": 600}
    pagecache._read_version.clear()  # the version another test read (Redis is emptied between tests)


@pytest.fixture
def offer():
    return OfferFactory(published=True, title="Pâtissier H/F", company=CompanyFactory(online=True))


def offer_url(offer):
    return reverse("offers:public_detail", args=[offer.slug, offer.pk])


def cached(client, url):
    """GET ``url`` twice as an anonymous visitor: the second answer comes from the cache."""
    assert client.get(url)[HEADER] == "miss"
    response = client.get(url)
    assert response[HEADER] == "hit"
    return response


def test_a_public_page_is_rendered_once_then_served_from_the_cache_without_any_query(
        client, offer, django_assert_num_queries):
    first = client.get(OFFERS)
    with django_assert_num_queries(0):
        second = client.get(OFFERS)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content and "Pâtissier H/F" in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"] and "Set-Cookie" not in second


@pytest.mark.parametrize("name", ["home", "offers:public_list", "companies:public_list", "diffusion:sitemap",
                                  "diffusion:robots"])
def test_every_public_list_page_is_cached(client, offer, name):
    cached(client, reverse(name))


def test_publishing_an_offer_shows_it_at_once(client, offer):
    pending = OfferFactory(pending=True, title="Chocolatier H/F", company=offer.company)
    cached(client, OFFERS)
    cached(client, offer.company.get_absolute_url())
    pending.approve(by=StaffFactory())
    assert "Chocolatier H/F" in client.get(OFFERS).content.decode()
    assert "Chocolatier H/F" in client.get(offer.company.get_absolute_url()).content.decode()


def test_an_expired_offer_leaves_the_cached_pages(client, offer):
    cached(client, OFFERS)
    cached(client, offer_url(offer))
    offer.expire()
    assert "Pâtissier H/F" not in client.get(OFFERS).content.decode()
    assert client.get(offer_url(offer)).status_code == 410


def test_the_hourly_expiry_task_makes_the_cached_pages_stale(client, offer):
    cached(client, OFFERS)
    cached(client, reverse("home"))
    assert expire_due_offers(now=offer.expires_at + datetime.timedelta(minutes=1)) == 1
    assert "Pâtissier H/F" not in client.get(OFFERS).content.decode()
    assert "Pâtissier H/F" not in client.get(reverse("home")).content.decode()


def test_no_page_is_kept_beyond_the_end_of_the_next_offer_to_expire(offer, settings):
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() + datetime.timedelta(seconds=90))
    assert 0 < AnonymousPageCacheMiddleware.seconds_to_keep(600, settings.PUBLIC_PAGE_CACHE) <= 90


def test_an_approved_edit_replaces_the_cached_offer(client, offer):
    cached(client, offer_url(offer))
    cached(client, OFFERS)
    approve_an_edit(offer, title="Pâtissier chocolatier H/F")
    assert "Pâtissier chocolatier H/F" in client.get(offer_url(offer), follow=True).content.decode()
    assert "Pâtissier chocolatier H/F" in client.get(OFFERS).content.decode()


def test_an_offer_taken_offline_leaves_the_cached_pages(client, offer):
    cached(client, offer_url(offer))
    cached(client, OFFERS)
    offer.soft_delete(by=None)
    assert client.get(offer_url(offer)).status_code == 410
    assert "Pâtissier H/F" not in client.get(OFFERS).content.decode()


def test_a_company_edit_shows_on_its_cached_page_and_in_the_list(client, offer):
    company = offer.company
    cached(client, company.get_absolute_url())
    cached(client, reverse("companies:public_list"))
    company.name = "Pâtisserie des Remparts"
    company.save()
    assert "Pâtisserie des Remparts" in client.get(company.get_absolute_url()).content.decode()
    assert "Pâtisserie des Remparts" in client.get(reverse("companies:public_list")).content.decode()


def test_a_company_taken_offline_by_the_moderation_leaves_the_cache(client, offer):
    company = offer.company
    cached(client, company.get_absolute_url())
    company.take_offline(by=StaffFactory(), reason="Coordonnées fausses.")
    assert client.get(company.get_absolute_url()).status_code == 404


def test_a_referential_change_makes_the_cached_pages_stale(client, offer):
    cached(client, offer_url(offer))
    metier = Metier.objects.get(pk=offer.metier_id)
    metier.name_feminine = "Pâtissière d'art"
    metier.save()
    assert client.get(offer_url(offer))[HEADER] == "miss"


def test_a_logged_in_user_is_never_served_the_cached_page(client, offer):
    user, _company = recruiter_with_company(online=True)
    cached(client, OFFERS)
    client.force_login(user)
    page = client.get(OFFERS)
    assert HEADER not in page and "private" in page["Cache-Control"]
    assert "Me déconnecter" in page.content.decode() and "Se connecter" not in page.content.decode()


def test_a_recruiters_preview_of_an_offline_company_page_never_reaches_another_visitor(client):
    user, company = recruiter_with_company(online=False)
    client.force_login(user)
    preview = client.get(company.get_absolute_url())
    assert preview.status_code == 200 and "Modifier ma fiche entreprise" in preview.content.decode()
    visitor = client.__class__()
    assert visitor.get(company.get_absolute_url()).status_code == 404
    assert visitor.get(company.get_absolute_url()).status_code == 404


def test_the_page_a_logged_in_user_rendered_is_not_stored_for_anonymous_visitors(client, offer):
    user, _company = recruiter_with_company(online=True)
    client.force_login(user)
    assert "Me déconnecter" in client.get(OFFERS).content.decode()
    page = client.__class__().get(OFFERS)
    assert page[HEADER] == "miss" and "Me déconnecter" not in page.content.decode()


def test_an_anonymous_visitor_with_a_session_or_messages_is_not_served_from_the_cache(client, offer):
    cached(client, OFFERS)
    client.cookies["sessionid"] = "une-session-anonyme"
    assert HEADER not in client.get(OFFERS)
    del client.cookies["sessionid"]
    storage = CookieStorage(RequestFactory().get("/"))
    message_cookie = HttpResponse()
    storage.add(constants.SUCCESS, "Votre alerte est enregistrée.")
    storage.update(message_cookie)
    client.cookies["messages"] = message_cookie.cookies["messages"].value
    page = client.get(OFFERS)
    assert HEADER not in page and "Votre alerte est enregistrée." in page.content.decode()


def test_a_post_is_never_answered_from_the_cache(client, offer):
    cached(client, OFFERS)
    assert HEADER not in client.post(OFFERS)


def _middleware_twice(view):
    middleware = AnonymousPageCacheMiddleware(view)
    return [middleware(RequestFactory().get(OFFERS)) for _ in range(2)]


def test_a_response_that_sets_a_cookie_is_never_stored():
    def view(request):
        response = HttpResponse("page")
        response.set_cookie("suivi", "1")
        return response

    assert all(HEADER not in response for response in _middleware_twice(view))


def test_a_response_carrying_a_csrf_token_is_never_stored():
    def view(request):
        return HttpResponse(f"<input name='csrfmiddlewaretoken' value='{get_token(request)}'>")

    first, second = _middleware_twice(view)
    assert HEADER not in first and HEADER not in second and first.content != second.content


@pytest.mark.parametrize("headers", [{"Cache-Control": "private"}, {"Cache-Control": "no-store"},
                                     {"Vary": "Cookie, Accept"}])
def test_a_private_or_varying_response_is_never_stored(headers):
    def view(request):
        return HttpResponse("page", headers=headers)

    assert all(HEADER not in response for response in _middleware_twice(view))


def test_a_response_on_a_url_not_listed_is_never_stored(client, offer):
    url = reverse("offers:help_writing")
    assert HEADER not in client.get(url) and HEADER not in client.get(url)


def test_two_processes_share_the_pages_and_both_see_a_change_at_once():
    rendered = []

    def view(request):
        rendered.append(1)
        return HttpResponse(f"rendu {len(rendered)}")

    first, second = AnonymousPageCacheMiddleware(view), AnonymousPageCacheMiddleware(view)
    assert first(RequestFactory().get(OFFERS)).content == b"rendu 1"
    assert second(RequestFactory().get(OFFERS)).content == b"rendu 1"  # from Redis
    assert first(RequestFactory().get(OFFERS)).content == b"rendu 1"  # from its own copy
    public_pages_changed()
    assert second(RequestFactory().get(OFFERS)).content == b"rendu 2"
    assert first(RequestFactory().get(OFFERS)).content == b"rendu 2"


def test_a_page_past_its_end_is_not_served_even_from_a_process_copy():
    entry = ("v1", time.time() - 1, 200, [], b"ancienne page")
    assert AnonymousPageCacheMiddleware.fresh(entry, "v1") is None
    assert AnonymousPageCacheMiddleware.fresh(entry[:1] + (time.time() + 60,) + entry[2:], "v1") is not None
    assert AnonymousPageCacheMiddleware.fresh(entry[:1] + (time.time() + 60,) + entry[2:], "v2") is None


def test_with_a_version_read_every_few_seconds_the_process_that_changes_sees_it_at_once(settings):
    settings.PUBLIC_PAGE_CACHE = {**settings.PUBLIC_PAGE_CACHE, "version_seconds": 60}
    rendered = []

    def view(request):
        rendered.append(1)
        return HttpResponse(f"rendu {len(rendered)}")

    middleware = AnonymousPageCacheMiddleware(view)
    assert [middleware(RequestFactory().get(OFFERS)).content for _ in range(2)] == [b"rendu 1", b"rendu 1"]
    public_pages_changed()
    assert middleware(RequestFactory().get(OFFERS)).content == b"rendu 2"


def test_recruiters_drafts_submissions_and_pending_changes_leave_the_cached_pages_alone(client, offer):
    cached(client, OFFERS)
    draft = OfferFactory(company=offer.company, title="Tourier H/F")
    draft.submit(by=None)
    revision = offer.new_revision(by=None)
    revision.title = "Pâtissier tourier H/F"
    revision.save()
    assert client.get(OFFERS)[HEADER] == "hit"


def test_searches_are_kept_briefly_and_only_when_small_as_visitors_can_make_up_any_number(offer, settings):
    settings.PUBLIC_PAGE_CACHE = {**settings.PUBLIC_PAGE_CACHE, "query_max_bytes": 10}
    middleware = AnonymousPageCacheMiddleware(lambda request: HttpResponse("une page de résultats"))
    assert HEADER not in middleware(RequestFactory().get(OFFERS, {"q": "cuisinier"}))
    assert middleware(RequestFactory().get(OFFERS))[HEADER] == "miss"  # without a query string: any size
    settings.PUBLIC_PAGE_CACHE = {**settings.PUBLIC_PAGE_CACHE, "query_max_bytes": 1000, "query_timeout": 60}
    assert middleware(RequestFactory().get(OFFERS, {"q": "cuisinier"}))[HEADER] == "miss"
    key = AnonymousPageCacheMiddleware.key(RequestFactory().get(OFFERS, {"q": "cuisinier"}),
                                           settings.PUBLIC_PAGE_CACHE)
    assert 0 < middleware.local[key][1] - time.time() <= 60
    assert AnonymousPageCacheMiddleware.key(RequestFactory().get(OFFERS, {"q": "x" * 400}),
                                            settings.PUBLIC_PAGE_CACHE) is None
