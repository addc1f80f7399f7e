"""Demo data of the recruiter side: the guide's history, lists, a favourite, a spouse referral; idempotent."""

import io

import pytest

from accounts import demo as accounts_demo
from cvtheque.recruiting import demo as demo_recruiter
from cvtheque.recruiting.models import CVSearch, SavedCV, SavedList
from cvtheque.referrals.models import SpouseReferral
from tests.companies.factories import MembershipFactory

from .factories_recruiter import CVFactory

pytestmark = pytest.mark.django_db


def test_demo_data_loads_the_guide_history_and_is_idempotent():
    accounts_demo.load(io.StringIO())
    sophie = accounts_demo.demo_user("recruteur@demo.terredemplois.fr")
    company = MembershipFactory(user=sophie).company
    CVFactory.create_batch(5)
    for _ in range(2):
        demo_recruiter.load(io.StringIO())
    history = list(CVSearch.objects.of_user(sophie).values_list("label", flat=True))
    assert history[0] == "COMMERCIAL" and history[-1] == "PERMIS B AIDE À DOMICILE"
    assert len(history) == len(set(demo_recruiter.GUIDE_HISTORY))
    assert CVSearch.objects.of_user(sophie).favourites().count() == 1
    assert SavedList.objects.filter(company=company).count() == 2
    assert SavedCV.objects.filter(saved_list__company=company).count() == 5
    assert SpouseReferral.objects.filter(presented_by=sophie).count() == 1


def test_demo_data_without_a_company_loads_nothing():
    accounts_demo.load(io.StringIO())
    out = io.StringIO()
    demo_recruiter.load(out)
    assert "rien à charger" in out.getvalue() and not CVSearch.objects.exists()
