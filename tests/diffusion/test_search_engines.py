"""Search engines: sitemap.xml, robots.txt, the page's head (canonical URL, description, Open Graph, icons),
old URLs after a title change, and the JobPosting JSON-LD Google for Jobs reads, on every demo offer."""

import io
import json
import re
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from accounts import demo as accounts_demo
from companies import demo as companies_demo
from diffusion.sitemaps import CompanySitemap, OfferSitemap
from offers import demo as offers_demo
from offers.jsonld import GOOGLE_EMPLOYMENT_TYPES
from offers.models import Offer
from tests.companies.factories import CompanyFactory
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return etree.fromstring(response.content).xpath("//s:loc/text()", namespaces=SITEMAP_NS)


def test_the_sitemap_index_lists_offers_companies_and_pages(client):
    sections = locations(client, "/sitemap.xml")
    assert sections == [f"http://testserver/sitemap-{name}.xml" for name in ("offres", "entreprises", "pages")]


def test_the_offers_sitemap_has_the_online_offers_with_their_last_change_and_nothing_else(client):
    online = OfferFactory(published=True, title="Boulanger H/F")
    hidden = [OfferFactory(pending=True), OfferFactory(expired=True), OfferFactory(refused=True),
              OfferFactory(published=True, deleted=True), OfferFactory()]
    response = client.get("/sitemap-offres.xml")
    root = etree.fromstring(response.content)
    urls = root.xpath("//s:url", namespaces=SITEMAP_NS)
    assert [url.findtext("s:loc", namespaces=SITEMAP_NS) for url in urls] == [
        f"http://testserver/offres/boulanger-hf-{online.pk}/"]
    # the date in the site's time zone (Europe/Paris), as the sitemap writes it: from 23:00 or 22:00 UTC it is
    # already the next day there
    assert urls[0].findtext("s:lastmod", namespaces=SITEMAP_NS) == timezone.localdate(online.updated_at).isoformat()
    for offer in hidden:
        assert f"-{offer.pk}/" not in response.content.decode()


def test_the_companies_sitemap_has_the_online_company_pages_only(client):
    online, offline = CompanyFactory(online=True), CompanyFactory()
    urls = locations(client, "/sitemap-entreprises.xml")
    assert urls == [f"http://testserver{online.get_absolute_url()}"]
    assert offline.get_absolute_url() not in str(urls)


def test_the_static_pages_are_in_the_sitemap(client):
    urls = locations(client, "/sitemap-pages.xml")
    assert "http://testserver/" in urls and f"http://testserver{reverse('offers:public_list')}" in urls


