"""Control characters sent by a user (NUL, escape…) are stripped from every query string and form field
before a view reads them: nothing stores them, nothing answers 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from cvtheque.recruiting.models import CVSearch, SavedList
from terredemplois.middleware import StripControlCharactersMiddleware
from tests.companies.factories import recruiter_with_company


def _seen(request):
    middleware = StripControlCharactersMiddleware(lambda req: HttpResponse())
    middleware(request)
    return request


def test_query_strings_and_form_fields_lose_their_control_characters_but_keep_tabs_and_line_breaks():
    data = {"note": "ligne 1\r\nligne\t2\x07", "k\x01": "v"}
    request = _seen(RequestFactory().post("/x/?q=sou\x00deur\x1b[31m", data))
    assert request.GET["q"] == "soudeur[31m"
    assert request.POST["note"] == "ligne 1\r\nligne\t2"
    assert request.POST["k"] == "v"


def test_uploaded_files_are_left_as_they_are():
    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\x00\x01", content_type="application/pdf")
    request = _seen(RequestFactory().post("/x/", {"name": "a\x00b", "document": upload}))
    assert request.POST["name"] == "ab"
    assert request.FILES["document"].read() == b"%PDF-1.4\x00\x01"


@pytest.mark.django_db
def test_a_list_named_with_control_characters_is_stored_without_them(client):
    user, company = recruiter_with_company()
    client.force_login(user)
    response = client.post(reverse("cvtheque:saved_list_create"), {"name": "Ma\x00 liste\x1b"}, follow=True)
    assert response.status_code == 200
    assert SavedList.objects.filter(company=company, name="Ma liste").exists()


@pytest.mark.django_db
def test_a_search_with_a_nul_character_is_answered_and_recorded_without_it(client):
    user, _ = recruiter_with_company()
    client.force_login(user)
    response = client.get(reverse("cvtheque:search"), {"q": "soudeur\x00"})
    assert response.status_code == 200
    assert "\x00" not in "".join(CVSearch.objects.filter(user=user).values_list("label", flat=True))
