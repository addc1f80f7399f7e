"""Redis and PostgreSQL falling over under a running site (gunicorn and a Celery worker, real processes), on
throwaway servers of the test's own (free ports of 127.0.0.1): the machine's services are never touched.

- Redis stopped in the middle of a run: every request still succeeds (sessions and cache fall back to the
  database, the login rate limit counts in the database), e-mails wait in the outbox and are sent once after
  Redis is back — none lost, none twice.
- PostgreSQL restarted: the site answers again at the first request without restarting web or workers
  (``CONN_HEALTH_CHECKS``), and a task that met the database down retries until it is back."""

import os
import subprocess

import pytest
from kombu import Connection

from accounts.models import RateLimitHit
from mailing.models import OutgoingEmail
from terredemplois.celery import app as celery_app
from tests.accounts.factories import CandidateFactory
from tests.companies.factories import CompanyFactory, MembershipFactory
from tests.offers.factories import OfferFactory

from .processes import (
    PG_BIN,
    Processes,
    ThrowawayPostgres,
    ThrowawayRedis,
    Visitor,
    database_url_of_tests,
    verified_user,
    wait_until,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), pytest.mark.timeout(300),
              pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")]

PASSWORD = "Mot-de-passe-solide-2026"
PUBLIC_PAGES = ["/", "/offres/", "/entreprises/"]


def send_to(broker_url: str, queue: str, task: str, *args) -> None:
    with Connection(broker_url) as broker:
        celery_app.send_task(task, args=list(args), queue=queue, connection=broker)


def recruiter():
    company = CompanyFactory(online=True)
    OfferFactory(published=True, company=company, title="Boulanger de nuit")
    return verified_user(lambda: MembershipFactory(company=company).user, PASSWORD)


def assert_all_answer(visitor: Visitor, paths: list[str]) -> None:
    statuses = {path: visitor.get(path).status_code for path in paths}
    assert set(statuses.values()) == {200}, statuses


@pytest.fixture
def redis_server(tmp_path):
    server = ThrowawayRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def test_redis_stopped_mid_run_every_request_succeeds_and_every_email_is_sent_once_when_it_is_back(
        tmp_path, redis_server):
    user = recruiter()
    target = verified_user(CandidateFactory, PASSWORD)
    procs = Processes(tmp_path, database_url_of_tests(), redis_server.url)
    try:
        _, site = procs.web()
        procs.worker()
        visitor = Visitor(site)
        assert visitor.login(user.email, PASSWORD).url.endswith("/espace-recruteur/")
        assert_all_answer(visitor, PUBLIC_PAGES + ["/espace-recruteur/"])

        redis_server.stop()

        # logged in before: still logged in (the session is read from PostgreSQL)
        assert_all_answer(visitor, PUBLIC_PAGES + ["/espace-recruteur/", "/mes-parametres/"])
        # a new visitor logs in, and pages keep answering
        newcomer = Visitor(site)
        assert newcomer.login(target.email, PASSWORD).url.endswith("/espace-candidat/")
        assert_all_answer(newcomer, PUBLIC_PAGES + ["/espace-candidat/"])
        # the login rate limit counts in the database: never switched off
        thief = Visitor(site)
        for _ in range(6):
            assert thief.post("/compte/login/", {"login": user.email, "password": "mauvais"}).status_code in (200, 429)
        refused = thief.post("/compte/login/", {"login": user.email, "password": PASSWORD})
        assert "Trop de tentatives" in refused.text and "sessionid" not in thief.session.cookies
        assert RateLimitHit.objects.exists()
        # e-mails asked for while Redis is down wait in the outbox
        for person in (user, target):
            reset = Visitor(site).post("/compte/password/reset/", {"email": person.email})
            assert reset.status_code == 200 and reset.history and reset.history[0].status_code == 302
        assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 2
        health = visitor.get("/sante/")
        assert health.status_code == 503
        assert health.json()["checks"]["redis"] == health.json()["checks"]["broker"] == "indisponible"
        assert health.json()["checks"]["database"] == "ok"

        redis_server.start()  # back, empty (no persistence): the broker's messages are gone too

        assert_all_answer(visitor, PUBLIC_PAGES + ["/espace-recruteur/"])
        # the outbox sweep (beat's « mailing-send-pending ») run twice, and once more each e-mail's own task
        send_to(redis_server.url, procs.queue, "mailing.tasks.send_pending_emails")
        send_to(redis_server.url, procs.queue, "mailing.tasks.send_pending_emails")
        for email in OutgoingEmail.objects.all():
            send_to(redis_server.url, procs.queue, "mailing.tasks.send_email", email.pk)
        wait_until(lambda: not OutgoingEmail.objects.filter(sent_at__isnull=True).exists(), 120,
                   "every e-mail of the outbox sent")
        wait_until(lambda: _ran(procs, 4), 60, "the duplicate tasks ran")
        mails = procs.mails()
        for person in (user, target):
            assert mails.count(f"To: {person.email}") == 1, mails[-2000:]
        assert OutgoingEmail.objects.filter(attempts=1).count() == 2
        health = visitor.get("/sante/").json()["checks"]
        assert health["redis"] == health["broker"] == "ok"
    finally:
        procs.close()
        procs.dump_logs()


