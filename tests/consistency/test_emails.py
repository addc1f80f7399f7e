"""Every e-mail the project sends has a subject, a text and an HTML template.

The e-mails are found in the code, not listed here: ``mailing.services.queue_email`` / ``render_email``
take a template stem such as ``"offers/emails/expiring"`` and render ``<stem>_subject.txt``, ``<stem>.txt``
and ``<stem>.html``; every string of that shape written in the project's Python is an e-mail kind.
allauth's own e-mails (``account/email/…``, rendered by allauth and stored by ``accounts.adapter``) use
allauth's templates and naming: they are not checked here."""

import ast
import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

from mailing.models import OutgoingEmail
from mailing.services import render_email
from offers.alerts import AlertDigest, with_email_lines
from tests.accounts.factories import CandidateFactory, RecruiterFactory
from tests.companies.factories import CompanyFactory, MembershipFactory
from tests.cvtheque.factories import CVFactory, SpouseReferralFactory
from tests.offers.factories import ApplicationFactory, OfferFactory

from .project import TEMPLATES_DIR, parsed, python_files, relative, template_name

EMAIL_STEM = re.compile(r"^[a-z_]+(/[a-z_]+)*/emails/[a-z0-9_]+$")
# the functions that take a template stem, and its position among their arguments
SENDING_FUNCTIONS = {"queue_email": 1, "render_email": 0}
MAILING_SERVICES = "mailing/services.py"  # defines them, passing its ``template`` parameter along
PARTS = ("_subject.txt", ".txt", ".html")

# E-mails still without an HTML part. cvtheque/ is being rewritten on other branches: the lead adds the
# missing template after merging, then removes the entry.
WITHOUT_HTML = {
    "cvtheque/emails/spouse_referral",  # TODO(lead): add templates/cvtheque/emails/spouse_referral.html
}


def email_stems() -> dict[str, str]:
    """{template stem: where it is written} for every e-mail kind named in the project's code."""
    stems = {}
    for path in python_files():
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and EMAIL_STEM.match(node.value):
                stems.setdefault(node.value, f"{relative(path)}:{node.lineno}")
    return stems


def _functions(tree):
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def test_the_email_kinds_are_found_in_the_code():
    stems = email_stems()
    assert {"offers/emails/expiring", "moderation/emails/offer_approved", "moderation/emails/offer_refused",
            "companies/emails/membership_request", "cvtheque/emails/cv_alert"} <= set(stems)


def test_every_sending_call_names_its_template_where_the_test_can_read_it():
    """The template of ``queue_email(to, template, …)`` is a literal, or a variable set from literals in
    the same function (``template = "…/offer_approved" if approved else "…/offer_refused"``): a name
    built at run time would escape the check below."""
    hidden = []
    for path in python_files():
        if relative(path) == MAILING_SERVICES:
            continue
        for function in _functions(parsed(path)):
            literals = [n for n in ast.walk(function) if isinstance(n, ast.Constant)
                        and isinstance(n.value, str) and EMAIL_STEM.match(n.value)]
            for call in ast.walk(function):
                called = getattr(getattr(call, "func", None), "id", getattr(getattr(call, "func", None), "attr", None))
                if not isinstance(call, ast.Call) or called not in SENDING_FUNCTIONS:
                    continue
                position = SENDING_FUNCTIONS[called]
                template = call.args[position] if len(call.args) > position else next(
                    (k.value for k in call.keywords if k.arg == "template"), None)
                readable = (isinstance(template, ast.Constant) and EMAIL_STEM.match(str(template.value))) or (
                    isinstance(template, ast.Name) and literals)
                if not readable:
                    hidden.append(f"{relative(path)}:{call.lineno}")
    assert not hidden, f"e-mail template names the consistency test cannot read: {hidden}"


