"""CV search: one function, ``search_cvs(params)``, returning a plain queryset of visible CVs, and its fast
twin for the search page, ``ranked_page(params, place, offset, limit)`` (one statement: a page and the count).

Documents and queries go through the same ``normalize()``: accents, case and ligatures folded
(``toolkit.text.fold``), punctuation turned into spaces, « Bac+2 » kept as one word and feminine
job forms turned into masculine ones (« vendeuse » → « vendeur », « préparatrice » → « préparateur »), then
PostgreSQL's ``french`` configuration stems them. The query language: words in any order, all required
(AND); ``"quoted phrases"``; ``OU`` / ``OR`` between alternatives; ``-mot`` excludes. Métier synonyms and
forms from the referential expand the query. Searches read ``CVSearchEntry`` (a narrow copy of each
visible CV kept by triggers), never the wide CV rows; relevance is the tier where the words are
(titre + métiers, then the profile, then the full text), then freshness.
"""

import dataclasses
import functools
import math
import re
from datetime import timedelta

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Power, Sqrt
from django.http import QueryDict
from django.utils import timezone

from toolkit.memo import ProcessMemo
from toolkit.text import fold

from .enums import Availability, ContractType, CVSource, EducationLevel
from .models import CV

CONFIG = "french"
FULLTEXT_MAX_CHARS = 200_000
METIER_FORMS_VERSION_KEY = "cvtheque:metier-forms:version"

_NON_WORD = re.compile(r"[^a-z0-9]+")
_FEMININE_RULES = [  # (suffix, replacement, minimal word length)
    ("trice", "teur", 7),
    ("euse", "eur", 6),
    ("ienne", "ien", 7),
    ("ere", "er", 6),
    ("ive", "if", 6),
]
_STOPWORDS = {"de", "d", "du", "des", "la", "le", "l", "les", "en", "a", "au", "aux", "et", "un", "une", "pour"}
OR_WORDS = {"ou", "or"}
EDUCATION_ORDER = [c.value for c in EducationLevel]
AVAILABILITY_ORDER = [c.value for c in Availability]


@functools.lru_cache(maxsize=100_000)
def masculine(word: str) -> str:
    """« vendeuse » → « vendeur », « preparatrice » → « preparateur » (folded words)."""
    for suffix, replacement, min_len in _FEMININE_RULES:
        if len(word) >= min_len and word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    return word


# A fast path for the usual French characters, equal to toolkit.text.fold on them; any other
# non-ASCII text goes through fold() itself.
_FAST_FOLD = str.maketrans({
    **dict(zip("àâäáãåçéèêëíìîïñóòôöõúùûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy", strict=True)),
    "œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "‘": "'",
})


def _fold_fast(text: str) -> str:
    folded = text.lower().translate(_FAST_FOLD)
    return folded if folded.isascii() else fold(text)


# « Bac+2 », « bac + 5 » are one word for recruiters: one lexeme (« bac2 ») rather than a phrase of two
# very common ones, which PostgreSQL could only check by reading every candidate's positions.
_BAC_PLUS = re.compile(r"\bbac\s*\+\s*(\d)\b")


def normalize_words(text: str) -> list[str]:
    folded = _fold_fast(text)
    if "bac" in folded:
        folded = _BAC_PLUS.sub(r"bac\1", folded)
    return [masculine(w) for w in _NON_WORD.sub(" ", folded).split()]


def normalize(text: str) -> str:
    """The one normalisation applied to every document and every query before PostgreSQL sees them."""
    return " ".join(normalize_words(text))


@functools.lru_cache(maxsize=100_000)
def normalize_word(word: str) -> str:
    return normalize(word)


# --- documents -------------------------------------------------------------------------------------------------


def metier_forms(metier) -> list[str]:
    return [f for f in [metier.name, metier.name_feminine, *(metier.synonyms or [])] if f]


