"""The search page's SQL statements: a page of ranked ids, and the count.

Every ``ORDER BY`` comes from ``ranking`` and every value is a bound parameter (``sql.compose``)."""

import dataclasses
import datetime

from django.db import connection, transaction

from cvtheque.cvs.models import CVSearchEntry
from referentials.query import TextQuery
from toolkit.memo import ProcessMemo
from toolkit.sql import Sql, compose, join

from .params import CVSearchParams
from .places import PlaceFilter
from .queryset import compiled_query, full_text_checks, search_entries
from .ranking import (
    EVERY,
    EXCLUSION,
    FRESHNESS,
    FULL_TEXT,
    LEVELS,
    PROFILE,
    RANKING_KEY,
    TIER,
    TIERS,
    TITLE,
    conditions,
    given,
    order_by_sql,
)
from .text import CONFIG

TABLE = Sql(connection.ops.quote_name(CVSearchEntry._meta.db_table))
_VECTORS = ", ".join(tier.vector for tier in TIERS)
_FRESH_COLUMNS = ", ".join(column.column for column in reversed(FRESHNESS))  # cv_id, updated_at
_KEY_COLUMNS = [column for column in RANKING_KEY if column.column != "cv_id"]  # tier, updated_at
_BY_FRESHNESS = order_by_sql(FRESHNESS)
_BY_RANK = order_by_sql(RANKING_KEY)

# The WALK_ROWS freshest entries passing the filters are read first (the index on updated_at, each vector
# read from TOAST): a dense tier finds its freshest matches among them, and when the filters keep fewer
# entries than that (a place, refinements), they are all there is and no index is needed at all. Otherwise
# a tier short of matches is sparse and its GIN index gives all of its matches, then sorted (the ``OFFSET 0``
# fence keeps the planner from walking the freshness index through a sparse tier: its estimate of how many
# entries match can be far off, and such a walk would read every entry).
WALK_ROWS = 300
MAX_WALK_ROWS = 1_000  # deep pages: past that, the GIN indexes are cheaper than reading every vector
# A tier that found some matches among the walked entries, but too few, is walked further: as many entries as
# should give it twice the matches wanted at the density the walk saw, at most DEEP_WALK_ROWS. Its GIN index
# would give every one of its matches (a phrase common in profiles, « "service en salle" »: ~36 000 at
# 1 000 000 CVs, each vector read again to check the phrase) to keep the freshest 20. A tier whose density
# does not promise its matches within DEEP_WALK_ROWS is sparse: its GIN index, as before.
DEEP_WALK_ROWS = 3_000
PAGE_SIZE = 20  # results on a search page (``page.PAGE_SIZE``)

_FRESH_SQL = f"""
fresh AS MATERIALIZED (
    SELECT {_FRESH_COLUMNS}, {_VECTORS} FROM {{table}} WHERE {{where}}
    ORDER BY {_BY_FRESHNESS} LIMIT {{walk}}),
exhausted AS MATERIALIZED (SELECT count(*) < {{walk}} AS yes FROM fresh)"""