@pytest.mark.parametrize("stem", sorted(email_stems()))
def test_every_email_has_a_subject_a_text_and_an_html_template(stem):
    missing = []
    for part in PARTS:
        if part == ".html" and stem in WITHOUT_HTML:
            continue
        try:
            get_template(stem + part)
        except TemplateDoesNotExist:
            missing.append(stem + part)
    assert not missing, f"{email_stems()[stem]} sends {stem!r} without {missing}"


def test_the_allow_list_of_emails_without_html_is_not_stale():
    stale = [stem for stem in WITHOUT_HTML if (TEMPLATES_DIR / f"{stem}.html").exists()
             or stem not in email_stems()]
    assert not stale, f"remove from WITHOUT_HTML: {stale}"


def test_every_email_template_belongs_to_an_email_the_code_sends():
    """An e-mail template nobody sends is dead: removed, or its sending call was lost."""
    stems = email_stems()
    orphans = []
    for path in TEMPLATES_DIR.rglob("*"):
        name = template_name(path)
        if path.is_file() and "/emails/" in f"/{name}":
            stem = name
            for part in PARTS:
                if name.endswith(part):
                    stem = name.removesuffix(part)
                    break
            if stem not in stems:
                orphans.append(name)
    assert not orphans


LINK = re.compile(r"{{\s*site_url\s*}}\s*({%\s*url\s+[^%]+%}|{{\s*[\w.]+\s*}})")


def links(template: str) -> set[str]:
    return {" ".join(target.split()) for target in LINK.findall((TEMPLATES_DIR / template).read_text())}


@pytest.mark.parametrize("stem", sorted(stem for stem in email_stems() if stem not in WITHOUT_HTML))
def test_the_text_and_html_parts_link_the_same_pages(stem):
    text_links = links(f"{stem}.txt")
    assert text_links == links(f"{stem}.html"), f"{stem}: a link is in one part only"


# --- every e-mail renders, and its text parts are text ----------------------------------------------------

# Names a user types, with the characters HTML escapes: the text parts and subjects must show them as typed.
COMPANY_NAME = "Hôtel d'Inès & Fils"
OFFER_TITLE = "Vendeur H/F — l'été à Carcassonne & Trèbes"
PERSON = {"first_name": "Inès", "last_name": "D'Arc"}
ENTITIES = ("&#x27;", "&#39;", "&amp;", "&quot;", "&lt;", "&gt;")


