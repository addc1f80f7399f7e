"""Restore a backup of ``backup_database`` into a fresh database (never the one the site uses), then check
that every table has the row count of the backup's manifest.

    python manage.py restore_database /sauvegardes/tde-2026-11-29.dump --into terredemplois_restauree

Then point DATABASE_URL at the restored database and restart web, workers and beat."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from toolkit.backup import BackupError, Server, restore

from .backup_database import report_restore


class Command(BaseCommand):
    help = "Restaure une sauvegarde dans une nouvelle base et vérifie le nombre de lignes de chaque table."

    def add_arguments(self, parser):
        parser.add_argument("dump", help="fichier écrit par backup_database")
        parser.add_argument("--into", required=True, help="base à créer (remplacée si elle existe)")
        parser.add_argument("--pg-bin", help="dossier de pg_restore (même version que le serveur)")

    def handle(self, *args, dump, into, pg_bin=None, **options):
        db = settings.DATABASES["default"]
        started = time.monotonic()
        try:
            result = restore(Server.from_settings(db), Path(dump), into, protected={db["NAME"]}, pg_bin=pg_bin)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        report_restore(self, result, into, time.monotonic() - started)
