"""What the search keeps per process (métier forms, resolved places) is forgotten when the referentials
change, and the CVs of a métier whose names changed get their search columns written again. Connected by
``CvthequeConfig.ready``."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from referentials.models import Commune, Departement, Epci, Metier, Region
from referentials.query import forget_metier_forms
from referentials.signals import referentials_loaded
from toolkit.tasks import delay_or_defer

from .places import forget_place_filters
from .tasks import refresh_metier_cvs


def _refresh_cvs_of(metier_ids) -> None:
    """Once committed, the CVs of these métiers are written again by a worker (inline when the broker is
    unreachable: nothing would sweep for them later)."""
    ids = sorted(metier_ids)

    def queue():
        if not delay_or_defer(refresh_metier_cvs, ids, what="CVs of changed métiers"):
            refresh_metier_cvs(ids)

    transaction.on_commit(queue)


def _forget_metier_forms(sender, **kwargs):
    """A métier edited in the admin expands searches at once (its forms and synonyms)."""
    forget_metier_forms()


def _metier_saved(sender, instance, raw=False, created=False, **kwargs):
    """A métier edited in the admin: its CVs' titre and profile hold its new names (a new métier has none)."""
    if not raw and not created:
        _refresh_cvs_of([instance.pk])


def _forget_referentials(sender, changed_metier_ids=(), **kwargs):
    """``load_referentials`` (bulk, no post_save): new métiers and places are searched at once, and the CVs
    of the métiers whose forms it rewrote hold their new names."""
    forget_metier_forms()
    forget_place_filters()
    if changed_metier_ids:
        _refresh_cvs_of(changed_metier_ids)


def _forget_place_filters(sender, **kwargs):
    """A place saved or deleted is searched by its new communes at once (see ``resolve_place_filter``)."""
    forget_place_filters()


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_forget_metier_forms, sender=Metier, dispatch_uid="cvtheque.search.metier_forms")
        for model in (Commune, Epci, Departement, Region):
            signal.connect(_forget_place_filters, sender=model,
                           dispatch_uid=f"cvtheque.search.place_filters.{model.__name__}")
    post_save.connect(_metier_saved, sender=Metier, dispatch_uid="cvtheque.search.metier_cvs")
    referentials_loaded.connect(_forget_referentials, dispatch_uid="cvtheque.search.referentials")
