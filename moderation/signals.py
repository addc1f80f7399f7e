"""How moderation plugs into offers (connected by ``ModerationConfig.ready``, once the models are loaded).

Findings are refreshed whenever an offer's wording is saved (submitted, edited, approved revision
copied onto the online offer), and the wording checker is registered for the offer form: the offers
app never imports moderation."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate, post_save

from offers import hooks as offer_hooks
from offers.models import Offer

from .checker import check_offer
from .highlight import highlight_offer
from .models import MODERATORS_GROUP, MODERATORS_PERMISSIONS, OfferToModerate
from .services import refresh_findings

CHECKED_FIELDS = {"title", "description"}


def refresh_offer_findings(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not CHECKED_FIELDS & set(update_fields)):
        return
    refresh_findings(instance)


def ensure_moderators_group(**kwargs):
    """The « Modérateurs » group comes with a data migration; this puts it back after a database
    flush (tests that truncate tables) and keeps its permissions complete."""
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="moderation",
                                                     codename__in=MODERATORS_PERMISSIONS))
    return group


def connect(app_config=None):
    if app_config is not None:
        post_migrate.connect(ensure_moderators_group, sender=app_config, dispatch_uid="moderation-group")
    for sender in (Offer, OfferToModerate):
        post_save.connect(refresh_offer_findings, sender=sender, dispatch_uid=f"moderation-findings-{sender.__name__}")
    offer_hooks.register_wording_checker(check_offer)
    offer_hooks.register_wording_highlighter(highlight_offer)
