"""``sitemap.xml``: an index of sections (django.contrib.sitemaps), each split in pages of at most 2 000 URLs
(``Sitemap.limit``; the protocol allows 50 000): the online offers with their last change, the online company
pages, the public pages. A page of 20 000 offers was 3 MB, served 151 times a second from the page cache where
every other public page is served 2 200–2 700 times (`make load`); 5 000 URLs (757 KB) 1 182 times, 2 000
URLs ~300 KB."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from companies.models import Company
from offers.jsonld import offer_path
from offers.models import Offer


class SiteSitemap(Sitemap):
    protocol = None  # the scheme and host of the request (SITE_URL in production behind its proxy)
    limit = 2_000


class OfferSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        # by id: an offer stays on its page as others are published (only those taken offline move the rest)
        return Offer.objects.visible_to_public().only("pk", "slug", "updated_at").order_by("pk")

    def location(self, offer):
        return offer_path(offer)

    def lastmod(self, offer):
        return offer.updated_at

    def get_latest_lastmod(self):
        """For the index: one aggregate, never every offer read (Django's default reads them all)."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class CompanySitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Company.objects.online().only("pk", "slug", "updated_at").order_by("pk")

    def location(self, company):
        return company.get_absolute_url()

    def lastmod(self, company):
        return company.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class StaticSitemap(SiteSitemap):
    changefreq = "daily"
    PAGES = ["home", "offers:public_list", "companies:public_list", "offers:help_writing", "offers:help_sessions"]

    def items(self):
        return self.PAGES

    def location(self, name):
        return reverse(name)


SITEMAPS = {"offres": OfferSitemap, "entreprises": CompanySitemap, "pages": StaticSitemap}
