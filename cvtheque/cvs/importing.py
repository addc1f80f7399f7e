"""Bulk import of CVs from JSON Lines (``manage.py import_cvs``), also used by the generator and the demo.

One JSON object per line:

    {"external_id": "salon-2026-0001",           required, unique per source: re-importing updates
     "source": "import",                          optional: "import" (default) or "spouse"
     "first_name": "Julie", "last_name": "Martin", required
     "email": "julie@exemple.fr", "phone": "06 12 34 56 78",
     "headline": "Préparatrice de commandes",     required (« Titre »)
     "metiers": ["Préparateur de commandes"],     names (masculine, feminine or synonym) from the referential
     "commune": "11069" or "Carcassonne",         INSEE code or name
     "mobility_km": 20,                           0–200
     "contract_types": ["cdi", "interim"],        values of cvtheque.cvs.enums.ContractType
     "availability": "immediate",                 immediate | 1_month | 3_months | later
     "driving_licence": true,
     "education_level": "bac",                    none | cap_bep | bac | bac2 | bac3 | bac5
     "summary": "…", "skills": "…", "experience": "…",
     "text": "full text of the CV",               searchable (extracted text)
     "document": "cvs/julie.pdf",                 optional path (relative to the file) of a PDF/DOCX/ODT
     "visible": true,                             consent to appear in the CVthèque (default false)
     "rqth": false, "rqth_visible": false}        RQTH declared by the person, and consent to show it

A bad line is reported with its number and reason and nothing of it is written; good lines are imported.
"""

import collections
import dataclasses
import functools
import json
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from django.core.files import File
from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone

from cvtheque.cvs import extraction
from cvtheque.cvs.copy_import import copy_upsert, stage_csv
from cvtheque.cvs.enums import Availability, ContractType, CVSource, EducationLevel, ExtractionStatus
from cvtheque.cvs.facts import apply_facts
from cvtheque.cvs.models import CV
from cvtheque.search.documents import document_parts, update_search_columns, write_search_columns
from referentials.models import Commune, Metier
from referentials.query import metier_forms, metier_forms_snapshot
from toolkit.processes import django_worker
from toolkit.text import fold

REQUIRED = ("external_id", "first_name", "last_name", "headline")
TEXT_LIMITS = {"first_name": 100, "last_name": 100, "phone": 30, "headline": 200, "email": 254}


class LineError(Exception):
    pass


@dataclasses.dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    warnings: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    staging_workers: int = 0  # the processes that staged the chunks (0: staged by the writer thread)


class Lookups:
    """Communes and métiers loaded once (folded names), so that lines are validated without queries."""

    def __init__(self):
        self.commune_by_insee, self.commune_by_name = {}, {}
        for pk, insee, name in Commune.objects.order_by("population").values_list("pk", "insee", "name"):
            self.commune_by_insee[insee] = pk
            self.commune_by_name[fold(name)] = pk  # the most populated wins
        self.metier_by_name, self.metier_forms = {}, {}
        for metier in Metier.objects.only("name", "name_feminine", "synonyms"):
            self.metier_forms[metier.pk] = metier_forms(metier)
            for form in self.metier_forms[metier.pk]:
                self.metier_by_name.setdefault(fold(form), metier.pk)


def _text(data, key, default=""):
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, (str, int, float)):
        raise LineError(f"« {key} » doit être un texte")
    value = str(value).strip()
    if key in TEXT_LIMITS and len(value) > TEXT_LIMITS[key]:
        raise LineError(f"« {key} » dépasse {TEXT_LIMITS[key]} caractères")
    return value


def _bool(data, key):
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise LineError(f"« {key} » doit valoir true ou false")
    return value


@functools.cache
def _values(choices) -> frozenset[str]:
    """A ``TextChoices``' values, listed once (Django builds the list at every access)."""
    return frozenset(choices.values)


def _choice(data, key, choices, default):
    value = data.get(key) or default
    if value not in _values(choices):
        raise LineError(f"« {key} » inconnu : {value!r} (valeurs possibles : {', '.join(choices.values)})")
    return value


