"""Searches matched against a few CVs (the favourites' alerts: the CVs new since the last alerts), not against
the whole CVthèque.

The entries of those CVs are copied once into a temporary table (``Candidates``): their vectors are read from
TOAST once, then each search reads these few rows in full (no index: a favourite « commercial » would read
the posting list of every commercial of the CVthèque, ~200 ms at 100 000 CVs, to keep the few new ones). The
work is linear in the number of new CVs, whatever the size of the CVthèque. Each search keeps its filters and
its ranking: the filters compiled as for the search page (``statements.compile_filters``) and the level of a
match as ``search_cvs`` gives it (``statements.tier_case``), so the CVs and their order are those of
``search_cvs`` restricted to the candidates (tested: ``tests/cvtheque/search/test_matching.py``)."""

import contextlib

from django.db import DatabaseError, connection

from cvtheque.cvs.models import CV, CVSearchEntry
from toolkit.sql import Sql, compose

from .params import CVSearchParams
from .places import resolve_place_filter
from .ranking import FULL_TEXT, TIER, TITLE, order_by_sql
from .statements import compile_filters, tier_case

CANDIDATES = "cvtheque_search_candidates"
_quote = connection.ops.quote_name
_ENTRIES = _quote(CVSearchEntry._meta.db_table)

# The compiled filters name the entries' table: the candidates take its name in the statement.
_MATCH_SQL = f"""
SELECT cv_id FROM (
    SELECT cv_id, updated_at, {{tier}} AS {TIER.column} FROM {CANDIDATES} AS {_ENTRIES}
     WHERE {{where}} AND {{matches}} AND {{extra}}) AS ranked
ORDER BY {order_by_sql()} LIMIT {{limit}}"""


EVERY_CANDIDATE = Sql("TRUE")


class Candidates:
    """The entries of a set of CVs, copied in a temporary table of this connection for its lifetime."""

    def __init__(self, cv_ids):
        self.cv_ids = list(cv_ids)

    def __enter__(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {CANDIDATES}")
            cursor.execute(f"""
CREATE TEMPORARY TABLE {CANDIDATES} AS
SELECT e.*, cv.visible_since FROM {_ENTRIES} AS e JOIN {_quote(CV._meta.db_table)} AS cv ON cv.id = e.cv_id
 WHERE e.cv_id = ANY(%s)""", [self.cv_ids])
            cursor.execute(f"ANALYZE {CANDIDATES}")
        return self

    def __exit__(self, *exc_info):
        with contextlib.suppress(DatabaseError):  # an aborted transaction drops it with its rollback
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {CANDIDATES}")

    def match(self, params: CVSearchParams, *, extra: Sql = EVERY_CANDIDATE, limit: int = 1_000) -> list[int]:
        """Ids of the candidates ``search_cvs(params)`` finds, in its order, at most ``limit``. ``extra``: a
        condition on the candidates' columns (``cv_id``, ``updated_at``, ``visible_since``…)."""
        place = resolve_place_filter(params.place, params.radius_km) if params.place else None
        if params.place and place is None:
            return []
        search = compile_filters(params, place)
        if search is None:
            return []
        if search.query:
            tier, matches = tier_case(search), compose(f"{FULL_TEXT.vector} @@ {{q}}", q=search.tsquery())
        else:  # without words every CV is in the first tier: freshness alone
            tier, matches = Sql(str(TITLE.rank)), Sql("TRUE")
        statement = compose(_MATCH_SQL, tier=tier, where=search.where, matches=matches, extra=extra, limit=limit)
        with connection.cursor() as cursor:
            return [row[0] for row in statement.execute(cursor).fetchall()]