def _sample_contexts() -> dict:
    """A context for every e-mail kind, built from the factories, with apostrophes and ampersands."""
    recruiter = RecruiterFactory(**PERSON)
    company = CompanyFactory(name=COMPANY_NAME, offline_reason="Photos d'un autre site & textes copiés")
    membership = MembershipFactory(company=company, user=recruiter)
    offer = OfferFactory(published=True, company=company, author=recruiter, title=OFFER_TITLE,
                         contact_name="Sophie L'Hôte")
    candidate = CandidateFactory(**PERSON)
    with_email_lines([offer])  # the job alerts' lines, rendered once per run
    application = ApplicationFactory(offer=offer, candidate=candidate, message="Disponible l'été & le week-end")
    refused = SimpleNamespace(candidate=candidate, refusal_label="Poste pourvu : l'offre & la suite")
    cv = CVFactory(visible=True, headline="Aide à domicile & auxiliaire de vie", first_name="Inès")
    cv.alert_url = reverse("cvtheque:cv_detail", args=[cv.pk])
    digest = SimpleNamespace(search=SimpleNamespace(label="aide à domicile · Carcassonne Agglo"), total=1,
                             cvs=[cv], more=0)
    referral = SpouseReferralFactory(company=company, presented_by=recruiter, first_name="Inès")
    moderation = {"offer": offer, "recruiter": recruiter, "is_revision": False,
                  "decision": SimpleNamespace(reason_display="Offre incomplète : l'adresse & le salaire"),
                  "edit_path": reverse("offers:edit", args=[offer.pk]), "mine_path": reverse("offers:mine"),
                  "public_path": reverse("offers:public_detail", args=[offer.slug, offer.pk])}
    return {
        "companies/emails/membership_request": {"membership": membership, "recipient": recruiter},
        "companies/emails/membership_decision": {"membership": membership},
        "companies/emails/taken_offline": {"company": company, "recipient": recruiter},
        "cvtheque/emails/cv_alert": {"user": recruiter, "total": 1, "items": [
            {"digest": digest, "search_url": reverse("cvtheque:search"), "unsubscribe_url": "/arreter/"}]},
        "cvtheque/emails/spouse_referral": {"referral": referral, "company": company, "recruiter": recruiter,
                                            "profile_url": "/rapprochement-de-conjoints/mon-profil/x/"},
        "moderation/emails/offer_approved": moderation,
        "moderation/emails/offer_refused": moderation,
        "offers/emails/expiring": {"offer": offer, "user": recruiter},
        "offers/emails/new_application": {"offer": offer, "application": application},
        "offers/emails/application_sent": {"offer": offer, "application": application},
        "offers/emails/application_interview": {"offer": offer, "application": application},
        "offers/emails/application_refused": {"offer": offer, "application": refused},
        "cvtheque/emails/cv_retention_warning": {"user": candidate, "cv": cv, "hidden_on": date(2027, 1, 15),
                                                 "stay_visible_url": "/cv/je-reste-visible/x/"},
        "cvtheque/emails/account_retention_warning": {"user": candidate, "deleted_on": date(2027, 1, 15)},
        "offers/emails/job_alert": {"user": candidate, "total": 1, "items": [
            {"digest": AlertDigest(alert=SimpleNamespace(label="vendeur · l'Aude & l'Hérault"), total=1,
                                   offers=[offer]),
             "search_url": "/offres/?q=vendeur", "unsubscribe_url": "/alertes-emploi/desinscription/x/"}]},
        "offers/emails/support_request": {"offer": offer, "organisation": SimpleNamespace(
            name="Maison de l'emploi & de la formation", email="mde@exemple.fr")},
    }


@pytest.mark.django_db
def test_every_email_renders_with_a_sample_context_its_text_parts_without_html_entities(settings):
    settings.SITE_URL = "https://emploi.example"
    samples = _sample_contexts()
    assert set(samples) == set(email_stems()), "give a new e-mail its sample context here"
    for stem, context in samples.items():
        subject, text, html = render_email(stem, context)
        assert subject and text and (html or stem in WITHOUT_HTML), stem
        for entity in ENTITIES:
            assert entity not in subject and entity not in text, f"{stem}: {entity} in {subject!r} / {text!r}"
        assert "https://emploi.example/" in text, f"{stem}: no absolute link"
        assert "\n" not in subject and "  " not in subject


@pytest.mark.django_db
def test_a_subject_keeps_the_spaces_of_the_title(settings):
    offer = OfferFactory(published=True, title="Serveur H/F — Cabardès", author=RecruiterFactory())
    subject, _text, _html = render_email("offers/emails/expiring", {"offer": offer, "user": offer.author})
    assert "« Serveur H/F — Cabardès »" in subject


@pytest.mark.django_db
def test_allauth_emails_are_signed_terre_d_emplois_with_links_on_site_url(client, settings):
    settings.SITE_URL = "https://emploi.example"
    user = CandidateFactory(email="ines@exemple.fr")
    client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_HOST="127.0.0.1:8102")
    email = OutgoingEmail.objects.get(to="ines@exemple.fr")
    assert email.subject.startswith("[Terre d'Emplois] ")
    assert email.body_text.startswith("Bonjour,") and "L'équipe Terre d'Emplois" in email.body_text
    assert "127.0.0.1:8102" not in email.body_text and "https://emploi.example/compte/password/reset/key/" in (
        email.body_text)
    assert "<p>Bonjour,</p>" in email.body_html and 'href="https://emploi.example/compte/password/reset/key/' in (
        email.body_html)
