"""Withdrawing the consent to show the RQTH hides it at once everywhere a recruiter looks: the « RQTH
uniquement » filter, the result's badge and the CV page (no delay, no background job)."""

import pytest
from django.urls import reverse

from cvtheque.models import CV
from tests.companies.factories import recruiter_with_company
from tests.cvtheque.factories import CVFactory

pytestmark = pytest.mark.django_db


def _as_recruiter(client):
    recruiter, _ = recruiter_with_company()
    client.force_login(recruiter)
    return client


def test_a_withdrawn_rqth_consent_is_hidden_at_once_from_the_filter_the_results_and_the_cv_page(client):
    cv = CVFactory(visible=True, headline="Magasinier cariste", rqth=True, rqth_visible=True)
    _as_recruiter(client)
    search = reverse("cvtheque:search")
    found = client.get(search, {"q": "cariste", "rqth_only": "1"}).context["page"].object_list
    assert [c.pk for c in found] == [cv.pk]
    assert '<span class="badge">RQTH</span>' in client.get(search, {"q": "cariste"}).content.decode()
    assert "reconnaissance de la qualité de travailleur handicapé" in client.get(
        reverse("cvtheque:cv_detail", args=[cv.pk])).content.decode()

    stored = CV.objects.get(pk=cv.pk)
    stored.rqth_visible = False  # what « Mon CV » saves when the candidate unticks the consent
    stored.save()

    assert list(client.get(search, {"q": "cariste", "rqth_only": "1"}).context["page"].object_list) == []
    html = client.get(search, {"q": "cariste"}).content.decode()
    assert "Magasinier cariste" in html and '<span class="badge">RQTH</span>' not in html
    assert "reconnaissance de la qualité de travailleur handicapé" not in client.get(
        reverse("cvtheque:cv_detail", args=[cv.pk])).content.decode()


def test_my_cv_shows_the_candidate_what_recruiters_see_without_contact_details(client):
    cv = CVFactory(visible=True, headline="Magasinier cariste", rqth=True, rqth_visible=False,
                   email="moi@exemple.fr", phone="06 11 22 33 44")
    client.force_login(cv.owner)
    html = client.get(reverse("cvtheque:my_cv")).content.decode()
    preview = html[html.index('id="cv-preview-title"'):html.index("</section>", html.index('id="cv-preview-title"'))]
    assert "Magasinier cariste" in preview and cv.display_name in preview
    assert "RQTH" not in preview  # the consent is not given
    assert "moi@exemple.fr" not in preview and "06 11 22 33 44" not in preview