def parse_line(raw: str, lookups: Lookups, base_dir: Path) -> tuple[dict, list[int], Path | None, list[str]]:
    """Validate one line; returns (CV fields, métier ids, document path, warnings) or raises LineError."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LineError(f"JSON invalide ({exc.msg}, colonne {exc.colno})") from exc
    if not isinstance(data, dict):
        raise LineError("la ligne doit être un objet JSON")
    missing = [key for key in REQUIRED if not str(data.get(key) or "").strip()]
    if missing:
        raise LineError("champ(s) obligatoire(s) manquant(s) : " + ", ".join(missing))
    warnings = []
    commune_id = None
    if data.get("commune"):
        commune = str(data["commune"]).strip()
        commune_id = lookups.commune_by_insee.get(commune) or lookups.commune_by_name.get(fold(commune))
        if commune_id is None:
            raise LineError(f"commune inconnue : {commune!r}")
    metiers = data.get("metiers") or []
    if not isinstance(metiers, list):
        raise LineError("« metiers » doit être une liste")
    metier_ids = []
    for name in metiers:
        pk = lookups.metier_by_name.get(fold(str(name)))
        if pk is None:
            warnings.append(f"métier inconnu ignoré : {name!r}")
        elif pk not in metier_ids:
            metier_ids.append(pk)
    contract_types = data.get("contract_types") or []
    if not isinstance(contract_types, list) or any(c not in _values(ContractType) for c in contract_types):
        raise LineError(f"« contract_types » : valeurs possibles {', '.join(ContractType.values)}")
    try:
        mobility = int(data.get("mobility_km") or 0)
    except (TypeError, ValueError) as exc:
        raise LineError("« mobility_km » doit être un nombre de kilomètres") from exc
    if not 0 <= mobility <= 200:
        raise LineError("« mobility_km » doit être compris entre 0 et 200")
    source = _choice(data, "source", CVSource, CVSource.IMPORT)
    if source == CVSource.CANDIDATE:
        raise LineError("« source » : un import ne peut pas créer de CV de candidat inscrit")
    rqth, rqth_visible = _bool(data, "rqth"), _bool(data, "rqth_visible")
    if rqth_visible and not rqth:
        raise LineError("« rqth_visible » sans « rqth »")
    document = None
    if data.get("document"):
        document = (base_dir / str(data["document"])).resolve()
        if not document.is_file():
            raise LineError(f"document introuvable : {data['document']}")
    visible = _bool(data, "visible")
    fields = {
        "source": source,
        "external_id": _text(data, "external_id")[:100],
        "first_name": _text(data, "first_name"), "last_name": _text(data, "last_name"),
        "email": _text(data, "email"), "phone": _text(data, "phone"), "headline": _text(data, "headline"),
        "commune_id": commune_id, "mobility_km": mobility, "contract_types": contract_types,
        "availability": _choice(data, "availability", Availability, Availability.IMMEDIATE),
        "driving_licence": _bool(data, "driving_licence"),
        "education_level": _choice(data, "education_level", EducationLevel, EducationLevel.NONE)
        if data.get("education_level") else "",
        "summary": _text(data, "summary"), "skills": _text(data, "skills"), "experience": _text(data, "experience"),
        "extracted_text": _text(data, "text")[: extraction.MAX_TEXT_CHARS].replace("\x00", ""),
        "is_visible": visible, "rqth": rqth, "rqth_visible": rqth_visible,
    }
    return fields, metier_ids, document, warnings


def _copied_rows(rows) -> list[tuple[dict, list[int]]]:
    """The lines of a chunk written by ``copy_upsert`` (those without a document), as it takes them."""
    return [(f, m) for _n, f, m, document in rows if document is None]


def _write_chunk(rows, report: ImportReport, lookups: Lookups, staged: str | None = None) -> None:
    """Upsert the validated lines of one chunk in one transaction (by source + external id): COPY'd and
    upserted in one statement (``copy_import``), those with a document through the ORM. ``staged``: the
    COPY's CSV when a staging process computed it."""
    created, updated = copy_upsert(_copied_rows(rows), lookups.metier_forms, staged)
    with_documents = [row for row in rows if row[3] is not None]
    if with_documents:
        _write_chunk_orm(with_documents, report, lookups)
    report.created += created  # once every write of the chunk is done: a failed chunk is retried line by line
    report.updated += updated


