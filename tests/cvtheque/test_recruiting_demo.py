"""Demo data of the recruiters' tools (the guide's history, lists, a favourite) and of the spouse
referrals (one presented partner); idempotent."""

import io

import pytest

from accounts import demo as accounts_demo
from cvtheque.cvs.enums import CVSource
from cvtheque.recruiting import demo as demo_recruiter
from cvtheque.recruiting.models import CVSearch, SavedCV, SavedList
from cvtheque.referrals import demo as demo_referrals
from cvtheque.referrals.models import SpouseReferral
from tests.companies.factories import MembershipFactory

from .factories import CVFactory

pytestmark = pytest.mark.django_db


def test_demo_data_loads_the_guide_history_and_is_idempotent():
    accounts_demo.load(io.StringIO())
    sophie = accounts_demo.demo_user("recruteur@demo.terredemplois.fr")
    company = MembershipFactory(user=sophie).company
    CVFactory.create_batch(5, visible=True)
    for _ in range(2):
        demo_recruiter.load(io.StringIO())
    history = list(CVSearch.objects.of_user(sophie).values_list("label", flat=True))
    assert history[0] == "COMMERCIAL" and history[-1] == "PERMIS B AIDE À DOMICILE"
    assert len(history) == len(set(demo_recruiter.GUIDE_HISTORY))
    assert CVSearch.objects.of_user(sophie).favourites().count() == 1
    assert SavedList.objects.filter(company=company).count() == 2
    assert SavedCV.objects.filter(saved_list__company=company).count() == 5


def test_demo_data_presents_one_partner_and_is_idempotent():
    accounts_demo.load(io.StringIO())
    sophie = accounts_demo.demo_user("recruteur@demo.terredemplois.fr")
    MembershipFactory(user=sophie)
    for _ in range(2):
        demo_referrals.load(io.StringIO())
    referral = SpouseReferral.objects.get(presented_by=sophie)
    assert referral.cv.is_visible and referral.cv.source == CVSource.SPOUSE


def test_demo_data_without_a_company_loads_nothing():
    accounts_demo.load(io.StringIO())
    for demo in (demo_recruiter, demo_referrals):
        out = io.StringIO()
        demo.load(out)
        assert "rien à charger" in out.getvalue()
    assert not CVSearch.objects.exists() and not SpouseReferral.objects.exists()
