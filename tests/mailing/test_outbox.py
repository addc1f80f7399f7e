import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from mailing.delivery import deliver
from mailing.models import OutgoingEmail
from mailing.services import enqueue_send, queue_rendered
from mailing.tasks import send_pending_emails
from terredemplois.celery import app as celery_app
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_down(settings):
    """Celery pointed at a port where nothing listens, not eager: like Redis stopped."""
    old = dict(broker_url=celery_app.conf.broker_url, task_always_eager=celery_app.conf.task_always_eager)
    _reset_broker_pools()
    celery_app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}}
    yield
    celery_app.conf.update(**old)
    _reset_broker_pools()


def _reset_broker_pools():
    """Drop pooled broker connections so that the next publish connects to the current URL."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_email_is_stored_then_sent_after_commit():
    with transaction.atomic():
        email = queue_rendered("a@exemple.fr", "Objet", "Texte", reason="test")
        assert mail.outbox == []
    email.refresh_from_db()
    assert email.sent_at is not None
    assert mail.outbox[0].subject == "Objet"


def test_same_dedup_key_is_queued_once():
    first = queue_rendered("a@exemple.fr", "Objet", "Texte", reason="test", dedup_key="k-1")
    second = queue_rendered("a@exemple.fr", "Objet", "Texte", reason="test", dedup_key="k-1")
    assert first is not None and second is None
    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_broker_down_keeps_the_email_for_the_sweep(broker_down):
    email = OutgoingEmail.objects.create(to="a@exemple.fr", subject="S", body_text="T", reason="test")
    assert enqueue_send(email.pk) is False
    email.refresh_from_db()
    assert email.sent_at is None
    assert send_pending_emails() == 1
    email.refresh_from_db()
    assert email.sent_at is not None
    assert send_pending_emails() == 0
    assert len(mail.outbox) == 1


def test_signup_succeeds_while_redis_is_down(client, broker_down):
    response = client.post(reverse("account_signup"), {
        "kind": "candidate", "last_name": "Sans", "first_name": "Redis",
        "email": "sans.redis@exemple.fr", "password1": PASSWORD,
    })
    assert response.status_code == 302
    assert OutgoingEmail.objects.filter(to="sans.redis@exemple.fr", sent_at__isnull=True).count() == 1


def test_every_attempt_of_one_email_carries_the_same_message_id_and_two_emails_differ(settings):
    settings.SITE_URL = "https://www.terredemplois.fr"
    first = OutgoingEmail.objects.create(to="a@exemple.fr", subject="Un", body_text="Bonjour", reason="test")
    second = OutgoingEmail.objects.create(to="b@exemple.fr", subject="Deux", body_text="Bonjour", reason="test")
    assert deliver(first) and deliver(second)
    OutgoingEmail.objects.filter(pk=first.pk).update(sent_at=None)  # as if the row was never marked sent
    assert deliver(OutgoingEmail.objects.get(pk=first.pk))
    ids = [message.extra_headers["Message-ID"] for message in mail.outbox]
    assert ids[0] == ids[2] != ids[1]
    assert ids[0].startswith(f"<tde-{first.pk}.") and ids[0].endswith("@www.terredemplois.fr>")
