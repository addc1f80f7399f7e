"""Benchmark of the CV search at scale: generates N CVs (100 000 by default) through ``import_cvs``,
then times the whole search page over real HTTP (the project's WSGI application served on 127.0.0.1
in this process, a logged-in recruiter's session cookie, the rendered page read to its last byte)
for ≥ 30 queries with and without a place, compares with a naive ``icontains`` search over the same
text in the same run, and prints EXPLAIN ANALYZE of the page's query. Prints figures; asserts nothing."""

import json
import statistics
import tempfile
import time
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Q
from django.test.utils import override_settings
from django.urls import reverse

from accounts.enums import UserKind
from accounts.models import User
from companies.enums import CompanySize, MembershipRole, MembershipStatus
from companies.models import Company, Membership
from cvtheque.cvs.generator import Generator
from cvtheque.models import CV
from cvtheque.search.counting import COUNT_CAP, count_for_page
from cvtheque.search.params import CVSearchParams
from cvtheque.search.places import resolve_place_filter
from cvtheque.search.statements import compile_search, count_matches, page_statement
from referentials.models import Sector
from toolkit.benchhttp import HttpSession, serve_http

QUERIES = [
    # the guide's « Historique de recherche »
    "COMMERCIAL", "VENDEUSE", "ASSISTANTE COMMERCIALE", "ASSISTANT", "GLACIER", "PRÉPARATRICE COMMANDE", "CEZNEC",
    "BTS COMMERCE INTERNATIONAL", "BTS", "BAC+2", "COMPTABLE", "SOUDEUR", "ASSISTANTE DE DIRECTION",
    "ASSISTANTE DE DIRECTION EXPÉRIENCE", "PERMIS B", "PERMIS B AIDE À DOMICILE",
    # more
    "aide soignante", "cariste caces", "serveuse anglais", "cuisinier HACCP", "électricienne", "boulangère",
    "chauffeur poids lourd FIMO", "secrétaire médicale doctolib", "développeur django", "mécanicien OR garagiste",
    "agent d'entretien -nettoyage", '"service en salle"', "ouvrière viticole vendanges", "animatrice BAFA",
    "réceptionniste espagnol", "caissière", "jardinier", "CAP cuisine", "master",
]
PLACES = ["", "Carcassonne Agglo", "Carcassonne"]


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))] * 1000


def first_page_ids(search) -> list[int]:
    """The ids of the search page's first 20 results (its statement without the CVs' columns)."""

    statement = page_statement(search, 0, 20)
    if statement is None:
        return []
    with connection.cursor() as cursor:
        return [row[0] for row in statement.execute(cursor).fetchall()]


def naive_queryset(q: str):
    """What many Django job boards do: every word icontains any text field (accents and gender not handled)."""

    qs = CV.objects.filter(is_visible=True)
    for word in q.replace('"', " ").split():
        if word.upper() in ("OR", "OU") or word.startswith("-"):
            continue
        qs = qs.filter(Q(headline__icontains=word) | Q(summary__icontains=word) | Q(skills__icontains=word)
                       | Q(experience__icontains=word) | Q(extracted_text__icontains=word))
    return qs.order_by("-updated_at")


