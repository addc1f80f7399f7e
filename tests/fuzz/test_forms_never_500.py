"""Property: no form of the site answers 500, whatever is typed in it.

The forms are found by crawling the site as each role (anonymous, candidate, recruiter, staff) from its
home pages, following the site's own links (bounded: ``MAX_PAGES`` per role); hypothesis then submits
random values — text with NUL and other control characters, huge strings, numbers out of range,
« NaN », foreign URLs, random bytes for files — to a form drawn at random. Each submission runs in a
savepoint rolled back afterwards, so the examples do not depend on each other."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvtheque.referrals.services import partner_token
from tests.accounts.factories import CandidateFactory, StaffFactory
from tests.companies.factories import recruiter_with_company
from tests.cvtheque.factories import CVFactory, CVSearchFactory, SavedCVFactory, SavedListFactory, SpouseReferralFactory
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db

MAX_PAGES = 80  # per role: every menu and the pages they lead to
MAX_EXAMPLES = 300
SKIPPED = ("/deconnexion", "/logout", "/static/", "/media/", "/admin/jsi18n", "/flux.xml", "/document/")
START = {
    "anonymous": ["/", "/offres/", "/connexion/", "/inscription/"],
    "candidate": ["/", "/espace-candidat/", "/espace-candidat/mon-cv/", "/mes-parametres/"],
    "recruiter": ["/", "/espace-recruteur/", "/espace-recruteur/cvtheque/", "/espace-recruteur/offres/"],
    "staff": ["/", "/admin/"],
}
NASTY = ["", "NaN", "-1", "0", "1e309", "99999999999999999999", "\x00", "a\x00b", "\x1f\x7f", "<script>x</script>",
         "//evil.example/", "https://evil.example/", "javascript:alert(1)", "é" * 3000, "x" * 70_000, "../../etc",
         "%00", "2024-13-45", "31/02/2025", "  ", "{{ 7*7 }}", "' OR 1=1 --"]


class Forms(HTMLParser):
    """The forms (action, method, fields) and the links of a page."""

    def __init__(self, url):
        super().__init__()
        self.url, self.forms, self.links, self._form = url, [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(urljoin(self.url, attrs["href"]))
        elif tag == "form":
            self._form = {"action": urljoin(self.url, attrs.get("action") or self.url),
                          "method": (attrs.get("method") or "get").lower(), "fields": {}}
            self.forms.append(self._form)
        elif self._form is not None and tag in {"input", "select", "textarea"} and attrs.get("name"):
            kind = "file" if attrs.get("type") == "file" else "text"
            field = self._form["fields"].setdefault(attrs["name"], {"kind": kind, "values": []})
            if attrs.get("value"):
                field["values"].append(attrs["value"])
        elif self._form is not None and tag == "option" and attrs.get("value"):
            names = list(self._form["fields"])
            if names:
                self._form["fields"][names[-1]]["values"].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def local(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.netloc not in {"", "testserver"} or parts.scheme not in {"", "http"}:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if any(skip in path for skip in SKIPPED) else path


def crawl(client: Client, starts: list[str]) -> list[dict]:
    """The forms reachable from ``starts`` by following links, at most MAX_PAGES pages."""
    seen, queue, forms, signatures = set(), deque(starts), [], set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = Forms("http://testserver" + url)
        parser.feed(response.content.decode(errors="replace"))
        for form in parser.forms:
            action = local(form["action"])
            signature = (action, form["method"], tuple(sorted(form["fields"])))
            if "_selected_action" in form["fields"]:  # Django's admin actions: a non-numeric id is its own 500
                continue
            if action and signature not in signatures:
                signatures.add(signature)
                forms.append({**form, "action": action, "page": url})
        queue.extend(path for path in map(local, parser.links) if path and path not in seen)
    return forms


@pytest.fixture
def site(django_db_blocker):
    """A small site with one object of each kind, and the forms each role can reach."""
    recruiter, company = recruiter_with_company()
    offer = OfferFactory(company=company, published=True)
    OfferFactory(company=company)  # a draft
    SavedCVFactory(saved_list=SavedListFactory(company=company))
    CVSearchFactory(company=company, user=recruiter, favourite=True)
    CVFactory(visible=True)
    candidate = CandidateFactory()
    CVFactory(owner=candidate, visible=True)
    referral = SpouseReferralFactory(company=company, presented_by=recruiter)
    users = {"anonymous": None, "candidate": candidate, "recruiter": recruiter,
             "staff": StaffFactory(is_superuser=True)}
    starts = {**START, "anonymous": [*START["anonymous"], f"/offres/{offer.slug}-{offer.pk}/",
                                     f"/rapprochement-de-conjoints/mon-profil/{partner_token(referral)}/"]}
    clients, forms = {}, []
    for role, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        clients[role] = client
        forms += [(role, form) for form in crawl(client, starts[role])]
    return clients, forms


def values_for(field: dict):
    if field["kind"] == "file":
        return st.binary(max_size=2048).map(lambda data: SimpleUploadedFile("fichier.pdf", data))
    return st.one_of(st.sampled_from(field["values"] or [""]), st.sampled_from(NASTY), st.text(max_size=60))


@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_no_form_answers_500_to_random_values(site, data):
    clients, forms = site
    assert len(forms) > 20  # the crawl found the site's forms
    role, form = data.draw(st.sampled_from(forms), label="form")
    payload = {name: data.draw(values_for(field), label=name) for name, field in form["fields"].items()
               if data.draw(st.integers(0, 9), label=f"keep {name}")}  # 1 in 10 fields left out
    client = clients[role]
    with transaction.atomic():
        if form["method"] == "post":
            response = client.post(form["action"], payload)
        else:
            response = client.get(form["action"], {k: v for k, v in payload.items()
                                                    if not isinstance(v, SimpleUploadedFile)})
        transaction.set_rollback(True)
    assert response.status_code < 500, (role, form["action"], {k: str(v)[:80] for k, v in payload.items()})


@pytest.mark.parametrize("model", ["savedlist", "cvsearch"])
def test_admin_pages_that_cannot_create_a_row_are_not_offered(client, model):
    """Found by the property above: their « add » form saved rows without company and answered 500."""
    client.force_login(StaffFactory(is_superuser=True))
    assert client.post(f"/admin/cvtheque/{model}/add/", {"name": "NaN"}).status_code == 403
