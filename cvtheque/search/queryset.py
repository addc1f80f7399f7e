"""The search as a queryset: the one filter, and the reference order (``ranking``)."""

from datetime import timedelta

from django.contrib.postgres.search import SearchQuery
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from cvtheque.cvs.models import CV, CVSearchEntry

from .params import CVSearchParams
from .places import PlaceFilter, _mobility_reach, resolve_place_filter
from .query import build_tsquery
from .ranking import FRESHNESS, TIERS, TITLE, queryset_order
from .text import AVAILABILITY_ORDER, CONFIG, EDUCATION_ORDER


def tsquery_text(params: CVSearchParams) -> str:
    """The ``to_tsquery`` text of the words, "" when there is nothing to look for."""
    return build_tsquery(params.q) if params.q else ""


def text_query(params: CVSearchParams) -> SearchQuery | None:
    tsquery = tsquery_text(params)
    return SearchQuery(tsquery, search_type="raw", config=CONFIG) if tsquery else None


def search_entries(params: CVSearchParams, place: PlaceFilter | None = None):
    """Entries of the visible CVs matching ``params`` (unordered): the search's one filter.

    ``place`` may be passed when the caller already resolved ``params.place``; an unknown place
    matches nothing (the page says so). Returns a QuerySet of ``CVSearchEntry``."""
    qs = CVSearchEntry.objects.all()
    query = text_query(params)
    if query is not None:
        qs = qs.filter(fulltext_vector=query)
    if params.place:
        place = place or resolve_place_filter(params.place, params.radius_km)
        if place is None:
            return qs.none()
        condition = place.condition
        if place.center is not None:
            alias, reach = _mobility_reach(place)
            qs = qs.alias(**alias)
            condition |= reach
        qs = qs.filter(condition)
    if params.rqth_only:
        qs = qs.filter(rqth_shown=True)
    if params.contract_types:
        qs = qs.filter(contract_types__overlap=params.contract_types)
    if params.availability:
        qs = qs.filter(availability__in=AVAILABILITY_ORDER[: AVAILABILITY_ORDER.index(params.availability) + 1])
    if params.driving_licence:
        qs = qs.filter(driving_licence=True)
    if params.education_level:
        qs = qs.filter(education_level__in=EDUCATION_ORDER[EDUCATION_ORDER.index(params.education_level) :])
    if params.updated_within_months:
        qs = qs.filter(updated_at__gte=timezone.now() - timedelta(days=31 * params.updated_within_months))
    if params.source:
        qs = qs.filter(source=params.source)
    return qs


def search_cvs(params: CVSearchParams, place: PlaceFilter | None = None) -> QuerySet[CV]:
    """Visible CVs matching ``params``, annotated with ``tier`` (1 best) and ordered by the ranking key
    (``ranking``): the one search function that lists, history and alerts reuse. The search page gets the
    same order faster from the statements of ``statements``."""
    qs = CV.objects.filter(pk__in=search_entries(params, place).values("cv_id"))
    query = text_query(params)
    if query is None:  # every CV in the first tier: freshness alone
        return qs.annotate(tier=Value(TITLE.rank, output_field=IntegerField())).order_by(*queryset_order(FRESHNESS))
    tier = Case(
        *(When(**{f"search_entry__{tier.vector}": query}, then=Value(tier.rank)) for tier in TIERS[:-1]),
        default=Value(TIERS[-1].rank), output_field=IntegerField(),
    )
    return qs.annotate(tier=tier).order_by(*queryset_order())