def test_past_its_limit_a_section_is_split_in_pages_listed_by_the_index(client, monkeypatch):
    monkeypatch.setattr(OfferSitemap, "limit", 2)
    offers = OfferFactory.create_batch(5, published=True)
    assert "http://testserver/sitemap-offres.xml?p=3" in locations(client, "/sitemap.xml")
    pages = [locations(client, f"/sitemap-offres.xml?p={page}") for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert {url.rsplit("-", 1)[1].strip("/") for page in pages for url in page} == {str(o.pk) for o in offers}
    assert client.get("/sitemap-offres.xml?p=4").status_code == 404
    assert client.get("/sitemap-offres.xml?p=abc").status_code == 404


def test_a_sitemap_page_holds_at_most_2_000_urls_well_under_the_protocol_s_50_000():
    assert OfferSitemap.limit == CompanySitemap.limit == 2_000


@pytest.mark.parametrize("size", [2, 8])
def test_the_sitemap_index_query_count_is_fixed(client, django_assert_num_queries, size):
    OfferFactory.create_batch(size, published=True)
    CompanyFactory.create_batch(size, online=True)
    # per section with pages: its count (pagination) and the latest change (an aggregate, not every row)
    with django_assert_num_queries(4):
        response = client.get(reverse("diffusion:sitemap"))
    assert "<lastmod>" in response.content.decode()


def test_robots_txt_and_the_favicon_answer_head_requests(client):
    assert client.head("/robots.txt").status_code == 200
    assert client.head("/favicon.ico").status_code == 301


@pytest.mark.parametrize("size", [2, 8])
def test_the_offers_sitemap_query_count_is_fixed(client, django_assert_num_queries, size):
    OfferFactory.create_batch(size, published=True)
    with django_assert_num_queries(2):  # count (pagination), the page
        response = client.get(reverse("diffusion:sitemap_section", kwargs={"section": "offres"}))
    assert response.content.decode().count("<url>") == size


def test_robots_txt_keeps_private_spaces_admin_apis_and_feeds_out_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    for private in ("/espace-recruteur/", "/espace-candidat/", "/admin/", "/api/", "/diffusion/", "/offres/flux.xml",
                    "/compte/", "/mes-parametres/", "/mes-donnees/", "/cvtheque/"):
        assert f"Disallow: {private}" in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines
    assert "Disallow: /offres/" not in lines and "Disallow: /entreprises/" not in lines
    assert {"Allow: /compte/signup/", "Allow: /compte/login/"} <= set(lines)  # public: « S'inscrire »


def test_favicon_ico_is_no_longer_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("/static/img/favicon.ico")
    assert (settings.BASE_DIR / "static" / "img" / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def _head(html: str) -> str:
    return unescape(html.split("</head>")[0])


def test_every_page_has_a_canonical_url_a_description_open_graph_and_icons(client):
    head = _head(client.get(reverse("offers:public_list") + "?q=boulanger&page=2").content.decode())
    assert f'<link rel="canonical" href="{settings.SITE_URL}/offres/">' in head
    assert re.search(r'<meta name="description" content="[^"]{50,}">', head)
    for prop in ("og:title", "og:description", "og:url", "og:type", "og:site_name", "og:locale"):
        assert f'property="{prop}"' in head
    assert f'<meta property="og:image" content="{settings.SITE_URL}/static/img/og-image.png">' in head
    for icon in ("favicon.ico", "favicon-32.png", "icon-192.png", "apple-touch-icon.png"):
        assert f"/static/img/{icon}" in head
        assert (settings.BASE_DIR / "static" / "img" / icon).is_file()


def test_an_offer_page_head_names_its_canonical_url_and_describes_the_offer(client):
    offer = OfferFactory(published=True, title="Boulanger H/F", salary_min=2050, salary_period="month")
    head = _head(client.get(f"/offres/ancien-{offer.pk}/", follow=True).content.decode())
    page = f"{settings.SITE_URL}/offres/boulanger-hf-{offer.pk}/"
    assert f'<link rel="canonical" href="{page}">' in head and f'<meta property="og:url" content="{page}">' in head
    assert f'<meta property="og:title" content="Boulanger H/F — {offer.company.name}">' in head
    assert "2 050 € brut par mois" in head.replace("\u202f", " ")


def test_a_title_change_keeps_the_old_url_working_with_a_301_to_the_new_one(client):
    offer = OfferFactory(published=True, title="Commis de cuisine H/F")
    old_url = reverse("offers:public_detail", kwargs={"slug": offer.slug, "pk": offer.pk})
    offer.title = "Second de cuisine H/F"
    offer.save()
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == f"/offres/second-de-cuisine-hf-{offer.pk}/"
    assert client.get(response["Location"]).status_code == 200


# --- JobPosting for Google for Jobs ----------------------------------------------------------------

GOOGLE_REQUIRED = {"title", "description", "datePosted", "hiringOrganization", "jobLocation"}
GOOGLE_RECOMMENDED = {"identifier", "employmentType", "baseSalary", "validThrough", "directApply"}


def _jsonld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def check_job_posting(data: dict, offer: Offer) -> list[str]:
    """What Google for Jobs would reject or flag in the JobPosting of an online offer."""
    problems = [f"missing {name}" for name in sorted(GOOGLE_REQUIRED - set(data))]
    problems += [f"missing recommended {name}" for name in sorted(GOOGLE_RECOMMENDED - set(data))
                 if not (name == "baseSalary" and offer.salary_min is None)]
    if data.get("employmentType") not in GOOGLE_EMPLOYMENT_TYPES:
        problems.append(f"employmentType {data.get('employmentType')!r}")
    address = data.get("jobLocation", {}).get("address", {})
    problems += [f"address without {key}" for key in ("addressLocality", "postalCode", "addressRegion",
                                                      "addressCountry") if not address.get(key)]
    if "baseSalary" in data and data["baseSalary"]["value"].get("unitText") not in {"HOUR", "DAY", "WEEK", "MONTH",
                                                                                  "YEAR"}:
        problems.append("baseSalary without a valid unitText")
    if data.get("identifier", {}).get("value") != f"TDE-{offer.pk}":
        problems.append("identifier")
    if data.get("directApply") is not True:
        problems.append("directApply")
    return problems


def test_every_demo_offer_online_has_the_jobposting_google_requires_and_recommends(client):
    out = io.StringIO()
    accounts_demo.load(out)
    companies_demo.load(out)
    offers_demo.load(out)
    online = list(Offer.objects.visible_to_public())
    assert len(online) >= 15
    problems = {}
    for offer in online:
        data = _jsonld(client.get(reverse("offers:public_detail", kwargs={"slug": offer.slug, "pk": offer.pk}
                                          )).content.decode())
        if found := check_job_posting(data, offer):
            problems[offer.title] = found
    assert not problems


def test_the_check_flags_what_google_would_reject():
    offer = OfferFactory.build(pk=7, salary_min=None)
    assert check_job_posting({"title": "x", "employmentType": "CDI"}, offer) == [
        "missing datePosted", "missing description", "missing hiringOrganization", "missing jobLocation",
        "missing recommended directApply", "missing recommended identifier", "missing recommended validThrough",
        "employmentType 'CDI'", "address without addressLocality",
        "address without postalCode", "address without addressRegion", "address without addressCountry",
        "identifier", "directApply"]


# --- rich text on public pages ----------------------------------------------------------------------

def test_an_offer_description_s_headings_start_below_the_page_s_own_heading(client):
    offer = OfferFactory(published=True, description="<h4>Vos missions</h4><p>Pétrir.</p><h4>Profil</h4><p>CAP.</p>")
    html = client.get(reverse("offers:public_detail", kwargs={"slug": offer.slug, "pk": offer.pk})).content.decode()
    assert "<h2>Vos missions</h2>" in html and "<h2>Profil</h2>" in html and "<h4>" not in html


def test_a_company_description_s_headings_start_below_the_page_s_own_heading(client):
    company = CompanyFactory(online=True, description="<h3>Notre histoire</h3><p>Depuis 1950.</p>"
                                                      "<h4>Nos valeurs</h4><p>Le goût.</p>")
    html = client.get(company.get_absolute_url()).content.decode()
    assert "<h2>Notre histoire</h2>" in html and "<h3>Nos valeurs</h3>" in html