def document_parts(cv, metier_names: list[str] | None = None) -> tuple[str, str, str, str]:
    """(A: titre + métiers, B: compétences, C: présentation and profile, D: the rest) normalised.
    ``metier_names``: every form of the CV's métiers when the caller has them (bulk import)."""
    if metier_names is None:
        metier_names = [form for m in cv.metiers.all() for form in metier_forms(m)]
    metiers = metier_names
    a = normalize(" ".join([cv.headline, *metiers]))
    b = normalize(cv.skills)
    profile = [cv.summary]
    if cv.education_level:
        profile.append(EducationLevel(cv.education_level).label)
    profile += [ContractType(c).label for c in cv.contract_types if c in ContractType.values]
    if cv.driving_licence:
        profile.append("permis B")
    c = normalize(" ".join(profile))
    d = normalize(" ".join([cv.experience, cv.extracted_text[:FULLTEXT_MAX_CHARS]]))
    return a, b, c, d


_UPDATE_SQL = """
UPDATE cvtheque_cv AS cv SET
    search_document = v.a || ' ' || v.b || ' ' || v.c,
    search_vector = setweight(to_tsvector('french', v.a), 'A') || setweight(to_tsvector('french', v.b), 'B')
                    || setweight(to_tsvector('french', v.c), 'C'),
    fulltext_vector = to_tsvector('french', v.a || ' ' || v.b || ' ' || v.c || ' ' || v.d)
FROM (VALUES {values}) AS v(id, a, b, c, d)
WHERE cv.id = v.id
"""


def update_search_columns(cv_ids, batch_size: int = 500) -> None:
    """Recompute the stored search document and vectors of these CVs (after any change of their text)."""
    cv_ids = list(cv_ids)
    for start in range(0, len(cv_ids), batch_size):
        batch = CV.objects.filter(pk__in=cv_ids[start : start + batch_size]).prefetch_related("metiers")
        write_search_columns([(cv.pk, *document_parts(cv)) for cv in batch])


