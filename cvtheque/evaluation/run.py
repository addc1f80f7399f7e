"""One evaluation run: the set imported into the database (CVs « eval-… », replaced each time), every
query through the project's search (``search_cvs``, the search page's reference order) and through
the anchor, the metrics of both, and the table that prints them."""

import dataclasses
import json
import statistics
import time

from django.db import transaction

from cvtheque.cvs.importing import import_lines
from cvtheque.cvs.models import CV
from cvtheque.search.params import CVSearchParams
from cvtheque.search.queryset import search_cvs

from . import anchor as anchor_engine
from .generator import PREFIX, EvalCV
from .metrics import average, has_relevant, query_metrics
from .queries import EvalQuery, grade, grades

DEPTH = 40  # the deepest cut-off of the metrics
PROJECT, ANCHOR = "Terre d'Emplois", "BM25 (tantivy)"
METRICS = ("ndcg@10", "ndcg@20", "p@5", "recall@40")


@dataclasses.dataclass
class EngineRun:
    name: str
    per_query: dict[str, dict[str, float]] = dataclasses.field(default_factory=dict)
    seconds: list[float] = dataclasses.field(default_factory=list)

    @property
    def averages(self) -> dict[str, float]:
        return average(list(self.per_query.values()))


def import_set(cvs: list[EvalCV]):
    """Replace the evaluation CVs of the database by ``cvs`` (through the import path); the report."""
    with transaction.atomic():
        CV.objects.filter(external_id__startswith=PREFIX).delete()
        report = import_lines((json.dumps(cv.line, ensure_ascii=False) for cv in cvs), chunk_size=1000)
    if report.errors:
        raise RuntimeError(f"import du jeu d'évaluation en échec : {report.errors[:3]}")
    return report


def project_ranking(q: str, limit: int = DEPTH) -> list[str]:
    """The first ``limit`` evaluation CVs in the order of the project's search page."""
    qs = search_cvs(CVSearchParams(q=q)).filter(external_id__startswith=PREFIX)
    return list(qs.values_list("external_id", flat=True)[:limit])


def _measure(engine: EngineRun, rank, queries: list[EvalQuery], judgements: dict[str, dict[str, int]]) -> EngineRun:
    for query in queries:
        started = time.perf_counter()
        ranking = rank(query.q)
        engine.seconds.append(time.perf_counter() - started)
        if has_relevant(judgements[query.q]):
            engine.per_query[query.q] = query_metrics(ranking, judgements[query.q])
    return engine


def evaluate(cvs: list[EvalCV], queries: list[EvalQuery], with_anchor: bool = True) -> list[EngineRun]:
    """Run every query through the project's search, then through the anchor when it is installed
    (the CVs must already be imported: ``import_set``)."""
    judgements = {query.q: grades(query, cvs) for query in queries}
    runs = [_measure(EngineRun(PROJECT), project_ranking, queries, judgements)]
    if with_anchor and anchor_engine.available():
        anchor = anchor_engine.Anchor([(cv.external_id, cv.anchor_fields) for cv in cvs])
        runs.append(_measure(EngineRun(ANCHOR), anchor.search, queries, judgements))
    return runs


def table(runs: list[EngineRun], queries: list[EvalQuery], cvs: list[EvalCV]) -> list[str]:
    """The printed report: averages of both engines, then each query's nDCG@10 (and how many CVs it has
    of grade ≥ 2), then the time per query."""
    lines = [f"{'Moteur':<18}" + "".join(f"{m:>11}" for m in METRICS)]
    for run in runs:
        lines.append(f"{run.name:<18}" + "".join(f"{run.averages.get(m, 0):>11.3f}" for m in METRICS))
    judged = [q for q in queries if q.q in runs[0].per_query]
    lines.append(f"({len(judged)} requêtes notées sur {len(queries)}, {len(cvs)} CV ; pertinent = note ≥ 2 ;"
                 " recall@40 sur min(40, nombre de CV pertinents))")
    lines.append("")
    lines.append(f"{'nDCG@10 par requête':<40}{'type':>12}{'pert.':>7}" + "".join(f"{r.name[:16]:>18}" for r in runs))
    for query in judged:
        relevant = sum(1 for cv in cvs if grade(query.rule, cv) >= 2)
        scores = "".join(f"{r.per_query[query.q]['ndcg@10']:>18.3f}" for r in runs)
        lines.append(f"{query.q[:39]:<40}{query.kind:>12}{relevant:>7}{scores}")
    for query in queries:
        if query not in judged:
            lines.append(f"{query.q[:39]:<40}{query.kind:>12}{0:>7}   (aucun CV pertinent : hors moyenne)")
    lines.append("")
    for run in runs:
        ms = [s * 1000 for s in run.seconds]
        lines.append(f"Temps par requête, {run.name} : moyenne {statistics.fmean(ms):.1f} ms,"
                     f" médiane {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms")
    return lines

