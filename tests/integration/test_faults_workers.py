"""Faults of the background processes, with real Celery workers and beats (``make test-integration``):

- a worker killed with SIGKILL in the middle of a task (an e-mail, a CV extraction, an alert digest): the task
  runs again — at once when a pool child dies (``reject_on_worker_lost``), after the visibility timeout when
  the whole worker is gone — and its effect happens once;
- two beats started by mistake: one sends the periodic tasks, the other stands by and takes over when the
  first dies."""

import json
import os
import signal

import pytest
import redis
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection

from cvtheque.cvs.enums import ExtractionStatus
from cvtheque.cvs.extraction import make_pdf
from cvtheque.cvs.models import CV
from cvtheque.recruiting.models import CVAlertSent
from mailing.models import OutgoingEmail
from terredemplois.celery import app as celery_app
from tests.cvtheque.factories import CVFactory, CVSearchFactory

from .processes import Processes, database_url_of_tests, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), pytest.mark.timeout(240),
              pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")]

FAULT_APP = "tests.integration.faultapp"


@pytest.fixture
def procs(tmp_path):
    processes = Processes(tmp_path, database_url_of_tests(), os.environ["REDIS_URL"], CELERY_VISIBILITY_TIMEOUT="6")
    yield processes
    processes.close()
    processes.dump_logs()  # shown when the test fails


def armed(tmp_path, point: str) -> dict:
    arm = tmp_path / f"arm-{point}"
    arm.write_text("")
    return {"TDE_FAULT_POINT": point, "TDE_FAULT_ARM": str(arm)}


def paused_pid(env: dict) -> int:
    paused = f"{env['TDE_FAULT_ARM']}.paused"
    return int(wait_until(lambda: open(paused).read(), 90, "the task reached its fault point"))


def send(procs, task: str, *args) -> None:
    celery_app.send_task(task, args=list(args), queue=procs.queue)


def succeeded(proc, task: str) -> int:
    """How many times the worker logged ``task`` as succeeded."""
    return sum(1 for line in proc.log.read_text(errors="replace").splitlines()
               if f"Task {task}[" in line and " succeeded in " in line)


def test_an_email_whose_pool_child_is_killed_while_sending_is_sent_once(procs, tmp_path):
    fault = armed(tmp_path, "email")
    worker = procs.worker(pool="prefork", app=FAULT_APP, **fault)
    email = OutgoingEmail.objects.create(to="relance@exemple.fr", subject="Relance unique",
                                         body_text="Bonjour", reason="integration")
    send(procs, "mailing.tasks.send_email", email.pk)

    child = paused_pid(fault)
    assert child != worker.pid
    os.kill(child, signal.SIGKILL)

    wait_until(lambda: OutgoingEmail.objects.get(pk=email.pk).sent_at, 90, "the e-mail sent after the kill")
    email.refresh_from_db()
    assert email.attempts == 1  # the killed attempt was rolled back with its transaction
    assert procs.mails().count("Subject: Relance unique") == 1
    # a second delivery of the same task (a duplicate message) sends nothing more
    send(procs, "mailing.tasks.send_email", email.pk)
    wait_until(lambda: succeeded(worker, "mailing.tasks.send_email") >= 2, 60, "the duplicate task ran")
    assert procs.mails().count("Subject: Relance unique") == 1
    assert worker.alive()


def test_a_cv_extraction_whose_whole_worker_is_killed_runs_again_on_another_worker(procs, tmp_path, settings):
    private = FileSystemStorage(location=procs.env["TDE_DATA_DIR"] + "/test-private")
    name = private.save("cv/zythologue.pdf", ContentFile(make_pdf(
        ["Camille Martin", "Zythologue confirmée, dix ans de brasserie artisanale", "Permis B"])))
    cv = CVFactory(visible=True, headline="Brasseuse")
    CV.objects.filter(pk=cv.pk).update(document=name, extraction_status=ExtractionStatus.PENDING)
    fault = armed(tmp_path, "extraction")
    first = procs.worker(app=FAULT_APP, **fault)
    send(procs, "cvtheque.cvs.tasks.extract_cv_text", cv.pk)
    assert paused_pid(fault) == first.pid
    first.kill()  # SIGKILL: the message stays unacknowledged in Redis

    procs.worker()  # another host's worker: it gets the task back after the visibility timeout
    wait_until(lambda: _vector_has(cv.pk, "zytholog"), 120, "the CV's search columns hold the document's words")
    cv.refresh_from_db()
    assert cv.extraction_status == ExtractionStatus.DONE
    assert "Zythologue confirmée" in cv.extracted_text


