"""Benchmark of the public « Offres » search: generates N published offers (50 000 by default) with French
titles, métiers, companies and places taken from the referentials, in the benchmark's own database
(``make bench``: ``TDE_DB_NAME=terredemplois_bench``), then times the whole page over real HTTP (the
project's WSGI application served on 127.0.0.1 in this process, a visitor without session, the page read to
its last byte, the page cache off) for ≥ 30 queries without a place, around a commune within 20 km, and in a
département; and compares the page's search alone (``search.count_matches`` + ``search.page_offers``) with a naive
``icontains`` search over the same offers in the same run. Prints figures, the EXPLAIN ANALYZE of the page's
ranking statement; asserts nothing."""

import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Q
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from companies.enums import CompanySize
from companies.models import Company
from offers.enums import ContractType, OfferStatus, SalaryPeriod
from offers.filters import OfferFilterSet
from offers.models import Offer
from offers.search import COUNT_CAP, count_matches, page_offers, relevance_statement, update_search_vectors
from referentials.models import Commune, Metier, Sector
from referentials.query import compile_query
from toolkit.benchhttp import HttpSession, serve_http
from toolkit.text import fold

QUERIES = [
    "boulangère", "boulanger", "vendeuse", "vendeur en boulangerie", "aide-soignante", "aide soignant", "serveuse",
    "cuisinier", "commis de cuisine", "caissière", "comptable", "assistante de direction", "électricienne",
    "plombier chauffagiste", "maçon", "soudeur", "cariste caces", "chauffeur poids lourd", "agent d'entretien",
    "femme de chambre", "réceptionniste anglais", "infirmière", "auxiliaire de vie", "jardinier OU paysagiste",
    '"vente en magasin"', "vendeur -alimentation", "ouvrier viticole", "secrétaire médicale", "mécanicien",
    "coiffeuse", "animatrice BAFA", "développeur", "BAC+2", "manutentionnaire",
]
PLACES = [{}, {"ou": "commune:11069", "rayon": "20"}, {"ou": "departement:11"}]
PLACE_LABELS = ["sans lieu", "Carcassonne 20 km", "Aude"]
DEPARTEMENTS = ["11", "34", "66", "31", "81", "09", "12", "30"]  # the Aude and its neighbours
SUFFIXES = ["H/F", "H/F", "(H/F) en CDI", "confirmé H/F", "H/F - temps partiel", "pour la saison H/F",
            "H/F débutant accepté", "de nuit H/F"]
COMPANY_KINDS = ["Boulangerie", "Maison", "Restaurant", "Hôtel", "Cave coopérative", "Garage", "Pharmacie",
                 "Établissement", "Domaine", "Transports", "Cabinet", "Atelier", "Supermarché", "Clinique"]
COMPANY_NAMES = ["du Canal", "de la Cité", "des Corbières", "du Minervois", "Saint-Vincent", "de l'Aude",
                 "Roques", "Martin et fils", "du Lauragais", "de la Montagne Noire", "Occitane", "du Midi"]
SENTENCES = [
    "Au sein de notre équipe de {n} personnes, vous serez {metier}.",
    "Vous accueillez la clientèle, conseillez et encaissez.",
    "Poste basé à {commune}, accessible en transports en commun.",
    "Une première expérience en tant que {metier} est appréciée ; débutant accepté si motivé.",
    "Horaires du lundi au samedi, deux jours de repos consécutifs.",
    "Vous respectez les règles d'hygiène et de sécurité (HACCP).",
    "Permis B souhaité, véhicule de service fourni.",
    "Formation assurée en interne par un tuteur.",
    "Rémunération selon la convention collective, mutuelle et tickets restaurant.",
    "Vous travaillez en binôme avec notre {metier} confirmé.",
    "Niveau CAP à Bac+2 selon le poste ; l'anglais est un plus.",
    "Rejoignez une entreprise familiale implantée depuis {n} ans.",
]
CONTRACTS = [ContractType.CDI] * 5 + [ContractType.CDD] * 3 + [ContractType.INTERIM, ContractType.SAISONNIER,
                                                                 ContractType.ALTERNANCE, ContractType.STAGE]
MARK = "bench-offres"


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))] * 1000


def naive_queryset(q: str):
    """What many Django job boards do: every word ``icontains`` the title, description or company (accents,
    gender and synonyms not handled), newest first."""
    qs = Offer.objects.visible_to_public()
    for word in q.replace('"', " ").split():
        if word.upper() in ("OR", "OU") or word.startswith("-"):
            continue
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word) | Q(company__name__icontains=word))
    return qs.order_by("-published_at", "-id")


