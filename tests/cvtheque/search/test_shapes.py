"""Which statement shape a search takes with the default thresholds, and the planner settings the counts use."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cvtheque.search import counting, statements
from cvtheque.search.counting import count_for_page
from cvtheque.search.page import run_search
from cvtheque.search.params import CVSearchParams
from cvtheque.search.statements import compile_search
from tests.cvtheque.search.paths import QUERYSET, STATEMENT_PATHS
from tests.cvtheque.search.test_equivalence import _make, _row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_shape_memo():
    statements._kept_entries.forget()
    yield
    statements._kept_entries.forget()


def _settings() -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')")
        return cursor.fetchone()


def test_an_exclusion_leaving_few_matches_reads_its_matches_only_and_ranks_them_as_every_path(monkeypatch):
    """« agent d'entretien -nettoyage »: most agents write « nettoyage »; the few left are the entries the page
    reads (the narrow shape over the matches), ranked and counted as the queryset does."""
    rows = [*(_row(headline="soudeur", skills="nettoyage", days_ago=n) for n in range(8)),
            *(_row(headline="soudeur", summary="anglais", days_ago=n) for n in range(3)),
            _row(headline="vendeuse", extracted_text="soudeur")]
    _make(rows)
    monkeypatch.setattr(statements, "NARROW_ROWS", 5)
    search = compile_search(CVSearchParams(q="soudeur -nettoyage"), None)
    assert search.narrow and "@@" in search.where.text  # 4 matches: the filters kept every entry
    expected = QUERYSET.ids(CVSearchParams(q="soudeur -nettoyage"))
    assert len(expected) == 4
    for path in STATEMENT_PATHS:  # the forced shapes agree with it
        assert path.ids(CVSearchParams(q="soudeur -nettoyage")) == expected, path
    # more matches than NARROW_ROWS (and than ROW_CHECK_ROWS, see the sparse matches below): the walk
    monkeypatch.setattr(statements, "NARROW_ROWS", 3)
    monkeypatch.setattr(statements, "ROW_CHECK_ROWS", 3)
    statements._kept_entries.forget()
    assert not compile_search(CVSearchParams(q="soudeur -nettoyage"), None).narrow
    # a search without exclusion never pays for counting its matches first
    assert not compile_search(CVSearchParams(q="soudeur"), None).narrow


def test_the_counts_allow_only_bitmap_scans_for_their_statement_alone():
    _make([_row(headline="soudeur"), _row(headline="vendeuse")])
    assert _settings() == ("on", "on")
    search = compile_search(CVSearchParams(q="soudeur"), None)
    assert count_for_page(search) == 1 and statements.count_matches(search) == 1
    assert _settings() == ("on", "on")  # set back inside this test's transaction


def test_a_failed_count_leaves_the_planner_settings_as_they_were():
    from django.db import DatabaseError

    search = compile_search(CVSearchParams(q="soudeur"), None)
    broken = statements.Sql("SELECT 1 / 0")
    with pytest.raises(DatabaseError):
        statements.bitmap_scan_only(broken)
    assert _settings() == ("on", "on")
    assert count_for_page(search) == 0


def _statements_run(callable_):
    with CaptureQueriesContext(connection) as queries:
        result = callable_()
    return result, [q["sql"] for q in queries.captured_queries]


def test_a_filter_keeping_few_entries_is_counted_by_matching_each_of_them(monkeypatch):
    """« PERMIS B » near Carcassonne at 1 000 000 CVs: the place's 1 931 entries matched one by one (12 ms)
    instead of the 565 000 GIN postings of its words (60 ms)."""
    _make([*(_row(headline="soudeur", driving_licence=True, days_ago=n) for n in range(4)),
           _row(headline="soudeur"), _row(headline="vendeuse", driving_licence=True)])
    monkeypatch.setattr(statements, "NARROW_ROWS", 1)
    params = CVSearchParams(q="soudeur", driving_licence=True)
    search = compile_search(params, None)
    assert not search.narrow
    count, sql = _statements_run(lambda: count_for_page(search))
    assert count == statements.count_matches(search) == len(QUERYSET.ids(params)) == 4
    assert any("kept AS MATERIALIZED" in s for s in sql) and not any("LIMIT" in s and "AS m" in s for s in sql)
    monkeypatch.setattr(statements, "ROW_CHECK_ROWS", 3)  # more kept entries: the GIN index
    statements._kept_entries.forget()
    count, sql = _statements_run(lambda: count_for_page(search))
    assert count == 4 and any("AS m" in s for s in sql)


def _analyzed(rows):
    _make(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cvtheque_cvsearchentry")  # the planner's estimate of the kept entries


def test_a_sample_showing_the_matches_far_past_the_cap_says_more_than_the_cap_without_counting(monkeypatch):
    _analyzed([*(_row(headline="soudeur", days_ago=n) for n in range(30)), _row(headline="vendeuse")])
    monkeypatch.setattr(statements, "ROW_CHECK_ROWS", 0)
    monkeypatch.setattr(counting, "SAMPLE_ROWS", 10)
    search = compile_search(CVSearchParams(q="soudeur"), None)
    count, sql = _statements_run(lambda: count_for_page(search, cap=5))
    assert count == 6  # « more than 5 »: the page's « Plus de … »
    assert not any("AS m" in s for s in sql)  # the matches were not counted
    assert statements.count_matches(search) == 30


def test_a_sample_not_showing_the_matches_far_past_the_cap_leaves_the_count_exact(monkeypatch):
    _analyzed([*(_row(headline="soudeur", days_ago=n) for n in range(4)),
               *(_row(headline="vendeuse", days_ago=n) for n in range(26))])
    monkeypatch.setattr(statements, "ROW_CHECK_ROWS", 0)
    monkeypatch.setattr(counting, "SAMPLE_ROWS", 10)
    search = compile_search(CVSearchParams(q="soudeur"), None)
    # at most 4 of 10 sampled, times 30 kept entries: 12, not twice the cap of 10
    count, sql = _statements_run(lambda: count_for_page(search, cap=10))
    assert count == 4 and any("AS m" in s for s in sql)


def test_an_exclusion_whose_matches_are_too_sparse_for_the_walk_reads_its_matches_only(monkeypatch):
    """« agent d'entretien -nettoyage » at 1 000 000 CVs: 2 748 matches, more than NARROW_ROWS but far too
    sparse for the walk to find a page among the freshest entries (445 ms); read once, 97 ms."""
    rows = [*(_row(headline="soudeur", skills="nettoyage", days_ago=n) for n in range(8)),
            *(_row(headline="soudeur", summary="anglais", days_ago=n) for n in range(3)),
            *(_row(headline="vendeuse", days_ago=n) for n in range(20))]
    _analyzed(rows)
    monkeypatch.setattr(statements, "NARROW_ROWS", 1)
    params = CVSearchParams(q="soudeur -nettoyage")
    monkeypatch.setattr(statements, "DEEP_WALK_ROWS", 3)  # 3 matches × 3 rows walked < 2 pages × 31 entries
    search = compile_search(params, None)
    assert search.narrow and "@@" in search.where.text
    expected = QUERYSET.ids(params)
    assert len(expected) == 3 and [cv.pk for cv in run_search(params, 1).page.object_list] == expected
    monkeypatch.setattr(statements, "DEEP_WALK_ROWS", 3_000)  # dense enough for the walk
    statements._kept_entries.forget()
    assert not compile_search(params, None).narrow
