"""End to end with a real Celery worker process against REDIS_URL and the test database.

Run by .ci/run against the machine's PostgreSQL and Redis: ``make test-integration``."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from mailing.models import OutgoingEmail
from mailing.services import queue_rendered
from terredemplois.celery import app as celery_app

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture
def worker(tmp_path):
    """A real worker on a private queue name, using the test database."""
    import dj_database_url

    db = connection.settings_dict
    url = dj_database_url.parse(os.environ["DATABASE_URL"])
    test_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + db["NAME"]
    assert url["NAME"] != db["NAME"]
    env = {
        **os.environ,
        "DATABASE_URL": test_url,
        "TDE_DATA_DIR": str(tmp_path),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "DJANGO_SETTINGS_MODULE": "terredemplois.settings",
        "EMAIL_URL": "",
        # the settings refuse to start without a key when DEBUG is off (a worker is not pytest)
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "integration-test-only-key",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "terredemplois", "worker", "-l", "info", "--pool", "solo",
         "-Q", "tde-integration", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    yield tmp_path
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    print(out[-4000:])


def test_a_real_worker_sends_a_queued_email_end_to_end(worker, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    routes = {"mailing.tasks.send_email": {"queue": "tde-integration"}}
    celery_app.conf.update(task_always_eager=False, task_routes=routes)
    try:
        from django.db import transaction

        with transaction.atomic():
            email = queue_rendered("integration@exemple.fr", "Bonjour du worker", "Corps", reason="integration")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            email.refresh_from_db()
            if email.sent_at:
                break
            time.sleep(0.5)
        assert email.sent_at is not None, "the worker did not send the e-mail within 60 s"
        written = list((worker / "mail").glob("*.log"))
        assert written and "Bonjour du worker" in written[0].read_text()
        assert OutgoingEmail.objects.get(pk=email.pk).attempts == 1
    finally:
        celery_app.conf.update(task_always_eager=True, task_routes=None)
