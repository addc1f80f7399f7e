"""The project's Celery app for the fault tests (``celery -A tests.integration.faultapp``), with two test-only
additions driven by the environment — nothing here is loaded by the site:

- ``TDE_FAULT_POINT`` (``email``, ``extraction`` or ``digest``) and ``TDE_FAULT_ARM`` (a file): when the task
  reaches that point in the middle of its work and the file exists, it deletes the file, writes its pid to
  ``<file>.paused`` and sleeps, so that the test kills it there. Without the file (a redelivery) it runs on.
- ``TDE_FAULT_BEAT_QUEUE``: beat's schedule becomes one entry sent every second to that queue (nobody consumes
  it: the test reads who sent each message)."""

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from terredemplois.celery import app

POINT = os.environ.get("TDE_FAULT_POINT", "")
ARM = os.environ.get("TDE_FAULT_ARM", "")
BEAT_QUEUE = os.environ.get("TDE_FAULT_BEAT_QUEUE", "")


def pause_if_armed(point: str) -> None:
    if point != POINT or not ARM:
        return
    try:
        os.remove(ARM)
    except FileNotFoundError:
        return
    Path(f"{ARM}.paused").write_text(str(os.getpid()))
    time.sleep(600)


def _install_pauses():
    from cvtheque.cvs import extraction
    from cvtheque.recruiting import alerts
    from mailing import delivery

    if getattr(delivery, "_fault_installed", False):
        return
    delivery._fault_installed = True

    class PausingMessage(delivery.EmailMultiAlternatives):
        def send(self, *args, **kwargs):
            pause_if_armed("email")  # the row is locked, the attempt counted, nothing written yet
            return super().send(*args, **kwargs)

    delivery.EmailMultiAlternatives = PausingMessage
    update_search_columns = extraction.update_search_columns

    def pausing_update(ids):
        pause_if_armed("extraction")  # the text is stored, the search columns not yet refreshed
        return update_search_columns(ids)

    extraction.update_search_columns = pausing_update
    queue_email = alerts.queue_email

    def pausing_queue_email(*args, **kwargs):
        pause_if_armed("digest")  # the CVs are recorded as sent, last_alert_at moved, in the open transaction
        return queue_email(*args, **kwargs)

    alerts.queue_email = pausing_queue_email


@task_prerun.connect
def _before_task(**kwargs):
    if POINT:
        _install_pauses()


@app.on_after_configure.connect
def _beat_schedule_for_the_test(sender, **kwargs):
    if BEAT_QUEUE:
        sender.conf.beat_schedule = {"fault-tick": {
            "task": "mailing.tasks.send_pending_emails", "schedule": 1.0, "options": {"queue": BEAT_QUEUE}}}


if BEAT_QUEUE and app.configured:
    _beat_schedule_for_the_test(app)
