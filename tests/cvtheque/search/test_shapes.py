"""Which statement shape a search takes with the default thresholds, and the planner settings the counts use."""

import pytest
from django.db import connection

from cvtheque.search import statements
from cvtheque.search.counting import count_for_page
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
    # more matches than NARROW_ROWS: the walk, as before
    monkeypatch.setattr(statements, "NARROW_ROWS", 3)
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
