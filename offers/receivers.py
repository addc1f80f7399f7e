"""How offers plugs into the apps below it. Connected by ``OffersConfig.ready``."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from companies import hooks as company_hooks
from companies.models import Company
from companies.signals import company_left_without_members
from referentials.models import Commune, Departement, Epci, Metier, Region
from referentials.signals import referentials_loaded

from . import personal_data  # noqa: F401 - connects its receiver
from .models import Offer, update_company_name_in_search_vectors
from .search import forget_place_communes, update_search_vectors
from .services import company_published_offers, published_offer_count_expression, withdraw_company_offers


@receiver(company_left_without_members, dispatch_uid="offers-withdraw-company-offers")
def _withdraw_offers_of_company_without_members(sender, company, **kwargs):
    withdraw_company_offers(company)


def register_company_offers() -> None:
    """The company pages count and list the company's published offers."""
    company_hooks.register_offers(count_expression=published_offer_count_expression,
                                  published_offers=company_published_offers)


@receiver(post_save, sender=Company, dispatch_uid="offers-company-name-in-search-vectors")
def _company_name_in_search_vectors(sender, instance, update_fields=None, **kwargs):
    """The company's name is searched in its offers: a new name replaces the old one in their vectors."""
    if update_fields is None or "name" in update_fields:
        update_company_name_in_search_vectors(instance)


@receiver(post_save, sender=Metier, dispatch_uid="offers-metier-forms-in-search-vectors")
def _metier_forms_in_search_vectors(sender, instance, raw=False, **kwargs):
    """A métier's forms (name, feminine, synonyms) are searched in its offers: edited in the admin, they are
    written again in their vectors."""
    if not raw:
        update_search_vectors(Offer.objects.filter(metier=instance))


@receiver(referentials_loaded, dispatch_uid="offers-loaded-metier-forms-in-search-vectors")
def _loaded_metier_forms_in_search_vectors(sender, changed_metier_ids=(), **kwargs):
    """``load_referentials`` rewrote métiers in bulk (no post_save): the offers of those métiers only are written
    again in their vectors, one UPDATE per batch."""
    if changed_metier_ids:
        update_search_vectors(Offer.objects.filter(metier_id__in=changed_metier_ids))


def _forget_place_communes(sender, **kwargs):
    """A place's communes changed (saved, deleted, loaded in bulk): every process reads them again."""
    forget_place_communes()


for _signal in (post_save, post_delete):
    for _model in (Commune, Epci, Departement, Region):
        _signal.connect(_forget_place_communes, sender=_model, dispatch_uid=f"offers-place-communes-{_model.__name__}")
referentials_loaded.connect(_forget_place_communes, dispatch_uid="offers-place-communes-loaded")
