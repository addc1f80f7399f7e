"""Sending one stored e-mail (``OutgoingEmail``) through Django's e-mail backend, once."""

from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from .models import OutgoingEmail


def message_id(email: OutgoingEmail) -> str:
    """The same Message-ID at every attempt: a copy sent again (a worker killed after the SMTP server took the
    e-mail, before the row was marked sent) is recognised as the same message by mail servers and clients."""
    domain = urlparse(settings.SITE_URL).hostname or "terredemplois.fr"
    return f"<tde-{email.pk}.{email.created_at:%Y%m%d%H%M%S}@{domain}>"


def deliver(email: OutgoingEmail) -> bool:
    """Send one stored e-mail now, once. Returns True when it is (or already was) sent."""
    with transaction.atomic():
        locked = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email.pk,
                                                                                   sent_at__isnull=True).first()
        if locked is None:
            return True
        message = EmailMultiAlternatives(locked.subject, locked.body_text, settings.DEFAULT_FROM_EMAIL, [locked.to],
                                         headers={"Message-ID": message_id(locked)})
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
