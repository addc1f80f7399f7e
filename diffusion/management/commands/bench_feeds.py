"""Benchmark of the partners' feeds over N online offers (50 000 by default): for each format, the time to
write the whole feed through the view (p50 / p95 over several reads), its size, its SQL queries and how much
the process' peak memory grew (far less than the feed's size: it is streamed); the generated offers and
partners are removed afterwards."""

import datetime
import resource
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from diffusion.enums import FeedFormat
from diffusion.models import Partner, PartnerRead
from offers.enums import ContractType, OfferStatus
from offers.management.commands.bench_offers_expiry import _fixtures
from offers.models import Offer

DESCRIPTION = ("<p>Notre boulangerie du centre-ville recrute pour renforcer son équipe.</p><h3>Vos missions</h3>"
               "<ul><li>Pétrir, façonner et cuire les pains au levain</li><li>Préparer les viennoiseries</li>"
               "<li>Entretenir le fournil</li></ul><h3>Votre profil</h3><p>CAP Boulanger ou expérience "
               "équivalente ; travail de nuit et un week-end sur deux.</p>") * 3


class Command(BaseCommand):
    help = "Mesure les flux des partenaires de multidiffusion (50 000 offres en ligne par défaut)."

    def add_arguments(self, parser):
        parser.add_argument("--offers", type=int, default=50_000)
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, offers, runs, **options):
        company, commune, metier = _fixtures()
        Offer.objects.filter(company=company).delete()
        now = timezone.now()
        batch = []
        for i in range(offers):
            published_at = now - datetime.timedelta(hours=i % 1000)
            batch.append(Offer(
                company=company, title=f"Boulanger / Boulangère H/F {i}", slug=f"boulanger-boulangere-hf-{i}",
                metier=metier, commune=commune, contract_type=ContractType.CDI, contact_phone="04 68 00 00 00",
                salary_min=2000, salary_period="month", description=DESCRIPTION, status=OfferStatus.PUBLISHED,
                published_at=published_at, expires_at=published_at + datetime.timedelta(days=60)))
            if len(batch) == 5000:
                Offer.objects.bulk_create(batch)
                batch = []
        if batch:
            Offer.objects.bulk_create(batch)
        self.stdout.write(f"Données : {offers} offres en ligne")
        client = Client()
        try:
            for feed_format in FeedFormat:
                partner = Partner.objects.create(name=f"Banc d'essai {feed_format.value}", feed_format=feed_format)
                timings, size, queries = [], 0, 0
                rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                for _ in range(runs):
                    with CaptureQueriesContext(connection) as ctx:
                        t0 = time.perf_counter()
                        response = client.get(partner.feed_path())
                        size = sum(len(piece) for piece in response.streaming_content)
                        timings.append(time.perf_counter() - t0)
                    queries = len(ctx.captured_queries)
                grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
                read = PartnerRead.objects.filter(partner=partner).latest("read_at")
                p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
                self.stdout.write(
                    f"{feed_format.label} : {read.offer_count} offres, {size / 1e6:.1f} Mo, p50 "
                    f"{statistics.median(timings):.1f} s, p95 {p95:.1f} s, {queries} requête(s) SQL, pic de mémoire "
                    f"du processus accru de {grown / 1024:.0f} Mo (le flux entier : {size / 1e6:.0f} Mo)")
                partner.delete()
        finally:
            Offer.objects.filter(company=company).delete()
            company.delete()
