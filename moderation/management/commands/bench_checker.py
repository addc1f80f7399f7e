"""Benchmark of the wording checker: recall and false alarms per criterion on the labelled corpus, then
milliseconds per offer (CPU and elapsed) over the corpus and generated offers of ordinary length."""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError

from moderation.analyser import AnalysedChecker, AnalyserMissing
from moderation.checker import check_offer, load_lexicon
from moderation.evaluation import CORPUS_PATH, evaluate, load_corpus
from moderation.samples import sample_offers


class Command(BaseCommand):
    help = "Mesure la durée du contrôle automatique d'une offre (ms par offre)."

    def add_arguments(self, parser):
        parser.add_argument("--offers", type=int, default=1000)
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--corpus", action="append", default=None,
                            help="corpus étiqueté (JSON Lines), répétable ; par défaut le corpus des tests")
        parser.add_argument("--analyser", choices=["none", "spacy"], default="none",
                            help="« spacy » : ajoute l'analyseur morphologique fr_core_news_sm (lemmes, genre) "
                                 "au contrôle, pour le mesurer")

    def handle(self, *args, offers, rounds, corpus, analyser, **options):
        started = time.perf_counter()
        check = check_offer
        load_lexicon()
        if analyser == "spacy":
            try:
                check = AnalysedChecker().check
            except AnalyserMissing as error:
                raise CommandError(str(error)) from error
        load_ms = (time.perf_counter() - started) * 1000
        self.stdout.write(f"analyseur : {'spaCy fr_core_news_sm (lemmes, genre)' if analyser == 'spacy' else 'aucun'}")
        rows = []
        for path in corpus or [str(CORPUS_PATH)]:
            loaded = load_corpus(path)
            self.stdout.write(f"--- {path}")
            self.write_scores(loaded, check)
            rows += loaded
        samples = sample_offers(offers) + [(row["title"], row["description"]) for row in rows]
        offers = len(samples)
        durations = []
        cpu = []
        flagged = total_findings = 0
        for round_number in range(rounds):
            for title, description in samples:
                started, started_cpu = time.perf_counter(), time.thread_time()
                findings = check(title, description)
                durations.append((time.perf_counter() - started) * 1000)
                cpu.append((time.thread_time() - started_cpu) * 1000)
                if round_number == 0:
                    total_findings += len(findings)
                    flagged += bool(findings)
        durations.sort()
        cpu.sort()
        lengths = [len(description) for _, description in samples]
        p95 = durations[int(len(durations) * 0.95) - 1]
        self.stdout.write(f"offres : {offers} x {rounds} passages, description HTML médiane "
                          f"{int(statistics.median(lengths))} caractères (min {min(lengths)}, max {max(lengths)})")
        self.stdout.write(f"chargement du lexique{' et de l’analyseur' if analyser == 'spacy' else ''} : "
                          f"{load_ms:.1f} ms (une fois par processus)")
        self.stdout.write(f"ms par offre : p50 {statistics.median(durations):.3f}, p95 {p95:.3f}, "
                          f"max {durations[-1]:.3f}, moyenne {statistics.fmean(durations):.3f}")
        self.stdout.write(f"ms CPU par offre (sans l'attente des autres processus) : p50 {statistics.median(cpu):.3f}, "
                          f"p95 {cpu[int(len(cpu) * 0.95) - 1]:.3f}, moyenne {statistics.fmean(cpu):.3f}")
        self.stdout.write(f"offres avec au moins un signalement : {flagged}/{offers} ({flagged / offers:.0%}), "
                          f"signalements : {total_findings}")
        cpu_p95 = cpu[int(len(cpu) * 0.95) - 1]
        self.stdout.write(f"objectif < 10 ms par offre : temps CPU p95 {'atteint' if cpu_p95 < 10 else 'NON atteint'}, "
                          f"temps écoulé p95 {'atteint' if p95 < 10 else 'NON atteint (machine chargée ?)'}")

    def write_scores(self, rows, check=check_offer):
        scores = evaluate(rows, check)
        self.stdout.write(f"corpus : {len(rows)} offres étiquetées")
        self.stdout.write(f"{'critère':<16} {'rappel':>14} {'fausses alertes':>18}")
        for criterion, score in scores.items():
            self.stdout.write(f"{criterion:<16} {score.caught:>4}/{score.discriminating:<4} {score.recall:>5.0%}"
                              f" {score.false_alarms:>7}/{score.harmless:<4} {score.false_alarm_rate:>5.0%}")
        total = scores["total"]
        if total.missed:
            self.stdout.write(f"manquées : {', '.join(total.missed)}")
        if total.alarms:
            self.stdout.write(f"fausses alertes : {', '.join(total.alarms)}")
