"""What makes the cached public pages and feeds (``toolkit.pagecache``) stale: any saved or deleted offer that
has been published, any saved or deleted company, partner or recruiter's choice of partners, any referential
row (communes, métiers, sectors…) or a ``load_referentials`` run. The bulk updates that bypass the signals call
``public_pages_changed`` themselves (``offers.tasks.expire_due_offers``). Connected by
``TerredemploisConfig.ready``."""

from django.apps import apps
from django.db.models import Min
from django.db.models.signals import post_delete, post_save

from companies.models import Company
from diffusion.models import OfferChoice, Partner
from offers.models import Offer
from referentials.signals import referentials_loaded
from toolkit.pagecache import public_pages_changed


def _changed(sender, **kwargs):
    public_pages_changed()


def _offer_changed(sender, instance, **kwargs):
    """An offer never published (a draft, one waiting for moderation, a refused one) and the pending changes
    of a published offer (a revision) are on no public page: recruiters at work leave the cache alone."""
    if instance.published_at is None or instance.revision_of_id is not None:
        return
    public_pages_changed()


def connect() -> None:
    # the feeds (``diffusion``) are kept with the pages: a partner's settings or a recruiter's choice change them
    receivers = [(Offer, _offer_changed), (Company, _changed), (Partner, _changed), (OfferChoice, _changed)]
    receivers += [(model, _changed) for model in apps.get_app_config("referentials").get_models()]
    for model, receiver in receivers:
        post_save.connect(receiver, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
    referentials_loaded.connect(_changed, dispatch_uid="pagecache-referentials-loaded")


def next_offer_end():
    """When the next published offer reaches its end date and leaves the public pages by itself
    (``settings.PUBLIC_PAGE_CACHE["valid_until"]``): no cached page outlives it."""
    return Offer.objects.visible_to_public().aggregate(end=Min("expires_at"))["end"]
