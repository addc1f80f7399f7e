import re

import pytest

from cvtheque.cvs import extraction
from cvtheque.models import CV
from tests.accounts.factories import CandidateFactory
from tests.companies.factories import recruiter_with_company
from tests.conftest import PASSWORD
from tests.referentials.factories import CommuneFactory, EpciFactory

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, email):
    page.goto(live_server.url + "/compte/login/")
    page.get_by_label(re.compile(r"^Votre e-mail")).fill(email)
    page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def test_candidate_publishes_a_cv_and_a_recruiter_finds_opens_and_downloads_it(page, live_server):
    CommuneFactory(name="Carcassonne", insee="11069", epci=EpciFactory(), population=46000)
    candidate = CandidateFactory(email="julie.martin@exemple.fr", first_name="Julie", last_name="Martin")
    recruiter, _ = recruiter_with_company(name="Logistique Audoise")

    log_in(page, live_server, candidate.email)
    page.goto(live_server.url + "/espace-candidat/")
    page.get_by_role("link", name="Mon CV", exact=True).first.click()
    page.get_by_label(re.compile(r"^Titre")).fill("Préparateur de commandes")
    page.get_by_label(re.compile(r"^Commune")).fill("Carcassonne")
    page.get_by_label(re.compile(r"^Mobilité")).fill("20")
    page.get_by_label(re.compile(r"^Présentation")).fill("Six ans d'expérience en entrepôt, CACES 1 et 3.")
    page.get_by_label(re.compile(r"^Mon CV \(PDF")).set_input_files(files=[{
        "name": "cv-julie.pdf", "mimeType": "application/pdf",
        "buffer": extraction.make_pdf(["Julie Martin", "Préparatrice de commandes", "Arterris, Carcassonne"]),
    }])
    visible = page.get_by_label("Rendre mon CV visible dans la CVthèque des recruteurs")
    assert not visible.is_checked()
    visible.check()
    page.get_by_role("button", name="Enregistrer mon CV").click()
    page.get_by_text("Votre CV est enregistré.").wait_for()
    page.get_by_text("CV analysé").wait_for()
    cv = CV.objects.get(owner=candidate)
    assert cv.is_visible and "Arterris" in cv.extracted_text
    page.get_by_role("button", name="Me déconnecter").first.click()

    log_in(page, live_server, recruiter.email)
    page.goto(live_server.url + "/espace-recruteur/")
    page.get_by_role("link", name="Rechercher des CV").first.click()
    page.get_by_role("heading", name="Trouvez le candidat idéal parmi nos CV").wait_for()
    page.get_by_label("Pour quel poste cherchez-vous un candidat ?").fill("preparatrice commande")
    place = page.get_by_role("combobox", name="Où recrutez-vous ?")
    place.fill("Carcassonne Agglo")
    place.press("Escape")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_text("1 CV correspond à votre recherche").wait_for()
    page.get_by_role("link", name=re.compile(r"Julie M\. — Préparateur de commandes")).click()
    page.get_by_role("heading", name=re.compile("Julie Martin")).wait_for()
    assert page.get_by_text("julie.martin@exemple.fr").first.is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le CV").click()
    download = download_info.value
    assert download.suggested_filename == "cv-julie.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert cv.views.filter(recruiter=recruiter).count() == 1