_TIER_SQL = f"""
w{{k}} AS MATERIALIZED (
    SELECT {_FRESH_COLUMNS} FROM fresh WHERE {{guard}} AND {{match}}
    ORDER BY {_BY_FRESHNESS} LIMIT {{wanted}}),
d{{k}} AS MATERIALIZED (
    SELECT {_FRESH_COLUMNS} FROM (
        SELECT {_FRESH_COLUMNS}, {_VECTORS} FROM {{table}}
         WHERE {{guard}} AND (SELECT count(*) FROM w{{k}}) < {{wanted}} AND NOT (SELECT yes FROM exhausted)
           AND {{where}}
         ORDER BY {_BY_FRESHNESS}
         LIMIT (SELECT CASE WHEN count(*) * {{deep}} >= 2 * {{wanted}} * {{walk}}
                            THEN least({{deep}}, 2 * {{wanted}} * {{walk}} / count(*)) ELSE 0 END
                  FROM w{{k}})) AS deeper
     WHERE {{match}} ORDER BY {_BY_FRESHNESS} LIMIT {{wanted}}),
t{{k}} AS MATERIALIZED (
    SELECT {_FRESH_COLUMNS} FROM w{{k}}
     WHERE (SELECT count(*) FROM w{{k}}) >= {{wanted}} OR (SELECT yes FROM exhausted)
    UNION ALL
    SELECT {_FRESH_COLUMNS} FROM d{{k}} WHERE (SELECT count(*) FROM d{{k}}) >= {{wanted}}
    UNION ALL
    (SELECT {_FRESH_COLUMNS} FROM (
        SELECT {_FRESH_COLUMNS} FROM {{table}}
         WHERE {{guard}} AND (SELECT count(*) FROM w{{k}}) < {{wanted}} AND NOT (SELECT yes FROM exhausted)
           AND (SELECT count(*) FROM d{{k}}) < {{wanted}} AND {{where}} AND {{match}}
        OFFSET 0) AS matches
     ORDER BY {_BY_FRESHNESS} LIMIT {{wanted}}))"""

# A CV is found at its level and by every later one (the levels are cumulative): it keeps its best.
_PAGE_SQL = f"""
WITH {{fresh}}, {{tiers}}
SELECT cv_id, NULL AS total, {", ".join(c.column for c in _KEY_COLUMNS)}
FROM (
    SELECT cv_id, {", ".join(f"{c.best}({c.column}) AS {c.column}" for c in _KEY_COLUMNS)}
    FROM ({{found}}) AS found
    GROUP BY cv_id) AS ranked
ORDER BY {_BY_RANK} LIMIT {{limit}} OFFSET {{offset}}"""

# Every entry the filters keep is read once (``kept``: the planner would otherwise intersect the filters
# with the GIN index, i.e. read every posting of a common word); the levels are those of ``search_cvs``:
# among the CVs whose full text matches, the first level whose evidence a CV gives. The matches' titre and
# profile vectors are read from TOAST once each (``|| ''``: a copy, behind the ``OFFSET 0`` fence), not once
# per level that checks them (« agent d'entretien -nettoyage », 2 748 matches at 1 000 000 CVs: 96 → 70 ms).
# ``{{matches}}`` is TRUE when the filters are the matches already (``CompiledSearch.matched``).
_NARROW_PAGE_SQL = f"""
WITH kept AS MATERIALIZED (
    SELECT {_FRESH_COLUMNS}, {_VECTORS} FROM {{table}} WHERE {{where}})
SELECT cv_id, count(*) OVER () AS total, {", ".join(c.column for c in _KEY_COLUMNS)} FROM (
    SELECT {_FRESH_COLUMNS}, {{tier}} AS {TIER.column}
    FROM (SELECT {_FRESH_COLUMNS}, {TITLE.vector} || ''::tsvector AS {TITLE.vector},
                 {PROFILE.vector} || ''::tsvector AS {PROFILE.vector}, {FULL_TEXT.vector}
            FROM kept WHERE {{matches}} OFFSET 0) AS matched) AS ranked
ORDER BY {_BY_RANK} LIMIT {{limit}} OFFSET {{offset}}"""

# Without words every CV is in the first tier: freshness alone.
_PLAIN_PAGE_SQL = f"""
SELECT cv_id, NULL AS total, {LEVELS[0].rank} AS {TIER.column}, updated_at FROM {{table}} WHERE {{where}}
ORDER BY {_BY_FRESHNESS} LIMIT {{limit}} OFFSET {{offset}}"""

# When the filters keep few entries (a place, refinements), their full texts are matched one by one:
# the GIN index would read every posting of a common word (« permis »: 55 000) to intersect it with them.
_COUNT_MATCHES_SQL = f"""
WITH kept AS MATERIALIZED (SELECT {FULL_TEXT.vector} FROM {{table}} WHERE {{where}} LIMIT {{walk}})
SELECT CASE WHEN (SELECT count(*) FROM kept) < {{walk}}
            THEN (SELECT count(*) FROM kept WHERE {FULL_TEXT.vector} @@ {{query}})
            ELSE (SELECT count(*) FROM {{table}} WHERE {{where}} AND {FULL_TEXT.vector} @@ {{query}}) END"""