class Command(BaseCommand):
    help = "Banc d'essai de la recherche de CV (génère ses propres données) : p50/p95, ratio, EXPLAIN ANALYZE."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--skip-import", action="store_true", help="réutilise les CV déjà générés")
        parser.add_argument("--file", help="importe ce fichier JSONL au lieu de générer les CV (par exemple celui de"
                            " « generate_cvs 1000000 --seed 7 --prefix bench --output … », fait une fois)")
        parser.add_argument("--skip-naive", action="store_true",
                            help="sans la recherche naïve icontains (~14 s par requête à 1 000 000 CV)")

    def handle(self, *args, **options):

        # Without DEBUG the manifest storage needs collectstatic; the benchmark measures Django, not static files.
        plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}):
            self.run(**options)

    def run(self, *, count, repeat, skip_import, skip_naive=False, file=None, **options):

        out = self.stdout.write
        existing = CV.objects.filter(external_id__startswith="bench-").count()
        if not skip_import or existing < count:
            CV.objects.filter(external_id__startswith="bench-").delete()
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(file) if file else Path(tmp) / "bench.jsonl"
                if file:
                    with path.open(encoding="utf-8") as handle:
                        count = sum(1 for _line in handle)
                else:
                    started = time.monotonic()
                    with path.open("w", encoding="utf-8") as handle:
                        for line in Generator(seed=7).lines(count, prefix="bench"):
                            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
                    out(f"Génération de {count} lignes JSONL : {time.monotonic() - started:.1f} s")
                started = time.monotonic()
                call_command("import_cvs", str(path), stdout=StringIO(), stderr=self.stderr)
                elapsed = time.monotonic() - started
                out(f"import_cvs de {count} lignes : {elapsed:.1f} s, {count / elapsed:.0f} CV/s")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE cvtheque_cv")
            cursor.execute("VACUUM ANALYZE cvtheque_cvsearchentry")
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('cvtheque_cv')),"
                           " pg_size_pretty(pg_relation_size('cvtheque_cvsearchentry')),"
                           " pg_size_pretty(pg_total_relation_size('cvtheque_cvsearchentry')),"
                           " pg_size_pretty(pg_database_size(current_database()))")
            size, entries_heap, entries_total, database = cursor.fetchone()
        visible = CV.objects.visible().count()
        out(f"CV en base : {CV.objects.count()} dont {visible} visibles ; table des CV + index : {size} ;"
            f" entrées de recherche : {entries_heap} de lignes, {entries_total} avec vecteurs et index ;"
            f" base entière : {database}")

        user = self._recruiter()
        url = reverse("cvtheque:search")
        page_times, fts_times, naive_times, counts, baseline_times = [], [], [], [], []
        ids_times, count_times, capped_times = [], [], []
        with serve_http() as address:
            client = HttpSession(address, user, self._host())
            for q in QUERIES:
                status, _body, _elapsed = client.get(url, {"q": q})  # warm-up (métier forms cache, plans)
                assert status == 200, status
                for place in PLACES:
                    params = {"q": q, **({"place": place} if place else {})}
                    for _ in range(repeat):
                        status, body, elapsed = client.get(url, params)
                        assert status == 200 and b"correspond" in body, status
                        page_times.append(elapsed)
                    # the core query alone (count + first page, one after the other), for the comparison
                    # with icontains
                    p = CVSearchParams(q=q, place=place)
                    place_filter = resolve_place_filter(place, None) if place else None
                    started = time.perf_counter()
                    search = compile_search(p, place_filter)
                    first_page_ids(search)
                    n = count_matches(search)
                    fts_times.append(time.perf_counter() - started)
                    counts.append(n)
                    # its two halves as the page runs them (ids here, the count on another connection)
                    started = time.perf_counter()
                    first_page_ids(compile_search(p, place_filter))
                    ids_times.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    count_matches(compile_search(p, place_filter))
                    count_times.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    count_for_page(compile_search(p, place_filter))
                    capped_times.append(time.perf_counter() - started)
                status, _body, elapsed = client.get(reverse("accounts:dashboard"))
                assert status == 200, status
                baseline_times.append(elapsed)
                if skip_naive:
                    continue
                started = time.perf_counter()
                naive = naive_queryset(q)
                naive.count()
                list(naive.values_list("pk", flat=True)[:20])
                naive_times.append(time.perf_counter() - started)

        fts_no_place = fts_times[:: len(PLACES)]
        out(f"Requêtes : {len(QUERIES)} × {len(PLACES)} lieux × {repeat} = {len(page_times)} pages")
        out(f"Page de recherche (HTTP) : p50 = {pct(page_times, 50):.1f} ms, p95 = {pct(page_times, 95):.1f} ms,"
            f" max = {max(page_times) * 1000:.1f} ms")
        out(f"Référence, même machine, même passe : « Mon espace emploi » (page recruteur sans recherche) p50 ="
            f" {pct(baseline_times, 50):.1f} ms, p95 = {pct(baseline_times, 95):.1f} ms")
        out(f"Requête plein texte seule (compte + 20 premiers) : p50 = {pct(fts_times, 50):.1f} ms,"
            f" p95 = {pct(fts_times, 95):.1f} ms")
        out(f"  dont, séparément comme la page les exécute : 20 premiers seuls p50 = {pct(ids_times, 50):.1f} ms,"
            f" p95 = {pct(ids_times, 95):.1f} ms ; compte seul (la page le lance sur une autre connexion ; avec un"
            f" lieu de peu de CV, sa requête le donne)"
            f" p50 = {pct(count_times, 50):.1f} ms, p95 = {pct(count_times, 95):.1f} ms")
        out(f"Compte de la page (exact jusqu'à {COUNT_CAP}, « Plus de {COUNT_CAP} CV » au-delà) :"
            f" p50 = {pct(capped_times, 50):.1f} ms, p95 = {pct(capped_times, 95):.1f} ms,"
            f" max = {max(capped_times) * 1000:.1f} ms")
        if naive_times:
            out(f"Recherche naïve icontains (compte + 20 premiers, sans lieu) : p50 = {pct(naive_times, 50):.1f} ms,"
                f" p95 = {pct(naive_times, 95):.1f} ms")
            ratio_core = statistics.median(n / f for n, f in zip(naive_times, fts_no_place, strict=True))
            out(f"Rapport naïf / plein texte (médiane par requête, même requête sans lieu) : {ratio_core:.0f}×")
            out(f"Rapport p50 naïf / p50 page complète plein texte :"
                f" {pct(naive_times, 50) / pct(page_times, 50):.1f}×")
        out(f"Résultats par requête (sans lieu) : min {min(counts[::3])}, médiane {statistics.median(counts[::3]):.0f},"
            f" max {max(counts[::3])}")
        slowest = sorted(zip(page_times, [(q, pl) for q in QUERIES for pl in PLACES for _ in range(repeat)],
                             strict=True), reverse=True)[:5]
        out("Pages les plus lentes : " + " ; ".join(f"{q!r} {pl or 'sans lieu'} {t * 1000:.0f} ms"
                                                    for t, (q, pl) in slowest))
        for q in ("PRÉPARATRICE COMMANDE", "PERMIS B", '"service en salle"'):
            out(f"EXPLAIN ANALYZE de la requête de la page ({q}, page 1 ; le compte est une autre requête) :")
            with connection.cursor() as cursor:
                statement = page_statement(compile_search(CVSearchParams(q=q), None), 0, 20)
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement.text}", statement.params)
                out("\n".join(row[0] for row in cursor.fetchall()))

    def _host(self):

        return next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".") and h != "*"), "localhost")

    def _recruiter(self):

        user, _ = User.objects.get_or_create(email="bench-recruteur@exemple.fr",
                                             defaults={"kind": UserKind.RECRUITER, "first_name": "Banc"})
        sector, _ = Sector.objects.get_or_create(code="47.11F", defaults={"label": "Hypermarchés"})
        company, _ = Company.objects.get_or_create(siret="73282932000074", defaults={
            "name": "Banc d'essai", "sector": sector, "size": CompanySize.PME, "slug": "banc-d-essai"})
        Membership.objects.get_or_create(company=company, user=user, defaults={
            "role": MembershipRole.ADMIN, "status": MembershipStatus.ACCEPTED})
        return user
