"""Benchmark of the referential look-ups (targets: p95 < 15 ms for a place or a métier look-up,
< 20 ms for the 50 km radius around Carcassonne). Loads the real referentials into the database it runs on."""

import os
import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from referentials.loader import load_referentials
from referentials.models import Commune
from referentials.services import communes_within, search_metiers, search_places

PLACE_QUERIES = [
    # full names, as chosen in the list or typed
    "carcassonne", "Carcassonne (11000)", "Castelnaudary", "Limoux", "Narbonne", "Lézignan-Corbières", "Quillan",
    "Trèbes", "Bram", "Conques-sur-Orbiel", "Perpignan", "Toulouse", "Montpellier", "Béziers", "Paris", "Marseille",
    "Lyon", "Kourou", "Saint-Denis", "Sainte-Foy-la-Grande",
    # prefixes while typing
    "car", "carca", "castel", "lim", "nar", "saint", "st hil", "mont", "pe", "vill", "bez", "tou",
    # postal codes and département codes
    "11000", "11400", "113", "66000", "75011", "11", "34", "2A", "973",
    # départements, régions, intercommunalités
    "Aude", "aude (11)", "Pyrénées-Orientales", "Hérault", "Occitanie", "Hauts-de-France", "ile de france",
    "Carcassonne Agglo", "Grand Narbonne", "Limouxin", "Toulouse Métropole",
    # with a département code, and a few typos
    "st hilaire 11", "saint martin 11", "Carcasonne", "Narbone", "Perpigan",
]

METIER_QUERIES = [
    "preparatrice commande", "préparateur de commandes", "aide a domicile", "auxiliaire de vie", "soudeur",
    "soudeuse", "BTP", "electricien", "électricienne", "vendeur", "vendeuse", "caissiere", "serveur", "serveuse",
    "cuisinier", "commis de cuisine", "plongeur", "femme de chambre", "réceptionniste", "boulanger", "boucher",
    "macon", "plaquiste", "peintre", "plombier", "chauffagiste", "couvreur", "menuisier", "cariste", "magasinier",
    "chauffeur poids lourd", "chauffeur livreur", "ambulancier", "infirmiere", "aide soignante", "ASH",
    "secretaire medicale", "comptable", "assistante de direction", "secrétaire", "agent d'accueil", "commerciale",
    "développeur", "technicien informatique", "ouvrier viticole", "vendanges", "tractoriste", "jardinier",
    "agent d'entretien", "agent de sécurité", "animateur", "atsem", "coiffeuse", "esthéticienne", "glaciere",
    "saisonnier", "mécanicien auto", "opérateur de production", "informatique", "restauration",
]


def _percentiles(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95, ordered[-1]


def _timed(fn, queries, rounds):
    samples = []
    for _ in range(rounds):
        for q in queries:
            started = time.perf_counter()
            fn(q)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


class Command(BaseCommand):
    help = "Mesure les recherches de lieux et de métiers et le rayon de 50 km autour de Carcassonne (p50/p95)."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=5)

    def handle(self, *args, rounds=5, **options):
        if "referentials_commune" not in connection.introspection.table_names():
            call_command("migrate", verbosity=0)  # a new benchmark database
        started = time.monotonic()
        load_referentials()
        self.stdout.write(f"Référentiels prêts en {time.monotonic() - started:.1f} s "
                          f"({Commune.objects.count()} communes).")
        started = time.monotonic()
        load_referentials(force=True)
        self.stdout.write(f"Rechargement complet (--force, rien ne change) : {time.monotonic() - started:.1f} s")

        lines = []
        with connection.cursor() as cursor:
            def round_trip(_):
                cursor.execute("SELECT 1")
                cursor.fetchone()

            _timed(round_trip, range(50), 1)
            b50, b95, _ = _percentiles(_timed(round_trip, range(200), 1))
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        lines.append(f"Machine : charge moyenne {load} sur {os.cpu_count()} cœurs ; "
                     f"un aller-retour « SELECT 1 » : p50 {b50:.2f} ms, p95 {b95:.2f} ms")
        for label, fn, queries, target in (
            ("lieux", lambda q: search_places(q, limit=10), PLACE_QUERIES, 15),
            ("métiers", lambda q: search_metiers(q, limit=10), METIER_QUERIES, 15),
        ):
            first = _timed(fn, queries, 1)  # first pass: cold caches
            samples = _timed(fn, queries, rounds)
            p50, p95, worst = _percentiles(samples)
            c50, c95, _ = _percentiles(first)
            per_query = sorted(((statistics.median(samples[i::len(queries)]), q) for i, q in enumerate(queries)),
                               reverse=True)[:5]
            slowest = ", ".join(f"« {q} » {ms:.1f} ms" for ms, q in per_query)
            lines.append(f"Recherche de {label} : {len(queries)} requêtes × {rounds} : p50 {p50:.1f} ms, "
                         f"p95 {p95:.1f} ms, max {worst:.1f} ms (premier passage p50 {c50:.1f} / p95 {c95:.1f} ms) "
                         f"— objectif p95 < {target} ms : {'atteint' if p95 < target else 'NON atteint'}\n"
                         f"    les plus lentes (médiane) : {slowest}")

        carcassonne = Commune.objects.get(insee="11069")
        count = len(communes_within(carcassonne, 50))
        samples = _timed(lambda km: communes_within(carcassonne, km), [50] * 50, 1)
        p50, p95, worst = _percentiles(samples)
        lines.append(f"Rayon de 50 km autour de Carcassonne : {count} communes, 50 mesures : p50 {p50:.1f} ms, "
                     f"p95 {p95:.1f} ms, max {worst:.1f} ms — objectif p95 < 20 ms : "
                     f"{'atteint' if p95 < 20 else 'NON atteint'}")
        for line in lines:
            self.stdout.write(line)
