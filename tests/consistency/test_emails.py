"""Every e-mail the project sends has a subject, a text and an HTML template.

The e-mails are found in the code, not listed here: ``mailing.services.queue_email`` / ``render_email``
take a template stem such as ``"offers/emails/expiring"`` and render ``<stem>_subject.txt``, ``<stem>.txt``
and ``<stem>.html``; every string of that shape written in the project's Python is an e-mail kind.
allauth's own e-mails (``account/email/…``, rendered by allauth and stored by ``accounts.adapter``) use
allauth's templates and naming: they are not checked here."""

import ast
import re

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

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
