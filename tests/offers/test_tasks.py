import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offers import tasks
from offers.enums import OfferStatus
from offers.models import Offer
from offers.schedule import BEAT_SCHEDULE
from tests.accounts.factories import RecruiterFactory, StaffFactory
from tests.conftest import committed

from .factories import OfferFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 10, 8, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def test_both_periodic_tasks_are_scheduled():
    assert {entry["task"] for entry in BEAT_SCHEDULE.values()} == {
        "offers.tasks.expire_offers", "offers.tasks.warn_offers_expiring_soon", "offers.tasks.send_job_alerts"}


def test_hourly_expiry_ends_offers_past_their_end_in_one_update_and_is_idempotent():
    with time_machine.travel(NOW, tick=False):
        due = OfferFactory(published=True, published_at=NOW - 60 * DAY, expires_at=NOW - datetime.timedelta(minutes=1))
        removal = OfferFactory(published=True, published_at=NOW - 10 * DAY, expires_at=NOW)
        running = OfferFactory(published=True, published_at=NOW - 10 * DAY, expires_at=NOW + DAY)
        deleted = OfferFactory(published=True, deleted=True, expires_at=NOW - DAY)
        pending = OfferFactory(pending=True)
        with CaptureQueriesContext(connection) as ctx:
            assert tasks.expire_offers.delay().get() == 2
        assert len(ctx.captured_queries) == 1 and ctx.captured_queries[0]["sql"].startswith("UPDATE")
        assert tasks.expire_offers.delay().get() == 0
    statuses = {o.pk: o.status for o in Offer.objects.all()}
    assert statuses[due.pk] == statuses[removal.pk] == OfferStatus.EXPIRED
    assert statuses[running.pk] == OfferStatus.PUBLISHED and statuses[deleted.pk] == OfferStatus.PUBLISHED
    assert statuses[pending.pk] == OfferStatus.PENDING
    assert Offer.objects.get(pk=due.pk).expired_at == NOW


def test_an_approved_offer_with_a_removal_date_expires_on_that_date():
    offer = OfferFactory(pending=True, removal_date=datetime.date(2026, 6, 20))
    with time_machine.travel(NOW, tick=False):
        offer.approve(by=StaffFactory())
    with time_machine.travel(datetime.datetime(2026, 6, 19, 21, 0, tzinfo=datetime.UTC), tick=False):
        assert tasks.expire_due_offers() == 0
    with time_machine.travel(datetime.datetime(2026, 6, 19, 23, 0, tzinfo=datetime.UTC), tick=False):
        assert tasks.expire_due_offers() == 1  # midnight in Paris


def test_daily_warning_emails_the_author_once_seven_days_before_the_end():
    author = RecruiterFactory(first_name="Sophie")
    with time_machine.travel(NOW, tick=False):
        soon = OfferFactory(published=True, author=author, title="Serveur H/F", published_at=NOW - 54 * DAY,
                            expires_at=NOW + 6 * DAY)
        OfferFactory(published=True, author=author, published_at=NOW - 50 * DAY, expires_at=NOW + 10 * DAY)
        OfferFactory(published=True, author=None, published_at=NOW - 55 * DAY, expires_at=NOW + 5 * DAY)
        OfferFactory(expired=True, author=author)
        with committed():
            assert tasks.warn_offers_expiring_soon.delay().get() == 1
        with committed():
            assert tasks.warn_offers_expiring_soon.delay().get() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [author.email]
    assert message.subject == f"Votre offre « Serveur H/F » expire le {soon.expires_at:%d/%m/%Y}"
    assert "Republier" in message.body and "/espace-recruteur/offres/" in message.body


def test_a_republished_offer_is_warned_again_before_its_new_end():
    author = RecruiterFactory()
    with time_machine.travel(NOW, tick=False):
        offer = OfferFactory(published=True, author=author, published_at=NOW - 55 * DAY, expires_at=NOW + 5 * DAY)
        with committed():
            tasks.warn_expiring_offers()
    with time_machine.travel(NOW + 6 * DAY, tick=False):
        tasks.expire_due_offers()
        offer.refresh_from_db()
        offer.republish(by=author)
        offer.approve(by=StaffFactory())
    with time_machine.travel(NOW + 60 * DAY, tick=False):
        with committed():
            assert tasks.warn_expiring_offers() == 1
    assert len(mail.outbox) == 2