def write_search_columns(rows: list[tuple]) -> None:
    """rows: (cv id, A, B, C, D) as returned by ``document_parts``."""
    if not rows:
        return
    values = ", ".join(["(%s::bigint, %s, %s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_SQL.format(values=values), [x for row in rows for x in row])


# --- queries ---------------------------------------------------------------------------------------------------


def _build_metier_forms() -> dict[str, list[list[str]]]:
    """Key: a métier form's significant words (normalised, joined); value: every form of that métier."""
    from referentials.models import Metier

    forms: dict[str, list[list[str]]] = {}
    for metier in Metier.objects.only("name", "name_feminine", "synonyms"):
        variants = []
        for form in metier_forms(metier):
            words = [w for w in normalize_words(form) if w not in _STOPWORDS]
            if words and words not in variants:
                variants.append(words)
        for words in variants:
            forms.setdefault(" ".join(words), [])
            for v in variants:
                if v not in forms[" ".join(words)]:
                    forms[" ".join(words)].append(v)
    return forms


_metier_forms = ProcessMemo(METIER_FORMS_VERSION_KEY)


def metier_forms_index() -> dict[str, list[list[str]]]:
    """Built once per process and per version: each search reads one small version key from the cache,
    not the whole index (unpickling it cost more than the rest of the query's preparation)."""
    return _metier_forms.get("index", _build_metier_forms)


def forget_metier_forms() -> None:
    """A métier changed (admin, ``load_referentials``): every process rebuilds its index."""
    _metier_forms.forget()


_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def _tokens(q: str):
    """Yield (kind, words) with kind in {"word", "phrase", "not", "or"}."""
    for match in _TOKEN.finditer(q):
        negative, phrase, bare = match.groups()
        if phrase is not None:
            words = normalize_words(phrase)
            if words:
                yield ("not" if negative else "phrase"), words
            continue
        if fold(bare) in OR_WORDS:
            yield "or", []
            continue
        is_not = bare.startswith("-") and len(bare) > 1
        words = normalize_words(bare[1:] if is_not else bare)
        if not words:
            continue
        if is_not:
            yield "not", words
        elif len(words) > 1:
            yield "phrase", words  # « bac+2 », « aide-soignant »
        else:
            yield "word", words


def _phrase(words: list[str]) -> str:
    return "(" + " <-> ".join(f"'{w}'" for w in words) + ")" if len(words) > 1 else f"'{words[0]}'"


def _and(words: list[str]) -> str:
    return "(" + " & ".join(f"'{w}'" for w in words) + ")" if len(words) > 1 else f"'{words[0]}'"


def _expand_synonyms(words: list[str], forms: dict) -> list[str]:
    """Consecutive plain words → tsquery terms; a span naming a métier becomes (form 1 | form 2 | …)."""
    terms, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            key = " ".join(w for w in words[i:j] if w not in _STOPWORDS)
            if key and key in forms and len(forms[key]) > 1:
                terms.append("(" + " | ".join(_and(v) for v in forms[key]) + ")")
                i = j
                break
        else:
            terms.append(f"'{words[i]}'")
            i += 1
    return terms


def build_tsquery(q: str, forms: dict | None = None) -> str:
    """Compile the recruiter's query into a ``to_tsquery`` expression ("" when nothing searchable)."""
    forms = metier_forms_index() if forms is None else forms
    groups: list[list[tuple[str, list[str]]]] = []  # AND of OR-groups
    pending_or = False
    for kind, words in _tokens(q):
        if kind == "or":
            pending_or = bool(groups)
            continue
        if pending_or and kind != "not":
            groups[-1].append((kind, words))
        else:
            groups.append([(kind, words)])
        pending_or = False

    parts, run = [], []

    def flush():
        parts.extend(_expand_synonyms(run, forms))
        run.clear()

    for group in groups:
        if len(group) == 1 and group[0][0] == "word":
            run.extend(group[0][1])
            continue
        flush()
        if len(group) == 1 and group[0][0] == "not":
            parts.append("!" + _phrase(group[0][1]))
        else:
            alternatives = [_phrase(w) if k == "phrase" else _expand_synonyms(w, forms)[0] for k, w in group]
            parts.append("(" + " | ".join(alternatives) + ")" if len(alternatives) > 1 else alternatives[0])
    flush()
    if parts and all(p.startswith("!") for p in parts):
        return ""  # only exclusions: nothing to look for
    return " & ".join(parts)


# --- parameters ------------------------------------------------------------------------------------------------


def _int_or_none(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 1000 else None


@dataclasses.dataclass
class CVSearchParams:
    q: str = ""
    place: str = ""
    radius_km: int | None = None
    rqth_only: bool = False
    contract_types: list[str] = dataclasses.field(default_factory=list)
    availability: str = ""
    driving_licence: bool = False
    education_level: str = ""
    updated_within_months: int | None = None
    source: str = ""

    @classmethod
    def from_querydict(cls, data) -> "CVSearchParams":
        """Read GET parameters; anything unknown or malformed is ignored, never an error."""
        getlist = data.getlist if hasattr(data, "getlist") else (lambda k: data.get(k) or [])
        truthy = {"1", "on", "true", "oui"}
        return cls(
            q=(data.get("q") or "").strip()[:200],
            place=(data.get("place") or data.get("ou") or "").strip()[:200],  # « ou »: the dashboard's form
            radius_km=_int_or_none(data.get("radius_km")) or None,
            rqth_only=str(data.get("rqth_only", "")).lower() in truthy,
            contract_types=[c for c in getlist("contract_types") if c in ContractType.values],
            availability=data.get("availability") if data.get("availability") in Availability.values else "",
            driving_licence=str(data.get("driving_licence", "")).lower() in truthy,
            education_level=(
                data.get("education_level") if data.get("education_level") in EducationLevel.values else ""
            ),
            updated_within_months=_int_or_none(data.get("updated_within_months")) or None,
            source=data.get("source") if data.get("source") in CVSource.values else "",
        )

    def to_querydict(self) -> QueryDict:
        qd = QueryDict(mutable=True)
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if value in ("", None, False, []):
                continue
            if isinstance(value, list):
                qd.setlist(field.name, value)
            else:
                qd[field.name] = "1" if value is True else str(value)
        return qd

    @property
    def is_empty(self) -> bool:
        return not self.to_querydict()


# --- place -----------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class PlaceFilter:
    condition: Q  # on a CVSearchEntry: its commune is one of the place's communes
    center: object | None  # a Commune with coordinates when the place is one commune (mobility applies)
    radius_km: int
    label: str


PLACES_VERSION_KEY = "cvtheque:place-filters:version"
_place_filters = ProcessMemo(PLACES_VERSION_KEY)


def resolve_place_filter(text: str, radius_km: int | None) -> PlaceFilter | None:
    """« Carcassonne », « Carcassonne Agglo », « Aude », « Occitanie » → the communes it covers.

    Resolving a place reads the referentials (three to four queries, ~3 ms here); a recruiter searches
    the same few places of their territory again and again, so each process keeps what it resolved
    until the geography changes (``forget_place_filters``: ``load_referentials``, a commune, EPCI,
    département or région saved) or at worst 10 minutes."""
    key = ((text or "").strip(), radius_km or 0)
    return _place_filters.get(key, lambda: _resolve_place_filter(*key))


def forget_place_filters() -> None:
    """The geography changed: every process resolves its places again."""
    _place_filters.forget()


def _resolve_place_filter(text: str, radius_km: int) -> PlaceFilter | None:
    from referentials.services import communes_within, resolve_place

    place = resolve_place(text)
    if place is None:
        return None
    commune = place.obj if place.kind == "commune" else None
    if commune is not None and radius_km:
        ids = [c if isinstance(c, int) else c.pk for c in communes_within(commune, radius_km)]
        condition = Q(commune_id__in=ids)
    else:  # literal ids (a région has a few thousand): the planner estimates them from the statistics
        condition = Q(commune_id__in=place.commune_ids())
    center = commune if commune is not None and commune.latitude is not None else None
    return PlaceFilter(condition, center, radius_km or 0, str(place))


def _mobility_reach(place: PlaceFilter) -> tuple[dict, Q]:
    """(aliases, condition): the CV's commune is within its own mobility radius (+ the search radius) of
    the searched commune. The entry's ``reach_box`` (GiST index) first, then the distance
    (equirectangular approximation, exact enough at these distances)."""
    lat0, lon0 = place.center.latitude, place.center.longitude
    dlat = place.radius_km / 111.2
    dlon = place.radius_km / (111.2 * max(math.cos(math.radians(lat0)), 0.1))
    in_box = RawSQL(
        "reach_box && box(point(%s, %s), point(%s, %s))", (lon0 - dlon, lat0 - dlat, lon0 + dlon, lat0 + dlat),
        output_field=BooleanField(),
    )
    distance = Sqrt(
        Power((F("latitude") - lat0) * 111.2, 2)
        + Power((F("longitude") - lon0) * 111.2 * math.cos(math.radians(lat0)), 2),
        output_field=FloatField(),
    )
    return {"in_reach_box": in_box, "distance_km": distance}, Q(
        in_reach_box=True, distance_km__lte=F("mobility_km") + place.radius_km
    )


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
    from .models import CVSearchEntry

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


# The WALK_ROWS freshest entries passing the filters are read first (the index on updated_at, each vector
# read from TOAST): a dense tier finds its freshest matches among them, and when the filters keep fewer
# entries than that (a place, refinements), they are all there is and no index is needed at all. Otherwise
# a tier short of matches is sparse and its GIN index gives all of its matches, then sorted (the ``OFFSET 0``
# fence keeps the planner from walking the freshness index through a sparse tier: its estimate of how many
# entries match can be far off, and such a walk would read every entry).
WALK_ROWS = 300
MAX_WALK_ROWS = 1_000  # deep pages: past that, the GIN indexes are cheaper than reading every vector

_FRESH_SQL = """
fresh AS MATERIALIZED (
    SELECT cv_id, updated_at, title_vector, search_vector, fulltext_vector FROM {table} WHERE {where}
    ORDER BY updated_at DESC, cv_id DESC LIMIT %(walk)s),
exhausted AS MATERIALIZED (SELECT count(*) < %(walk)s AS yes FROM fresh)"""

_TIER_SQL = """
w{k} AS MATERIALIZED (
    SELECT cv_id, updated_at FROM fresh WHERE {guard} AND {match}
    ORDER BY updated_at DESC, cv_id DESC LIMIT %(wanted)s),
t{k} AS MATERIALIZED (
    SELECT cv_id, updated_at FROM w{k}
     WHERE (SELECT count(*) FROM w{k}) >= %(wanted)s OR (SELECT yes FROM exhausted)
    UNION ALL
    (SELECT cv_id, updated_at FROM (
        SELECT cv_id, updated_at FROM {table}
         WHERE {guard} AND (SELECT count(*) FROM w{k}) < %(wanted)s AND NOT (SELECT yes FROM exhausted)
           AND {where} AND {match}
        OFFSET 0) AS matches
     ORDER BY updated_at DESC, cv_id DESC LIMIT %(wanted)s))"""

_PAGE_SQL = """
WITH {fresh}, {tiers}
SELECT cv_id, {count} AS total, tier, updated_at
FROM (
    SELECT cv_id, min(tier) AS tier, max(updated_at) AS updated_at FROM (
        SELECT cv_id, updated_at, 1 AS tier FROM t1
        UNION ALL SELECT cv_id, updated_at, 2 FROM t2
        UNION ALL SELECT cv_id, updated_at, 3 FROM t3) AS found
    GROUP BY cv_id) AS ranked
ORDER BY tier, updated_at DESC, cv_id DESC LIMIT %(limit)s OFFSET %(offset)s"""

# Every entry the filters keep is read once (``kept``: the planner would otherwise intersect the filters
# with the GIN index, i.e. read every posting of a common word); the tiers are those of ``search_cvs``:
# among the CVs whose full text matches, titre or métiers first, then the profile.
_NARROW_PAGE_SQL = """
WITH kept AS MATERIALIZED (
    SELECT cv_id, updated_at, title_vector, search_vector, fulltext_vector FROM {table} WHERE {where})
SELECT cv_id, count(*) OVER () AS total, tier, updated_at FROM (
    SELECT cv_id, updated_at,
           CASE WHEN title_vector @@ {query} THEN 1 WHEN search_vector @@ {query} THEN 2 ELSE 3 END AS tier
    FROM kept WHERE fulltext_vector @@ {query}) AS ranked
ORDER BY tier, updated_at DESC, cv_id DESC LIMIT %(limit)s OFFSET %(offset)s"""

_COUNT_SQL = """CASE WHEN (SELECT yes FROM exhausted)
                   THEN (SELECT count(*) FROM fresh WHERE fulltext_vector @@ {query})
                   ELSE (SELECT count(*) FROM {table} WHERE {where} AND fulltext_vector @@ {query}) END"""

_PLAIN_PAGE_SQL = """
SELECT cv_id, {count} AS total, 1 AS tier, updated_at FROM {table} WHERE {where}
ORDER BY updated_at DESC, cv_id DESC LIMIT %(limit)s OFFSET %(offset)s"""


@dataclasses.dataclass(frozen=True)
class CompiledSearch:
    """A search's SQL pieces, built once per page (ORM compilation, métier synonyms) and shared by the
    page's statement and its count, which runs on another thread."""

    table: str  # the entries table, quoted
    where: str  # every filter but the words, values inlined (for statements with named parameters)
    query: str  # the to_tsquery text of the words, "" without words
    narrow: bool = False  # the filters keep few entries (a commune, an EPCI): see ``page_statement``


# Filters keeping at most NARROW_ROWS entries (a commune and the candidates whose mobility reaches it, an
# EPCI) are searched by reading all their entries: one simple statement gives the page and the count. How
# many entries a filter keeps is read once (a bounded count) and kept per process for 10 minutes: it only
# chooses the statement's shape, both shapes give the same page.
NARROW_ROWS = 1_000
_kept_entries = ProcessMemo("cvtheque:kept-entries:version")


def _keeps_few_entries(table: str, where: str) -> bool:
    def count():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where} LIMIT %s) AS kept",
                           [NARROW_ROWS + 1])
            return cursor.fetchone()[0]

    return where != "TRUE" and _kept_entries.get(where, count) <= NARROW_ROWS