def _ran(procs: Processes, count: int) -> bool:
    """The worker logged at least ``count`` tasks as succeeded."""
    return sum(p.log.read_text(errors="replace").count(" succeeded in ") for p in procs.procs
               if p.name == "worker") >= count


@pytest.fixture
def postgres():
    server = ThrowawayPostgres()
    server.start()
    yield server
    server.destroy()


def copy_test_database(server: ThrowawayPostgres) -> str:
    """The test database (schema, referentials, what the test created) into the throwaway cluster."""
    server.psql('CREATE DATABASE "tde"')
    dump = subprocess.Popen([str(PG_BIN / "pg_dump"), "-Fc", database_url_of_tests()], stdout=subprocess.PIPE)
    subprocess.run([str(PG_BIN / "pg_restore"), "--no-owner", "--no-acl", "-d", server.url("tde")], stdin=dump.stdout,
                   check=True, timeout=180, capture_output=True)
    assert dump.wait(60) == 0
    return server.url("tde")


def test_postgresql_restarted_the_site_answers_again_without_restarting_web_or_workers_and_tasks_retry(
        tmp_path, postgres):
    user = recruiter()
    waiting = OutgoingEmail.objects.create(to="patiente@exemple.fr", subject="Envoyee apres le redemarrage",
                                           body_text="Bonjour", reason="integration")
    database_url = copy_test_database(postgres)
    procs = Processes(tmp_path, database_url, os.environ["REDIS_URL"])
    try:
        web, site = procs.web()
        worker = procs.worker()
        visitor = Visitor(site)
        assert visitor.login(user.email, PASSWORD).url.endswith("/espace-recruteur/")
        for _ in range(3):  # every thread of the web process holds a connection
            assert_all_answer(visitor, PUBLIC_PAGES + ["/espace-recruteur/"])

        postgres.stop()
        health = Visitor(site).get("/sante/")  # a load balancer: anonymous
        assert health.status_code == 503 and health.json()["checks"]["database"] == "indisponible"
        send_to(procs.env["REDIS_URL"], procs.queue, "mailing.tasks.send_email", waiting.pk)
        wait_until(lambda: " retry: Retry in " in worker.log.read_text(errors="replace"), 60,
                   "the task meeting the database down retries")
        postgres.start()

        # the very first requests after the restart answer: no process was restarted
        for _ in range(3):
            assert_all_answer(visitor, PUBLIC_PAGES + ["/espace-recruteur/"])
        assert visitor.get("/sante/").json()["checks"]["database"] == "ok"
        assert web.alive() and worker.alive()
        sent = f"SELECT sent_at IS NOT NULL FROM mailing_outgoingemail WHERE id = {waiting.pk}"
        wait_until(lambda: postgres.psql(sent, "tde").strip() == "t", 120, "the retried task sent the e-mail")
        assert procs.mails().count("Subject: Envoyee apres le redemarrage") == 1
    finally:
        procs.close()
        procs.dump_logs()
