"""The search page's count of matches, exact up to ``COUNT_CAP``: past it the page says « Plus de 10 000 CV »
(a recruiter refines such a search; the pages stop at ``page.MAX_PAGE`` anyway).

Counting every match of a very common word costs more than the page at 1 000 000 CVs (« permis »: ~600 000
entries read; a phrase, « "service en salle" », rechecks each candidate's vector): the count stops at
``COUNT_CAP + 1`` matches, read from the GIN index's bitmap, so that its cost is bounded whatever the size
of the CVthèque. ``statements.count_matches`` stays the exact count (the tests and the benchmark compare
with it)."""

from django.db import connection

from toolkit.sql import compose

from .ranking import FULL_TEXT
from .statements import TABLE, WALK_ROWS, CompiledSearch, bitmap_scan_only

COUNT_CAP = 10_000

# As ``statements._COUNT_MATCHES_SQL``: filters keeping few entries are matched one by one; otherwise the
# matches are counted up to the cap.
_CAPPED_MATCHES_SQL = f"""
WITH kept AS MATERIALIZED (SELECT {FULL_TEXT.vector} FROM {{table}} WHERE {{where}} LIMIT {{walk}})
SELECT CASE WHEN (SELECT count(*) FROM kept) < {{walk}}
            THEN (SELECT count(*) FROM kept WHERE {FULL_TEXT.vector} @@ {{query}})
            ELSE (SELECT count(*) FROM (
                SELECT 1 FROM {{table}} WHERE {{where}} AND {FULL_TEXT.vector} @@ {{query}} LIMIT {{limit}}) AS m)
       END"""

_CAPPED_ALL_SQL = "SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where} LIMIT {limit}) AS m"

# Filters keeping many entries: the matches from the full text's GIN index, up to the cap. The planner would
# rather scan the table (or the freshness index) and stop at the cap: it does not price reading each row's
# full text from TOAST to match it (« COMMERCIAL »: 56 000 vectors read, 720 ms at 100 000 CVs), while the
# index's bitmap visits only the rows and reads no vector (words without phrases need no recheck). The
# statement runs with the other scans off (``statements.bitmap_scan_only``).
_CAPPED_GIN_SQL = f"""
SELECT count(*) FROM (
    SELECT 1 FROM {{table}} WHERE {{where}} AND {FULL_TEXT.vector} @@ {{query}} LIMIT {{limit}}) AS m"""


def count_for_page(search: CompiledSearch | None, cap: int | None = None) -> int:
    """The number of matches of a ``statements.compile_search`` result, exact up to ``cap`` (``COUNT_CAP``):
    ``cap + 1`` means « more than ``cap`` »."""
    if search is None:
        return 0
    limit = (COUNT_CAP if cap is None else cap) + 1
    if not search.query:
        statement = compose(_CAPPED_ALL_SQL, table=TABLE, where=search.where, limit=limit)
        with connection.cursor() as cursor:
            return min(statement.execute(cursor).fetchone()[0], limit)
    if search.narrow:  # few kept entries (the filters', or an exclusion's matches): counted to the end
        statement = compose(_CAPPED_MATCHES_SQL, table=TABLE, where=search.where, query=search.tsquery(),
                            walk=WALK_ROWS, limit=limit)
    else:
        statement = compose(_CAPPED_GIN_SQL, table=TABLE, where=search.where, query=search.tsquery(), limit=limit)
    return min(bitmap_scan_only(statement), limit)


def capped(total: int) -> int:
    """An exact count (a statement that reads every kept entry gives it) as ``count_for_page`` gives it."""
    return min(total, COUNT_CAP + 1)


def is_capped(total: int) -> bool:
    """``count_for_page`` stopped counting: « Plus de 10 000 CV »."""
    return total > COUNT_CAP
