"""Backup and restore of the PostgreSQL database (``manage.py backup_database`` / ``restore_database``).

A backup is a ``pg_dump`` custom-format file plus a manifest of the row count of every table, both taken from
one snapshot (``pg_export_snapshot``): the counts are exact even while the site writes. A restore goes into a
fresh database (never the one the site uses) with ``pg_restore``, then compares its row counts with the
manifest: a restore that lost anything says which table."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg2
from psycopg2 import sql

TABLES_SQL = """
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname
"""


class BackupError(Exception):
    """A backup or restore that failed; the message is French, for the operator."""


@dataclass
class Server:
    """Where a database lives, from Django's ``DATABASES`` entry."""

    host: str
    port: str
    user: str
    password: str

    @classmethod
    def from_settings(cls, db: dict) -> Server:
        return cls(host=db.get("HOST") or "", port=str(db.get("PORT") or ""), user=db.get("USER") or "",
                   password=db.get("PASSWORD") or "")

    def connect(self, dbname: str):
        return psycopg2.connect(dbname=dbname, host=self.host or None, port=self.port or None,
                                user=self.user or None, password=self.password or None, connect_timeout=10)

    def env(self) -> dict:
        """libpq's environment for pg_dump / pg_restore (no password on a command line)."""
        env = dict(os.environ)
        for name, value in (("PGHOST", self.host), ("PGPORT", self.port), ("PGUSER", self.user),
                            ("PGPASSWORD", self.password)):
            if value:
                env[name] = value
        return env


def pg_tool(name: str, pg_bin: str | None = None) -> str:
    path = Path(pg_bin) / name if pg_bin else shutil.which(name)
    if not path or not Path(path).exists():
        raise BackupError(f"{name} est introuvable : installez le client PostgreSQL ou indiquez --pg-bin.")
    return str(path)


def row_counts(cursor) -> dict[str, int]:
    cursor.execute(TABLES_SQL)
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def manifest_path(dump: Path) -> Path:
    return dump.with_name(dump.name + ".counts.json")


def backup(server: Server, dbname: str, output: Path, pg_bin: str | None = None) -> dict[str, int]:
    """Dump ``dbname`` to ``output`` and write its manifest; returns the row counts."""
    output.parent.mkdir(parents=True, exist_ok=True)
    conn = server.connect(dbname)
    try:
        conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts(cursor)
            done = subprocess.run([pg_tool("pg_dump", pg_bin), "--format=custom", f"--snapshot={snapshot}",
                                   f"--file={output}", "--dbname", dbname], env=server.env(),
                                  capture_output=True, text=True)
        if done.returncode:
            raise BackupError(f"pg_dump a échoué : {done.stderr.strip()[:2000]}")
    finally:
        conn.close()
    manifest_path(output).write_text(json.dumps({"database": dbname, "counts": counts}, indent=1, sort_keys=True))
    return counts


def restore(server: Server, dump: Path, into: str, *, protected: set[str], pg_bin: str | None = None) -> dict:
    """Restore ``dump`` into a fresh database ``into`` and compare its row counts with the manifest.

    Returns {"tables": n, "rows": n, "differences": {table: (expected, restored)}}."""
    if into in protected:
        raise BackupError(f"La base « {into} » est celle du site : restaurez dans une autre base, puis basculez.")
    if not dump.exists():
        raise BackupError(f"Sauvegarde introuvable : {dump}")
    manifest = manifest_path(dump)
    if not manifest.exists():
        raise BackupError(f"Manifeste introuvable à côté de la sauvegarde : {manifest}")
    expected = json.loads(manifest.read_text())["counts"]
    admin = server.connect("postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(into)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(into)))
    finally:
        admin.close()
    done = subprocess.run([pg_tool("pg_restore", pg_bin), "--no-owner", "--no-acl", "--exit-on-error",
                           "--dbname", into, str(dump)], env=server.env(), capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"pg_restore a échoué : {done.stderr.strip()[:2000]}")
    conn = server.connect(into)
    try:
        with conn.cursor() as cursor:
            restored = row_counts(cursor)
    finally:
        conn.close()
    differences = {table: (count, restored.get(table)) for table, count in expected.items()
                   if restored.get(table) != count}
    differences.update({table: (None, count) for table, count in restored.items() if table not in expected})
    return {"tables": len(restored), "rows": sum(restored.values()), "differences": differences}


def drop_database(server: Server, name: str) -> None:
    admin = server.connect("postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    finally:
        admin.close()
