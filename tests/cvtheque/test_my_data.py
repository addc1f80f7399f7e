"""« Mes données »: one ZIP with everything held about me (account, CV and its document, applications,
alerts, who consulted my CV) and nothing about anyone else; deleting the account deletes it all."""

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from cvtheque.cvs import extraction
from cvtheque.cvs.models import CV, CVView
from offers.alert_models import JobAlert
from offers.enums import RefusalReason
from offers.models import Application
from tests.accounts.factories import PASSWORD, CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import CompanyFactory
from tests.offers.factories import OfferFactory

from .factories import CVFactory

pytestmark = pytest.mark.django_db


def candidate_with_everything():
    cv = CVFactory(visible=True, headline="Soudeur TIG", first_name="Inès", last_name="Garcia")
    cv.document.save("cv.pdf", ContentFile(extraction.make_pdf(["Soudeur TIG MIG"])), save=False)
    cv.document_name = "CV Inès.pdf"
    cv.save()
    offer = OfferFactory(published=True, title="Soudeur H/F", company=CompanyFactory(name="Chaudronnerie d'Oc"))
    application = Application.objects.create(offer=offer, candidate=cv.owner, message="Disponible tout de suite",
                                             document_name="Lettre.pdf")
    application.document.save("lettre.pdf", ContentFile(extraction.make_pdf(["Ma lettre"])), save=True)
    application.refuse(None, RefusalReason.POSITION_FILLED)
    JobAlert.objects.create(candidate=cv.owner, params={"q": "soudeur"}, label="« soudeur »")
    CVView.objects.create(cv=cv, company=CompanyFactory(name="Métallerie Cathare"), recruiter=None)
    return cv


def download(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:my_data_download"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return archive, json.loads(archive.read("mes-donnees.json"))


def test_the_zip_holds_everything_about_me(client):
    cv = candidate_with_everything()
    other = candidate_with_everything()
    archive, data = download(client, cv.owner)
    assert data["compte"]["email"] == cv.owner.email
    assert data["cv"]["titre"] == "Soudeur TIG" and data["cv"]["prenom"] == "Inès"
    assert [a["offre"] for a in data["candidatures"]] == ["Soudeur H/F"]
    assert data["candidatures"][0]["message"] == "Disponible tout de suite"
    sent = data["candidatures"][0]
    assert (sent["statut"], sent["motif_du_refus"]) == ("Refusée", "Poste pourvu")
    assert archive.read(f"documents/{sent['document']}") == Application.objects.get(
        candidate=cv.owner).document.open("rb").read()
    assert [a["recherche"] for a in data["alertes_emploi"]] == ["« soudeur »"]
    assert [v["entreprise"] for v in data["consultations_de_mon_cv"]] == ["Métallerie Cathare"]
    assert archive.read("documents/CV Inès.pdf") == cv.document.open("rb").read()
    assert other.owner.email not in json.dumps(data)


def test_a_recruiter_gets_their_account_without_cv(client):
    recruiter = RecruiterFactory()
    _archive, data = download(client, recruiter)
    assert data["compte"]["email"] == recruiter.email and data["cv"] is None
    assert data["candidatures"] == [] and data["alertes_emploi"] == []


@pytest.mark.parametrize("who", ["anonymous", "candidate", "recruiter", "staff"])
def test_role_matrix_of_my_data(client, who):
    users = {"candidate": CandidateFactory(), "recruiter": RecruiterFactory(), "staff": StaffFactory()}
    if who != "anonymous":
        client.force_login(users[who])
    response = client.get(reverse("accounts:my_data"), follow=True)
    assert response.status_code == 200
    if who == "anonymous":
        assert response.redirect_chain[-1][0].startswith("/compte/login/")
    else:
        assert "Télécharger mes données" in response.content.decode()
    download = client.get(reverse("accounts:my_data_download"), follow=True)
    assert download.status_code == 200
    assert (download["Content-Type"] == "application/zip") == (who != "anonymous")


def test_deleting_the_account_deletes_applications_alerts_and_documents(client):
    cv = candidate_with_everything()
    user = cv.owner
    storage, name = cv.document.storage, cv.document.name
    client.force_login(user)
    response = client.post(reverse("accounts:delete_account"), {"password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert not CV.objects.filter(pk=cv.pk).exists() and not storage.exists(name)
    assert not Application.objects.filter(candidate_id=user.pk).exists()
    assert not JobAlert.objects.filter(candidate_id=user.pk).exists()
