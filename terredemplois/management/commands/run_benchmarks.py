"""``make bench``: run every benchmark command the apps declare (``bench_*``), one after the
other, each printing its own figures. ``make bench BENCH_ARGS="bench_cv_search"`` runs one."""

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Lance les bancs d'essai (commandes bench_*) et affiche leurs mesures."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="bench_* commands to run (all by default)")

    def handle(self, *args, names, **options):
        available = sorted(name for name in get_commands() if name.startswith("bench_"))
        for name in names or available:
            if name not in available:
                self.stderr.write(f"Banc d'essai inconnu : {name} (disponibles : {', '.join(available)})")
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"== {name} =="))
            call_command(name, stdout=self.stdout, stderr=self.stderr)
