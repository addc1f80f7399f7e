"""E-mail alerts of favourite searches: only new CVs, one digest per recruiter, idempotent under
rerun and under a task retried mid-way, signed unsubscribe link."""

import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cvtheque.recruiting import alerts
from cvtheque.recruiting.alerts import send_due_alerts, unsubscribe_token
from cvtheque.recruiting.enums import AlertFrequency
from cvtheque.recruiting.models import CVAlertSent
from cvtheque.recruiting.tasks import send_cv_alerts
from mailing.models import OutgoingEmail
from terredemplois.celery import collect_beat_schedule
from tests.conftest import committed

from .factories import CVFactory, CVSearchFactory

pytestmark = pytest.mark.django_db

STARRED = "2026-11-20 08:00"
NEW = "2026-11-20 15:00"
RUN = "2026-11-21 07:15"
VENDEUSE = "Vendeuse en boulangerie"  # a headline the favourite « vendeuse » finds


def favourite(**kwargs):
    with time_machine.travel(STARRED, tick=False):
        kwargs.setdefault("params", {"q": ["vendeuse"]})
        return CVSearchFactory(favourite=True, **kwargs)


def run(at=RUN):
    with time_machine.travel(at, tick=False), committed():
        return send_due_alerts()


def test_only_new_matching_visible_cvs_are_sent_once():
    with time_machine.travel("2026-11-19 10:00", tick=False):
        CVFactory(visible=True, headline=VENDEUSE, first_name="Ancienne")
    search = favourite()
    with time_machine.travel(NEW, tick=False):
        CVFactory(visible=True, headline=VENDEUSE, first_name="Nouvelle", last_name="Roux")
        CVFactory(first_name="Cachée", headline=VENDEUSE)
        CVFactory(visible=True, first_name="Soudeur", headline="Soudeur TIG")
    result = run()
    assert result == {"searches": 1, "recruiters": 1, "cvs": 1}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [search.user.email]
    assert "Nouvelle R." in message.body
    assert "Ancienne" not in message.body and "Cachée" not in message.body and "Soudeur" not in message.body
    assert "VENDEUSE" in message.body
    assert run() == {"searches": 0, "recruiters": 0, "cvs": 0}
    assert run("2026-11-22 07:15")["cvs"] == 0
    assert len(mail.outbox) == 1


def test_a_cv_updated_after_an_alert_is_never_sent_twice_for_the_same_search():
    search = favourite()
    with time_machine.travel(NEW, tick=False):
        cv = CVFactory(visible=True, headline=VENDEUSE, first_name="Apolline")
    run()
    with time_machine.travel("2026-11-21 12:00", tick=False):
        cv.updated_at = timezone.now()
        cv.save(update_fields=["updated_at"])
        CVFactory(visible=True, headline=VENDEUSE, first_name="Bérénice")
    run("2026-11-22 07:15")
    assert len(mail.outbox) == 2
    assert "Bérénice" in mail.outbox[1].body and "Apolline" not in mail.outbox[1].body
    assert CVAlertSent.objects.filter(search=search).count() == 2


def test_an_old_cv_updated_since_the_last_alert_is_new():
    with time_machine.travel("2026-10-01 10:00", tick=False):
        cv = CVFactory(visible=True, headline=VENDEUSE, first_name="Ginette")
    favourite()
    with time_machine.travel(NEW, tick=False):
        cv.updated_at = timezone.now()
        cv.save(update_fields=["updated_at"])
    run()
    assert "Ginette" in mail.outbox[0].body


def test_one_digest_per_recruiter_listing_each_search():
    first = favourite()
    favourite(user=first.user, company=first.company, params={"q": ["boulangerie"]})
    favourite()  # another recruiter
    with time_machine.travel(NEW, tick=False):
        CVFactory(visible=True, headline=VENDEUSE)
    assert run()["recruiters"] == 2
    assert len(mail.outbox) == 2
    mine = next(m for m in mail.outbox if m.to == [first.user.email])
    assert "VENDEUSE" in mine.body and "BOULANGERIE" in mine.body


def test_at_most_20_cvs_per_search_and_a_link_to_see_all():
    favourite()
    with time_machine.travel(NEW, tick=False):
        CVFactory.create_batch(23, visible=True, headline=VENDEUSE)
    assert run()["cvs"] == 20
    body = mail.outbox[0].body
    assert "23 nouveaux CV" in body and "Et 3 autres" in body
    assert f"{reverse('cvtheque:search')}?q=vendeuse" in body


def test_weekly_alerts_wait_a_week_and_none_never_sends():
    weekly = favourite(alert_frequency=AlertFrequency.WEEKLY)
    favourite(alert_frequency=AlertFrequency.NONE)
    with time_machine.travel(NEW, tick=False):
        CVFactory(visible=True, headline=VENDEUSE)
    assert run()["cvs"] == 1  # first alert of the weekly one
    with time_machine.travel("2026-11-22 10:00", tick=False):
        CVFactory(visible=True, headline=VENDEUSE)
    assert run("2026-11-23 07:15")["searches"] == 0
    result = run("2026-11-28 07:15")
    assert result["searches"] == 1 and result["cvs"] == 1
    assert {m.to[0] for m in mail.outbox} == {weekly.user.email}