def _write_chunk_orm(rows, report: ImportReport, lookups: Lookups) -> None:
    """Upsert validated lines through the ORM (lines with a document: the file is stored and read first)."""
    now = timezone.now()
    by_key = {(f["source"], f["external_id"]): (number, f, m, d) for number, f, m, d in rows}
    existing = {}
    for source in {k[0] for k in by_key}:
        ids = [k[1] for k in by_key if k[0] == source]
        for cv in CV.objects.filter(source=source, external_id__in=ids).only("pk", "external_id", "source",
                                                                              "is_visible", "visible_since"):
            existing[(cv.source, cv.external_id)] = cv
    to_create, to_update = [], []
    for key, (_number, fields, _metiers, _doc) in by_key.items():
        cv = existing.get(key) or CV(created_at=now)
        was_visible = cv.is_visible if cv.pk else False
        for name, value in fields.items():
            setattr(cv, name, value)
        cv.is_visible = was_visible
        cv.set_visibility(fields["is_visible"])
        cv.updated_at = now
        cv.extraction_status = ExtractionStatus.DONE if fields["extracted_text"] else ExtractionStatus.NONE
        apply_facts(cv)
        (to_update if cv.pk else to_create).append(cv)
    CV.objects.bulk_create(to_create, batch_size=1000)
    update_fields = [*rows[0][1].keys(), "visible_since", "updated_at", "extraction_status", "licences", "caces",
                     "diplomas"]
    update_fields = [f.removesuffix("_id") if f == "commune_id" else f for f in update_fields]
    CV.objects.bulk_update(to_update, update_fields, batch_size=1000)
    saved = {(cv.source, cv.external_id): cv for cv in [*to_create, *to_update]}
    through = CV.metiers.through
    through.objects.filter(cv_id__in=[cv.pk for cv in to_update]).delete()
    through.objects.bulk_create(
        [through(cv_id=saved[k].pk, metier_id=m) for k, (_n, _f, metiers, _d) in by_key.items() for m in metiers],
        batch_size=5000,
    )
    with_documents = []
    for key, (_number, _fields, _metiers, document) in by_key.items():
        if document is not None:
            _attach(saved[key], document)
            with_documents.append(saved[key].pk)
    write_search_columns([
        (saved[key].pk, *document_parts(saved[key], [f for m in metiers for f in lookups.metier_forms[m]]))
        for key, (_n, _f, metiers, document) in by_key.items() if document is None
    ])
    update_search_columns(with_documents)
    report.created += len(to_create)
    report.updated += len(to_update)


def _attach(cv: CV, path: Path) -> None:
    with path.open("rb") as handle:
        data = handle.read(extraction.MAX_DOCUMENT_BYTES + 1)
    kind = extraction.sniff_kind(data[:8], data)
    if len(data) > extraction.MAX_DOCUMENT_BYTES or kind is None:
        raise LineError(f"document refusé : {path.name} ({extraction.MSG_WRONG_TYPE})")
    if cv.document:
        cv.document.delete(save=False)
    with path.open("rb") as handle:
        cv.document.save(f"cv.{kind}", File(handle), save=False)
    cv.document_name = path.name[-255:]
    if not cv.extracted_text:
        try:
            cv.extracted_text = extraction.extract_text(data, kind)
            cv.extraction_status = ExtractionStatus.DONE
        except extraction.ExtractionError as exc:
            cv.extraction_status, cv.extraction_error = ExtractionStatus.FAILED, str(exc)
    CV.objects.filter(pk=cv.pk).update(document=cv.document.name, document_name=cv.document_name,
                                       extracted_text=cv.extracted_text, extraction_status=cv.extraction_status,
                                       extraction_error=cv.extraction_error)


def _write_or_retry(chunk, report: ImportReport, lookups: Lookups, staged: Future | None = None) -> None:
    """Write a chunk atomically; if it fails in the database, its lines one by one (each atomic).
    ``staged``: the chunk's CSV being computed by a staging process."""
    csv_text = staged.result() if staged is not None else None
    try:
        with transaction.atomic():
            _write_chunk(chunk, report, lookups, csv_text)
    except (IntegrityError, DataError, LineError, OSError):
        for row in chunk:
            try:
                with transaction.atomic():
                    _write_chunk([row], report, lookups)
            except (IntegrityError, DataError, LineError, OSError) as exc:
                report.errors.append((row[0], str(exc).splitlines()[0][:200]))


