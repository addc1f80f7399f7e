"""The search page's SQL statements: a page of ranked ids, and the count."""

import dataclasses

from django.db import connection

from toolkit.memo import ProcessMemo

from .params import CVSearchParams
from .places import PlaceFilter
from .queryset import TIERS, _tsquery_text, search_entries
from .text import CONFIG

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
    from cvtheque.cvs.models import CVSearchEntry

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
