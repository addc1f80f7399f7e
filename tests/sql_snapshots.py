"""SQL snapshots: the statements a block of code runs, normalised, compared with a committed file, so
that a review shows what a change does to the queries (and a new query, or a query per row, fails).

    def test_offers_list(client, sql_snapshot):
        with sql_snapshot("offers_public_list"):
            client.get(reverse("offers:public_list"))

compares the statements of the block with ``tests/snapshots/sql/offers_public_list.sql``.

Regenerate every snapshot (after a change that alters the queries on purpose; then read the diff)::

    UPDATE_SQL_SNAPSHOTS=1 .venv/bin/python -m terredemplois.devservices test tests/snapshots -q

With ``UPDATE_SQL_SNAPSHOTS=1`` the files are (re)written instead of compared; without it a missing file
fails and says how to create it.

Normalisation (``normalize_statement``), so that the files depend on the shape of the statements and not
on the data of a run: SAVEPOINT / RELEASE / ROLLBACK TO statements dropped; string literals replaced by
``'<str>'`` (``'<timestamp>'`` for dates and times), numbers by ``<n>``; lists of literals (``IN (…)``,
``ARRAY[…]``) collapsed to one ``…``; whitespace collapsed, then the statement laid out by sqlparse (one
clause a line) for readable diffs. Double-quoted identifiers are kept as they are, except the names of
Django's server-side cursors (``"_django_curs_<id>"``).

The fixture is imported by tests/conftest.py, so every test can ask for it."""

import difflib
import os
import re
from pathlib import Path

import pytest
import sqlparse
from django.db import connection
from django.test.utils import CaptureQueriesContext

BASE_DIR = Path(__file__).resolve().parent.parent
SNAPSHOT_DIR = BASE_DIR / "tests" / "snapshots" / "sql"
UPDATE_ENV = "UPDATE_SQL_SNAPSHOTS"
REGENERATE = f"{UPDATE_ENV}=1 .venv/bin/python -m terredemplois.devservices test tests/snapshots -q"

_CURSOR_NAME = re.compile(r'"_django_curs_\w+"')  # server-side cursors: named after the thread and a counter
_SAVEPOINT = re.compile(r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.IGNORECASE)
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}(:?\d{2})?|Z)?)?$")
_TOKEN = re.compile(r"""
    (?P<identifier>"(?:[^"]|"")*")          # "table"."column": kept
  | (?P<string>(?:(?<!\w)[EeBbXx])?'(?:[^']|'')*')   # 'text', E'te\\xt'
  | (?P<number>(?<![\w$.])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w$]))
""", re.VERBOSE)
_LITERAL = r"(?:<n>|'<str>'|'<timestamp>'|NULL|TRUE|FALSE)(?:::[\w\[\]]+(?:\s\w+)*)?"
_LITERAL_LIST = re.compile(rf"\(\s*{_LITERAL}(?:\s*,\s*{_LITERAL})*\s*\)", re.IGNORECASE)
_ARRAY = re.compile(rf"ARRAY\[\s*(?:{_LITERAL}(?:\s*,\s*{_LITERAL})*)?\s*\]", re.IGNORECASE)


def _literal(match: re.Match) -> str:
    if match.group("identifier"):
        return match.group("identifier")
    if match.group("number"):
        return "<n>"
    text = match.group("string")
    body = text[text.index("'") + 1:-1]
    return "'<timestamp>'" if _TIMESTAMP.match(body) else "'<str>'"


def normalize_statement(sql: str) -> str | None:
    """The statement with its data replaced by placeholders; None for a statement left out (savepoints)."""
    if _SAVEPOINT.match(sql):
        return None
    sql = _CURSOR_NAME.sub('"_django_curs_<id>"', sql)
    sql = _TOKEN.sub(_literal, sql)
    sql = _ARRAY.sub("ARRAY[…]", sql)
    sql = re.sub(r"\bIN\s*" + _LITERAL_LIST.pattern, "IN (…)", sql, flags=re.IGNORECASE)
    sql = " ".join(sql.split())
    laid_out = sqlparse.format(sql, reindent=True, indent_width=2, wrap_after=100)
    return "\n".join(line.rstrip() for line in laid_out.splitlines() if line.strip())  # blank lines part statements


def render_snapshot(statements: list[str], origin: str) -> str:
    normalised = [s for s in (normalize_statement(sql) for sql in statements) if s is not None]
    header = [f"-- SQL snapshot of {origin}", f"-- statements: {len(normalised)}. Regenerate: {REGENERATE}"]
    return "\n".join(header) + "\n\n" + "".join(f"{statement};\n\n" for statement in normalised).rstrip() + "\n"


class SnapshotMismatch(AssertionError):
    pass


def compare_or_write(path: Path, text: str, update: bool) -> None:
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
        return
    if not path.exists():
        shown = path.relative_to(BASE_DIR) if path.is_relative_to(BASE_DIR) else path
        raise SnapshotMismatch(f"No SQL snapshot {shown}: create it with\n    {REGENERATE}")
    expected = path.read_text()
    if expected != text:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), text.splitlines(keepends=True),
                                            fromfile=f"{path.name} (committed)", tofile=f"{path.name} (this run)"))
        raise SnapshotMismatch(f"The SQL statements changed. If that is intended, regenerate with\n"
                               f"    {REGENERATE}\nand commit the diff:\n{diff}")


_names_used: dict[str, str] = {}


class _Capture:
    def __init__(self, name: str, origin: str, update: bool):
        if not re.fullmatch(r"[a-z0-9_]+", name):
            raise ValueError(f"snapshot names are lower_snake_case: {name!r}")
        owner = _names_used.setdefault(name, origin)
        if owner != origin:
            raise ValueError(f"snapshot {name!r} is already written by {owner}")
        self.path = SNAPSHOT_DIR / f"{name}.sql"
        self.origin = origin
        self.update = update
        self.context = CaptureQueriesContext(connection)

    def __enter__(self):
        self.context.__enter__()
        return self.context

    def __exit__(self, exc_type, exc, tb):
        self.context.__exit__(exc_type, exc, tb)
        if exc_type is None:
            text = render_snapshot([q["sql"] for q in self.context.captured_queries], self.origin)
            try:
                compare_or_write(self.path, text, self.update)
                message = None
            except SnapshotMismatch as mismatch:
                message = str(mismatch)
            if message:
                pytest.fail(message, pytrace=False)
        return False


@pytest.fixture
def sql_snapshot(request):
    """``with sql_snapshot("name"): …`` compares the block's SQL with tests/snapshots/sql/name.sql."""

    def capture(name: str) -> _Capture:
        update = os.environ.get(UPDATE_ENV, "") not in {"", "0"}
        return _Capture(name, request.node.nodeid.split("[")[0], update)

    return capture
