"""mailing.queue_emails: many e-mails stored in one insert, sent after commit, a dedup key never twice."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from mailing.models import OutgoingEmail
from mailing.services import queue_emails, queue_rendered

pytestmark = pytest.mark.django_db(transaction=True)

TEMPLATE = "cvtheque/emails/account_retention_warning"


def emails(n, prefix="k"):
    return [(f"personne{i}@exemple.fr", TEMPLATE, {"user": SimpleNamespace(first_name=f"Camille {i}"),
                                                   "deleted_on": date(2027, 1, 15)}, f"{prefix}-{i}") for i in range(n)]


def test_many_emails_are_stored_with_as_many_queries_as_one_and_sent_after_commit():
    with transaction.atomic(), CaptureQueriesContext(connection) as one:
        assert queue_emails(emails(1, "a"), reason="test") == 1
    mail.outbox.clear()
    with transaction.atomic(), CaptureQueriesContext(connection) as many:
        assert queue_emails(emails(30, "b"), reason="test") == 30
        assert mail.outbox == []
    assert len([q for q in many.captured_queries if "mailing_outgoingemail" in q["sql"]]) == len(
        [q for q in one.captured_queries if "mailing_outgoingemail" in q["sql"]])
    assert len(mail.outbox) == 30
    assert {m.to[0] for m in mail.outbox} == {f"personne{i}@exemple.fr" for i in range(30)}
    assert any(m.body.startswith("Bonjour Camille 29,") for m in mail.outbox)
    assert OutgoingEmail.objects.filter(reason="test", sent_at__isnull=False).count() == 31


def test_a_dedup_key_already_queued_or_repeated_is_skipped():
    queue_rendered("personne0@exemple.fr", "Objet", "Texte", reason="test", dedup_key="k-0")
    mail.outbox.clear()
    assert queue_emails(emails(3) + emails(3), reason="test") == 2
    assert OutgoingEmail.objects.count() == 3 and len(mail.outbox) == 2
