"""Benchmark of the favourite-search alerts: 1 000 favourites over 100 000 CVs with 1 000 new ones.

Generates its own data (CVs marked ``external_id`` « bench-alerts-… », recruiters @bench-alertes.invalid),
runs the alert job twice and prints run time, SQL query count and what was sent. E-mails are stored as
rows but not handed to the broker."""

import random
import statistics
import time
from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from stdnum import luhn

from accounts.enums import UserKind
from companies.enums import CompanySize, MembershipStatus
from companies.models import Company, Membership
from cvtheque.cvs.enums import CVSource
from cvtheque.cvs.models import CV
from cvtheque.recruiting.alerts import send_due_alerts
from cvtheque.recruiting.models import CVAlertSent, CVSearch, search_fingerprint
from cvtheque.recruiting.services import search_label
from cvtheque.search.documents import update_search_columns
from mailing.models import OutgoingEmail
from referentials.models import Sector

QUERIES = [
    "commercial", "vendeuse", "assistante commerciale", "assistant", "glacier", "préparatrice commande",
    "bts commerce international", "comptable", "soudeur", "assistante de direction", "permis b",
    "aide à domicile", "cuisinier", "serveur", "électricien", "maçon", "infirmier", "aide-soignante",
    "chauffeur", "magasinier", "boulanger", "caissière", "agent d'entretien", "jardinier", "plombier",
    "secrétaire", "développeur", "mécanicien", "coiffeuse", "animateur",
]
HEADLINES = [q.capitalize() for q in QUERIES] + ["Viticulteur", "Guide touristique", "Ouvrier agricole",
                                                   "Réceptionniste", "Technicien de maintenance"]
DOMAIN = "bench-alertes.invalid"


class Command(BaseCommand):
    help = "Banc d'essai des alertes de recherches favorites (1 000 favorites, 100 000 CV dont 1 000 nouveaux)."

    def add_arguments(self, parser):
        parser.add_argument("--cvs", type=int, default=100_000)
        parser.add_argument("--new", type=int, default=1_000)
        parser.add_argument("--favourites", type=int, default=1_000)
        parser.add_argument("--recruiters", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--keep", action="store_true", help="garder les données générées (pour EXPLAIN)")

    def handle(self, *args, cvs, new, favourites, recruiters, seed, keep=False, **options):
        rng = random.Random(seed)
        now = timezone.now()
        self._cleanup()
        t0 = time.perf_counter()
        old_ids = self._make_cvs(cvs - new, now - timedelta(days=40), rng, "old")
        new_ids = self._make_cvs(new, now - timedelta(hours=2), rng, "new")
        self._refresh_search_columns(old_ids + new_ids)
        searches = self._make_favourites(favourites, recruiters, now - timedelta(days=1, hours=1), rng)
        self.stdout.write(f"Données : {cvs} CV ({new} nouveaux), {len(searches)} recherches favorites, "
                          f"{recruiters} recruteurs — générées en {time.perf_counter() - t0:.1f} s")

        emails_before = OutgoingEmail.objects.filter(reason="cv_alert").count()
        for label in ("1er passage", "2e passage (relance)"):
            with mock.patch("mailing.services.enqueue_send", return_value=True), \
                    CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                result = send_due_alerts(now)
                elapsed = time.perf_counter() - started
            emails = OutgoingEmail.objects.filter(reason="cv_alert").count() - emails_before
            emails_before += emails
            per_search = len(ctx.captured_queries) / max(result["searches"], 1)
            self.stdout.write(
                f"{label} : {elapsed:.2f} s, {len(ctx.captured_queries)} requêtes SQL "
                f"({per_search:.1f} par recherche due), {result['searches']} recherches dues, "
                f"{result['recruiters']} e-mails récapitulatifs, {result['cvs']} CV envoyés, {emails} e-mails créés")
        sent = CVAlertSent.objects.filter(search__user__email__endswith=DOMAIN)
        per_search = list(sent.values("search").annotate(n=Count("pk")).values_list("n", flat=True))
        self.stdout.write(f"CV envoyés enregistrés : {sent.count()} (aucun en double : contrainte unique) ; "
                          f"par recherche : médiane {statistics.median(per_search or [0])}, "
                          f"max {max(per_search or [0])}")
        if not keep:
            self._cleanup()

    # ------------------------------------------------------------------ data
    def _cleanup(self):
        CV.objects.filter(external_id__startswith="bench-alerts-").delete()
        get_user_model().objects.filter(email__endswith=DOMAIN).delete()
        Company.objects.filter(name__startswith="Banc alertes ").delete()
        OutgoingEmail.objects.filter(to__endswith=DOMAIN).delete()

    def _make_cvs(self, n, when, rng, tag) -> list[int]:
        ids = []
        batch = []
        for i in range(n):
            batch.append(CV(
                source=CVSource.IMPORT, external_id=f"bench-alerts-{tag}-{i}", first_name="Camille",
                last_name=f"Banc{i}", headline=rng.choice(HEADLINES), summary=rng.choice(HEADLINES),
                is_visible=rng.random() < 0.9, visible_since=when, updated_at=when, created_at=when,
            ))
            if len(batch) == 5000:
                ids += [cv.pk for cv in CV.objects.bulk_create(batch)]
                batch = []
        if batch:
            ids += [cv.pk for cv in CV.objects.bulk_create(batch)]
        return ids

    def _refresh_search_columns(self, ids):
        for start in range(0, len(ids), 5000):
            update_search_columns(ids[start:start + 5000])

    @transaction.atomic
    def _make_favourites(self, n, recruiters, starred, rng):
        sector = Sector.objects.filter(code__contains=".").first() or Sector.objects.create(
            code="47.11F", label="Hypermarchés")
        User = get_user_model()
        users, companies = [], []
        for i in range(recruiters):
            if i % 4 == 0:
                siren = f"{90000000 + i:08d}"
                siren += luhn.calc_check_digit(siren)
                head = siren + "0001"
                siret = next(head + d for d in "0123456789" if luhn.is_valid(head + d))
                companies.append(Company.objects.create(name=f"Banc alertes {i}", siret=siret, sector=sector,
                                                        size=CompanySize.PME))
            user = User.objects.create(email=f"recruteur{i}@{DOMAIN}", first_name="Banc", last_name=str(i),
                                       kind=UserKind.RECRUITER)
            Membership.objects.create(company=companies[-1], user=user, status=MembershipStatus.ACCEPTED)
            users.append((user, companies[-1]))
        searches = []
        for i in range(n):
            user, company = users[i % len(users)]
            # each recruiter's favourites are distinct queries; past 30 per recruiter, a refinement keeps them distinct
            words = QUERIES[(i // len(users)) % len(QUERIES)]
            params = {"q": [words]} if i < len(users) * len(QUERIES) else {"q": [words], "mois": [str(i)]}
            searches.append(CVSearch(
                user=user, company=company, params=params, fingerprint=search_fingerprint(params),
                label=search_label(params), last_run_at=starred, is_favourite=True, favourite_since=starred,
            ))
        return CVSearch.objects.bulk_create(searches)
