"""The SQL snapshot fixture itself: what the normalisation keeps and replaces, and that a missing or
changed snapshot fails while UPDATE_SQL_SNAPSHOTS=1 writes it."""

import re

import pytest
from django.contrib.auth import get_user_model

from tests import sql_snapshots
from tests.sql_snapshots import SNAPSHOT_DIR, SnapshotMismatch, compare_or_write, normalize_statement

pytestmark = pytest.mark.django_db


def flat(sql: str) -> str:
    return " ".join(normalize_statement(sql).split())


def test_literals_become_placeholders_and_identifiers_stay():
    sql = """SELECT "t"."name2", T3."id" FROM "offers_offer" t
             WHERE "t"."status" = 'published' AND "t"."id" = 42 AND price > 3.5 AND "t"."title" = 'l''été'"""
    assert flat(sql) == ('SELECT "t"."name2", T3."id" FROM "offers_offer" t WHERE "t"."status" = \'<str>\' '
                         "AND \"t\".\"id\" = <n> AND price > <n> AND \"t\".\"title\" = '<str>'")


def test_dates_and_times_become_a_timestamp_placeholder():
    sql = "SELECT 1 WHERE a > '2026-11-29T16:46:19.123456+00:00'::timestamptz AND b = '2026-01-02'::date"
    assert flat(sql) == "SELECT <n> WHERE a > '<timestamp>'::timestamptz AND b = '<timestamp>'::date"


def test_lists_of_literals_collapse_whatever_their_length():
    short = flat("SELECT 1 FROM t WHERE id IN (1, 2) AND x = ANY(ARRAY['a', 'b'])")
    long = flat("SELECT 1 FROM t WHERE id IN (1, 2, 3, 4, 5) AND x = ANY(ARRAY['a', 'b', 'c'])")
    assert short == long == "SELECT <n> FROM t WHERE id IN (…) AND x = ANY(ARRAY[…])"
    assert "IN (SELECT" in flat("SELECT 1 FROM t WHERE id IN (SELECT id FROM u)")  # a subquery is kept


def test_savepoints_are_left_out_and_cursor_names_normalised():
    assert normalize_statement('SAVEPOINT "s140_x1"') is None
    assert normalize_statement('RELEASE SAVEPOINT "s140_x1"') is None
    assert normalize_statement('ROLLBACK TO SAVEPOINT "s140_x1"') is None
    assert flat('DECLARE "_django_curs_1407_sync_27" NO SCROLL CURSOR WITHOUT HOLD FOR SELECT 1') == \
        'DECLARE "_django_curs_<id>" NO SCROLL CURSOR WITHOUT HOLD FOR SELECT <n>'


def test_whitespace_does_not_matter():
    assert normalize_statement("SELECT  a,\n\t b FROM t") == normalize_statement("SELECT a, b FROM t")


def test_a_missing_snapshot_fails_and_says_how_to_create_it(tmp_path):
    with pytest.raises(SnapshotMismatch, match="UPDATE_SQL_SNAPSHOTS=1"):
        compare_or_write(SNAPSHOT_DIR / "nowhere_to_be_found.sql", "SELECT <n>;\n", update=False)


def test_a_changed_snapshot_fails_with_a_diff_and_update_rewrites_it(tmp_path):
    path = tmp_path / "x.sql"
    compare_or_write(path, "SELECT <n>;\n", update=True)
    compare_or_write(path, "SELECT <n>;\n", update=False)
    with pytest.raises(SnapshotMismatch, match=re.escape("+SELECT <n>, <n>;")):
        compare_or_write(path, "SELECT <n>, <n>;\n", update=False)
    compare_or_write(path, "SELECT <n>, <n>;\n", update=True)
    assert path.read_text() == "SELECT <n>, <n>;\n"


def test_the_fixture_captures_compares_and_rewrites(sql_snapshot, monkeypatch, tmp_path):
    monkeypatch.setattr(sql_snapshots, "SNAPSHOT_DIR", tmp_path)
    users = get_user_model().objects
    monkeypatch.setenv(sql_snapshots.UPDATE_ENV, "1")
    with sql_snapshot("fixture_probe"):
        users.filter(pk=1).exists()
    written = (tmp_path / "fixture_probe.sql").read_text()
    assert "-- statements: 1." in written and '"accounts_user"."id" = <n>' in written
    monkeypatch.delenv(sql_snapshots.UPDATE_ENV)
    with sql_snapshot("fixture_probe"):
        users.filter(pk=2).exists()  # another id: the same statement
    with pytest.raises(pytest.fail.Exception, match="The SQL statements changed"):
        with sql_snapshot("fixture_probe"):
            users.filter(pk=2).exists()
            users.count()


def test_every_snapshot_file_is_written_by_a_test():
    """A snapshot whose test was renamed or removed is stale: delete it."""
    tests_source = "".join(path.read_text() for path in SNAPSHOT_DIR.parent.parent.rglob("test_*.py"))
    named = set(re.findall(r"""sql_snapshot\(\s*["']([a-z0-9_]+)["']""", tests_source))
    files = {path.stem for path in SNAPSHOT_DIR.glob("*.sql")}
    assert files, "no snapshot file found"
    assert not files - named, f"stale snapshots in tests/snapshots/sql/: {sorted(files - named)}"
