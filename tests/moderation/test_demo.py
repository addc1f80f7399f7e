from io import StringIO

import pytest

from accounts import demo as accounts_demo
from companies import demo as companies_demo
from moderation import demo
from moderation.models import MODERATE_PERMISSION, ModerationDecision, OfferFindings, OfferToModerate
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
    assert ModerationDecision.objects.count() == 2
    queue = list(OfferToModerate.objects.for_queue())
    assert [o.title for o in queue] == ["Vendeuse en boulangerie", "Boulanger H/F"]
    assert OfferFindings.objects.get(offer=queue[0]).blocking_count >= 1
