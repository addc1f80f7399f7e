"""The partner's signed link of a spouse referral stops once the profile is claimed (one-time) or deleted,
never shows or edits a CV its owner hid, and expires; the presenting recruiter then sees the status only."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cvtheque.cvs.models import CV
from cvtheque.referrals.services import PARTNER_LINK_MAX_AGE, partner_token
from tests.accounts.factories import CandidateFactory
from tests.companies.factories import recruiter_with_company
from tests.referentials.factories import CommuneFactory

from .factories import SpouseReferralFactory

pytestmark = pytest.mark.django_db

CORRECTION = {"action": "correct", "headline": "Modifié par le lien", "phone": "0600000000", "mobility_km": "10",
              "contract_types": ["cdi"], "availability": "immediate"}


def partner_url(referral):
    return reverse("cvtheque:spouse_partner_profile", args=[partner_token(referral)])


def claimed_and_hidden(client):
    referral = SpouseReferralFactory()
    referral.cv.headline, referral.cv.phone = "Comptable discrète", "0611223344"
    referral.cv.save()
    url = partner_url(referral)
    candidate = CandidateFactory(email=referral.email)
    client.force_login(candidate)
    assert client.post(url, {"action": "claim"}).status_code == 302
    cv = CV.objects.get(pk=referral.cv.pk)
    assert cv.owner == candidate
    cv.set_visibility(False)
    cv.save()
    client.logout()
    return referral, url, cv


def test_after_claim_and_hiding_the_link_shows_and_edits_nothing(client):
    referral, url, cv = claimed_and_hidden(client)
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Comptable discrète" not in page and "0611223344" not in page
    assert client.post(url, CORRECTION).status_code == 400
    assert client.post(url, {"action": "delete"}).status_code == 400
    cv.refresh_from_db()
    assert cv.headline == "Comptable discrète" and cv.owner is not None


def test_the_claim_is_one_time(client):
    referral = SpouseReferralFactory()
    url = partner_url(referral)
    first = CandidateFactory(email=referral.email)
    client.force_login(first)
    client.post(url, {"action": "claim"})
    client.force_login(CandidateFactory())
    assert client.post(url, {"action": "claim"}).status_code == 400
    assert client.post(url, CORRECTION).status_code == 400
    assert CV.objects.get(pk=referral.cv.pk).owner == first


def test_the_link_stops_after_deletion(client):
    referral = SpouseReferralFactory()
    url = partner_url(referral)
    client.post(url, {"action": "delete"})
    page = client.get(url).content.decode()
    assert "Corriger mon profil" not in page and "<form" not in page.split("<main", 1)[-1].split("</main>")[0]


def test_the_link_expires(client):
    referral = SpouseReferralFactory()
    url = partner_url(referral)
    with time_machine.travel(timezone.now() + timedelta(seconds=PARTNER_LINK_MAX_AGE + 60)):
        assert client.get(url).status_code == 400
        assert client.post(url, CORRECTION).status_code == 400
    referral.cv.refresh_from_db()
    assert referral.cv.headline != CORRECTION["headline"]


def test_the_recruiter_sees_only_the_status_of_a_cv_no_longer_visible(client):
    user, company = recruiter_with_company()
    referral = SpouseReferralFactory(company=company, presented_by=user)
    referral.cv.headline, referral.cv.commune = "Comptable discrète", CommuneFactory(name="Villedubert")
    referral.cv.save()
    client.force_login(user)
    assert "Comptable discrète" in client.get(reverse("cvtheque:spouse_referrals")).content.decode()
    referral.cv.set_visibility(False)
    referral.cv.save()
    page = client.get(reverse("cvtheque:spouse_referrals")).content.decode()
    assert "Comptable discrète" not in page and "Villedubert" not in page
    assert "profil retiré de la CVthèque" in page
