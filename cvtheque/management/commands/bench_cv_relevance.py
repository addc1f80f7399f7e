"""Relevance benchmark of the CV search (issue 14): imports the graded evaluation set (CVs « eval-… »,
replaced on each run), runs its recruiter queries through the project's search and through a BM25
engine (tantivy, French stemmer; installed only for the benchmark), and prints nDCG@10, nDCG@20, P@5
and recall@40 of both, each query's nDCG@10 and the time per query. Prints figures; asserts nothing."""

import time

from django.core.management.base import BaseCommand, CommandError

from cvtheque.evaluation import anchor
from cvtheque.evaluation.generator import generate_set
from cvtheque.evaluation.queries import QUERIES
from cvtheque.evaluation.run import evaluate, import_set, table


class Command(BaseCommand):
    help = "Banc de pertinence de la recherche de CV : jeu noté 0–3, Terre d'Emplois face à BM25 (tantivy)."

    def add_arguments(self, parser):
        parser.add_argument("--cvs", type=int, default=2000, help="nombre de CV générés (2000 par défaut)")
        parser.add_argument("--queries", default="all", help="all (par défaut) ou les N premières requêtes")
        parser.add_argument("--seed", type=int, default=14)

    def handle(self, *args, cvs, queries, seed, **options):
        if queries == "all":
            chosen = QUERIES
        elif queries.isdigit() and int(queries) > 0:
            chosen = QUERIES[: int(queries)]
        else:
            raise CommandError("--queries : « all » ou un nombre")
        out = self.stdout.write
        started = time.monotonic()
        evaluation_set = generate_set(cvs, seed=seed)
        report = import_set(evaluation_set)
        out(f"Jeu d'évaluation : {cvs} CV (graine {seed}) générés et importés en {time.monotonic() - started:.1f} s"
            f" ({report.created} créés), {len(chosen)} requêtes")
        if not anchor.available():
            out("Moteur d'ancrage absent : tantivy n'est pas installé (pip install '.[bench]') ;"
                " seuls les chiffres de Terre d'Emplois suivent.")
        runs = evaluate(evaluation_set, chosen)
        out("\n".join(table(runs, chosen, evaluation_set)))
