"""``manage.py apply_retention [--dry-run]``: what the daily retention task does (CNIL), now."""

from django.core.management.base import BaseCommand

from cvtheque.retention.services import apply_retention, plan_retention


class Command(BaseCommand):
    help = "Applique les durées de conservation (CV masqués, CV importés, candidatures et comptes supprimés)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="afficher ce qui serait fait, sans rien modifier")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            self.stdout.write("Simulation : rien n'est modifié.")
            for line in plan_retention().lines():
                self.stdout.write(line)
            return
        for step, count in apply_retention().items():
            self.stdout.write(f"{step} : {count}")
