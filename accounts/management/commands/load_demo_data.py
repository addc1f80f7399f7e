"""Load the demo data every app declares in ``DEMO_MODULES`` (each a ``load(stdout)`` function),
in dependency order. Idempotent: running it twice adds nothing twice."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_MODULES = [
    "accounts.demo",
    "companies.demo",
    "offers.demo",
    "moderation.demo",
    "cvtheque.cvs.demo",
    "cvtheque.recruiting.demo",
    "cvtheque.referrals.demo",
]


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))
