"""The company pages' only contact with the offers app: a company's offers visible to the public.

The offers app owns ``Offer`` (``company`` FK, related_name="offers") and the definition of what
the public sees (``Offer.objects.visible_to_public()``: published and not past its expiry date)."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from offers.models import Offer


def published_offer_count_expression():
    """An expression counting a company's published offers (one SQL query for a whole list)."""
    counts = (
        Offer.objects.visible_to_public().filter(company=OuterRef("pk")).order_by()
        .values("company").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def published_offers(company, limit: int = 50) -> list:
    """The company's published offers, newest first."""
    return list(
        Offer.objects.visible_to_public().filter(company=company)
        .select_related("commune").order_by("-published_at", "-pk")[:limit]
    )
