"""Named actions on offers, called by other apps and by the offers' own views and tasks."""

from django.db import transaction
from django.utils import timezone

from mailing.services import queue_email

from .enums import OfferStatus
from .models import Offer, SupportOrganisation


@transaction.atomic
def withdraw_company_offers(company) -> int:
    """A company left with no member: its published and pending offers (and pending revisions)
    are withdrawn (soft-deleted, never public again). Returns how many were withdrawn."""
    offers = list(
        Offer.objects.select_for_update().of_company(company).not_deleted()
        .filter(status__in=[OfferStatus.PUBLISHED, OfferStatus.PENDING])
    )
    for offer in offers:
        offer.soft_delete(by=None)
    return len(offers)


def notify_support_organisation(offer: Offer) -> bool:
    """Once an offer asking for support (« je souhaite être accompagné ») is published, the
    support organisation is e-mailed, once per offer."""
    if not offer.wants_support or offer.support_notified_at is not None:
        return False
    organisation = SupportOrganisation.get()
    queue_email(
        organisation.email, "offers/emails/support_request",
        {"offer": offer, "organisation": organisation},
        reason="offer_support_request", dedup_key=f"offer-support-{offer.pk}",
    )
    Offer.objects.filter(pk=offer.pk).update(support_notified_at=timezone.now())
    offer.support_notified_at = timezone.now()
    return True