def compile_search(params: CVSearchParams, place: PlaceFilter | None) -> CompiledSearch | None:
    """``params`` ready for ``page_statement`` and ``count_matches``; None when nothing can match
    (unknown place)."""
    from .models import CVSearchEntry

    entries = search_entries(dataclasses.replace(params, q=""), place)
    if entries.query.is_empty():
        return None
    where = "TRUE"
    if entries.query.where:
        sql, sql_params = entries.query.get_compiler(using=entries.db).compile(entries.query.where)
        if sql:  # the filters' values inlined (as psycopg2 would): the statement uses named parameters
            with connection.cursor() as cursor:
                where = cursor.mogrify(sql, sql_params).decode().replace("%", "%%")
    table = connection.ops.quote_name(CVSearchEntry._meta.db_table)
    return CompiledSearch(table, where, _tsquery_text(params), _keeps_few_entries(table, where))


def page_statement(search: CompiledSearch | None, offset: int, limit: int, with_count=True):
    """(SQL, parameters) of ``ranked_page``'s statement for a ``compile_search`` result; None when
    nothing can match. Its columns: ``cv_id``, ``total`` (NULL without ``with_count``: the caller counts
    with ``count_matches``), ``tier``, ``updated_at``; ordered by the last three (``ORDER BY`` it again
    when it is used as a subquery, as the search page does to fetch the page's CVs in the same statement)."""
    if search is None:
        return None
    table, where, query = search.table, search.where, search.query
    values = {"limit": limit, "offset": offset, "wanted": offset + limit, "q": query,
              "walk": min(max(WALK_ROWS, 3 * (offset + limit)), MAX_WALK_ROWS)}
    if not query:
        count = f"(SELECT count(*) FROM {table} WHERE {where})" if with_count else "NULL"
        return _PLAIN_PAGE_SQL.format(table=table, where=where, count=count), values
    tsquery = f"to_tsquery('{CONFIG}', %(q)s)"
    if search.narrow:  # the count comes with the page, whatever ``with_count`` says: it costs nothing here
        return _NARROW_PAGE_SQL.format(table=table, where=where, query=tsquery), values
    tiers = []
    # An exclusion (« -nettoyage ») holds for the whole CV: a titre matching « agent entretien -nettoyage »
    # does not make the CV match when its full text says « nettoyage ». Without one, the tiers are nested.
    excludes = "!" in query
    for vector, k in TIERS:  # a tier is read only when every previous one was read and fell short
        guard = " AND ".join(["TRUE", *(f"(SELECT count(*) FROM t{j}) < %(wanted)s" for j in range(1, k))])
        match = f"{vector} @@ {tsquery}" + (f" AND fulltext_vector @@ {tsquery}" if excludes and k < 3 else "")
        tiers.append(_TIER_SQL.format(k=k, match=match, table=table, guard=guard, where=where))
    count = _COUNT_SQL.format(table=table, where=where, query=tsquery) if with_count else "NULL"
    sql = _PAGE_SQL.format(fresh=_FRESH_SQL.format(table=table, where=where), tiers=",".join(tiers), count=count)
    return sql, values