def _vector_has(cv_id: int, lexeme_start: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT fulltext_vector::text FROM cvtheque_cv WHERE id = %s", [cv_id])
        return f"'{lexeme_start}" in cursor.fetchone()[0]


def test_an_alert_digest_killed_mid_way_is_sent_once_with_each_cv_once(procs, tmp_path):
    search = CVSearchFactory(favourite=True, params={"q": ["brasseuse"]})
    cv = CVFactory(visible=True, headline="Brasseuse artisanale", first_name="Maëlle")
    fault = armed(tmp_path, "digest")
    worker = procs.worker(pool="prefork", app=FAULT_APP, **fault)
    send(procs, "cvtheque.recruiting.tasks.send_cv_alerts")
    os.kill(paused_pid(fault), signal.SIGKILL)  # inside the transaction: CVs recorded, e-mail not queued

    wait_until(lambda: OutgoingEmail.objects.filter(to=search.user.email, sent_at__isnull=False).exists(), 120,
               "the digest sent after the kill")
    assert OutgoingEmail.objects.filter(to=search.user.email, reason="cv_alert").count() == 1
    assert list(CVAlertSent.objects.filter(search=search).values_list("cv_id", flat=True)) == [cv.pk]
    # the daily run again (beat taking over, a rerun): nothing more
    send(procs, "cvtheque.recruiting.tasks.send_cv_alerts")
    wait_until(lambda: succeeded(worker, "cvtheque.recruiting.tasks.send_cv_alerts") >= 2, 60, "the rerun ran")
    assert OutgoingEmail.objects.filter(to=search.user.email, reason="cv_alert").count() == 1
    assert procs.mails().count(f"To: {search.user.email}") == 1


def _origins(client, queue: str) -> list[str]:
    """Who sent each message waiting in ``queue`` (Celery's ``origin`` header: gen<pid>@host), oldest first."""
    messages = [json.loads(raw) for raw in reversed(client.lrange(queue, 0, -1))]
    return [message["headers"]["origin"].split("@")[0].removeprefix("gen") for message in messages]


def test_two_beats_send_each_periodic_task_once_and_the_second_takes_over_when_the_first_dies(procs):
    queue = f"{procs.queue}-beat"  # consumed by nobody: the test reads who sent what
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    env = {"TDE_FAULT_BEAT_QUEUE": queue, "BEAT_LOCK_NAME": f"{procs.queue}:beat", "BEAT_LOCK_SECONDS": "3"}
    try:
        first = procs.beat(app=FAULT_APP, **env)
        wait_until(lambda: client.llen(queue) >= 1, 60, "the first beat sending")
        second = procs.beat(app=FAULT_APP, **env)
        wait_until(lambda: "beat: Starting..." in second.log.read_text(errors="replace"), 60, "the second beat up")
        sent = client.llen(queue)
        wait_until(lambda: client.llen(queue) >= sent + 6, 60, "six ticks sent with both beats running")
        both_running = _origins(client, queue)
        assert set(both_running) == {str(first.pid)}, both_running
        assert second.alive() and "stands by" in second.log.read_text(errors="replace")

        first.kill()
        sent_before = len(both_running)
        wait_until(lambda: str(second.pid) in _origins(client, queue)[sent_before:], 60, "the second beat took over")
        wait_until(lambda: _origins(client, queue)[-3:] == [str(second.pid)] * 3, 30, "three ticks by the second")
        origins = _origins(client, queue)
        switch = origins.index(str(second.pid))
        assert set(origins[:switch]) == {str(first.pid)} and set(origins[switch:]) == {str(second.pid)}, origins
    finally:
        client.delete(queue)
        client.close()