_COUNT_ALL_SQL = "SELECT count(*) FROM {table} WHERE {where}"


@dataclasses.dataclass(frozen=True)
class CompiledSearch:
    """A search's SQL pieces, built once per page (ORM compilation, métier synonyms) and shared by the
    page's statement and its count, which runs on another thread."""

    where: Sql  # every filter but the words, with its parameters
    query: TextQuery | None  # the to_tsquery texts of the words, None without words
    narrow: bool = False  # the filters keep few entries (a commune, an EPCI): see ``page_statement``
    matched: bool = False  # ``where`` holds the words' match already (an exclusion's few matches, narrow)

    def tsquery(self, words: str = EVERY) -> Sql:
        return Sql(f"to_tsquery('{CONFIG}', %s)", (self.query[words],))

    def evidence(self, evidence) -> Sql | None:
        """The SQL of a level's evidence (``ranking.Level.holds``): every one of them holds; None when
        the query cannot give it."""
        evidence = given(evidence, self.query)
        if evidence is None:
            return None
        return join(" AND ", (compose(f"{e.tier.vector} @@ {{q}}", q=self.tsquery(e.words)) for e in evidence))

    def levels(self) -> list[tuple[int, Sql]]:
        """Each level's rank and cumulative condition (``ranking.conditions``), a level whose condition
        is the previous one's left out (a query of one term: its « some » is its « every »)."""
        rendered = conditions(self.evidence, lambda a, b: compose("(({a}) OR ({b}))", a=a, b=b),
                              full_text_checks(self.query), self.query.complete)
        kept = []
        for level, condition in rendered:
            if kept and kept[-1][1] == condition:
                continue
            kept.append((level.rank, condition))
        return kept


# Filters keeping at most NARROW_ROWS entries (a commune and the candidates whose mobility reaches it, an
# EPCI) are searched by reading all their entries: one simple statement gives the page and the count. How
# many entries a filter keeps is read once (a bounded count) and kept per process for 10 minutes: it only
# chooses the statement's shape, both shapes give the same page. At 1 000 000 CVs (Carcassonne: 1 931 entries,
# its agglomeration 2 226), 35 queries: the narrow shape p50 15.5 ms and max 27.8 ms (« PERMIS B », 1 206
# matches ranked one by one), the walk and its count p50 16.8 ms and max 42.7 ms (« CAP cuisine »: tiers too
# sparse among the 300 freshest entries, each asking the GIN indexes for 50 000 postings).
NARROW_ROWS = 2_500
# Filters keeping at most ROW_CHECK_ROWS entries are counted by matching each kept entry's full text
# (``counting``): ~6 µs an entry at 1 000 000 CVs, where the GIN index would read every posting of the query's
# words whatever the filters (« PERMIS B » near Carcassonne: 565 000 postings, 60 ms; its 1 931 kept entries
# read one by one, 12 ms).
ROW_CHECK_ROWS = 5_000
_kept_entries = ProcessMemo("cvtheque:kept-entries:version")


def kept_entries_key(where: Sql) -> tuple:
    """What ``_kept_entries`` is keyed by: the filter, its times rounded to the day (« mis à jour depuis
    3 mois » is a cut-off that moves every second, not what decides the shape)."""
    return where.text, tuple(
        value.date() if isinstance(value, datetime.datetime) else tuple(value) if isinstance(value, list) else value
        for value in where.params
    )


