from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .delivery import deliver
from .models import OutgoingEmail


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_email(self, email_id: int):
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None:
        return
    if not deliver(email):
        raise self.retry()


@shared_task
def send_pending_emails(limit: int = 500) -> int:
    """Sweep: send what could not be handed to the broker (or failed). Idempotent."""
    sent = 0
    for email in OutgoingEmail.objects.unsent().order_by("created_at")[:limit]:
        if deliver(email):
            sent += 1
    return sent


@shared_task
def purge_sent_emails(days: int = 30) -> int:
    deleted, _ = OutgoingEmail.objects.filter(sent_at__lt=timezone.now() - timedelta(days=days)).delete()
    return deleted
