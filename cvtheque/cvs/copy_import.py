"""The bulk import's write path: a chunk of validated lines COPY'd into a temporary table, then upserted into
``cvtheque_cv`` in one statement that computes the search columns at once (the same expressions as
``documents.write_search_columns``, the same parts as ``documents.document_parts``).

Each CV is written once: its INSERT (or its UPDATE, for an external id already imported) carries its search
vectors, so that the entry triggers (migration 0005) write its ``CVSearchEntry`` once, with them. Writing it
through the ORM inserted the CV without vectors, then updated it with them: two writes of the wide row, of its
TOAST and of its entry, and a round trip per 1 000 rows each time. Lines with a document go through the ORM
(``importing._write_chunk_orm``): the file is stored and read first."""

import csv
import io
from types import SimpleNamespace

from django.db import connection
from django.utils import timezone

from cvtheque.cvs.enums import ExtractionStatus
from cvtheque.cvs.facts import apply_facts
from cvtheque.cvs.models import CV
from cvtheque.search.documents import document_parts, search_column_expressions, search_vector_lateral
from cvtheque.search.ranking import PARTS
from referentials.query import metier_forms_held, restore_metier_forms

STAGE = "cvtheque_cv_import_stage"
# The CV columns a line gives (``importing.parse_line``'s keys), in the staging table's order.
LINE_COLUMNS = ("source", "external_id", "first_name", "last_name", "email", "phone", "headline", "commune_id",
                "mobility_km", "contract_types", "availability", "driving_licence", "education_level", "summary",
                "skills", "experience", "extracted_text", "is_visible", "rqth", "rqth_visible")
PART_COLUMNS = tuple(f"part_{part.name}" for part in PARTS)
# The facts read from the line's text (``facts.apply_facts``), as ``CV.save`` stores them.
FACT_COLUMNS = ("licences", "caces", "diplomas")
STAGE_COLUMNS = (*LINE_COLUMNS, *FACT_COLUMNS, "metier_ids", *PART_COLUMNS)
_quote = connection.ops.quote_name
_CV_TABLE = _quote(CV._meta.db_table)
_THROUGH = CV.metiers.through._meta.db_table

# Computed by the upsert, not taken from the line.
_COMPUTED = {
    **search_column_expressions("s.part_"),
    "updated_at": "%(now)s",
    "created_at": "%(now)s",
    "visible_since": "CASE WHEN s.is_visible THEN %(now)s::timestamptz END",
    "extraction_status": f"CASE WHEN s.extracted_text <> '' THEN '{ExtractionStatus.DONE}'"
                         f" ELSE '{ExtractionStatus.NONE}' END",
}
# Kept from the CV already imported: its creation, and the moment it became visible when it already was
# (``CV.set_visibility``).
_KEPT_ON_UPDATE = {"created_at"}
_ON_UPDATE = {
    "visible_since": "CASE WHEN NOT EXCLUDED.is_visible THEN NULL WHEN cv.is_visible THEN cv.visible_since"
                     " ELSE EXCLUDED.visible_since END",
}


def _insert_columns() -> list[tuple[str, str]]:
    """(column, SQL value) of every concrete CV column but the id: from the line, computed, or the field's
    default (a column added to the model later gets its default without touching this module)."""
    columns = []
    for field in CV._meta.concrete_fields:
        if field.primary_key:
            continue
        column = field.column
        if column in LINE_COLUMNS or column in FACT_COLUMNS:
            columns.append((column, f"s.{_quote(column)}"))
        elif column in _COMPUTED:
            columns.append((column, _COMPUTED[column]))
        else:
            columns.append((column, None))  # the field's default, bound as a parameter
    return columns


def _upsert_sql() -> tuple[str, list]:
    columns = _insert_columns()
    defaults, values = [], []
    for column, value in columns:
        if value is None:
            field = next(f for f in CV._meta.concrete_fields if f.column == column)
            defaults.append(field.get_db_prep_save(field.get_default(), connection))
            values.append(f"%(default_{len(defaults) - 1})s")
        else:
            values.append(value)
    updated = [column for column, value in columns
               if (column in LINE_COLUMNS or column in FACT_COLUMNS or column in _COMPUTED)
               and column not in _KEPT_ON_UPDATE]
    sets = ", ".join(f"{_quote(c)} = {_ON_UPDATE.get(c, f'EXCLUDED.{_quote(c)}')}" for c in updated)
    sql = f"""
INSERT INTO {_CV_TABLE} AS cv ({", ".join(_quote(c) for c, _v in columns)})
SELECT {", ".join(values)} FROM {STAGE} AS s {search_vector_lateral("s.part_")}
ON CONFLICT (source, external_id) WHERE NOT (external_id = '') DO UPDATE SET {sets}
RETURNING cv.id, (cv.xmax = 0) AS created, cv.source, cv.external_id"""
    return sql, defaults


