"""``MEDIA_STORAGE=s3``: uploads in S3-compatible object storage (django-storages), against moto in server
mode. Logos are public objects of the media bucket; CV documents are objects of the private bucket, streamed
by the authenticated view only — no file on the web host."""

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse

from companies.models import Company
from cvtheque.cvs import extraction
from cvtheque.cvs.models import CV
from tests.accounts.factories import CandidateFactory
from tests.companies.factories import recruiter_with_company
from tests.companies.test_company_page_edit import EDIT_URL, form_data
from tests.cvtheque.factories import CVFactory
from tests.images import png_upload
from tests.s3 import MEDIA_BUCKET, PRIVATE_BUCKET, keys_in, s3_emulator
from toolkit.storage import s3_storages

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_env():
    with s3_emulator() as env:
        yield env


@pytest.fixture
def on_s3(s3_env, settings, monkeypatch, tmp_path):
    """The settings ``MEDIA_STORAGE=s3`` builds, and the model fields on those storages."""
    default, private, media_url = s3_storages(s3_env)
    settings.STORAGES = {**settings.STORAGES, "default": default, "private": private}
    settings.MEDIA_URL = media_url
    settings.MEDIA_ROOT = tmp_path / "must-stay-empty"
    for model in (CV,):
        monkeypatch.setattr(model._meta.get_field("document"), "storage", storages["private"])
    yield s3_env
    assert not settings.MEDIA_ROOT.exists()  # nothing written on the web host


def test_the_environment_switch_builds_a_public_media_bucket_and_a_private_signed_one():
    env = {"S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud", "S3_MEDIA_BUCKET": "tde-media",
           "S3_PRIVATE_BUCKET": "tde-cv", "S3_ACCESS_KEY_ID": "id", "S3_SECRET_ACCESS_KEY": "cle",
           "S3_SIGNED_URL_SECONDS": "30"}
    default, private, media_url = s3_storages(env)
    assert default["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "tde-media" and not default["OPTIONS"]["querystring_auth"]
    assert media_url == "https://s3.fr-par.scw.cloud/tde-media/"
    assert private["OPTIONS"]["bucket_name"] == "tde-cv"
    assert private["OPTIONS"]["querystring_auth"] and private["OPTIONS"]["querystring_expire"] == 30
    assert not default["OPTIONS"]["file_overwrite"] and default["OPTIONS"]["default_acl"] is None
    assert s3_storages({**env, "S3_MEDIA_URL": "https://media.terredemplois.fr"})[2] == "https://media.terredemplois.fr/"


def test_a_logo_uploaded_goes_to_the_media_bucket_and_the_company_page_shows_it_from_there(client, on_s3):
    user, company = recruiter_with_company(name="Boulangerie du canal")
    client.force_login(user)
    response = client.post(EDIT_URL, form_data(company, logo=png_upload()), follow=True)
    assert response.status_code == 200
    company = Company.objects.get(pk=company.pk)
    assert company.logo.name in keys_in(on_s3, MEDIA_BUCKET)
    assert company.logo.name not in keys_in(on_s3, PRIVATE_BUCKET)
    url = company.logo.url
    assert url.startswith(f"{on_s3['S3_ENDPOINT_URL']}/{MEDIA_BUCKET}/companies/logos/") and "Signature" not in url
    page = client.get(reverse("companies:public_detail", kwargs={"slug": company.slug})).content.decode()
    assert url in page
    fetched = requests.get(url, timeout=10)
    assert fetched.status_code == 200 and fetched.content.startswith(b"\x89PNG")


def test_a_cv_document_goes_to_the_private_bucket_and_is_streamed_by_the_authenticated_view_only(client, on_s3):
    cv = CVFactory(visible=True, headline="Soudeur")
    cv.document.save("cv.pdf", ContentFile(extraction.make_pdf(["Soudeur TIG MIG"])), save=False)
    cv.document_name = "CV soudeur.pdf"
    cv.save()
    assert cv.document.name in keys_in(on_s3, PRIVATE_BUCKET)
    assert not [key for key in keys_in(on_s3, MEDIA_BUCKET) if key.startswith("cvs/")]
    url = reverse("cvtheque:cv_document", args=[cv.pk])
    assert client.get(url).status_code == 302  # anonymous: the login page
    client.force_login(CandidateFactory())
    assert client.get(url).status_code == 404  # another candidate
    client.force_login(recruiter_with_company()[0])
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    page = client.get(reverse("cvtheque:cv_detail", args=[cv.pk])).content.decode()
    assert on_s3["S3_ENDPOINT_URL"] not in page  # never a bucket address in a page
    # the private bucket's own links are signed and short-lived
    signed = cv.document.url
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=60" in signed


def test_a_cv_text_is_extracted_from_the_private_bucket(on_s3):
    cv = CVFactory(visible=True)
    cv.document.save("cv.pdf", ContentFile(extraction.make_pdf(["Zythologue confirmee en brasserie"])))
    assert extraction.run_extraction(cv.pk) == "done"
    assert "Zythologue" in CV.objects.get(pk=cv.pk).extracted_text
