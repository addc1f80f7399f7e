"""Benchmark of the job alerts (« Alertes emploi »): 5 000 alerts over 20 000 published offers of which 500
are new. Generates its own data (offers of the company « Banc alertes emploi », candidates
@bench-alertes-emploi.invalid), runs the alert job twice and prints run time, SQL query count (per alert,
and that it does not grow with the offers) and what was sent. E-mails are stored as rows but not handed
to the broker. The data is removed afterwards (unless --keep)."""

import random
import time
from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.enums import UserKind
from mailing.models import OutgoingEmail
from offers.alert_models import JobAlert, JobAlertFrequency, JobAlertSent
from offers.alerts import send_due_job_alerts
from offers.enums import ContractType, OfferStatus
from offers.management.commands.bench_offers_expiry import _fixtures
from offers.models import Offer
from offers.search import OfferCriteria, update_search_vectors
from referentials.models import Commune
from referentials.services import Place, place_from_key

WORDS = ["vendeur", "boulanger", "cuisinier", "serveur", "comptable", "soudeur", "magasinier", "chauffeur",
         "infirmier", "jardinier", "plombier", "secrétaire", "développeur", "mécanicien", "coiffeur",
         "animateur", "électricien", "maçon", "caissier", "réceptionniste"]
DOMAIN = "bench-alertes-emploi.invalid"
TITLE_PREFIX = "Banc alerte"


class QueryCounter(list):
    """Every SQL statement run (``CaptureQueriesContext`` keeps only the last 9 000)."""

    def __call__(self, execute, sql, *args):
        self.append(sql)
        return execute(sql, *args)


class Command(BaseCommand):
    help = "Banc d'essai des alertes emploi (5 000 alertes, 20 000 offres publiées dont 500 nouvelles)."

    def add_arguments(self, parser):
        parser.add_argument("--offers", type=int, default=20_000)
        parser.add_argument("--new", type=int, default=500)
        parser.add_argument("--alerts", type=int, default=5_000)
        parser.add_argument("--per-candidate", type=int, default=2)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--keep", action="store_true", help="garder les données générées (pour EXPLAIN)")

    def handle(self, *args, offers, new, alerts, per_candidate, seed, keep=False, **options):
        rng = random.Random(seed)
        now = timezone.now()
        company, commune, metier = _fixtures()
        self._cleanup(company)
        t0 = time.perf_counter()
        communes = list(Commune.objects.filter(departement_id="11").values_list("pk", flat=True)[:300]) or [commune.pk]
        self._make_offers(company, metier, communes, offers - new, now - timedelta(days=20), rng)
        self._make_offers(company, metier, communes, new, now - timedelta(hours=3), rng)
        made = self._make_alerts(alerts, per_candidate, now - timedelta(days=1, hours=1), rng)
        self.stdout.write(f"Données : {offers} offres publiées ({new} nouvelles), {made} alertes, "
                          f"{made // per_candidate} candidats — générées en {time.perf_counter() - t0:.1f} s")
        emails_before = OutgoingEmail.objects.filter(reason="job_alert").count()
        for label in ("1er passage", "2e passage (relance)"):
            queries = QueryCounter()
            with mock.patch("mailing.services.enqueue_send", return_value=True), connection.execute_wrapper(queries):
                started = time.perf_counter()
                result = send_due_job_alerts(now)
                elapsed = time.perf_counter() - started
            emails = OutgoingEmail.objects.filter(reason="job_alert").count() - emails_before
            emails_before += emails
            per_alert = len(queries) / max(result["alerts"], 1)
            self.stdout.write(
                f"{label} : {elapsed:.2f} s, {len(queries)} requêtes SQL ({per_alert:.2f} par alerte "
                f"due), {result['alerts']} alertes dues, {result['candidates']} e-mails, {result['offers']} offres "
                f"envoyées, {emails} e-mails créés")
        sent = JobAlertSent.objects.filter(alert__candidate__email__endswith=DOMAIN).count()
        self.stdout.write(f"Offres envoyées enregistrées : {sent} (une fois par alerte et offre : contrainte unique)")
        if not keep:
            self._cleanup(company)

    def _cleanup(self, company):
        get_user_model().objects.filter(email__endswith=DOMAIN).delete()
        Offer.objects.filter(company=company).delete()
        OutgoingEmail.objects.filter(to__endswith=DOMAIN).delete()

    def _make_offers(self, company, metier, communes, n, when, rng):
        contracts = [ContractType.CDI, ContractType.CDD, ContractType.INTERIM, ContractType.SAISONNIER]
        batch = []
        for i in range(n):
            published = when - timedelta(minutes=i % 600)
            word = rng.choice(WORDS)
            batch.append(Offer(
                company=company, title=f"{TITLE_PREFIX} {word} {i}", slug=slugify(f"banc-alerte-{word}-{i}"),
                metier=metier,
                commune_id=rng.choice(communes), contract_type=rng.choice(contracts), contact_phone="04 68 00 00 00",
                status=OfferStatus.PUBLISHED, published_at=published, expires_at=published + timedelta(days=60),
            ))
            if len(batch) == 5000:
                Offer.objects.bulk_create(batch)
                batch = []
        if batch:
            Offer.objects.bulk_create(batch)
        update_search_vectors(Offer.objects.filter(company=company, search_vector__isnull=True))

    @transaction.atomic
    def _make_alerts(self, n, per_candidate, created, rng) -> int:
        User = get_user_model()
        candidates = User.objects.bulk_create([
            User(email=f"candidat{i}@{DOMAIN}", first_name="Banc", last_name=str(i), kind=UserKind.CANDIDATE)
            for i in range((n + per_candidate - 1) // per_candidate)
        ])
        aude = place_from_key("departement:11")
        carcassonne = place_from_key("commune:11069")
        places: list[tuple[Place | None, int | None]] = [(None, None), (aude, None), (carcassonne, 30),
                                                         (carcassonne, None)]
        rows = []
        for i in range(n):
            place, radius = rng.choice(places) if (aude and carcassonne) else (None, None)
            criteria = OfferCriteria(
                q=rng.choice(WORDS) if rng.random() < 0.8 else "", place=place, radius_km=radius,
                contract_types=rng.sample([ContractType.CDI, ContractType.CDD], k=rng.randint(0, 1)),
            )
            rows.append(JobAlert(candidate=candidates[i // per_candidate], params=criteria.to_params(),
                                 label=criteria.label(), created_at=created,
                                 frequency=JobAlertFrequency.DAILY if i % 5 else JobAlertFrequency.WEEKLY))
        return len(JobAlert.objects.bulk_create(rows))