def _ensure_stage(cursor) -> None:
    """A temporary table shaped like the lines (the CV's own column types), emptied for each chunk."""
    cursor.execute(f"""
CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE} AS
SELECT {", ".join(_quote(c) for c in (*LINE_COLUMNS, *FACT_COLUMNS))}, ARRAY[]::bigint[] AS metier_ids,
       {", ".join(f"''::text AS {c}" for c in PART_COLUMNS)}
  FROM {_CV_TABLE} WITH NO DATA""")
    cursor.execute(f"TRUNCATE {STAGE}")


def _csv_value(value):
    if value is None:
        return None  # unquoted empty field: NULL
    if isinstance(value, list):  # a PostgreSQL array literal, each element quoted (free texts: diplomas)
        return "{" + ",".join('"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in value) + "}"
    if isinstance(value, str):
        return value.replace("\x00", "")
    return value


def stage_rows(rows, metier_forms: dict[int, list[str]]) -> io.StringIO:
    """The chunk's lines as CSV for ``COPY``: the line's columns, its facts, its métier ids and its document
    parts."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NOTNULL, lineterminator="\n")
    with metier_forms_held():  # the métier index's version read once per chunk, not once per CV
        for fields, metier_ids in rows:
            cv = SimpleNamespace(**fields)  # what the facts and the parts read: the line's fields, no model
            facts = apply_facts(cv)
            parts = document_parts(cv, [form for m in metier_ids for form in metier_forms[m]], facts)
            writer.writerow([v.replace("\x00", "") if type(v) is str else _csv_value(v)  # _csv_value, inlined
                             for v in (*(fields[c] for c in LINE_COLUMNS), facts.licences, facts.caces,
                                       facts.diplomas, metier_ids, *parts)])
    buffer.seek(0)
    return buffer


# --- staging in worker processes (``importing``): what they are given once, since they touch no database
_worker_metier_forms: dict[int, list[str]] = {}


def prepare_staging_worker(metier_forms_snapshot: dict, metier_forms: dict[int, list[str]]) -> None:
    """A staging process's set-up (``toolkit.processes.django_worker``): the métier index and names of the
    importing process (``referentials.query.metier_forms_snapshot``), and the forms of each métier."""
    restore_metier_forms(metier_forms_snapshot)
    _worker_metier_forms.clear()
    _worker_metier_forms.update(metier_forms)


def stage_csv(rows) -> str:
    """``stage_rows`` in a staging process: the CSV given to ``copy_upsert(..., staged=)``."""
    return stage_rows(rows, _worker_metier_forms).getvalue()


def copy_upsert(rows, metier_forms: dict[int, list[str]], staged: str | None = None) -> tuple[int, int]:
    """Write a chunk of validated lines (``(fields, métier ids)``, one line per source + external id), inside
    the caller's transaction; returns (created, updated). ``staged``: ``stage_rows`` of these rows when
    already computed (by a staging process)."""
    if not rows:
        return 0, 0
    data = stage_rows(rows, metier_forms) if staged is None else io.StringIO(staged)
    sql, defaults = _upsert_sql()
    parameters = {"now": timezone.now(), **{f"default_{i}": value for i, value in enumerate(defaults)}}
    with connection.cursor() as cursor:
        _ensure_stage(cursor)
        cursor.cursor.copy_expert(f"COPY {STAGE} ({', '.join(STAGE_COLUMNS)}) FROM STDIN WITH (FORMAT csv)", data)
        cursor.execute(sql, parameters)
        written = cursor.fetchall()
        updated_ids = [pk for pk, created, _source, _external_id in written if not created]
        if updated_ids:
            cursor.execute(f"DELETE FROM {_THROUGH} WHERE cv_id = ANY(%s)", [updated_ids])
        ids = {(source, external_id): pk for pk, _created, source, external_id in written}
        links = [(ids[fields["source"], fields["external_id"]], m) for fields, metier_ids in rows for m in metier_ids]
        if links:
            cursor.execute(f"INSERT INTO {_THROUGH} (cv_id, metier_id)"
                           f" SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
                           [[cv_id for cv_id, _m in links], [m for _cv_id, m in links]])
        cursor.execute(f"TRUNCATE {STAGE}")
    created = sum(1 for _pk, was_created, _source, _external_id in written if was_created)
    return created, len(written) - created
