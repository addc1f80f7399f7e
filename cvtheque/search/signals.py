"""What the search keeps per process (métier forms, resolved places) is forgotten when the referentials
change. Connected by ``CvthequeConfig.ready``."""

from django.db.models.signals import post_delete, post_save

from referentials.models import Commune, Departement, Epci, Metier, Region
from referentials.query import forget_metier_forms
from referentials.signals import referentials_loaded

from .places import forget_place_filters


def _forget_metier_forms(sender, **kwargs):
    """A métier edited in the admin expands searches at once (its forms and synonyms)."""
    forget_metier_forms()


def _forget_referentials(sender, **kwargs):
    """``load_referentials`` (bulk, no post_save): new métiers and places are searched at once."""
    forget_metier_forms()
    forget_place_filters()


def _forget_place_filters(sender, **kwargs):
    """A place saved or deleted is searched by its new communes at once (see ``resolve_place_filter``)."""
    forget_place_filters()


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_forget_metier_forms, sender=Metier, dispatch_uid="cvtheque.search.metier_forms")
        for model in (Commune, Epci, Departement, Region):
            signal.connect(_forget_place_filters, sender=model,
                           dispatch_uid=f"cvtheque.search.place_filters.{model.__name__}")
    referentials_loaded.connect(_forget_referentials, dispatch_uid="cvtheque.search.referentials")
