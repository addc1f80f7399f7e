"""Findings are refreshed whenever an offer's wording is saved (submitted, edited, approved
revision copied onto the online offer): the offers app never calls moderation."""

from django.db.models.signals import post_save

CHECKED_FIELDS = {"title", "description"}


def refresh_offer_findings(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not CHECKED_FIELDS & set(update_fields)):
        return
    from .services import refresh_findings

    refresh_findings(instance)


def connect():
    from offers.models import Offer

    from .models import OfferToModerate

    for sender in (Offer, OfferToModerate):
        post_save.connect(refresh_offer_findings, sender=sender, dispatch_uid=f"moderation-findings-{sender.__name__}")
