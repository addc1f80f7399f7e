"""Inputs that answered 500: ``next`` that is not a local path, a NUL in the CV search's query."""

import pytest
from django.urls import reverse

from cvtheque.recruiting.models import CVSearch
from tests.companies.factories import recruiter_with_company

from .factories import CVFactory, SavedCVFactory, SavedListFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter(client):
    user, company = recruiter_with_company()
    client.force_login(user)
    return user, company


@pytest.mark.parametrize("target", ["NaN", "javascript:alert(1)", "//evil.example/x", "https://evil.example/",
                                    "saved_lists", "cvtheque:search"])
def test_a_next_that_is_not_a_local_path_falls_back_to_the_default_page(client, recruiter, target):
    _, company = recruiter
    cv = CVFactory(visible=True)
    item = SavedCVFactory(saved_list=SavedListFactory(company=company))
    responses = [
        client.post(reverse("cvtheque:save_cv", args=[cv.pk]), {"next": target}),
        client.post(reverse("cvtheque:saved_cv_note", args=[item.pk]), {"note": "Bien", "next": target}),
        client.post(reverse("cvtheque:saved_cv_remove", args=[item.pk]), {"next": target}),
    ]
    for response in responses:
        assert response.status_code == 302
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")


def test_a_local_next_is_kept(client, recruiter):
    cv = CVFactory(visible=True)
    response = client.post(reverse("cvtheque:save_cv", args=[cv.pk]), {"next": "/espace-recruteur/cvtheque/?q=x"})
    assert response["Location"] == "/espace-recruteur/cvtheque/?q=x"


@pytest.mark.parametrize("query", ["\x00", "vendeuse\x00", "caissi\x01ere\x1f"])
def test_control_characters_in_the_search_are_stripped_from_the_history(client, recruiter, query):
    user, _ = recruiter
    response = client.get(reverse("cvtheque:search"), {"q": query})
    assert response.status_code == 200
    for search in CVSearch.objects.filter(user=user):
        assert not any(ord(char) < 32 for value in search.params.get("q", []) for char in value)
