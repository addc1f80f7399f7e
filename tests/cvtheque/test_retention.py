"""Retention (CNIL): stale CVs warned then hidden, imported / spouse CVs and old applications deleted,
inactive accounts warned then deleted with everything; nothing else touched; a rerun does nothing."""

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cvtheque.cvs.models import CV, CVSearchEntry
from cvtheque.retention.models import RetentionNotice
from cvtheque.retention.services import apply_retention, plan_retention, stay_visible_token
from offers.alert_models import ErasedApplicationCount, JobAlert
from offers.models import Application
from terredemplois.celery import collect_beat_schedule
from tests.accounts.factories import CandidateFactory, StaffFactory
from tests.conftest import committed
from tests.offers.factories import OfferFactory

from .factories import CVFactory

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2024, 1, 10, 9, 0, tzinfo=datetime.UTC)
NOTHING = {"cvs_warned": 0, "cvs_hidden": 0, "cvs_deleted": 0, "applications_deleted": 0, "accounts_warned": 0,
           "accounts_deleted": 0}


def at(days, hours=0):
    return T0 + datetime.timedelta(days=days, hours=hours)


def run(when):
    with time_machine.travel(when, tick=False), committed():
        return apply_retention()


def made_at(when, factory, **kwargs):
    with time_machine.travel(when, tick=False):
        return factory(**kwargs)


def active_candidate(**kwargs):
    """A candidate who logged in recently (their account is not the subject of the test)."""
    return CandidateFactory(last_login=at(1000), **kwargs)


def test_a_stale_cv_is_warned_30_days_before_then_hidden_and_nothing_else():
    stale = made_at(T0, CVFactory, visible=True, owner=active_candidate(), headline="Vendeuse en boulangerie")
    fresh = made_at(at(400), CVFactory, visible=True, owner=active_candidate())
    not_visible = made_at(T0, CVFactory, owner=active_candidate())
    assert run(at(699)) == NOTHING
    assert run(at(700, 1)) == {**NOTHING, "cvs_warned": 1}
    assert [m.to for m in mail.outbox] == [[stale.owner.email]]
    assert "/cv/je-reste-visible/" in mail.outbox[0].body
    assert "Je reste visible" in mail.outbox[0].alternatives[0][0]
    assert run(at(700, 2)) == NOTHING
    assert run(at(720)) == NOTHING
    assert run(at(731)) == {**NOTHING, "cvs_hidden": 1}
    stale.refresh_from_db()
    fresh.refresh_from_db()
    not_visible.refresh_from_db()
    assert not stale.is_visible and fresh.is_visible and not not_visible.is_visible
    assert not CVSearchEntry.objects.filter(cv=stale).exists() and CVSearchEntry.objects.filter(cv=fresh).exists()
    assert CV.objects.count() == 3
    assert run(at(732)) == NOTHING
    assert len(mail.outbox) == 1


def test_an_old_cv_never_warned_is_warned_first_and_hidden_30_days_later():
    cv = made_at(T0, CVFactory, visible=True, owner=active_candidate())
    assert run(at(900)) == {**NOTHING, "cvs_warned": 1}
    assert run(at(929)) == NOTHING
    assert run(at(931)) == {**NOTHING, "cvs_hidden": 1}
    cv.refresh_from_db()
    assert not cv.is_visible


def test_je_reste_visible_keeps_the_cv_without_login(client):
    cv = made_at(T0, CVFactory, visible=True, owner=active_candidate())
    run(at(700, 1))
    link = re.search(r"(/cv/je-reste-visible/[^/\s]+/)", mail.outbox[0].body).group(1)
    with time_machine.travel(at(705), tick=False):
        assert "Je reste visible" in client.get(link).content.decode()
        cv.refresh_from_db()
        assert cv.updated_at == T0  # a GET (a mail scanner) changes nothing
        assert "reste visible" in client.post(link).content.decode()
    cv.refresh_from_db()
    assert cv.updated_at == at(705)
    assert run(at(731)) == NOTHING
    cv.refresh_from_db()
    assert cv.is_visible
    assert run(at(705 + 700, 1)) == {**NOTHING, "cvs_warned": 1}  # the 24 months start again
    tampered = reverse("cvtheque:stay_visible", args=[stay_visible_token(cv)[:-2] + "xx"])
    assert client.post(tampered).status_code == 400


def test_imported_and_spouse_cvs_are_deleted_after_24_months():
    old_import = made_at(T0, CVFactory, imported=True)
    old_spouse = made_at(T0, CVFactory, spouse=True)
    recent_import = made_at(at(400), CVFactory, imported=True)
    candidate_cv = made_at(T0, CVFactory, owner=active_candidate())
    assert run(at(729)) == NOTHING
    assert run(at(731)) == {**NOTHING, "cvs_deleted": 2}
    assert set(CV.objects.values_list("pk", flat=True)) == {recent_import.pk, candidate_cv.pk}
    assert not CV.objects.filter(pk__in=[old_import.pk, old_spouse.pk]).exists()
    assert run(at(732)) == NOTHING


