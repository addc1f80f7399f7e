"""Every page template extends the base layout (``base.html``, directly or through a layout that does:
``recruiter_base.html``, ``allauth/layouts/base.html``), so that every page has the site's header, menu
and footer.

The rule that tells a page from a fragment, by its path under ``templates/``:
- a page is an ``.html`` file;
- fragments are not pages: a file whose name starts with ``_`` (``companies/_company_card.html``), or
  that sits in an ``includes/`` folder (``{% include %}``d) or an ``emails/`` folder (e-mail bodies);
- ``admin/…`` templates override Django's admin: they extend an admin template instead;
- other formats (``feed.xml``, ``*.txt``) are not pages."""

import re
from pathlib import Path

import pytest
from django.template.loader import get_template

from .project import TEMPLATES_DIR, template_files, template_name

BASE_LAYOUT = "base.html"
FRAGMENT_FOLDERS = {"includes", "emails", "email"}  # "email": allauth's e-mails (account/email/)
EXTENDS_TAG = re.compile(r"{%\s*extends\s+(.+?)\s*%}")
QUOTED = re.compile(r"""["']([^"']+)["']""")


def is_fragment(name: str) -> bool:
    parts = name.split("/")
    return parts[-1].startswith("_") or bool(FRAGMENT_FOLDERS & set(parts[:-1]))


def page_templates() -> list[str]:
    names = [template_name(path) for path in template_files()]
    return [name for name in names if name.endswith(".html") and name != BASE_LAYOUT
            and not is_fragment(name) and not name.startswith("admin/")]


def parents(name: str) -> list[str]:
    """The templates ``name`` extends. ``{% extends cond|yesno:"a.html,b.html" %}`` extends either."""
    source = Path(get_template(name).origin.name).read_text()
    match = EXTENDS_TAG.search(source)
    if not match:
        return []
    return [parent for literal in QUOTED.findall(match.group(1)) for parent in literal.split(",")]


def reaches_base_layout(name: str, seen=()) -> bool:
    if name == BASE_LAYOUT:
        return True
    found = parents(name)
    return bool(found) and all(parent not in seen and reaches_base_layout(parent, (*seen, name))
                               for parent in found)


def test_the_rule_finds_pages_and_fragments():
    pages = page_templates()
    assert {"home.html", "offers/public_list.html", "cvtheque/cv/search.html", "account/login.html"} <= set(pages)
    assert not {"companies/_company_card.html", "offers/includes/pagination.html",
                "moderation/emails/offer_approved.html", "admin/index.html"} & set(pages)


@pytest.mark.parametrize("name", page_templates())
def test_every_page_template_extends_the_base_layout(name):
    assert reaches_base_layout(name), f"templates/{name} does not extend {BASE_LAYOUT} (through {parents(name)})"


def test_allauth_pages_use_the_project_layout():
    """allauth's own pages (password reset, e-mail confirmation…) extend ``allauth/layouts/base.html``: the
    project's override must be the one found, and it extends the base layout."""
    layout = get_template("allauth/layouts/base.html").origin.name
    assert Path(layout).is_relative_to(TEMPLATES_DIR)
    assert reaches_base_layout("allauth/layouts/base.html")


@pytest.mark.parametrize("name", [n for n in map(template_name, template_files()) if n.startswith("admin/")])
def test_admin_overrides_extend_an_admin_template(name):
    assert parents(name) and all(parent.startswith("admin/") for parent in parents(name))


def test_a_page_that_does_not_extend_is_caught(tmp_path, settings):
    (tmp_path / "orphan.html").write_text("<html><body>Seule</body></html>")
    (tmp_path / "half.html").write_text('{% extends flag|yesno:"base.html,orphan.html" %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    assert not reaches_base_layout("orphan.html")
    assert not reaches_base_layout("half.html")
    assert reaches_base_layout("accounts/settings.html")
