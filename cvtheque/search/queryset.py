"""The search as a queryset: the one filter, and the reference order (``ranking``)."""

from datetime import timedelta

from django.contrib.postgres.search import SearchQuery
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from cvtheque.cvs.models import CV, CVSearchEntry
from referentials.query import TextQuery, compile_query

from .params import CVSearchParams
from .places import PlaceFilter, _mobility_reach, resolve_place_filter
from .ranking import EVERY, EXCLUSION, FRESHNESS, LEVELS, PHRASE, TITLE, given, queryset_order
from .text import AVAILABILITY_ORDER, CONFIG, EDUCATION_ORDER


def compiled_query(params: CVSearchParams) -> TextQuery | None:
    """The ``to_tsquery`` texts of the words, None when there is nothing to look for."""
    return compile_query(params.q) if params.q else None


def full_text_checks(query: TextQuery) -> str:
    """What every level also checks in the full text (``ranking.Level.holds``): an exclusion, a phrase."""
    return EXCLUSION if "!" in query.every else PHRASE if "<->" in query.every else ""


def _search_query(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="raw", config=CONFIG)


def _holds(evidence, query: TextQuery) -> Q:
    """A piece of a level's evidence (``ranking.Evidence``) as a filter of CVs."""
    return Q(**{f"search_entry__{evidence.tier.vector}": _search_query(query[evidence.words])})


def text_query(params: CVSearchParams) -> SearchQuery | None:
    query = compiled_query(params)
    return _search_query(query[EVERY]) if query else None


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
    query = compiled_query(params)
    if query is None:  # every CV in the first tier: freshness alone
        return qs.annotate(tier=Value(TITLE.rank, output_field=IntegerField())).order_by(*queryset_order(FRESHNESS))
    checked = full_text_checks(query)
    evidence = [(level, given(level.holds(checked, query.complete), query)) for level in LEVELS[:-1]]
    tier = Case(  # the first level whose evidence the CV gives
        *(When(Q(*[_holds(e, query) for e in held]),
               then=Value(level.rank)) for level, held in evidence if held is not None),
        default=Value(LEVELS[-1].rank), output_field=IntegerField(),
    )
    return qs.annotate(tier=tier).order_by(*queryset_order())
