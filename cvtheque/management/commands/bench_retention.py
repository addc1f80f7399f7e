"""Benchmark of the daily retention task over 100 000 CVs and 100 000 applications.

Generates its own data (CVs « bench-retention-… », candidates @bench-retention.invalid, offers of the
company « Banc d'essai des offres »): a quarter of the imported CVs and of the candidates' CVs are older
than 24 months (the candidates' ones already warned 40 days ago, so they are hidden), half of the
applications belong to offers ended 25 months ago. Runs ``plan_retention`` at two sizes to show its query
count does not grow, then ``apply_retention`` twice (the rerun does nothing), printing time and queries."""

import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from accounts.enums import UserKind
from cvtheque.cvs.enums import CVSource
from cvtheque.cvs.models import CV
from cvtheque.retention.models import RetentionNotice, RetentionNoticeKind
from cvtheque.retention.services import apply_retention, plan_retention
from offers.alert_models import ErasedApplicationCount
from offers.enums import OfferStatus
from offers.management.commands.bench_job_alerts import QueryCounter
from offers.management.commands.bench_offers_expiry import _fixtures
from offers.models import Application, Offer

DOMAIN = "bench-retention.invalid"
PREFIX = "bench-retention-"


class Command(BaseCommand):
    help = "Banc d'essai de la conservation des données (100 000 CV, 100 000 candidatures)."

    def add_arguments(self, parser):
        parser.add_argument("--cvs", type=int, default=100_000)
        parser.add_argument("--applications", type=int, default=100_000)
        parser.add_argument("--keep", action="store_true")

    def handle(self, *args, cvs, applications, keep=False, **options):
        now = timezone.now()
        company, commune, metier = _fixtures()
        self._cleanup(company)
        t0 = time.perf_counter()
        small = self._make(company, metier, commune, cvs // 10, applications // 10, now, "a")
        plan_small = self._measure_plan(now)
        self._make(company, metier, commune, cvs - cvs // 10, applications - applications // 10, now, "b")
        plan_big = self._measure_plan(now)
        self.stdout.write(f"Données : {cvs} CV, {applications} candidatures — générées en "
                          f"{time.perf_counter() - t0:.1f} s")
        self.stdout.write(f"plan_retention sur {small} CV : {plan_small[0]} requêtes ; sur {cvs} CV : "
                          f"{plan_big[0]} requêtes, {plan_big[1]:.2f} s")
        for label in ("1er passage", "2e passage (relance)"):
            queries = QueryCounter()
            with connection.execute_wrapper(queries):
                started = time.perf_counter()
                done = apply_retention(now)
                elapsed = time.perf_counter() - started
            self.stdout.write(f"apply_retention, {label} : {elapsed:.2f} s, {len(queries)} requêtes SQL, {done}")
        if not keep:
            self._cleanup(company)

    def _measure_plan(self, now):
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            started = time.perf_counter()
            plan_retention(now)
            return len(queries), time.perf_counter() - started

    def _cleanup(self, company):
        CV.objects.filter(external_id__startswith=PREFIX).delete()
        get_user_model().objects.filter(email__endswith=DOMAIN).delete()
        Offer.objects.filter(company=company).delete()
        ErasedApplicationCount.objects.filter(company=company).delete()

    @transaction.atomic
    def _make(self, company, metier, commune, n_cvs, n_applications, now, tag) -> int:
        User = get_user_model()
        old = now - timedelta(days=800)
        recent = now - timedelta(days=100)
        half = n_cvs // 2
        users = User.objects.bulk_create([
            User(email=f"c{tag}{i}@{DOMAIN}", first_name="Banc", last_name=str(i), kind=UserKind.CANDIDATE,
                 last_login=now) for i in range(half)], batch_size=5000)
        rows = []
        for i in range(n_cvs):
            stale = i % 4 == 0
            owner = users[i] if i < half else None
            rows.append(CV(owner=owner, source=CVSource.CANDIDATE if owner else CVSource.IMPORT,
                           external_id=f"{PREFIX}{tag}-{i}", first_name="Camille", last_name=f"Banc{i}",
                           headline="Vendeuse", is_visible=bool(owner), visible_since=old,
                           updated_at=old if stale else recent, created_at=old))
        made = CV.objects.bulk_create(rows, batch_size=5000)
        RetentionNotice.objects.bulk_create([
            RetentionNotice(user_id=cv.owner_id, kind=RetentionNoticeKind.CV_HIDING, reference=cv.updated_at,
                            sent_at=now - timedelta(days=40)) for cv in made if cv.owner_id and cv.updated_at == old
        ], batch_size=5000)
        ended = Offer.objects.create(company=company, title=f"Banc retention terminée {tag}", metier=metier,
                                     commune=commune, status=OfferStatus.EXPIRED, published_at=old,
                                     expired_at=now - timedelta(days=760))
        online = Offer.objects.create(company=company, title=f"Banc retention en ligne {tag}", metier=metier,
                                      commune=commune, status=OfferStatus.PUBLISHED, published_at=recent)
        # one application per candidate and offer: candidates from this batch, two offers
        apps = [Application(offer=ended if i % 2 == 0 else online, candidate=users[(i // 2) % len(users)],
                            message="Bonjour", created_at=old) for i in range(min(n_applications, 2 * len(users)))]
        Application.objects.bulk_create(apps, batch_size=5000, ignore_conflicts=True)
        return n_cvs