class _Writer:
    """Writes the chunks on another thread and connection while this one reads and checks the next lines:
    PostgreSQL (the vectors, the triggers, the indexes) works on one core while Python works on the other.
    The chunks are written in order, each once the previous one is committed. Inside a transaction (the
    demo data, the tests) another connection would not see its rows: the chunks are then written at once on
    this connection.

    Once the file has more than one chunk (and outside a transaction), the Python half of each write (the
    facts, the document parts and the CSV: ``copy_import.stage_rows``) is computed ahead by ``workers``
    processes ("spawn": this process has threads and open connections), given what they need when they start
    (the métier forms and index), so that they touch neither the database nor the cache; the writer thread
    COPYs and upserts their CSVs in order. A chunk that fails is retried line by line by the writer thread."""

    def __init__(self, report: ImportReport, lookups: Lookups, workers: int):
        self.report, self.lookups = report, lookups
        self.executor = None if connection.in_atomic_block else ThreadPoolExecutor(1, "import-writer")
        # a daemonic process (a pool's worker) may not start processes of its own
        self.workers = workers if self.executor is not None and not multiprocessing.current_process().daemon else 0
        self.pool: ProcessPoolExecutor | None = None
        self.pending: collections.deque[Future] = collections.deque()

    def write(self, chunk, more: bool = False) -> None:
        """Write ``chunk``; ``more``: other lines follow (the file has more than one chunk)."""
        if self.executor is None:
            _write_or_retry(chunk, self.report, self.lookups)
            return
        if self.pool is None and more and self.workers > 0:
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=django_worker,
                initargs=("cvtheque.cvs.copy_import.prepare_staging_worker", metier_forms_snapshot(),
                          self.lookups.metier_forms))
            self.report.staging_workers = self.workers
        staged = None
        if self.pool is not None and (rows := _copied_rows(chunk)):
            staged = self.pool.submit(stage_csv, rows)
        # chunks staged ahead: as many as the processes, and one being written
        while len(self.pending) > (self.workers if self.pool is not None else 0):
            self._wait_oldest()
        self.pending.append(self.executor.submit(_write_or_retry, chunk, self.report, self.lookups, staged))

    def _wait_oldest(self) -> None:
        try:
            self.pending.popleft().result()  # its errors are raised here
        except BaseException:
            for future in self.pending:  # nothing is written after a chunk that failed
                future.cancel()
            self.pending.clear()
            raise

    def close(self) -> None:
        try:
            while self.pending:
                self._wait_oldest()
        finally:
            if self.executor is not None:
                self.executor.submit(lambda: connection.close()).result()  # the writer thread's connection
                self.executor.shutdown()
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)


def import_lines(lines, *, base_dir: Path = Path("."), chunk_size: int = 2000, dry_run: bool = False,
                 progress=None, lookups: Lookups | None = None, workers: int | None = None) -> ImportReport:
    """Import an iterable of JSON lines. Validation happens before any write; each chunk is written
    atomically (on another connection while the next lines are read, see ``_Writer``), and if a chunk
    fails in the database its lines are retried one by one (each atomic). ``workers``: the staging
    processes of a file of several chunks (``_Writer``; None: one per core but one, 0: none)."""
    lookups = lookups or Lookups()
    report = ImportReport()
    chunk: list = []
    # one core is left to PostgreSQL (the vectors, the indexes), which writes while the processes stage
    writer = _Writer(report, lookups, max(1, (os.cpu_count() or 1) - 1) if workers is None else workers)

    def flush(more=False):
        if chunk and not dry_run:
            writer.write(list(chunk), more)
        elif dry_run:
            report.created += len(chunk)
        chunk.clear()

    seen = set()
    try:
        for number, raw in enumerate(lines, start=1):
            if progress is not None:
                progress.update(1)
            if not raw.strip():
                continue
            try:
                fields, metiers, document, warnings = parse_line(raw, lookups, base_dir)
            except LineError as exc:
                report.errors.append((number, str(exc)))
                continue
            key = (fields["source"], fields["external_id"])
            # a full chunk is written once the next line is read (the writer knows whether more follow); the
            # same person twice in a chunk: the chunk is written first, the later line wins
            if len(chunk) >= chunk_size or key in seen:
                flush(more=True)
                seen.clear()
            seen.add(key)
            report.warnings += [(number, w) for w in warnings]
            chunk.append((number, fields, metiers, document))
        flush()
    finally:
        writer.close()
    report.errors.sort()  # lines refused when read and lines refused when written, in the file's order
    return report
