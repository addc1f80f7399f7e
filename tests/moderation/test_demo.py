import datetime
from io import StringIO

import pytest
from django.utils import timezone

from accounts import demo as accounts_demo
from companies import demo as companies_demo
from moderation import demo, demo_history
from moderation.enums import DecisionKind, RejectionReason
from moderation.models import MODERATE_PERMISSION, ModerationDecision, OfferFindings, OfferToModerate
from offers.enums import OfferStatus
from offers.models import Offer
from tests.referentials.factories import MetierFactory

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_and_fills_the_queue():
    accounts_demo.load(StringIO())
    companies_demo.load(StringIO())
    MetierFactory()
    for _ in range(2):
        out = StringIO()
        demo.load(out)
    assert "0 décision(s)" in out.getvalue()  # second run adds nothing
    assert accounts_demo.demo_user(demo.MODERATOR).has_perm(MODERATE_PERMISSION)
    assert ModerationDecision.objects.count() == 2 + len(demo_history.history_plan())
    queue = list(OfferToModerate.objects.for_queue())
    assert [o.title for o in queue] == ["Vendeuse en boulangerie", "Boulanger H/F"]
    assert OfferFindings.objects.get(offer=queue[0]).blocking_count >= 1


def test_demo_history_spreads_decisions_over_26_weeks_and_runs_once():
    accounts_demo.load(StringIO())
    companies_demo.load(StringIO())
    MetierFactory()
    demo.load(StringIO())
    out = StringIO()
    demo.load(out)
    assert "historique de 26 semaines, 0 décision(s) ajoutée(s)" in out.getvalue()
    history = ModerationDecision.objects.exclude(submitted_at__gte=timezone.now() - datetime.timedelta(days=5))
    weeks = {timezone.localdate(decision.submitted_at).isocalendar()[:2] for decision in history}
    assert len(weeks) == 25  # the 25 weeks before this one
    refused = history.filter(decision=DecisionKind.REJECT)
    assert 0.1 < refused.count() / history.count() < 0.3
    assert {decision.reason for decision in refused} >= {RejectionReason.DISCRIMINATORY,
                                                          RejectionReason.MISSING_GENDER_MENTION}
    assert all(decision.decided_at > decision.submitted_at for decision in history)
    # Approved long ago, an offer has expired since: the public list does not fill with old demo offers.
    old = Offer.objects.filter(moderation_decisions__in=history, published_at__lt=timezone.now()
                               - datetime.timedelta(days=61))
    assert old.exists() and not old.exclude(status=OfferStatus.EXPIRED).exists()