def test_applications_are_deleted_24_months_after_the_offer_ended_and_counted():
    ended = made_at(T0, OfferFactory, expired=True, expired_at=T0)
    later = made_at(T0, OfferFactory, expired=True, expired_at=at(300))
    online = made_at(T0, OfferFactory, published=True)
    removed = made_at(T0, OfferFactory, published=True, deleted=True, deleted_at=T0)
    for offer in (ended, ended, later, online, removed):
        Application.objects.create(offer=offer, candidate=active_candidate(), message="Bonjour",
                                   created_at=datetime.datetime(2023, 12, 5, tzinfo=datetime.UTC))
    assert run(at(729)) == NOTHING
    assert run(at(731)) == {**NOTHING, "applications_deleted": 3}
    assert set(Application.objects.values_list("offer_id", flat=True)) == {later.pk, online.pk}
    counts = {(c.company_id, c.month, c.count) for c in ErasedApplicationCount.objects.all()}
    december = datetime.date(2023, 12, 1)
    assert counts == {(ended.company_id, december, 2), (removed.company_id, december, 1)}
    assert run(at(732)) == NOTHING
    assert run(at(300 + 731)) == {**NOTHING, "applications_deleted": 1}
    assert ErasedApplicationCount.objects.get(company_id=later.company_id).count == 1


def test_an_inactive_account_is_warned_then_deleted_with_everything_it_owns():
    sleeping = CandidateFactory(last_login=T0)
    cv = made_at(T0, CVFactory, owner=sleeping)
    Application.objects.create(offer=OfferFactory(published=True), candidate=sleeping, message="Bonjour")
    JobAlert.objects.create(candidate=sleeping, params={"q": "vendeur"}, label="vendeur")
    awake = CandidateFactory(last_login=T0)
    staff = StaffFactory(last_login=T0)
    recent = CandidateFactory(last_login=at(900))
    three_years = 3 * 365
    assert run(at(three_years - 31)) == NOTHING
    assert run(at(three_years - 30, 1)) == {**NOTHING, "accounts_warned": 2}
    assert {m.to[0] for m in mail.outbox} == {sleeping.email, awake.email}
    assert "sera bientôt supprimé" in mail.outbox[0].subject
    awake.last_login = at(three_years - 10)
    awake.save(update_fields=["last_login"])
    assert run(at(three_years - 10)) == NOTHING
    assert run(at(three_years + 1)) == {**NOTHING, "accounts_deleted": 1}
    users = set(get_user_model().objects.values_list("pk", flat=True))
    assert sleeping.pk not in users and {awake.pk, staff.pk, recent.pk} <= users
    assert not CV.objects.filter(pk=cv.pk).exists()
    assert not Application.objects.filter(candidate_id=sleeping.pk).exists()
    assert not JobAlert.objects.filter(candidate_id=sleeping.pk).exists()
    assert not RetentionNotice.objects.filter(user_id=sleeping.pk).exists()
    assert run(at(three_years + 2)) == NOTHING


def test_the_plan_takes_a_fixed_number_of_queries():
    made_at(T0, CVFactory, visible=True, owner=active_candidate())
    made_at(T0, CVFactory, imported=True)
    with time_machine.travel(at(731), tick=False), CaptureQueriesContext(connection) as few:
        plan_retention()
    for _ in range(5):
        made_at(T0, CVFactory, visible=True, owner=active_candidate())
        made_at(T0, CVFactory, imported=True)
    with time_machine.travel(at(731), tick=False), CaptureQueriesContext(connection) as many:
        plan = plan_retention()
    assert len(plan.cvs_to_warn) == 6 and len(plan.cvs_to_delete) == 6
    assert len(many) == len(few)


def test_dry_run_prints_what_it_would_do_and_changes_nothing():
    cv = made_at(T0, CVFactory, imported=True)
    out = StringIO()
    with time_machine.travel(at(731), tick=False):
        call_command("apply_retention", "--dry-run", stdout=out)
    assert f"CV importés ou de conjoints à supprimer : 1 ({cv.pk})" in out.getvalue()
    assert CV.objects.filter(pk=cv.pk).exists()
    with time_machine.travel(at(731), tick=False):
        call_command("apply_retention", stdout=StringIO())
    assert not CV.objects.filter(pk=cv.pk).exists()


def test_the_daily_task_is_scheduled():
    assert "cvtheque.retention.tasks.apply_retention" in {e["task"] for e in collect_beat_schedule().values()}
