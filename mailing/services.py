"""Queue e-mails inside the caller's transaction; send them after commit.

    queue_email(to, "offers/emails/expiring", {"offer": offer}, reason="offer_expiring",
                dedup_key=f"offer-expiring-{offer.pk}")

renders ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` (optional). The subject
and the text part are plain text: rendered with autoescape off (« l'emploi », never « l&#x27;emploi »).
Every link is absolute from one setting, ``SITE_URL`` (``{{ site_url }}{% url … %}``).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string

from toolkit.tasks import delay_or_defer

from .models import OutgoingEmail
from .tasks import send_email


def _context(context: dict) -> dict:
    return {"site_url": settings.SITE_URL, **context}


def render_text(template_name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping: the text of an e-mail is not HTML."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def one_line(text: str) -> str:
    """A subject on one line: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def render_email(template: str, context: dict) -> tuple[str, str, str]:
    ctx = _context(context)
    subject = one_line(render_text(f"{template}_subject.txt", ctx))
    text = render_text(f"{template}.txt", ctx)
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


def queue_emails(emails, *, reason: str) -> int:
    """Queue many e-mails with a fixed number of queries (a periodic job's digests and warnings):
    ``emails`` yields ``(to, template, context, dedup_key)``. A ``dedup_key`` already queued (or twice in
    ``emails``) is skipped, as ``queue_email`` does. Returns how many rows were stored."""
    emails = list(emails)
    keys = [key for *_rest, key in emails if key]
    seen = set(OutgoingEmail.objects.filter(dedup_key__in=keys).values_list("dedup_key", flat=True)) if keys else set()
    rows = []
    for to, template, context, key in emails:
        if key and key in seen:
            continue
        seen.add(key)
        subject, text, html = render_email(template, context)
        rows.append(OutgoingEmail(to=to, subject=subject[:255], body_text=text, body_html=html, reason=reason,
                                  dedup_key=key))
    if not rows:
        return 0
    try:
        with transaction.atomic():
            created = OutgoingEmail.objects.bulk_create(rows)
    except IntegrityError:  # a concurrent run queued one of the keys meanwhile: one at a time, skipping it
        created = [email for email in (queue_rendered(r.to, r.subject, r.body_text, r.body_html, reason=reason,
                                                      dedup_key=r.dedup_key) for r in rows) if email]
        return len(created)
    ids = [email.pk for email in created]
    transaction.on_commit(lambda: [enqueue_send(pk) for pk in ids])
    return len(ids)


def enqueue_send(email_id: int) -> bool:
    """Hand the sending to Celery. A broker outage is logged, never raised: the periodic
    sweep (``mailing.tasks.send_pending_emails``) sends the row later."""
    return delay_or_defer(send_email, email_id, what=f"e-mail {email_id}")
