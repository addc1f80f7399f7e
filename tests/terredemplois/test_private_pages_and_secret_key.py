"""Pages with personal data are never cached (``Cache-Control: private, no-store``); the site refuses to
start without a SECRET_KEY when DEBUG is off."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from cvtheque.referrals.services import partner_token
from tests.accounts.factories import CandidateFactory
from tests.companies.factories import recruiter_with_company
from tests.cvtheque.factories import CVFactory, SpouseReferralFactory
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db


def assert_private(response):
    assert response.status_code == 200, response.status_code
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_recruiter_pages_with_cvs_are_private(client):
    user, company = recruiter_with_company()
    cv = CVFactory(visible=True)
    client.force_login(user)
    for url in (reverse("cvtheque:search"), reverse("cvtheque:cv_detail", args=[cv.pk]),
                reverse("cvtheque:saved_lists"), reverse("offers:detail", args=[OfferFactory(company=company).pk])):
        assert_private(client.get(url))


def test_the_candidate_space_is_private(client):
    client.force_login(CandidateFactory())
    for url in (reverse("accounts:candidate_space"), reverse("cvtheque:my_cv")):
        assert_private(client.get(url))


def test_the_partner_link_is_private_without_login(client):
    referral = SpouseReferralFactory()
    assert_private(client.get(reverse("cvtheque:spouse_partner_profile", args=[partner_token(referral)])))


def test_public_pages_stay_cacheable_for_anonymous_visitors(client):
    assert "no-store" not in client.get(reverse("offers:public_list")).get("Cache-Control", "")


def start_django(**env_overrides) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items()
           if key not in {"SECRET_KEY", "DEBUG", "TDE_TESTING", "PYTEST_CURRENT_TEST"}}
    env.update(env_overrides, DJANGO_SETTINGS_MODULE="terredemplois.settings")
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env, text=True,
                          capture_output=True, cwd=django_settings.BASE_DIR, check=False)


def test_the_site_refuses_to_start_without_a_secret_key_when_debug_is_off():
    refused = start_django()
    assert refused.returncode != 0
    assert "SECRET_KEY est obligatoire quand DEBUG est désactivé" in refused.stderr
    assert start_django(SECRET_KEY="une-longue-cle-secrete-de-production").returncode == 0
    assert start_django(DEBUG="1").returncode == 0


def test_responses_declared_public_stay_public_for_logged_in_users(client):
    client.force_login(CandidateFactory())
    response = client.get(reverse("referentials:places"), {"q": "carcassonne"})
    assert "public" in response["Cache-Control"] and "no-store" not in response["Cache-Control"]