def ranked_page(params: CVSearchParams, place: PlaceFilter | None, offset: int, limit: int,
                with_count: bool = True) -> tuple[list[int], int | None]:
    """(ids of the CVs of one page, in ``search_cvs`` order; total number of matches) in one statement.

    Because the tiers are nested, the first ``offset + limit`` results are found among the freshest
    ``offset + limit`` matches of each tier; a tier is only read when the previous ones hold fewer.
    The total is counted on the GIN index of the full text over the narrow entries; without
    ``with_count`` it is None (the search page counts on another connection, see ``count_matches``)."""
    statement = page_statement(compile_search(params, place), offset, limit, with_count)
    if statement is None:
        return [], 0
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        rows = cursor.fetchall()
    if rows:
        return [row[0] for row in rows], rows[0][1]
    if offset == 0 or not with_count:
        return [], 0 if with_count else None
    return [], count_matches(compile_search(params, place))  # past the last page: only the count is needed


# When the filters keep few entries (a place, refinements), their full texts are matched one by one:
# the GIN index would read every posting of a common word (« permis »: 55 000) to intersect it with them.
_COUNT_MATCHES_SQL = """
WITH kept AS MATERIALIZED (SELECT fulltext_vector FROM {table} WHERE {where} LIMIT %(walk)s)
SELECT CASE WHEN (SELECT count(*) FROM kept) < %(walk)s
            THEN (SELECT count(*) FROM kept WHERE fulltext_vector @@ {query})
            ELSE (SELECT count(*) FROM {table} WHERE {where} AND fulltext_vector @@ {query}) END"""


