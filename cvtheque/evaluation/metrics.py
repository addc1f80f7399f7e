"""Ranking metrics over graded judgements (grades 0–3; a CV not judged is grade 0).

- nDCG@k: gain 2^grade − 1, discount log2(rank + 1), divided by the ideal ordering of every judged CV;
- P@k: share of the first k that are relevant (grade ≥ 2), over k;
- recall@k: relevant CVs (grade ≥ 2) found in the first k, over min(k, number of relevant CVs), so
  that a query with 600 relevant CVs can still reach 1.0 (the first 40 are what a recruiter reads).
A query without any relevant CV has no nDCG or recall: ``evaluate`` leaves it out of the averages."""

import math
import statistics

RELEVANT = 2


def dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(gains))


def ndcg_at(ranking: list[str], judged: dict[str, int], k: int) -> float:
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judged.get(doc, 0) for doc in ranking[:k]]) / ideal


def precision_at(ranking: list[str], judged: dict[str, int], k: int) -> float:
    return sum(1 for doc in ranking[:k] if judged.get(doc, 0) >= RELEVANT) / k


def recall_at(ranking: list[str], judged: dict[str, int], k: int) -> float:
    relevant = sum(1 for g in judged.values() if g >= RELEVANT)
    if not relevant:
        return 0.0
    return sum(1 for doc in ranking[:k] if judged.get(doc, 0) >= RELEVANT) / min(k, relevant)


def query_metrics(ranking: list[str], judged: dict[str, int]) -> dict[str, float]:
    return {"ndcg@10": ndcg_at(ranking, judged, 10), "ndcg@20": ndcg_at(ranking, judged, 20),
            "p@5": precision_at(ranking, judged, 5), "recall@40": recall_at(ranking, judged, 40)}


def has_relevant(judged: dict[str, int]) -> bool:
    return any(g >= RELEVANT for g in judged.values())


def average(per_query: list[dict[str, float]]) -> dict[str, float]:
    if not per_query:
        return {}
    return {name: statistics.fmean(m[name] for m in per_query) for name in per_query[0]}
