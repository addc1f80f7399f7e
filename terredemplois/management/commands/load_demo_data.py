"""Load the demo data of every app (each ``<app>/demo.py`` has a ``load(stdout)`` function), in
dependency order. Idempotent: running it twice adds nothing twice."""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from companies import demo as companies_demo
from cvtheque.cvs import demo as cvs_demo
from cvtheque.recruiting import demo as recruiting_demo
from cvtheque.referrals import demo as referrals_demo
from diffusion import demo as diffusion_demo
from moderation import demo as moderation_demo
from offers import alert_demo as job_alerts_demo
from offers import demo as offers_demo

DEMO_MODULES = [accounts_demo, companies_demo, offers_demo, job_alerts_demo, moderation_demo, cvs_demo, recruiting_demo,
                referrals_demo, diffusion_demo]


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def handle(self, *args, **options):
        for module in DEMO_MODULES:
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))