def test_a_task_retried_after_a_crash_midway_sends_nothing_twice(monkeypatch):
    first, second = favourite(), favourite()
    with time_machine.travel(NEW, tick=False):
        CVFactory(visible=True, headline=VENDEUSE)
    real_digest_for = alerts.digest_for

    def crash_on_second(search, *args):
        if search.user_id == second.user_id:
            raise RuntimeError("worker lost")
        return real_digest_for(search, *args)

    monkeypatch.setattr(alerts, "digest_for", crash_on_second)
    with pytest.raises(RuntimeError):
        run()
    assert [m.to for m in mail.outbox] == [[first.user.email]]
    assert not CVAlertSent.objects.filter(search=second).exists()
    monkeypatch.setattr(alerts, "digest_for", real_digest_for)
    with time_machine.travel("2026-11-21 07:20", tick=False), committed():
        send_cv_alerts.delay()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.user.email, second.user.email])
    assert OutgoingEmail.objects.filter(reason="cv_alert").count() == 2


def test_the_periodic_task_is_declared_once():
    entry = collect_beat_schedule()["cvtheque-send-cv-alerts"]
    assert entry["task"] == send_cv_alerts.name


def test_the_signed_link_stops_the_alert_without_login(client):
    search = favourite()
    with time_machine.travel(NEW, tick=False):
        CVFactory(visible=True, headline=VENDEUSE)
    run()
    link = re.search(r"https?://\S+/cvtheque/alerte/arreter/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200 and "Arrêter l'alerte" in page.content.decode()
    search.refresh_from_db()
    assert search.alert_frequency == AlertFrequency.DAILY  # a GET (mail scanner) changes nothing
    client.post("/" + path)
    search.refresh_from_db()
    assert search.alert_frequency == AlertFrequency.NONE
    with time_machine.travel("2026-11-21 12:00", tick=False):
        CVFactory(visible=True, headline=VENDEUSE)
    assert run("2026-11-22 07:15")["searches"] == 0


def test_a_tampered_link_is_refused(client):
    search = favourite()
    token = unsubscribe_token(search)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for url in [reverse("cvtheque:alert_unsubscribe", args=[forged]),
                reverse("cvtheque:alert_unsubscribe", args=["n-importe-quoi"])]:
        assert client.post(url).status_code == 400
        assert "Ce lien n'est pas valide" in client.get(url).content.decode()
    search.refresh_from_db()
    assert search.alert_frequency == AlertFrequency.DAILY


def test_the_recent_ids_shortcut_and_the_plain_date_filter_agree(monkeypatch):
    favourite()
    with time_machine.travel(NEW, tick=False):
        CVFactory.create_batch(3, visible=True, headline=VENDEUSE)
    monkeypatch.setattr(alerts, "RECENT_IDS_LIMIT", 2)  # too many recent CVs: the date filter alone
    assert run()["cvs"] == 3


def test_unstarred_searches_send_nothing():
    search = favourite()
    search.unstar()
    with time_machine.travel(NEW, tick=False):
        CVFactory(visible=True, headline=VENDEUSE)
    assert run()["searches"] == 0 and not mail.outbox


def test_queries_do_not_grow_with_the_number_of_new_cvs():
    favourite()
    favourite()
    with time_machine.travel(NEW, tick=False):
        CVFactory.create_batch(3, visible=True, headline=VENDEUSE)
    run()  # warms the caches of the search
    counts = []
    for day, n in ((22, 2), (23, 15)):
        with time_machine.travel(f"2026-11-{day - 1} 10:00", tick=False):
            CVFactory.create_batch(n, visible=True, headline=VENDEUSE)
        with CaptureQueriesContext(connection) as ctx:
            assert run(f"2026-11-{day} 07:15")["cvs"] == 2 * n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_favourites_matched_against_the_new_cvs_only_find_what_search_cvs_finds():
    searches = [favourite(params={"q": [q]}) for q in ("vendeuse", "boulangerie vendeuse", "vendeuse -soudeur",
                                                       '"vendeuse en boulangerie"', "soudeur OU vendeuse")]
    searches.append(favourite(params={"q": ["vendeuse"], "place": ["Nulle-Part-sur-Mer"]}))
    with time_machine.travel("2026-11-19 10:00", tick=False):
        CVFactory(visible=True, headline=VENDEUSE)  # older than the favourites
    for hour, headline in enumerate([VENDEUSE, "Soudeur TIG", "Vendeuse", "Boulangère", VENDEUSE, "Soudeur vendeuse"]):
        with time_machine.travel(f"2026-11-20 1{hour}:00", tick=False):
            CVFactory(visible=True, headline=headline, summary="vente en boulangerie" if hour % 2 else "")
    CVAlertSent.objects.create(search=searches[0], cv=CVFactory(visible=True, headline=VENDEUSE))
    with time_machine.travel(RUN, tick=False):
        recent = alerts.recent_cv_ids(min(s.alert_since for s in searches))
        with alerts.Candidates(recent) as candidates:
            for search in searches:
                expected = alerts.digest_for(search)
                found = alerts.digest_for(search, candidates)
                assert (found.cvs, found.total) == (expected.cvs, expected.total), search.params
    assert any(alerts.digest_for(s).total > 1 for s in searches)
