"""``manage.py import_cvs FILE.jsonl``: import CVs collected by partners (job fairs, …).

The schema of a line is documented in ``cvtheque/cvs/importing.py`` and in ``--help``."""

import argparse
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from cvtheque.cvs import importing

SCHEMA = importing.__doc__.split("One JSON object per line:", 1)[1].split("A bad line")[0]
ANALYZE_AFTER = 5_000  # imported CVs


class Command(BaseCommand):
    help = (
        "Importe des CV depuis un fichier JSON Lines (un objet JSON par ligne). Un « external_id » déjà importé "
        "met le CV à jour au lieu de le dupliquer ; les lignes invalides sont signalées (numéro et raison) et "
        "les autres importées.\n\nSchéma d'une ligne :" + SCHEMA.replace("%", "%%")
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(prog_name, subcommand, formatter_class=argparse.RawDescriptionHelpFormatter,
                                     **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier .jsonl (« - » pour l'entrée standard)")
        parser.add_argument("--dry-run", action="store_true", help="vérifie les lignes sans rien écrire")
        parser.add_argument("--chunk-size", type=int, default=2000)
        parser.add_argument("--workers", type=int, default=None,
                            help="processus qui préparent les lots en parallèle (par défaut : un par cœur moins "
                                 "un, au moins un ; 0 : aucun)")

    def handle(self, *args, file, dry_run, chunk_size, workers, **options):
        if file == "-":
            handle, base_dir, total = sys.stdin, Path("."), None
        else:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"Fichier introuvable : {file}")
            with path.open("rb") as counter:
                total = sum(1 for _ in counter)
            handle, base_dir = path.open(encoding="utf-8", errors="replace"), path.parent
        started = time.monotonic()
        with tqdm(total=total, unit=" lignes", disable=not sys.stderr.isatty(), file=sys.stderr) as progress:
            report = importing.import_lines(handle, base_dir=base_dir, chunk_size=chunk_size, dry_run=dry_run,
                                            progress=progress, workers=workers)
        if handle is not sys.stdin:
            handle.close()
        if not dry_run and report.created + report.updated >= ANALYZE_AFTER:
            # fresh word statistics for the planner (autovacuum would get there, later)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE cvtheque_cv, cvtheque_cvsearchentry")
        elapsed = time.monotonic() - started
        for number, reason in report.errors:
            self.stderr.write(f"Ligne {number} : {reason}")
        for number, reason in report.warnings[:50]:
            self.stdout.write(f"Ligne {number} (avertissement) : {reason}")
        done = report.created + report.updated
        verb = "seraient importés" if dry_run else "importés"
        self.stdout.write(
            f"{done} CV {verb} ({report.created} créés, {report.updated} mis à jour), "
            f"{len(report.errors)} ligne(s) refusée(s), {len(report.warnings)} avertissement(s) "
            f"en {elapsed:.1f} s ({done / elapsed if elapsed else 0:.0f} CV/s)"
            + (f", préparés par {report.staging_workers} processus." if report.staging_workers else ".")
        )
