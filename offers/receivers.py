"""How offers plugs into the apps below it. Connected by ``OffersConfig.ready``."""

from django.dispatch import receiver

from companies import hooks as company_hooks
from companies.signals import company_left_without_members

from . import personal_data  # noqa: F401 - connects its receiver
from .services import company_published_offers, published_offer_count_expression, withdraw_company_offers


@receiver(company_left_without_members, dispatch_uid="offers-withdraw-company-offers")
def _withdraw_offers_of_company_without_members(sender, company, **kwargs):
    withdraw_company_offers(company)


def register_company_offers() -> None:
    """The company pages count and list the company's published offers."""
    company_hooks.register_offers(count_expression=published_offer_count_expression,
                                  published_offers=company_published_offers)
