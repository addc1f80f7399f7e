"""On a phone (375 px) the menus wait behind « Menu » (a <details>, no JavaScript) and the content
comes first; the skip link lands on the content, after the recruiter menu."""

import re

import pytest

from tests.companies.factories import recruiter_with_company
from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_fits

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, email):
    page.goto(live_server.url + "/compte/login/")
    page.get_by_label(re.compile(r"^Votre e-mail")).fill(email)
    page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Mon espace recruteur").wait_for()


def test_the_recruiter_menu_collapses_behind_menu_on_a_phone_content_first(page, live_server):
    recruiter, _company = recruiter_with_company()
    log_in(page, live_server, recruiter.email)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/espace-recruteur/cvtheque/cv-sauvegardes/")
    heading = page.get_by_role("heading", level=1)
    assert heading.bounding_box()["y"] < 250  # the content starts under the header, not 1 900 px down
    saved = page.get_by_role("navigation", name="Menu").get_by_role("link", name="CV sauvegardés", exact=True)
    assert not saved.is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert saved.is_visible() and saved.get_attribute("aria-current") == "page"
    assert_fits(page, 375)

    page.set_viewport_size({"width": 1280, "height": 900})
    assert not page.get_by_text("Menu", exact=True).is_visible()
    assert page.get_by_role("navigation", name="Menu de l'espace recruteur").is_visible()


def test_the_skip_link_lands_on_the_content_after_the_recruiter_menu(page, live_server):
    recruiter, _company = recruiter_with_company()
    log_in(page, live_server, recruiter.email)
    page.goto(live_server.url + "/espace-recruteur/offres/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu-page"
    page.keyboard.press("Tab")  # the next stop is in the page's content, not the menu
    assert page.evaluate("document.activeElement.closest('#contenu-page') !== null")