def kept_count(where: Sql, *, bitmap_only: bool = False) -> int:
    """How many entries the filter ``where`` keeps, counted up to the larger of NARROW_ROWS and ROW_CHECK_ROWS
    (plus one), once per process and 10 minutes (``bitmap_only``: from the indexes' bitmaps alone, see
    ``bitmap_scan_only``)."""
    limit = max(NARROW_ROWS, ROW_CHECK_ROWS) + 1

    def count():
        statement = compose("SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where} LIMIT {limit}) AS kept",
                            table=TABLE, where=where, limit=limit)
        if bitmap_only:
            return bitmap_scan_only(statement)
        with connection.cursor() as cursor:
            return statement.execute(cursor).fetchone()[0]

    return _kept_entries.get((limit, *kept_entries_key(where)), count)


def keeps_at_most(where: Sql, rows: int) -> bool:
    """Whether the filter ``where`` keeps at most ``rows`` entries (``kept_count``); never for the filter
    that keeps everything."""
    return where.text != "TRUE" and kept_count(where) <= rows


_SCANS = ("enable_seqscan", "enable_indexscan")


def bitmap_scan_only(statement) -> int:
    """Run a count with only bitmap scans allowed (the matches of a text query from its GIN index: the
    planner does not price reading each row's full text to match it, see ``counting``), for this statement
    alone: the settings are local to a transaction, undone with it on an error; inside a transaction already
    (a savepoint), they are set back right after the statement."""
    outer = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in _SCANS) + ", "
                       + ", ".join(f"set_config('{name}', 'off', true)" for name in _SCANS))
        previous = cursor.fetchone()[: len(_SCANS)]
        count = statement.execute(cursor).fetchone()[0]
        if outer:
            cursor.execute("SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in _SCANS), previous)
    return count


def compile_filters(params: CVSearchParams, place: PlaceFilter | None) -> CompiledSearch | None:
    """``params`` compiled to SQL without choosing a statement's shape (``narrow`` False): every filter but
    the words on the entries' table, and the words. None when nothing can match (unknown place)."""
    entries = search_entries(dataclasses.replace(params, q=""), place)
    if entries.query.is_empty():
        return None
    where = Sql("TRUE")
    if entries.query.where:
        sql, sql_params = entries.query.get_compiler(using=entries.db).compile(entries.query.where)
        if sql:
            where = Sql(sql, tuple(sql_params))
    return CompiledSearch(where, compiled_query(params))


def compile_search(params: CVSearchParams, place: PlaceFilter | None) -> CompiledSearch | None:
    """``params`` ready for ``page_statement`` and ``count_matches``; None when nothing can match
    (unknown place)."""
    search = compile_filters(params, place)
    if search is None:
        return None
    if keeps_at_most(search.where, NARROW_ROWS):
        return dataclasses.replace(search, narrow=True)
    if search.query and full_text_checks(search.query) == EXCLUSION:
        if keeps_at_most(search.where, ROW_CHECK_ROWS):
            # a place keeping few entries: each of them matched, as a count would (no GIN index read: the
            # index of an exclusion's words is costly, « agent d'entretien -nettoyage »: 33 ms at 1 000 000 CVs)
            return dataclasses.replace(search, narrow=True)
        # An exclusion leaves few of the words' matches (« agent d'entretien -nettoyage »: 292 of 7 012 at
        # 100 000 CVs, 2 748 at 1 000 000): each level would find too few among the freshest entries and ask
        # the GIN indexes again (445 ms at 1 000 000 CVs). When the matches are few and too sparse for the
        # walk to find a page of them among the DEEP_WALK_ROWS freshest entries, they are the entries the page
        # reads: the narrow shape over them (97 ms).
        matching = compose(f"({{where}}) AND {FULL_TEXT.vector} @@ {{query}}", where=search.where,
                           query=search.tsquery())
        matches = kept_count(matching, bitmap_only=True)
        if matches <= NARROW_ROWS or (matches <= ROW_CHECK_ROWS and _too_sparse_to_walk(search.where, matches)):
            return dataclasses.replace(search, where=matching, narrow=True, matched=True)
    return search


def estimated_kept(where: Sql) -> float:
    """How many entries the planner expects the filter ``where`` to keep (planned, not run)."""
    with connection.cursor() as cursor:
        return compose("SELECT 1 FROM {table} WHERE {where}", table=TABLE, where=where).estimated_rows(cursor)


def _too_sparse_to_walk(where: Sql, matches: int) -> bool:
    """Whether ``matches`` among the entries ``where`` keeps (the planner's estimate) are too sparse for the
    walk to find two pages of them in the DEEP_WALK_ROWS freshest."""
    return matches * DEEP_WALK_ROWS < 2 * PAGE_SIZE * estimated_kept(where)


def tier_case(search: CompiledSearch) -> Sql:
    """The level of an entry whose full text matches the query (the first level whose evidence it gives, as
    ``search_cvs``'s ``Case``), evaluated row by row: for statements that rank the matches they read. A
    level's check that the full text matches the whole query (an exclusion, a phrase: ``ranking.Level.holds``)
    is left out: every such entry passed it, and each check would read its full text again."""
    checked = full_text_checks(search.query)
    whens = []
    for level in LEVELS[:-1]:
        holds = tuple(e for e in level.holds(checked, search.query.complete)
                      if not (e.tier is FULL_TEXT and e.words == EVERY))
        sql = search.evidence(holds) if holds else Sql("TRUE")
        if sql is not None:
            whens.append(compose(f"WHEN {{evidence}} THEN {level.rank}", evidence=sql))
    return compose(f"CASE {{whens}} ELSE {LEVELS[-1].rank} END", whens=join(" ", whens))


def page_statement(search: CompiledSearch | None, offset: int, limit: int) -> Sql | None:
    """The statement of one page of ranked ids for a ``compile_search`` result; None when nothing can
    match. Its columns: ``cv_id``, ``total`` (the number of matches when the shape gives it for free,
    else NULL: the caller counts with ``count_matches``) and the ranking key's; ordered by the key
    (``ORDER BY`` it again when it is used as a subquery, as the search page does to fetch the page's CVs
    in the same statement)."""
    if search is None:
        return None
    values = {"table": TABLE, "where": search.where, "limit": limit, "offset": offset}
    if not search.query:
        return compose(_PLAIN_PAGE_SQL, **values)
    tsquery = search.tsquery()
    if search.narrow:  # the count comes with the page: it costs nothing here
        matches = Sql("TRUE") if search.matched else compose(f"{FULL_TEXT.vector} @@ {{q}}", q=tsquery)
        return compose(_NARROW_PAGE_SQL, tier=tier_case(search), matches=matches, **values)
    wanted = offset + limit
    walk = min(max(WALK_ROWS, 3 * wanted), MAX_WALK_ROWS)
    tiers = []
    levels = search.levels()
    for k, (_rank, match) in enumerate(levels, start=1):  # a level is read when every previous one fell short
        guard = Sql(" AND ".join(["TRUE", *(f"(SELECT count(*) FROM t{j}) < %s" for j in range(1, k))]),
                    (wanted,) * (k - 1))
        tiers.append(compose(_TIER_SQL, k=Sql(str(k)), match=match, guard=guard, wanted=wanted, walk=walk,
                             deep=DEEP_WALK_ROWS, **values))
    found = Sql(" UNION ALL ".join(f"SELECT {_FRESH_COLUMNS}, {rank} AS {TIER.column} FROM t{k}"
                                   for k, (rank, _match) in enumerate(levels, start=1)))
    fresh = compose(_FRESH_SQL, walk=walk, **values)
    return compose(_PAGE_SQL, fresh=fresh, tiers=join(",", tiers), found=found, **values)


def count_matches(search: CompiledSearch | None) -> int:
    """How many visible CVs match a ``compile_search`` result: the count of the search page, as a
    statement of its own (the page runs it on another connection while it builds the page)."""
    if search is None:
        return 0
    if search.query:
        return bitmap_scan_only(compose(_COUNT_MATCHES_SQL, table=TABLE, where=search.where,
                                        query=search.tsquery(), walk=WALK_ROWS))
    with connection.cursor() as cursor:
        return compose(_COUNT_ALL_SQL, table=TABLE, where=search.where).execute(cursor).fetchone()[0]
