"""Benchmark of the hourly expiry task: N offers of which M are due. Prints run time (p50 / p95 over
several runs) and the number of SQL queries; the generated data is removed afterwards."""

import datetime
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from companies.models import Company
from offers.enums import ContractType, OfferStatus
from offers.models import Offer
from offers.tasks import expire_due_offers
from referentials.models import Commune, Departement, Metier, MetierFamily, Region, Sector

BENCH_SIRET = "99999999900017"


def _fixtures():
    region, _ = Region.objects.get_or_create(code="76", defaults={"name": "Occitanie"})
    departement, _ = Departement.objects.get_or_create(code="11", defaults={"name": "Aude", "region": region})
    commune, _ = Commune.objects.get_or_create(insee="11069", defaults={"name": "Carcassonne",
                                                                       "departement": departement})
    family, _ = MetierFamily.objects.get_or_create(slug="bench", defaults={"name": "Banc d'essai"})
    metier, _ = Metier.objects.get_or_create(name="Métier de banc d'essai", defaults={"family": family})
    sector, _ = Sector.objects.get_or_create(code="Z", defaults={"label": "Banc d'essai"})
    company, _ = Company.objects.get_or_create(siret=BENCH_SIRET, defaults={
        "name": "Banc d'essai des offres", "sector": sector, "size": "pme", "slug": "banc-essai-offres"})
    return company, commune, metier


class Command(BaseCommand):
    help = "Mesure la tâche d'expiration des offres (100 000 offres dont 10 000 échues par défaut)."

    def add_arguments(self, parser):
        parser.add_argument("--offers", type=int, default=100_000)
        parser.add_argument("--due", type=int, default=10_000)
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, offers, due, runs, **options):
        company, commune, metier = _fixtures()
        Offer.objects.filter(company=company).delete()
        now = timezone.now()
        started = time.perf_counter()
        batch = []
        for i in range(offers):
            is_due = i < due
            published_at = now - datetime.timedelta(days=61 if is_due else (i % 55))
            batch.append(Offer(
                company=company, title=f"Offre de banc d'essai {i}", slug=f"offre-banc-essai-{i}", metier=metier,
                commune=commune, contract_type=ContractType.CDI, contact_phone="04 68 00 00 00",
                status=OfferStatus.PUBLISHED, published_at=published_at,
                expires_at=published_at + datetime.timedelta(days=60),
            ))
            if len(batch) == 5000:
                Offer.objects.bulk_create(batch)
                batch = []
        if batch:
            Offer.objects.bulk_create(batch)
        self.stdout.write(f"Données : {offers} offres publiées dont {due} échues "
                          f"(générées en {time.perf_counter() - started:.1f} s)")
        bench_offers = Offer.objects.filter(company=company)
        due_ids = list(bench_offers.filter(expires_at__lte=now).values_list("pk", flat=True))

        timings, queries, expired = [], [], []
        for _ in range(runs):
            with transaction.atomic():
                bench_offers.filter(pk__in=due_ids).update(status=OfferStatus.PUBLISHED, expired_at=None)
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                expired.append(expire_due_offers(now))
                timings.append((time.perf_counter() - t0) * 1000)
            queries.append(len(ctx.captured_queries))
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            again = expire_due_offers(now)
            second_ms = (time.perf_counter() - t0) * 1000
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
        self.stdout.write(f"expire_due_offers : {runs} passages, p50 {statistics.median(timings):.0f} ms, "
                          f"p95 {p95:.0f} ms, {expired[0]} offres expirées par passage, "
                          f"{max(queries)} requête(s) SQL par passage")
        self.stdout.write(f"2e passage immédiat (idempotence) : {again} offre expirée, {len(ctx.captured_queries)} "
                          f"requête(s), {second_ms:.0f} ms")

        bench_offers.delete()
        company.delete()
