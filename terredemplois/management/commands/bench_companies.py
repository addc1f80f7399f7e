"""Benchmark of the company pages: « Entreprises » list and company page (ms, SQL queries) over
generated companies and offers, plus the cost of sanitising rich text and checking an image."""

import datetime
import io
import os
import statistics
import time

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from companies.enums import CompanySize
from companies.models import Company
from offers.enums import OfferStatus
from offers.models import Offer
from referentials.models import Commune, Departement, Region, Sector
from toolkit.images import validate_and_clean_image
from toolkit.richtext import sanitize_html
from toolkit.text import fold

PREFIX = "Bench entreprise"


def percentile(values, p):
    values = sorted(values)
    return values[max(0, int(len(values) * p) - 1)]


class Command(BaseCommand):
    help = "Mesure les pages « Entreprises » et fiche entreprise (ms, requêtes SQL), la désinfection et les images."

    def add_arguments(self, parser):
        parser.add_argument("--companies", type=int, default=3000)
        parser.add_argument("--offers", type=int, default=9000)
        parser.add_argument("--rounds", type=int, default=30)

    def handle(self, *args, companies, offers, rounds, **options):
        started = time.perf_counter()
        sample = self.generate(companies, offers)
        self.stdout.write(f"données : {Company.objects.online().count()} fiches en ligne, "
                          f"{Offer.objects.published().count()} offres publiées "
                          f"(génération {time.perf_counter() - started:.1f} s)")
        client = Client()
        # The pages are rendered without collectstatic (no manifest needed to measure them).
        storages = {**settings.STORAGES,
                    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
        with override_settings(STORAGES=storages):
            self.bench_pages(client, sample, rounds)
        self.bench_sanitizer(rounds)
        self.bench_images(rounds)

    def bench_pages(self, client, sample, rounds):
        list_url = reverse("companies:public_list")
        scenarios = [
            ("liste, page 1", list_url, {}),
            ("liste, page 50", list_url, {"page": 50}),
            ("liste, recherche par nom", list_url, {"q": "bench entreprise 12"}),
            ("liste, filtre secteur", list_url, {"sector": sample["section"].code}),
            ("liste, filtre lieu (commune)", list_url, {"place": str(sample["commune"])}),
            ("liste, filtre lieu (département)", list_url, {"place": "Aude (11)"}),
            ("fiche entreprise (20 offres)", sample["company"].get_absolute_url(), {}),
        ]
        for label, url, params in scenarios:
            durations = []
            for _ in range(rounds):
                with CaptureQueriesContext(connection) as queries:
                    t0 = time.perf_counter()
                    response = client.get(url, params)
                    durations.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (label, response.status_code)
            self.stdout.write(f"{label:<34} p50 {statistics.median(durations):7.1f} ms  "
                              f"p95 {percentile(durations, 0.95):7.1f} ms  {len(queries)} requêtes SQL  "
                              f"({len(response.content) // 1024} Ko de HTML)")

    def generate(self, n_companies, n_offers):
        region, _ = Region.objects.get_or_create(code="76", defaults={"name": "Occitanie"})
        aude, _ = Departement.objects.get_or_create(code="11", defaults={"name": "Aude", "region": region})
        section, _ = Sector.objects.get_or_create(code="C", defaults={"label": "Industrie manufacturière"})
        sectors = [Sector.objects.get_or_create(code=f"10.7{i}C", defaults={"label": f"Fabrication {i}",
                                                                            "section": section})[0]
                   for i in range(1, 4)]
        communes = list(Commune.objects.filter(departement=aude).order_by("pk")[:40])
        if len(communes) < 10:
            communes += [Commune.objects.get_or_create(insee=f"11{900 + i}", defaults={
                "name": f"Commune bench {i}", "departement": aude, "postal_codes": [f"11{900 + i}"]})[0]
                for i in range(10)]
        existing = Company.objects.filter(name__startswith=PREFIX).count()
        now = timezone.now()
        if existing < n_companies:
            Company.objects.bulk_create([
                Company(name=f"{PREFIX} {i}", search_name=fold(f"{PREFIX} {i}"), siret=f"99{i:012d}",
                        slug=f"bench-entreprise-{i}", sector=sectors[i % len(sectors)], size=CompanySize.PME,
                        commune=communes[i % len(communes)], is_online=True,
                        description="<p>Entreprise générée pour le banc d'essai.</p>")
                for i in range(existing, n_companies)
            ], batch_size=1000)
        bench_companies = list(Company.objects.filter(name__startswith=PREFIX).order_by("pk")[:n_companies])
        have = Offer.objects.filter(company__name__startswith=PREFIX).count()
        if have < n_offers:
            first = bench_companies[0]
            rows = [Offer(company=first if i < 20 else bench_companies[i % len(bench_companies)],
                          title=f"Offre bench {i} H/F", slug=f"offre-bench-{i}", commune=communes[i % len(communes)],
                          status=OfferStatus.PUBLISHED, published_at=now - datetime.timedelta(days=i % 50),
                          expires_at=now + datetime.timedelta(days=30))
                    for i in range(have, n_offers)]
            Offer.objects.bulk_create(rows, batch_size=1000)
        return {"section": section, "commune": communes[0], "company": bench_companies[0]}

    def bench_sanitizer(self, rounds):
        paragraph = ("<p>Notre <strong>boulangerie</strong> recrute un vendeur H/F <a href='https://exemple.fr'>"
                     "voir</a> <img src=x onerror=alert(1)><script>alert(1)</script></p>")
        html = paragraph * 40 + '<figure class="media"><oembed url="https://youtu.be/dQw4w9WgXcQ"></oembed></figure>'
        durations = []
        for _ in range(rounds * 10):
            t0 = time.perf_counter()
            sanitize_html(html)
            durations.append((time.perf_counter() - t0) * 1000)
        self.stdout.write(f"sanitize_html ({len(html)} caractères)      p50 {statistics.median(durations):7.2f} ms  "
                          f"p95 {percentile(durations, 0.95):7.2f} ms")

    def bench_images(self, rounds):
        side = 1200
        buffer = io.BytesIO()
        Image.frombytes("RGB", (side, side // 2), os.urandom(side * side // 2 * 3)).save(
            buffer, format="JPEG", quality=60)
        data = buffer.getvalue()
        durations = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            validate_and_clean_image(SimpleUploadedFile("photo.jpg", data, "image/jpeg"), max_side=1600)
            durations.append((time.perf_counter() - t0) * 1000)
        self.stdout.write(f"validate_and_clean_image (JPEG {side}x{side // 2}, {len(data) // 1024} Ko) "
                          f"p50 {statistics.median(durations):7.1f} ms  p95 {percentile(durations, 0.95):7.1f} ms")
