"""The search as a queryset: the one filter, and the reference order."""

from datetime import timedelta

from django.contrib.postgres.search import SearchQuery
from django.db.models import QuerySet, Value
from django.utils import timezone

from cvtheque.cvs.models import CV

from .params import CVSearchParams
from .places import PlaceFilter, _mobility_reach, resolve_place_filter
from .query import build_tsquery
from .text import AVAILABILITY_ORDER, CONFIG, EDUCATION_ORDER

# --- search ----------------------------------------------------------------------------------------------------
#
# Relevance is where the words are, then freshness: 1) the titre or the métiers hold every word of the
# query, 2) the profile does (titre, métiers, compétences, présentation), 3) only the full text (experience,
# document) does; within each tier the most recently updated CV first. The tiers are nested (each vector
# contains the previous one), which lets the page be computed from the freshest few matches of each tier
# (see ``ranked_page``) instead of scoring every match as ``ts_rank`` would.

TIERS = (("title_vector", 1), ("search_vector", 2), ("fulltext_vector", 3))


def text_query(params: CVSearchParams) -> SearchQuery | None:
    tsquery = build_tsquery(params.q) if params.q else ""
    return SearchQuery(tsquery, search_type="raw", config=CONFIG) if tsquery else None


def _tsquery_text(params: CVSearchParams) -> str:
    return build_tsquery(params.q) if params.q else ""


def search_entries(params: CVSearchParams, place: PlaceFilter | None = None):
    """Entries of the visible CVs matching ``params`` (unordered): the search's one filter.

    ``place`` may be passed when the caller already resolved ``params.place``; an unknown place
    matches nothing (the page says so). Returns a QuerySet of ``CVSearchEntry``."""
    from cvtheque.cvs.models import CVSearchEntry

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
    """Visible CVs matching ``params``, annotated with ``tier`` (1 best) and ordered by relevance then
    freshness: the one search function that lists, history and alerts reuse. The search page gets the
    same order faster from ``ranked_page``."""
    from django.db.models import Case, IntegerField, When

    qs = CV.objects.filter(pk__in=search_entries(params, place).values("cv_id"))
    query = text_query(params)
    if query is None:
        return qs.annotate(tier=Value(1, output_field=IntegerField())).order_by("-updated_at", "-pk")
    tier = Case(
        When(search_entry__title_vector=query, then=Value(1)),
        When(search_entry__search_vector=query, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return qs.annotate(tier=tier).order_by("tier", "-updated_at", "-pk")
