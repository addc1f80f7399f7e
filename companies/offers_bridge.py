"""The company pages' only contact with the offers app: its published offers.

The offers app owns ``Offer`` (``company`` FK, related_name="offers") and the definition of
« published » (``Offer.objects.published()``); until it defines them, a company has no offer."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def _offer_model():
    try:
        from offers.models import Offer
    except ImportError:
        return None
    if not hasattr(Offer.objects, "published"):
        return None
    return Offer


def published_offer_count_expression():
    """An expression counting a company's published offers (one SQL query for a whole list)."""
    Offer = _offer_model()
    if Offer is None:
        return Value(0, output_field=IntegerField())
    counts = (
        Offer.objects.published().filter(company=OuterRef("pk")).order_by()
        .values("company").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def published_offers(company, limit: int = 50):
    """The company's published offers, newest first (an empty list while offers do not exist)."""
    Offer = _offer_model()
    if Offer is None:
        return []
    qs = Offer.objects.published().filter(company=company)
    related = [f.name for f in Offer._meta.get_fields() if f.name in {"commune", "metier"} and f.is_relation]
    if related:
        qs = qs.select_related(*related)
    ordering = "-published_at" if any(f.name == "published_at" for f in Offer._meta.get_fields()) else "-pk"
    return list(qs.order_by(ordering)[:limit])
