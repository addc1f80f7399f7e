"""What the company pages show of a company's offers.

Offers live in an app above companies: it registers here, in its ``AppConfig.ready``, how to count
and list a company's published offers (``register_offers``), so that companies never imports offers.
Until something is registered, a company has no published offer."""

from collections.abc import Callable

from django.db.models import Expression, IntegerField, Value


def _no_count() -> Expression:
    return Value(0, output_field=IntegerField())


def _no_offers(company, limit: int) -> list:
    return []


_count_expression: Callable[[], Expression] = _no_count
_published_offers: Callable[..., list] = _no_offers


def register_offers(*, count_expression: Callable[[], Expression], published_offers: Callable[..., list]) -> None:
    """``count_expression()``: an expression counting a company's published offers (annotates a company
    queryset in one query); ``published_offers(company, limit)``: its published offers, newest first."""
    global _count_expression, _published_offers
    _count_expression, _published_offers = count_expression, published_offers


def published_offer_count_expression() -> Expression:
    return _count_expression()


def published_offers(company, limit: int = 50) -> list:
    return _published_offers(company, limit)