class Command(BaseCommand):
    help = "Banc d'essai de la recherche publique d'offres (génère ses propres offres) : p50/p95/max, ratio."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=50_000)
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--seed", type=int, default=18)
        parser.add_argument("--reuse", action="store_true", help="réutilise les offres déjà générées")
        parser.add_argument("--page-cache", action="store_true",
                            help="garde le cache des pages publiques (les répétitions sont alors servies par Redis)")
        parser.add_argument("--any-database", action="store_true",
                            help="accepte une base dont le nom ne finit pas par _bench (déconseillé)")

    def handle(self, *args, **options):
        name = connection.settings_dict["NAME"]
        if not name.endswith("_bench") and not options["any_database"]:
            raise CommandError(f"La base « {name} » n'est pas une base de banc d'essai : lancez « make bench » "
                               "(TDE_DB_NAME=terredemplois_bench) ou ajoutez --any-database.")
        # Without DEBUG the manifest storage needs collectstatic; the benchmark measures Django, not static files.
        plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        # The page cache (toolkit.pagecache) would serve every repeat of a search from Redis: the benchmark
        # measures the search, each page rendered (« --page-cache » keeps it, to measure what visitors get).
        page_cache = settings.PUBLIC_PAGE_CACHE if options["page_cache"] else {
            **settings.PUBLIC_PAGE_CACHE, "timeout": 0}
        with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static},
                               PUBLIC_PAGE_CACHE=page_cache):
            self.stdout.write("Cache des pages publiques : " + ("actif" if options["page_cache"] else
                                                                 "désactivé (chaque page est calculée)"))
            self.run(**options)

    def run(self, *, count, repeat, seed, reuse, **options):
        out = self.stdout.write
        existing = Offer.objects.filter(company__siret__startswith="99").count()
        if not reuse or existing < count:
            started = time.monotonic()
            self._generate(count, random.Random(seed))
            out(f"Génération de {count} offres publiées (titres, métiers, communes des référentiels) et de leurs "
                f"vecteurs : {time.monotonic() - started:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE offers_offer")
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('offers_offer')),"
                           " pg_size_pretty(pg_relation_size('offer_search_gin'))")
            size, gin = cursor.fetchone()
        online = Offer.objects.visible_to_public().count()
        out(f"Offres en ligne : {online} ; table + index : {size}, index GIN : {gin}")

        url = reverse("offers:public_list")
        page_times = {label: [] for label in PLACE_LABELS}
        core_times, naive_times, counts, naive_counts, baseline = [], [], [], [], []
        with serve_http() as address:
            client = HttpSession(address, None, self._host())
            for q in QUERIES:
                status, _body, _elapsed = client.get(url, {"q": q})  # warm-up (métier forms, plans)
                assert status == 200, status
                for place, label in zip(PLACES, PLACE_LABELS, strict=True):
                    for _ in range(repeat):
                        status, body, elapsed = client.get(url, {"q": q, **place})
                        assert status == 200 and b"correspond" in body, status
                        page_times[label].append(elapsed)
                # the page's search alone (its capped count + its first 20 offers), without a place, against
                # the naive one
                started = time.perf_counter()
                criteria = OfferFilterSet({"q": q}).criteria
                counts.append(count_matches(criteria))
                page_offers(criteria, 0)
                core_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                naive = naive_queryset(q)
                naive_counts.append(naive.count())
                list(naive.values_list("pk", flat=True)[:20])
                naive_times.append(time.perf_counter() - started)
                status, _body, elapsed = client.get(reverse("offers:help_writing"))
                baseline.append(elapsed)

        every = [t for times in page_times.values() for t in times]
        out(f"Requêtes : {len(QUERIES)} × {len(PLACES)} lieux × {repeat} = {len(every)} pages")
        for label, times in page_times.items():
            out(f"Page « Offres » (HTTP), {label} : p50 = {pct(times, 50):.1f} ms, p95 = {pct(times, 95):.1f} ms,"
                f" max = {max(times) * 1000:.1f} ms")
        out(f"Toutes les pages : p50 = {pct(every, 50):.1f} ms, p95 = {pct(every, 95):.1f} ms,"
            f" max = {max(every) * 1000:.1f} ms")
        out(f"Référence, même passe : page d'aide sans requête (HTTP) p50 = {pct(baseline, 50):.1f} ms,"
            f" p95 = {pct(baseline, 95):.1f} ms")
        out(f"Recherche plein texte seule (compte plafonné à {COUNT_CAP} + 20 premiers, sans lieu) :"
            f" p50 = {pct(core_times, 50):.1f} ms,"
            f" p95 = {pct(core_times, 95):.1f} ms")
        out(f"Recherche naïve icontains (compte + 20 premiers, sans lieu) : p50 = {pct(naive_times, 50):.1f} ms,"
            f" p95 = {pct(naive_times, 95):.1f} ms")
        ratio = statistics.median(n / f for n, f in zip(naive_times, core_times, strict=True))
        out(f"Rapport naïf / plein texte (médiane par requête) : {ratio:.1f}× ; p50 naïf / p50 page complète "
            f"sans lieu : {pct(naive_times, 50) / pct(page_times[PLACE_LABELS[0]], 50):.1f}×")
        out(f"Résultats par requête : plein texte médiane {statistics.median(counts):.0f} (min {min(counts)}, max"
            f" {max(counts)}, {COUNT_CAP + 1} = plus de {COUNT_CAP}) ; icontains médiane"
            f" {statistics.median(naive_counts):.0f}")
        out("« boulanger » / « boulangère » : plein texte "
            f"{counts[QUERIES.index('boulanger')]} / {counts[QUERIES.index('boulangère')]} offres, icontains "
            f"{naive_counts[QUERIES.index('boulanger')]} / {naive_counts[QUERIES.index('boulangère')]}")
        labelled = [(t, q, label) for label in PLACE_LABELS
                    for t, q in zip(page_times[label], [q for q in QUERIES for _ in range(repeat)], strict=True)]
        out("Pages les plus lentes : " + " ; ".join(f"{q!r} {label} {t * 1000:.0f} ms"
                                                    for t, q, label in sorted(labelled, reverse=True)[:5]))
        for q, place in (("vendeuse", {}), ("cuisinier", PLACES[1]), ("BAC+2", {})):
            criteria = OfferFilterSet({"q": q, **place}).criteria
            statement = relevance_statement(criteria, compile_query(criteria.q), 0, 20)
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement.text}", statement.params)
                out(f"EXPLAIN ANALYZE de la page 1 ({q} {place or ''}) :")
                out("\n".join(row[0] for row in cursor.fetchall()))

    def _host(self):
        return next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".") and h != "*"), "localhost")

    def _generate(self, count, rng):
        Offer.objects.filter(company__siret__startswith="99").delete()
        Company.objects.filter(siret__startswith="99").delete()
        sector = Sector.objects.filter(section__isnull=False).order_by("code").first()
        if sector is None:
            raise CommandError("Chargez d'abord les référentiels : manage.py load_referentials")
        communes = list(Commune.objects.filter(departement_id__in=DEPARTEMENTS, latitude__isnull=False)
                        .values_list("pk", "name", "population"))
        metiers = list(Metier.objects.all())
        weights = [max(population or 0, 50) for _pk, _name, population in communes]
        names = [f"{rng.choice(COMPANY_KINDS)} {rng.choice(COMPANY_NAMES)} {i}" for i in range(max(count // 50, 1))]
        companies = Company.objects.bulk_create([
            Company(name=name, siret=f"99{i:012d}", sector=sector, size=CompanySize.PME, slug=f"{MARK}-{i}",
                    search_name=fold(name), is_online=True) for i, name in enumerate(names)])
        now = timezone.now()
        batch = []
        for _ in range(count):
            metier = rng.choice(metiers)
            name = metier.name if rng.random() < .6 or not metier.name_feminine else (
                f"{metier.name} / {metier.name_feminine}")
            title = f"{name} {rng.choice(SUFFIXES)}"
            commune_pk, commune_name, _population = rng.choices(communes, weights)[0]
            words = {"metier": metier.name.lower(), "commune": commune_name, "n": rng.randint(3, 40)}
            description = "".join(f"<p>{s.format(**words)}</p>" for s in rng.sample(SENTENCES, 5))
            published = now - timedelta(minutes=rng.randint(0, 59 * 24 * 60))
            salary = Decimal(rng.randrange(1750, 3200, 50))
            batch.append(Offer(
                company=rng.choice(companies), title=title, slug=slugify(title)[:80], metier=metier,
                commune_id=commune_pk, contract_type=rng.choice(CONTRACTS), description=description,
                salary_min=salary if rng.random() < .7 else None, salary_period=SalaryPeriod.MONTH,
                is_seasonal=rng.random() < .1, contact_phone="04 68 00 00 00", status=OfferStatus.PUBLISHED,
                published_at=published, expires_at=published + timedelta(days=60)))
            if len(batch) == 5000:
                Offer.objects.bulk_create(batch)
                batch = []
        Offer.objects.bulk_create(batch)
        update_search_vectors(Offer.objects.filter(company__siret__startswith="99"), batch_size=1000)
