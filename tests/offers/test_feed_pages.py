"""The XML feed comes in pages of FEED_PAGE_SIZE offers (bounded work per request), each giving the next."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from offers import views
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db


def jobs_and_next(client, query=""):
    root = ElementTree.fromstring(client.get(reverse("offers:feed") + query).content)
    return [job.findtext("title") for job in root.findall("job")], root.findtext("nextpage")


def test_the_feed_is_read_page_by_page_newest_first_until_the_last_one(client, monkeypatch, settings):
    monkeypatch.setattr(views, "FEED_PAGE_SIZE", 2)
    for n in range(5):
        OfferFactory(published=True, title=f"Offre {n}")
    first, next_url = jobs_and_next(client)
    assert len(first) == 2 and next_url == f"{settings.SITE_URL}{reverse('offers:feed')}?page=2"
    second, next_url = jobs_and_next(client, "?page=2")
    third, last = jobs_and_next(client, "?page=3")
    assert len(second) == 2 and next_url.endswith("?page=3") and len(third) == 1 and last is None
    assert sorted(first + second + third) == [f"Offre {n}" for n in range(5)]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999999999"])
def test_a_wrong_page_number_gives_the_first_page(client, monkeypatch, page):
    monkeypatch.setattr(views, "FEED_PAGE_SIZE", 2)
    OfferFactory(published=True, title="Offre unique")
    assert jobs_and_next(client, f"?page={page}") == (["Offre unique"], None)
