import time

from django.core.management.base import BaseCommand

from referentials.loader import load_referentials


class Command(BaseCommand):
    help = ("Charge les référentiels (communes, EPCI, départements, régions, secteurs NAF, métiers) "
            "depuis referentials/data/. Idempotent : un fichier inchangé est ignoré.")

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="recharger même les fichiers inchangés")
        parser.add_argument("--reset-metiers", action="store_true",
                            help="remettre les métiers existants tels que dans metiers.txt (écrase les modifications)")

    def handle(self, *args, force=False, reset_metiers=False, **options):
        started = time.monotonic()
        report = load_referentials(force=force, reset_metiers=reset_metiers)
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Référentiels chargés en {time.monotonic() - started:.1f} s."))
