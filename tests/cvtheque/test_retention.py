"""Retention (CNIL): stale CVs warned then hidden, imported / spouse CVs and old applications deleted,
inactive accounts warned then deleted with everything; nothing else touched; a rerun does nothing."""

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_delete, pre_delete
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import UserKind
from cvtheque.cvs.enums import CVSource
from cvtheque.cvs.models import CV, CVSearchEntry, CVView
from cvtheque.recruiting.models import CVAlertSent, SavedCV
from cvtheque.retention.models import RetentionNotice, RetentionNoticeKind
from cvtheque.retention.services import apply_retention, plan_retention, stay_visible_token
from mailing.models import OutgoingEmail
from offers.alert_models import ErasedApplicationCount, JobAlert
from offers.models import Application
from referentials.models import Metier
from terredemplois.celery import collect_beat_schedule
from tests.accounts.factories import CandidateFactory, StaffFactory
from tests.companies.factories import CompanyFactory
from tests.conftest import committed
from tests.offers.factories import OfferFactory

from .factories import CVFactory, CVSearchFactory, SavedListFactory

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


# ----- a fixed number of queries, whatever the number of rows -----------------------------------

def _due_of_each_kind(n: int, tag: str) -> None:
    """At ``at(731)``: ``n`` CVs to warn, ``n`` to hide, ``n`` imported CVs to delete (with a métier, a
    consultation, a place in a list and a favourite-search e-mail pointing to each), ``n`` applications to
    delete and ``n`` accounts to warn, made in bulk."""
    User = get_user_model()
    active = User.objects.bulk_create([User(email=f"{tag}{i}@actif.invalid", kind=UserKind.CANDIDATE,
                                            last_login=at(730)) for i in range(2 * n)])
    User.objects.bulk_create([User(email=f"{tag}{i}@dort.invalid", kind=UserKind.CANDIDATE,
                              last_login=at(-400)) for i in range(n)])
    cv = dict(first_name="Camille", last_name="Banc", headline="Vendeuse", created_at=T0)
    to_warn = [CV(owner=u, is_visible=True, visible_since=T0, updated_at=at(1), **cv) for u in active[:n]]
    to_hide = [CV(owner=u, is_visible=True, visible_since=T0, updated_at=T0, **cv) for u in active[n:]]
    imported = [CV(source=CVSource.IMPORT, external_id=f"{tag}-{i}", updated_at=T0, **cv) for i in range(n)]
    CV.objects.bulk_create(to_warn + to_hide + imported)
    RetentionNotice.objects.bulk_create([RetentionNotice(user_id=c.owner_id, kind=RetentionNoticeKind.CV_HIDING,
                                                         reference=T0, sent_at=at(700)) for c in to_hide])
    metier = Metier.objects.first()
    CV.metiers.through.objects.bulk_create([CV.metiers.through(cv=c, metier=metier) for c in imported])
    company = CompanyFactory()
    saved_list = SavedListFactory(company=company)
    search = CVSearchFactory(company=company)
    CVView.objects.bulk_create([CVView(company=company, cv=c) for c in imported])
    SavedCV.objects.bulk_create([SavedCV(saved_list=saved_list, cv=c) for c in imported])
    CVAlertSent.objects.bulk_create([CVAlertSent(search=search, cv=c) for c in imported])
    offer = made_at(T0, OfferFactory, expired=True, expired_at=T0)
    Application.objects.bulk_create([Application(offer=offer, candidate=u, message="Bonjour") for u in active[:n]])


@pytest.mark.parametrize("n", [10, 200])
def test_apply_retention_takes_the_same_number_of_queries_for_10_and_200_rows_of_each_kind(n):
    _due_of_each_kind(n, "q")
    with time_machine.travel(at(731), tick=False), CaptureQueriesContext(connection) as queries:
        done = apply_retention()
    assert done == {"cvs_warned": n, "cvs_hidden": n, "cvs_deleted": n, "applications_deleted": n,
                    "accounts_warned": n, "accounts_deleted": 0}
    assert len(queries) == QUERIES_OF_A_RUN_WITH_EVERY_STEP
    assert not CVView.objects.exists() and not CVAlertSent.objects.exists()
    assert not CV.metiers.through.objects.exists()
    assert SavedCV.objects.count() == n and not SavedCV.objects.filter(cv__isnull=False).exists()
    assert OutgoingEmail.objects.filter(reason="cv_retention_warning").count() == n
    assert OutgoingEmail.objects.filter(reason="account_retention_warning").count() == n


# counted once with 10 rows of each kind; the parametrised test above shows it does not move with 200
QUERIES_OF_A_RUN_WITH_EVERY_STEP = 32


def test_deleted_cvs_and_applications_take_their_documents_with_them_after_commit():
    cv = made_at(T0, CVFactory, imported=True)
    cv.document.save("cv.pdf", ContentFile(b"%PDF-1.4 cv"), save=True)
    CV.objects.filter(pk=cv.pk).update(updated_at=T0)
    kept = made_at(at(400), CVFactory, imported=True)
    kept.document.save("garde.pdf", ContentFile(b"%PDF-1.4 garde"), save=True)
    application = Application.objects.create(offer=made_at(T0, OfferFactory, expired=True, expired_at=T0),
                                             candidate=active_candidate(), message="Bonjour")
    application.document.save("lettre.pdf", ContentFile(b"%PDF-1.4 lettre"), save=True)
    cv_file, application_file = cv.document, application.document
    assert cv_file.storage.exists(cv_file.name) and application_file.storage.exists(application_file.name)
    assert run(at(731)) == {**NOTHING, "cvs_deleted": 1, "applications_deleted": 1}
    assert not cv_file.storage.exists(cv_file.name)
    assert not application_file.storage.exists(application_file.name)
    assert kept.document.storage.exists(kept.document.name)


def test_the_delete_receivers_of_cvs_and_applications_only_remove_their_documents():
    """``delete_set`` sends no signal: it removes the files itself. A new delete receiver on these models
    must be looked at (and done in ``apply_retention`` too)."""
    for model, expected in ((CV, {"_delete_cv_document"}), (Application, {"_delete_application_document"})):
        names = set()
        for signal in (pre_delete, post_delete):
            names |= {receiver.__name__ for receiver in signal._live_receivers(model)[0]}
        assert names == expected, model
