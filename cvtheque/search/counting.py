"""The search page's count of matches, exact up to ``COUNT_CAP``: past it the page says « Plus de 10 000 CV »
(a recruiter refines such a search; the pages stop at ``page.MAX_PAGE`` anyway).

Counting every match of a very common word costs more than the page at 1 000 000 CVs (« permis »: ~600 000
entries read; a phrase, « "service en salle" », rechecks each candidate's vector). So the count is, by what the
filters keep: every kept entry matched one by one (at most ``statements.ROW_CHECK_ROWS``: a place); else, when
a sample of the kept entries puts the matches far past the cap, « more than the cap » without counting
(``far_past``); else the matches read from the GIN index's bitmap, stopping at ``COUNT_CAP + 1``.
``statements.count_matches`` stays the exact count (the tests and the benchmark compare with it)."""

from django.db import connection

from toolkit.sql import compose

from . import statements
from .ranking import FULL_TEXT
from .statements import TABLE, WALK_ROWS, CompiledSearch, bitmap_scan_only

COUNT_CAP = 10_000
# Filters keeping many entries: before the GIN count, a sample of SAMPLE_ROWS kept entries (those the planner
# reads first) is matched one by one (~6 ms at 1 000 000 CVs). When its share of matches, times the planner's
# estimate of the kept entries, is past ESTIMATE_MARGIN × the cap, the page says « Plus de 10 000 CV » without
# counting: counting a very common word costs more than the page (« PERMIS B »: 565 000 GIN postings read,
# 60 ms; « PERMIS B AIDE À DOMICILE », 96 ms), for a number the page does not show. The margin keeps a sample
# that is not quite representative (the planner reads the entries in no particular order) from capping a
# search that has fewer matches than the cap.
SAMPLE_ROWS = 1_000
ESTIMATE_MARGIN = 2

# As ``statements._COUNT_MATCHES_SQL``: filters keeping few entries are matched one by one; otherwise the
# matches are counted up to the cap.
_CAPPED_MATCHES_SQL = f"""
WITH kept AS MATERIALIZED (SELECT {FULL_TEXT.vector} FROM {{table}} WHERE {{where}} LIMIT {{walk}})
SELECT CASE WHEN (SELECT count(*) FROM kept) < {{walk}}
            THEN (SELECT count(*) FROM kept WHERE {FULL_TEXT.vector} @@ {{query}})
            ELSE (SELECT count(*) FROM (
                SELECT 1 FROM {{table}} WHERE {{where}} AND {FULL_TEXT.vector} @@ {{query}} LIMIT {{limit}}) AS m)
       END"""

# Filters keeping few entries (``statements.ROW_CHECK_ROWS``): each kept entry's full text is matched.
_ROW_CHECK_SQL = f"""
WITH kept AS MATERIALIZED (SELECT {FULL_TEXT.vector} FROM {{table}} WHERE {{where}})
SELECT count(*) FROM kept WHERE {FULL_TEXT.vector} @@ {{query}}"""

_SAMPLE_SQL = f"""
SELECT count(*), count(*) FILTER (WHERE {FULL_TEXT.vector} @@ {{query}})
FROM (SELECT {FULL_TEXT.vector} FROM {{table}} WHERE {{where}} LIMIT {{sample}}) AS sample"""

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
        return min(bitmap_scan_only(statement), limit)
    if statements.keeps_at_most(search.where, statements.ROW_CHECK_ROWS):
        statement = compose(_ROW_CHECK_SQL, table=TABLE, where=search.where, query=search.tsquery())
        with connection.cursor() as cursor:
            return min(statement.execute(cursor).fetchone()[0], limit)
    if far_past(search, limit - 1):
        return limit
    statement = compose(_CAPPED_GIN_SQL, table=TABLE, where=search.where, query=search.tsquery(), limit=limit)
    return min(bitmap_scan_only(statement), limit)


def far_past(search: CompiledSearch, cap: int) -> bool:
    """Whether a sample of the kept entries shows the matches far past ``cap`` (see ``SAMPLE_ROWS``)."""
    sample = compose(_SAMPLE_SQL, table=TABLE, where=search.where, query=search.tsquery(), sample=SAMPLE_ROWS)
    with connection.cursor() as cursor:
        read, matching = sample.execute(cursor).fetchone()
    if read < SAMPLE_ROWS or not matching:  # the sample is every kept entry: the count is cheap anyway
        return False
    return matching / read * statements.estimated_kept(search.where) >= ESTIMATE_MARGIN * cap


def capped(total: int) -> int:
    """An exact count (a statement that reads every kept entry gives it) as ``count_for_page`` gives it."""
    return min(total, COUNT_CAP + 1)


def is_capped(total: int) -> bool:
    """``count_for_page`` stopped counting: « Plus de 10 000 CV »."""
    return total > COUNT_CAP
