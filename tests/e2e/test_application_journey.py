"""The whole journey of an application, in a real browser: a candidate finds an offer and applies with their
CVthèque CV; the recruiter opens « Candidatures », the application and its CV, sets « Entretien »; the
candidate sees it in « Mes candidatures » and got the e-mail."""

import re

import pytest
from django.core.files.base import ContentFile

from cvtheque.cvs import extraction
from mailing.models import OutgoingEmail
from offers.enums import ApplicationStatus
from offers.models import Application
from tests.accounts.factories import CandidateFactory
from tests.companies.factories import recruiter_with_company
from tests.conftest import PASSWORD
from tests.cvtheque.factories import CVFactory
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db(transaction=True)

PDF = extraction.make_pdf(["Serveuse en brasserie, deux saisons"])


def log_in(page, live_server, email):
    page.context.clear_cookies()
    page.goto(live_server.url + "/compte/login/")
    page.get_by_label(re.compile(r"^Votre e-mail")).fill(email)
    page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_a_candidate_applies_and_the_recruiter_invites_them_to_an_interview(page, live_server):
    recruiter, company = recruiter_with_company(name="Brasserie du Canal")
    offer = OfferFactory(published=True, company=company, title="Serveur / Serveuse H/F")
    candidate = CandidateFactory(first_name="Léa", last_name="Martin")
    cv = CVFactory(owner=candidate, headline="Serveuse confirmée")
    cv.document.save("cv.pdf", ContentFile(PDF), save=False)
    cv.document_name = "CV Léa.pdf"
    cv.save()

    log_in(page, live_server, candidate.email)
    page.get_by_role("heading", name="Mon espace candidat").wait_for()
    page.goto(live_server.url + "/offres/")
    page.get_by_role("link", name="Serveur / Serveuse H/F").first.click()
    page.get_by_role("link", name="Postuler").click()
    page.get_by_role("radio", name="Mon CV de la CVthèque").check()
    page.get_by_label(re.compile(r"^Votre message au recruteur")).fill("Deux saisons en brasserie, disponible.")
    page.get_by_role("button", name="Envoyer ma candidature").click()
    page.get_by_role("heading", name="Votre candidature est envoyée").wait_for()
    application = Application.objects.get()
    assert application.candidate == candidate and application.document_name == "CV Léa.pdf"

    log_in(page, live_server, recruiter.email)
    page.get_by_role("heading", name="Mon espace recruteur").wait_for()
    page.get_by_role("link", name="Candidatures", exact=True).click()
    page.get_by_text("Nouvelle (1)").wait_for()
    page.get_by_role("link", name="Léa Martin").click()
    page.get_by_text("Statut : Vue").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Télécharger le CV")).click()
    assert download.value.suggested_filename == "CV Léa.pdf"
    page.get_by_role("button", name="Entretien").click()
    page.get_by_text("La candidature est maintenant « Entretien ».").wait_for()
    assert Application.objects.get().status == ApplicationStatus.INTERVIEW

    log_in(page, live_server, candidate.email)
    page.get_by_role("heading", name="Mon espace candidat").wait_for()
    page.get_by_role("link", name="Mes candidatures").first.click()
    page.locator("table.applications").get_by_text("Entretien").wait_for()
    assert OutgoingEmail.objects.filter(to=candidate.email, reason="application_interview").exists()
    assert offer.title in page.content()
