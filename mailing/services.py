"""Queue e-mails inside the caller's transaction; send them after commit.

    queue_email(to, "offers/emails/expiring", {"offer": offer}, reason="offer_expiring",
                dedup_key=f"offer-expiring-{offer.pk}")

renders ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` (optional).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)


def _context(context: dict) -> dict:
    return {"site_url": settings.SITE_URL, **context}


def render_email(template: str, context: dict) -> tuple[str, str, str]:
    ctx = _context(context)
    subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
    text = render_to_string(f"{template}.txt", ctx)
    try:
        html = render_to_string(f"{template}.html", ctx)
    except TemplateDoesNotExist:
        html = ""
    return subject, text, html


def queue_rendered(to: str, subject: str, text: str, html: str = "", *, reason: str,
                   dedup_key: str | None = None) -> OutgoingEmail | None:
    """Store the e-mail and schedule its sending once the transaction commits.

    Returns None when ``dedup_key`` was already queued (nothing is sent twice)."""
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(
                to=to, subject=subject[:255], body_text=text, body_html=html, reason=reason,
                dedup_key=dedup_key,
            )
    except IntegrityError:
        if dedup_key and OutgoingEmail.objects.filter(dedup_key=dedup_key).exists():
            return None
        raise
    transaction.on_commit(lambda: enqueue_send(email.pk))
    return email


def queue_email(to: str, template: str, context: dict, *, reason: str,
                dedup_key: str | None = None) -> OutgoingEmail | None:
    subject, text, html = render_email(template, context)
    return queue_rendered(to, subject, text, html, reason=reason, dedup_key=dedup_key)


def enqueue_send(email_id: int) -> bool:
    """Hand the sending to Celery. A broker outage is logged, never raised: the periodic
    sweep (``mailing.tasks.send_pending_emails``) sends the row later."""
    from toolkit.tasks import delay_or_defer

    from .tasks import send_email

    return delay_or_defer(send_email, email_id, what=f"e-mail {email_id}")


def deliver(email: OutgoingEmail) -> bool:
    """Send one stored e-mail now, once. Returns True when it is (or already was) sent."""
    with transaction.atomic():
        locked = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email.pk,
                                                                                   sent_at__isnull=True).first()
        if locked is None:
            return True
        message = EmailMultiAlternatives(locked.subject, locked.body_text, settings.DEFAULT_FROM_EMAIL, [locked.to])
        if locked.body_html:
            message.attach_alternative(locked.body_html, "text/html")
        locked.attempts += 1
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - any transport error is stored and retried
            locked.last_error = str(exc)[:2000]
            locked.save(update_fields=["attempts", "last_error"])
            return False
        locked.sent_at = timezone.now()
        locked.last_error = ""
        locked.save(update_fields=["attempts", "last_error", "sent_at"])
        return True
