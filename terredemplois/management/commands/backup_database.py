"""Back up the site's database: ``pg_dump`` (custom format) and the row count of every table, from one
snapshot. ``--verify`` then restores it into a scratch database, compares the counts, and drops it.

    python manage.py backup_database --output /sauvegardes/tde-2026-11-29.dump --verify
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from toolkit.backup import BackupError, Server, backup, drop_database, restore


class Command(BaseCommand):
    help = "Sauvegarde la base (pg_dump + nombre de lignes par table) ; --verify la restaure à part et compare."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="fichier de sauvegarde (par défaut : .data/backups/<base>-<date>.dump)")
        parser.add_argument("--verify", action="store_true",
                            help="restaurer dans une base temporaire, comparer les lignes, puis la supprimer")
        parser.add_argument("--pg-bin", help="dossier de pg_dump / pg_restore (même version que le serveur)")

    def handle(self, *args, output=None, verify=False, pg_bin=None, **options):
        db = settings.DATABASES["default"]
        server = Server.from_settings(db)
        path = Path(output) if output else (
            Path(settings.DATA_DIR) / "backups" / f"{db['NAME']}-{timezone.now():%Y%m%d-%H%M%S}.dump")
        started = time.monotonic()
        try:
            counts = backup(server, db["NAME"], path, pg_bin=pg_bin)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Sauvegarde : {path} ({path.stat().st_size / 1e6:.1f} Mo), {len(counts)} tables, "
                          f"{sum(counts.values())} lignes, en {time.monotonic() - started:.1f} s.")
        if not verify:
            return
        scratch = f"{db['NAME']}_verif_restauration"
        started = time.monotonic()
        try:
            result = restore(server, path, scratch, protected={db["NAME"]}, pg_bin=pg_bin)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            drop_database(server, scratch)
        report_restore(self, result, scratch, time.monotonic() - started)


def report_restore(command, result: dict, into: str, seconds: float) -> None:
    if result["differences"]:
        lines = [f"  {table} : {expected} attendues, {restored} restaurées"
                 for table, (expected, restored) in sorted(result["differences"].items())]
        raise CommandError("La restauration ne correspond pas à la sauvegarde :\n" + "\n".join(lines))
    command.stdout.write(f"Restauration vérifiée dans « {into} » : {result['tables']} tables, {result['rows']} "
                         f"lignes, identiques à la sauvegarde, en {seconds:.1f} s.")
