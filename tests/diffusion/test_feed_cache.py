"""The feeds from the shared cache (toolkit.pagecache.cached_document): each written once per version of the
public content, sent gzipped to the crawlers that accept it, every read still logged, and never stale after
an offer, a company, a partner or a recruiter's choice changes."""

import datetime
import gzip

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from diffusion.models import OfferChoice, PartnerRead
from offers.models import Offer
from offers.tasks import expire_due_offers
from tests.companies.factories import CompanyFactory
from tests.offers.factories import OfferFactory, approve_an_edit
from toolkit import pagecache

from .factories import PartnerFactory
from .test_feeds import json_items, xml_jobs

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = {**settings.PUBLIC_PAGE_CACHE, "timeout": 600}
    pagecache._read_version.clear()  # the version another test read (Redis is emptied between tests)


def body_of(response) -> bytes:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body


def read(client, partner, **headers):
    response = client.get(partner.feed_path(), **headers)
    assert response.status_code == 200
    return response, body_of(response)


def references(client, partner) -> set[str]:
    return set(xml_jobs(read(client, partner)[1]))


def test_a_partner_feed_is_written_once_then_served_from_the_cache_and_every_read_is_logged(
        client, django_assert_num_queries):
    partner = PartnerFactory()
    OfferFactory.create_batch(3, published=True)
    _, first = read(client, partner)
    # the partner, the read's log row: no offer is read again
    with django_assert_num_queries(2) as queries:
        _, second = read(client, partner)
    assert not [q for q in queries.captured_queries if "offers_offer" in q["sql"]]
    assert second == first and len(xml_jobs(second)) == 3
    assert list(PartnerRead.objects.filter(partner=partner).values_list("offer_count", flat=True)) == [3, 3]


@pytest.mark.parametrize("json_format", [False, True])
def test_a_crawler_accepting_gzip_gets_the_compressed_feed_and_any_other_client_the_same_document(
        client, json_format):
    partner = PartnerFactory(json=json_format)
    OfferFactory.create_batch(2, published=True, title="Serveur <H/F> & co")
    compressed, body = read(client, partner, **GZIP)
    plain, same = read(client, partner)
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    assert plain.get("Content-Encoding") is None and plain["Content-Type"] == compressed["Content-Type"]
    assert same == body
    assert len(json_items(body) if json_format else xml_jobs(body)) == 2


def test_a_feed_another_process_is_writing_is_written_for_this_read_as_without_a_cache(client):
    partner = PartnerFactory()
    OfferFactory(published=True)
    cache.set(f"public-document:feed:partner:{partner.pk}:{partner.feed_format}:building", 1, timeout=60)
    response, body = read(client, partner, **GZIP)
    assert response.streaming and response.get("Content-Encoding") is None
    assert len(xml_jobs(body)) == 1 and PartnerRead.objects.get(partner=partner).offer_count == 1


def _expire(offer):
    offer.expire()


def _expire_by_the_hourly_task(offer):
    assert expire_due_offers(now=offer.expires_at + datetime.timedelta(minutes=1)) >= 1


def _delete(offer):
    offer.soft_delete(by=None)


def _refuse_the_partner(offer):
    OfferChoice.objects.create(offer=offer, partner=offer.partner, allowed=False)


def _partner_becomes_opt_in(offer):
    offer.partner.scope = "allowed"
    offer.partner.save()


@pytest.mark.parametrize("leave", [_expire, _expire_by_the_hourly_task, _delete, _refuse_the_partner,
                                   _partner_becomes_opt_in])
def test_an_offer_leaving_the_feed_leaves_the_cached_feed_at_once(client, leave):
    partner = PartnerFactory()
    staying = OfferFactory(published=True, expires_at=timezone.now() + datetime.timedelta(days=40))
    leaving = OfferFactory(published=True, company=CompanyFactory(online=True),
                           expires_at=timezone.now() + datetime.timedelta(days=20))
    if leave is _partner_becomes_opt_in:
        OfferChoice.objects.create(offer=staying, partner=partner, allowed=True)
    assert references(client, partner) >= {f"TDE-{leaving.pk}"}
    assert references(client, partner) >= {f"TDE-{leaving.pk}"}  # from the cache
    leaving.partner = partner
    leave(leaving)
    assert references(client, partner) == {f"TDE-{staying.pk}"}


def test_an_edited_offer_shows_in_the_cached_feed_at_once(client):
    partner = PartnerFactory()
    offer = OfferFactory(published=True, title="Cuisinier H/F")
    read(client, partner)
    approve_an_edit(offer, title="Chef de partie H/F")
    assert xml_jobs(read(client, partner)[1])[f"TDE-{offer.pk}"].findtext("title") == "Chef de partie H/F"


def test_a_company_s_new_name_shows_in_the_cached_feed_at_once(client):
    partner = PartnerFactory()
    offer = OfferFactory(published=True, company=CompanyFactory(online=True, name="Boulangerie Martin"))
    assert xml_jobs(read(client, partner)[1])[f"TDE-{offer.pk}"].findtext("company") == "Boulangerie Martin"
    offer.company.name = "Fournil des Remparts"
    offer.company.save()
    assert xml_jobs(read(client, partner)[1])[f"TDE-{offer.pk}"].findtext("company") == "Fournil des Remparts"


def test_a_published_offer_joins_the_cached_public_feed_at_once(client):
    OfferFactory(published=True)
    url = reverse("diffusion:public_feed")
    first = body_of(client.get(url, **GZIP))
    assert body_of(client.get(url, **GZIP)) == first and len(xml_jobs(first)) == 1
    OfferFactory(published=True)
    assert len(xml_jobs(body_of(client.get(url, **GZIP)))) == 2


def test_no_feed_is_kept_beyond_the_end_of_the_next_offer_to_expire(client):
    partner = PartnerFactory()
    offer = OfferFactory(published=True)
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() + datetime.timedelta(seconds=90))
    read(client, partner)
    _version, end, _data, _count = cache.get(f"public-document:feed:partner:{partner.pk}:{partner.feed_format}")
    assert timezone.now().timestamp() < end <= timezone.now().timestamp() + 90