def count_matches(search: CompiledSearch | None) -> int:
    """How many visible CVs match a ``compile_search`` result: the count of ``ranked_page``, as a
    statement of its own (the search page runs it on another connection while it builds the page)."""
    if search is None:
        return 0
    table, where, query = search.table, search.where, search.query
    if query:
        sql = _COUNT_MATCHES_SQL.format(table=table, where=where, query=f"to_tsquery('{CONFIG}', %(q)s)")
    else:
        sql = f"SELECT count(*) FROM {table} WHERE {where}"
    with connection.cursor() as cursor:
        cursor.execute(sql, {"q": query, "walk": WALK_ROWS})
        return cursor.fetchone()[0]


# --- highlighting ----------------------------------------------------------------------------------------------


def query_lexemes(q: str) -> list[str]:
    """The stems PostgreSQL derives from the query's positive words (to highlight them in the page)."""
    positive = [words for kind, words in _tokens(q) if kind in ("word", "phrase")]
    text = " ".join(w for words in positive for w in words)
    if not text:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector('french', %s))", [text])
        return sorted(cursor.fetchone()[0], key=len, reverse=True)


_WORD = re.compile(r"[Bb][Aa][Cc]\s*\+\s*\d\b|\w+", re.UNICODE)  # « Bac+2 » is one word (see normalize_words)


