"""Load the referential data files of ``referentials/data/`` into the database (``manage.py load_referentials``).

Idempotent: rows are upserted (``INSERT … ON CONFLICT … DO UPDATE … WHERE … IS DISTINCT FROM``), so a
second run changes nothing; a data file whose checksum is unchanged since the last load is skipped
altogether (``force=True`` reloads it). Communes go through ``COPY`` into a temporary table.
Métiers are curated in the admin: a métier of ``metiers.txt`` that already exists is left as staff
edited it unless ``reset_metiers=True``.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils.text import slugify

from .models import Commune, Metier, MetierFamily, ReferentialImport
from .search_text import metier_search_text, normalize, postal_search
from .signals import referentials_loaded

DATA_DIR = Path(__file__).resolve().parent / "data"
# Same definitions as in the migrations (referentials.models.Commune.Meta.indexes).
_ON = "CREATE INDEX {} ON referentials_commune "
REBUILT_INDEXES = {
    "commune_search_trgm": _ON.format("commune_search_trgm") + "USING gin (search_name gin_trgm_ops)",
    "commune_search_prefix": _ON.format("commune_search_prefix") + "(search_name varchar_pattern_ops)",
    "commune_postal_trgm": _ON.format("commune_postal_trgm") + "USING gin (postal_search gin_trgm_ops)",
    "commune_latlon": _ON.format("commune_latlon") + "(latitude, longitude)",
    "commune_population": _ON.format("commune_population") + "(population DESC)",
}
GEO_FILES = ("regions.json", "departements.json", "epci.json", "communes.csv.gz")


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    # existing métiers whose forms (feminine name, synonyms) or family this load rewrote
    changed_metier_ids: set[int] = field(default_factory=set)

    def lines(self) -> list[str]:
        out = [f"{name} : {self.counts[name]} lignes, {self.changed.get(name, 0)} créées ou modifiées"
               for name in self.counts]
        if self.skipped:
            out.append("Inchangés depuis le dernier chargement : " + ", ".join(self.skipped))
        return out


def _checksum(*names: str) -> str:
    digest = hashlib.sha256()
    for name in names:
        digest.update((DATA_DIR / name).read_bytes())
    return digest.hexdigest()


def _json(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _upsert(cursor, table: str, columns: list[str], key: str, rows: list[tuple], insert_only=("population",)) -> int:
    """INSERT … ON CONFLICT (key) DO UPDATE only the rows that differ; returns how many rows changed.
    ``insert_only`` columns are computed later (populations) and not compared."""
    if not rows:
        return 0
    updates = [c for c in columns if c != key and c not in insert_only]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    values = ", ".join([placeholders] * len(rows))
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "
        f"ON CONFLICT ({key}) DO UPDATE SET {', '.join(f'{c} = EXCLUDED.{c}' for c in updates)} "
        f"WHERE ({', '.join(f'{table}.{c}' for c in updates)}) IS DISTINCT FROM "
        f"({', '.join(f'EXCLUDED.{c}' for c in updates)})"
    )
    changed = 0
    for start in range(0, len(rows), 2000):
        chunk = rows[start:start + 2000]
        chunk_values = ", ".join([placeholders] * len(chunk))
        cursor.execute(sql.replace(values, chunk_values), [v for row in chunk for v in row])
        changed += cursor.rowcount
    return changed


def _load_geography(cursor, report: LoadReport) -> None:
    regions = _json("regions.json")
    report.changed["régions"] = _upsert(
        cursor, "referentials_region", ["code", "name", "search_name", "population"], "code",
        [(r["code"], r["name"], normalize(r["name"]), 0) for r in regions],
    )
    report.counts["régions"] = len(regions)
    departements = _json("departements.json")
    report.changed["départements"] = _upsert(
        cursor, "referentials_departement", ["code", "name", "region_id", "chef_lieu", "search_name", "population"],
        "code", [(d["code"], d["name"], d["region"], d["chef_lieu"], normalize(d["name"]), 0) for d in departements],
    )
    report.counts["départements"] = len(departements)
    epcis = _json("epci.json")
    report.changed["EPCI"] = _upsert(
        cursor, "referentials_epci", ["code", "name", "kind", "search_name", "population"], "code",
        [(e["code"], e["name"], e["kind"], normalize(e["name"]), 0) for e in epcis],
    )
    report.counts["EPCI"] = len(epcis)

    with gzip.open(DATA_DIR / "communes.csv.gz", "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for r in rows:
        codes = r["postal_codes"].split()
        writer.writerow([
            r["insee"], r["name"], normalize(r["name"]), json.dumps(codes), postal_search(codes), r["departement"],
            r["epci"] or None, r["parent"] or None, r["kind"], int(r["population"] or 0),
            r["latitude"] or None, r["longitude"] or None, "t" if r["approximate"] else "f",
        ])
    buffer.seek(0)
    cursor.execute(
        "CREATE TEMP TABLE tmp_commune (insee varchar(5), name varchar(100), search_name varchar(100), "
        "postal_codes jsonb, postal_search varchar(200), departement_id varchar(3), epci_id varchar(9), "
        "parent_insee varchar(5), kind varchar(30), population integer, latitude double precision, "
        "longitude double precision, approximate_location boolean) ON COMMIT DROP"
    )
    cursor.copy_expert("COPY tmp_commune FROM STDIN WITH (FORMAT csv)", buffer)
    # On an empty table (a new or test database), building the search indexes once at the end is much faster.
    cursor.execute("SELECT NOT EXISTS (SELECT 1 FROM referentials_commune)")
    rebuild = cursor.fetchone()[0]
    if rebuild:
        for index in REBUILT_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {index}")
    columns = ["insee", "name", "search_name", "postal_codes", "postal_search", "departement_id", "epci_id", "kind",
               "population", "latitude", "longitude", "approximate_location"]
    updates = [c for c in columns if c != "insee"]
    cursor.execute(
        f"INSERT INTO referentials_commune ({', '.join(columns)}) SELECT {', '.join(columns)} FROM tmp_commune "
        f"ON CONFLICT (insee) DO UPDATE SET {', '.join(f'{c} = EXCLUDED.{c}' for c in updates)} "
        f"WHERE ({', '.join(f'referentials_commune.{c}' for c in updates)}) IS DISTINCT FROM "
        f"({', '.join(f'EXCLUDED.{c}' for c in updates)})"
    )
    changed = cursor.rowcount
    cursor.execute(
        "UPDATE referentials_commune c SET parent_id = p.id FROM tmp_commune t "
        "LEFT JOIN referentials_commune p ON p.insee = t.parent_insee "
        "WHERE c.insee = t.insee AND c.parent_id IS DISTINCT FROM p.id"
    )
    changed += cursor.rowcount
    if rebuild:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # pending foreign-key checks would forbid CREATE INDEX
        for statement in REBUILT_INDEXES.values():
            cursor.execute(statement)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    report.changed["communes"] = changed
    report.counts["communes"] = len(rows)

    # Populations of the larger places: the sum of their communes (arrondissements are counted in their city).
    cursor.execute(
        "UPDATE referentials_departement d SET population = s.total FROM ("
        " SELECT departement_id, SUM(population) AS total FROM referentials_commune"
        " WHERE kind = 'commune-actuelle' GROUP BY departement_id) s "
        "WHERE d.code = s.departement_id AND d.population IS DISTINCT FROM s.total"
    )
    cursor.execute(
        "UPDATE referentials_epci e SET population = s.total FROM ("
        " SELECT epci_id, SUM(population) AS total FROM referentials_commune"
        " WHERE kind = 'commune-actuelle' AND epci_id IS NOT NULL GROUP BY epci_id) s "
        "WHERE e.code = s.epci_id AND e.population IS DISTINCT FROM s.total"
    )
    cursor.execute(
        "UPDATE referentials_region r SET population = s.total FROM ("
        " SELECT region_id, SUM(population) AS total FROM referentials_departement GROUP BY region_id) s "
        "WHERE r.code = s.region_id AND r.population IS DISTINCT FROM s.total"
    )


def _load_sectors(cursor, report: LoadReport) -> None:
    data = _json("naf.json")
    rows = [(s["code"], s["label"], None, s["code"].lower() + " " + normalize(s["label"])) for s in data["sections"]]
    rows += [(s["code"], s["label"], s["section"], s["code"].lower() + " " + normalize(s["label"]))
             for s in data["subclasses"]]
    report.changed["secteurs NAF"] = _upsert(
        cursor, "referentials_sector", ["code", "label", "section_id", "search_text"], "code", rows,
    )
    report.counts["secteurs NAF"] = len(rows)


_METIER_LINE = re.compile(r"^(?P<names>[^;]+?)\s*(?:;\s*(?P<synonyms>.*))?$")


def parse_metiers(text: str) -> list[dict]:
    """``metiers.txt`` → [{"family", "name", "name_feminine", "synonyms"}]."""
    family, result = None, []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            family = line[3:].strip()
            continue
        if line.startswith("#"):
            continue
        match = _METIER_LINE.match(line)
        names = [n.strip() for n in match.group("names").split(" / ")]
        synonyms = [s.strip() for s in (match.group("synonyms") or "").split(",") if s.strip()]
        result.append({"family": family, "name": names[0], "name_feminine": names[-1], "synonyms": synonyms})
    return result


def _load_metiers(cursor, report: LoadReport, reset: bool) -> None:
    entries = parse_metiers((DATA_DIR / "metiers.txt").read_text(encoding="utf-8"))
    families = {}
    for name in dict.fromkeys(e["family"] for e in entries):
        families[name], _ = MetierFamily.objects.get_or_create(slug=slugify(name)[:50], defaults={"name": name})
    existing = {m.name: m for m in Metier.objects.select_related("family")}
    created, updated = 0, []
    for e in entries:
        metier = existing.get(e["name"])
        if metier is None:
            metier = Metier(name=e["name"], name_feminine=e["name_feminine"], synonyms=e["synonyms"],
                            family=families[e["family"]])
            metier.search_text = metier_search_text(metier)
            existing[e["name"]] = metier
            created += 1
            metier.pk = None
            continue
        if reset and (metier.name_feminine, metier.synonyms, metier.family_id) != (
                e["name_feminine"], e["synonyms"], families[e["family"]].pk):
            metier.name_feminine, metier.synonyms = e["name_feminine"], e["synonyms"]
            metier.family = families[e["family"]]
            metier.search_text = metier_search_text(metier)
            updated.append(metier)
    Metier.objects.bulk_create([m for m in existing.values() if m.pk is None], ignore_conflicts=True)
    # one UPDATE per batch, no post_save: ``referentials_loaded`` names the changed métiers instead
    Metier.objects.bulk_update(updated, ["name_feminine", "synonyms", "family", "search_text"], batch_size=500)
    report.changed_metier_ids.update(metier.pk for metier in updated)
    report.changed["métiers"] = created + len(updated)
    report.counts["métiers"] = len(entries)


def load_referentials(force: bool = False, reset_metiers: bool = False) -> LoadReport:
    """Load every data file (see the module docstring) in one transaction."""
    report = LoadReport()
    datasets = [
        ("geographie", GEO_FILES, _load_geography),
        ("naf", ("naf.json",), _load_sectors),
        ("metiers", ("metiers.txt",), lambda cursor, rep: _load_metiers(cursor, rep, reset_metiers)),
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for name, files, loader in datasets:
            checksum = _checksum(*files)
            done = ReferentialImport.objects.filter(dataset=name, checksum=checksum).exists()
            if done and not force and not (name == "metiers" and reset_metiers):
                report.skipped.append(name)
                continue
            loader(cursor.cursor, report)
            ReferentialImport.objects.update_or_create(
                dataset=name, defaults={"checksum": checksum, "rows": sum(report.counts.values())},
            )
    if len(report.skipped) < len(datasets):
        referentials_loaded.send(sender=load_referentials, changed_metier_ids=frozenset(report.changed_metier_ids))
    return report


def ensure_loaded(snapshot: bool = False) -> bool:
    """Load the referentials if the database has none (a new test database, or after a test flush).
    With ``snapshot``, keep a copy aside the first time and restore it the next times (tests)."""
    if Commune.objects.filter(insee="11069").exists():
        return False
    if snapshot and restore_snapshot():
        return True
    ReferentialImport.objects.all().delete()
    load_referentials()
    if snapshot:
        save_snapshot()
    return True


# Tables in dependency order; a snapshot survives the flush of a transactional test (it is not a Django table).
SNAPSHOT_TABLES = ["referentials_region", "referentials_departement", "referentials_epci", "referentials_commune",
                   "referentials_metierfamily", "referentials_metier", "referentials_sector",
                   "referentials_referentialimport"]
SERIAL_TABLES = ["referentials_commune", "referentials_metierfamily", "referentials_metier",
                 "referentials_referentialimport"]


def save_snapshot() -> None:
    """Copy the loaded referentials aside (tests: restored after each flush, much faster than a reload)."""
    with connection.cursor() as cursor:
        for table in SNAPSHOT_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS snapshot_{table}")
            cursor.execute(f"CREATE UNLOGGED TABLE snapshot_{table} AS SELECT * FROM {table}")


def discard_rows_not_in_snapshot() -> int:
    """Delete the referential rows added since the snapshot (tests: what a transactional test created)."""
    deleted = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('snapshot_referentials_commune') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return 0
        for table in reversed(SNAPSHOT_TABLES):
            pk = "id" if table in SERIAL_TABLES else "code"
            cursor.execute(f"DELETE FROM {table} WHERE {pk} NOT IN (SELECT {pk} FROM snapshot_{table})")
            deleted += cursor.rowcount
    if deleted:
        referentials_loaded.send(sender=discard_rows_not_in_snapshot)
    return deleted


def restore_snapshot() -> bool:
    """Put the snapshot back into empty referential tables; False when there is no snapshot."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('snapshot_referentials_commune') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return False
        with transaction.atomic():
            for index in REBUILT_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {index}")
            for table in SNAPSHOT_TABLES:
                cursor.execute(f"INSERT INTO {table} SELECT * FROM snapshot_{table}")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for statement in REBUILT_INDEXES.values():
                cursor.execute(statement)
            for table in SERIAL_TABLES:  # ids continue after the restored rows
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1)) "
                               f"FROM {table}")
    referentials_loaded.send(sender=restore_snapshot)
    return True
