"""Fills the bench database of ``make load``: the demo data, then generated companies with an online page
and published offers spread over the communes of the Aude, with real métiers, contracts, salaries and
descriptions, and their search vectors (so that the « Offres » search finds them).

Idempotent: the generated rows are recognised by their SIRET (``98…``) and slug prefixes; running it
again only adds what is missing. Not a ``bench_*`` command: ``make bench`` does not run it."""

import datetime
import random
import time
from decimal import Decimal

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from companies.enums import CompanySize
from companies.models import Company
from offers.demo import _description
from offers.enums import ContractType, OfferStatus, SalaryPeriod
from offers.models import Offer
from referentials.models import Commune, Metier, Sector
from toolkit.text import fold

SIRET_PREFIX = "98"
SLUG_PREFIX = "banc-site-"
NAMES = ["Boulangerie", "Hôtel", "Garage", "Cave coopérative", "Transports", "Menuiserie", "Pharmacie",
         "Camping", "Supermarché", "Cabinet comptable", "Résidence seniors", "Électricité", "Restaurant",
         "Plomberie", "Domaine viticole", "Auto-école", "Imprimerie", "Jardinerie"]
PLACES = ["du Canal", "de la Cité", "des Corbières", "du Minervois", "de la Montagne Noire", "du Lauragais",
          "de la Haute Vallée", "des Remparts", "de l'Aude", "du Razès"]
MISSIONS = [
    "Accueillir et conseiller la clientèle", "Préparer les commandes du jour", "Assurer l'entretien du poste",
    "Travailler en équipe avec le responsable", "Respecter les règles d'hygiène et de sécurité",
    "Tenir à jour les tableaux de suivi", "Participer aux inventaires", "Renseigner les clients au téléphone",
]
CONTRACTS = [ContractType.CDI, ContractType.CDI, ContractType.CDD, ContractType.INTERIM, ContractType.SAISONNIER,
             ContractType.ALTERNANCE]


class Command(BaseCommand):
    help = "Remplit la base de banc d'essai des pages publiques (données de démonstration, entreprises, offres)."

    def add_arguments(self, parser):
        parser.add_argument("--companies", type=int, default=500)
        parser.add_argument("--offers", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--without-demo", action="store_true", help="sans les données de démonstration")

    def handle(self, *args, companies, offers, seed, without_demo=False, **options):
        started = time.perf_counter()
        if not without_demo:
            call_command("load_demo_data", stdout=self.stdout)
        rng = random.Random(seed)
        communes = list(Commune.objects.filter(departement_id="11").order_by("insee"))
        metiers = list(Metier.objects.order_by("pk"))
        sectors = list(Sector.objects.filter(section__isnull=False).order_by("code")[:200]) or list(
            Sector.objects.order_by("code")[:50])
        if not (communes and metiers and sectors):
            self.stderr.write("Référentiels absents : lancez d'abord « manage.py load_referentials ».")
            return
        made_companies = self.make_companies(companies, rng, communes, sectors)
        made_offers = self.make_offers(offers, rng, communes, metiers)
        self.stdout.write(
            f"Banc des pages publiques : {made_companies} entreprises et {made_offers} offres ajoutées ; "
            f"{Company.objects.online().count()} fiches en ligne, {Offer.objects.visible_to_public().count()} offres "
            f"publiées ({time.perf_counter() - started:.1f} s)")

    def make_companies(self, n, rng, communes, sectors) -> int:
        existing = Company.objects.filter(siret__startswith=SIRET_PREFIX).count()
        rows = []
        for i in range(existing, n):
            name = f"{rng.choice(NAMES)} {rng.choice(PLACES)} {i + 1}"
            rows.append(Company(
                name=name, search_name=fold(name), siret=f"{SIRET_PREFIX}{i:012d}", slug=f"{SLUG_PREFIX}{i}",
                sector=rng.choice(sectors), size=rng.choice(list(CompanySize)), commune=rng.choice(communes),
                phone="04 68 11 22 33", employee_count=rng.randint(2, 400), is_online=True,
                street_number=str(rng.randint(1, 80)), street_name="avenue du Général Leclerc",
                description=f"<p>{name} est une entreprise de l'Aude qui recrute tout au long de l'année.</p>"
                            "<p>Nous accueillons des débutants et formons nos équipes sur le terrain.</p>",
            ))
        Company.objects.bulk_create(rows, batch_size=1000)
        return len(rows)

    def make_offers(self, n, rng, communes, metiers) -> int:
        companies = list(Company.objects.filter(siret__startswith=SIRET_PREFIX).order_by("pk"))
        existing = Offer.objects.filter(company__siret__startswith=SIRET_PREFIX).count()
        now = timezone.now()
        made = 0
        for start in range(existing, n, 2000):
            rows = []
            for i in range(start, min(n, start + 2000)):
                metier, company = rng.choice(metiers), companies[i % len(companies)]
                contract = rng.choice(CONTRACTS)
                title = f"{metier.name_feminine and f'{metier.name} / {metier.name_feminine}' or metier.name} H/F"
                published = now - datetime.timedelta(days=rng.randint(0, 55), minutes=rng.randint(0, 1439))
                hourly = rng.random() < 0.4
                rows.append(Offer(
                    company=company, title=title[:200], slug=f"{SLUG_PREFIX}{i}", metier=metier,
                    commune=rng.choice(communes), contract_type=contract,
                    is_seasonal=contract == ContractType.SAISONNIER,
                    salary_min=Decimal("11.88") if hourly else Decimal(rng.randrange(1800, 3200, 50)),
                    salary_period=SalaryPeriod.HOUR if hourly else SalaryPeriod.MONTH,
                    contact_name="Service recrutement", contact_phone="04 68 11 22 33",
                    description=_description(company.name, rng.sample(MISSIONS, 3),
                                             "Débutant(e) accepté(e) ; vous serez formé(e) sur place.",
                                             contract == ContractType.SAISONNIER),
                    status=OfferStatus.PUBLISHED, created_at=published, submitted_at=published,
                    published_at=published, expires_at=published + datetime.timedelta(days=60),
                ))
            with transaction.atomic():
                created = Offer.objects.bulk_create(rows)
                self.index(created)
            made += len(created)
            self.stdout.write(f"  {existing + made} / {n} offres générées")
        return made

    @staticmethod
    def index(offers):
        """The search vector of each offer, as the model computes it (its company, métier and commune are
        the instances it was built with: no query to read them)."""
        for offer in offers:
            offer.update_search_vector()