@functools.lru_cache(maxsize=200_000)
def _is_hit(word: str, lexemes: tuple[str, ...]) -> bool:
    normalized = normalize_word(word)
    return any(normalized == lx or (len(lx) > 2 and normalized.startswith(lx)) for lx in lexemes)


def _hits_pattern(text: str, lexemes: list[str]) -> re.Pattern | None:
    """A regex of the words of ``text`` whose normalised form starts with a query stem (each distinct
    word of the text is normalised once), None when there is none."""
    key = tuple(lexemes)
    hits = {word for word in set(_WORD.findall(text)) if _is_hit(word, key)}
    if not hits:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(hits, key=len, reverse=True)) + r")\b")


def has_hits(text: str, lexemes: list[str]) -> bool:
    return _hits_pattern(text, lexemes) is not None


def highlight(text: str, lexemes: list[str]) -> str:
    """Escape ``text`` and wrap in <mark> the words whose normalised form starts with a query stem."""
    from django.utils.html import escape

    if not text:
        return ""
    pattern = _hits_pattern(text, lexemes) if lexemes else None
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def excerpt(text: str, lexemes: list[str], width: int = 240) -> str:
    """A highlighted window of ``text`` around the first matching word (HTML, escaped)."""
    if not text:
        return ""
    start = 0
    pattern = _hits_pattern(text, lexemes) if lexemes else None
    first = pattern.search(text) if pattern is not None else None
    if first is not None:
        start = max(0, first.start() - width // 3)
    window = text[start : start + width]
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return prefix + highlight(window, lexemes) + suffix
