"""Findings are refreshed whenever an offer's wording is saved (submitted, edited, approved
revision copied onto the online offer): the offers app never calls moderation."""

from django.db.models.signals import post_migrate, post_save

CHECKED_FIELDS = {"title", "description"}


def refresh_offer_findings(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not CHECKED_FIELDS & set(update_fields)):
        return
    from .services import refresh_findings

    refresh_findings(instance)


def ensure_moderators_group(**kwargs):
    """The « Modérateurs » group comes with a data migration; this puts it back after a database
    flush (tests that truncate tables) and keeps its permissions complete."""
    from django.contrib.auth.models import Group, Permission

    from .models import MODERATORS_GROUP, MODERATORS_PERMISSIONS

    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="moderation",
                                                     codename__in=MODERATORS_PERMISSIONS))
    return group


def connect(app_config=None):
    from offers.models import Offer

    from .models import OfferToModerate

    if app_config is not None:
        post_migrate.connect(ensure_moderators_group, sender=app_config, dispatch_uid="moderation-group")
    for sender in (Offer, OfferToModerate):
        post_save.connect(refresh_offer_findings, sender=sender, dispatch_uid=f"moderation-findings-{sender.__name__}")
