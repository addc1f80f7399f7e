"""Periodic work on offers (both idempotent: running them twice changes / sends nothing more)."""

import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from mailing.services import queue_email
from toolkit.pagecache import public_pages_changed

from .alerts import send_due_job_alerts
from .enums import OfferStatus
from .models import Offer

WARNING_DAYS = 7


def expire_due_offers(now=None) -> int:
    """Publiée → Expirée for every offer past its end (OFFER_LIFETIME_DAYS or its removal date): one UPDATE."""
    now = now or timezone.now()
    expired = Offer.objects.due_for_expiry(now).update(status=OfferStatus.EXPIRED, expired_at=now, updated_at=now)
    if expired:  # one UPDATE sends no post_save: the cached public pages are told here
        public_pages_changed()
    return expired


@transaction.atomic
def warn_expiring_offers(now=None) -> int:
    """E-mail each author once, 7 days before their offer leaves the site (« Votre offre … expire le … »).
    Republishing starts a new life, hence a new warning (the dedup key holds the end date)."""
    now = now or timezone.now()
    offers = list(
        Offer.objects.published()
        .filter(expires_at__gt=now, expires_at__lte=now + datetime.timedelta(days=WARNING_DAYS),
                expiry_warning_sent_at__isnull=True, author__isnull=False, author__is_active=True)
        .select_related("author", "company").select_for_update(of=("self",), skip_locked=True)
    )
    for offer in offers:
        queue_email(
            offer.author.email, "offers/emails/expiring", {"offer": offer, "user": offer.author},
            reason="offer_expiring", dedup_key=f"offer-expiring-{offer.pk}-{offer.expires_at:%Y%m%d%H%M}",
        )
    Offer.objects.filter(pk__in=[o.pk for o in offers]).update(expiry_warning_sent_at=now)
    return len(offers)


@shared_task
def expire_offers() -> int:
    return expire_due_offers()


@shared_task
def warn_offers_expiring_soon() -> int:
    return warn_expiring_offers()


@shared_task
def send_job_alerts() -> dict:
    return send_due_job_alerts()
