"""Sending one stored e-mail (``OutgoingEmail``) through Django's e-mail backend, once."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from .models import OutgoingEmail


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
