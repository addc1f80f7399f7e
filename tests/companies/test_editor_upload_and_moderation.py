import pytest
from django.core import mail
from django.urls import reverse

from companies.models import Company, CompanyStateError
from companies.services import take_offline
from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import CompanyFactory, recruiter_with_company
from tests.conftest import committed
from tests.images import EXE_BYTES, GIF_BYTES, jpeg_with_gps, png_upload, upload

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("companies:editor_upload")


# --- photos of the rich-text editor ------------------------------------------------------------

def test_anonymous_cannot_upload(client):
    response = client.post(UPLOAD_URL, {"upload": png_upload()})
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_candidate_cannot_upload(client):
    client.force_login(CandidateFactory())
    response = client.post(UPLOAD_URL, {"upload": png_upload()})
    assert response.status_code == 403


def test_staff_without_recruiter_account_cannot_upload(client):
    client.force_login(StaffFactory())
    assert client.post(UPLOAD_URL, {"upload": png_upload()}).status_code == 403


@pytest.mark.parametrize("with_company", [True, False])
def test_recruiter_uploads_a_photo_stored_reencoded_under_a_random_name(client, settings, with_company):
    user = recruiter_with_company()[0] if with_company else RecruiterFactory()
    client.force_login(user)
    response = client.post(UPLOAD_URL, {"upload": upload("vacances.jpg", jpeg_with_gps(), "image/jpeg")})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/editor/") and url.endswith(".jpg") and "vacances" not in url
    stored = (settings.MEDIA_ROOT / url.removeprefix("/media/")).read_bytes()
    assert b"Exif" not in stored


def test_get_is_refused(client):
    client.force_login(RecruiterFactory())
    assert client.get(UPLOAD_URL).status_code == 405


@pytest.mark.parametrize("content, name", [(GIF_BYTES, "a.gif"), (EXE_BYTES, "photo.png")])
def test_upload_of_something_else_than_jpeg_or_png_is_refused_with_a_message(client, content, name):
    client.force_login(RecruiterFactory())
    response = client.post(UPLOAD_URL, {"upload": upload(name, content, "image/png")})
    assert response.status_code == 400
    assert response.json() == {"error": {"message": "L'image doit être au format jpg ou png."}}


def test_missing_file_is_a_clear_error(client):
    client.force_login(RecruiterFactory())
    response = client.post(UPLOAD_URL, {})
    assert response.status_code == 400 and response.json()["error"]["message"] == "Aucune image reçue."


def test_uploads_are_rate_limited_per_recruiter(client, monkeypatch):
    monkeypatch.setattr("companies.views.EDITOR_UPLOADS_PER_HOUR", 3)
    user = RecruiterFactory()
    client.force_login(user)
    statuses = [client.post(UPLOAD_URL, {"upload": png_upload()}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    client.force_login(RecruiterFactory())
    assert client.post(UPLOAD_URL, {"upload": png_upload()}).status_code == 200


def test_upload_requires_csrf(client):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(RecruiterFactory())
    assert csrf_client.post(UPLOAD_URL, {"upload": png_upload()}).status_code == 403


# --- staff take a page offline ------------------------------------------------------------------

def test_take_offline_emails_every_member_the_reason_once():
    company = CompanyFactory(online=True, with_members=2, name="Cave d'Aude")
    staff = StaffFactory()
    with committed():
        take_offline(company, by=staff, reason="Coordonnées invalides : l'adresse n'existe pas")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.user.email for m in company.accepted_members())
    assert "Motif : Coordonnées invalides : l'adresse n'existe pas" in mail.outbox[0].body
    assert mail.outbox[0].subject.endswith("Votre fiche entreprise Cave d'Aude a été mise hors ligne")
    assert "/espace-recruteur/ma-fiche-entreprise/" in mail.outbox[0].body
    company.refresh_from_db()
    assert company.offline_by == staff and company.offline_at and not company.is_public
    assert not Company.objects.online().filter(pk=company.pk).exists()
    with pytest.raises(CompanyStateError):
        take_offline(company, by=staff, reason="encore")
    assert len(mail.outbox) == 2


def test_the_model_transition_alone_sends_no_email():
    company = CompanyFactory(online=True, with_members=1)
    with committed():
        company.take_offline(by=StaffFactory(), reason="Doublon")
    assert mail.outbox == []


@pytest.mark.parametrize("who, reason", [("recruiter", "motif"), ("staff", "  ")])
def test_take_offline_needs_staff_and_a_reason(who, reason):
    company = CompanyFactory(online=True, with_members=1)
    by = StaffFactory() if who == "staff" else company.memberships.get().user
    with pytest.raises(CompanyStateError):
        company.take_offline(by=by, reason=reason)
    company.refresh_from_db()
    assert not company.offline_by_staff


def test_put_back_online_lifts_the_staff_decision():
    company = CompanyFactory(online=True)
    staff = StaffFactory()
    company.take_offline(by=staff, reason="Doublon")
    company.put_back_online(by=staff)
    company.refresh_from_db()
    assert company.is_public and company.offline_reason == "" and company.offline_by is None
    with pytest.raises(CompanyStateError):
        company.put_back_online(by=staff)


def admin_post(company, **overrides):
    data = {
        "name": company.name, "siret": company.siret, "sector": company.sector_id, "size": company.size,
        "slug": company.slug, "is_online": "on", "commune": company.commune_id or "",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_staff_takes_a_page_offline_from_the_admin_with_a_reason(client):
    company = CompanyFactory(online=True, with_members=1)
    client.force_login(StaffFactory())
    url = reverse("admin:companies_company_change", args=[company.pk])
    response = client.post(url, admin_post(company, offline_by_staff="on", offline_reason=""))
    assert response.status_code == 200 and "Indiquez le motif" in response.content.decode()
    with committed():
        response = client.post(url, admin_post(company, offline_by_staff="on", offline_reason="Offres fictives"))
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.offline_by_staff and company.offline_reason == "Offres fictives"
    assert len(mail.outbox) == 1 and "Offres fictives" in mail.outbox[0].body
    client.post(url, admin_post(company, offline_reason="Offres fictives"))
    company.refresh_from_db()
    assert company.is_public


def test_admin_description_is_sanitised_too(client):
    company = CompanyFactory(online=True)
    client.force_login(StaffFactory())
    url = reverse("admin:companies_company_change", args=[company.pk])
    client.post(url, admin_post(company, description="<p>Texte<script>alert(1)</script></p>"))
    company.refresh_from_db()
    assert company.description == "<p>Texte</p>"
