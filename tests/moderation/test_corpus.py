"""The wording checker on the labelled corpus (tests/moderation/corpus/offers.jsonl, see moderation.evaluation):
at least 95 % of the discriminating offers caught, at most 5 % of the harmless ones flagged."""

from collections import Counter

import pytest

from moderation.evaluation import CORPUS_PATH, CRITERION_CODES, evaluate, load_corpus

CORPUS = load_corpus()
HELDOUT_PATH = CORPUS_PATH.with_name("heldout.jsonl")
SHAPES_OF_A_WORDING = {"reservation", "exclusion", "requirement", "description", "title", "foreign"}


@pytest.fixture(scope="module")
def scores():
    return evaluate(CORPUS)


def test_the_corpus_has_at_least_400_offers_of_ordinary_length_in_html():
    assert len(CORPUS) >= 400
    assert len({row["id"] for row in CORPUS}) == len(CORPUS)
    for row in CORPUS:
        assert row["description"].startswith("<p>")
        assert 300 <= len(row["description"]) <= 3000, row["id"]


def test_every_criterion_has_eight_discriminating_wordings_in_several_shapes_and_as_many_near_misses():
    discriminating = Counter(row["criterion"] for row in CORPUS if row["discriminating"])
    harmless = Counter(row["criterion"] for row in CORPUS if not row["discriminating"])
    for criterion in CRITERION_CODES:
        assert discriminating[criterion] >= 8, criterion
        shapes = {row["shape"] for row in CORPUS if row["criterion"] == criterion and row["discriminating"]}
        assert shapes <= SHAPES_OF_A_WORDING
        assert len(shapes) >= 2 or criterion == "langue_offre", criterion
    assert sum(harmless.values()) >= sum(discriminating.values()) - 10
    exclusions = [row for row in CORPUS if row["shape"] == "exclusion"]
    for wording in ("s'abstenir", "ne seront pas retenu", "ne sera pas toléré", "merci de ne pas postuler"):
        assert any(wording in row["description"].lower() for row in exclusions), wording


def test_recall_is_at_least_95_percent_and_false_alarms_at_most_5_percent(scores):
    total = scores["total"]
    assert total.recall >= 0.95, f"missed: {total.missed}"
    assert total.false_alarm_rate <= 0.05, f"false alarms: {total.alarms}"


@pytest.mark.parametrize("criterion", sorted(CRITERION_CODES))
def test_each_criterion_is_caught_in_most_of_its_wordings(scores, criterion):
    score = scores[criterion]
    assert score.recall >= 0.75, f"{criterion} missed: {score.missed}"
    assert score.false_alarm_rate <= 0.25, f"{criterion} false alarms: {score.alarms}"


def test_the_evaluation_counts_a_miss_and_a_false_alarm():
    rows = [
        {"id": "a", "criterion": "age", "shape": "requirement", "discriminating": True, "title": "Vendeur H/F",
         "description": "<p>Vous aimez la vente et le contact avec la clientèle de notre boutique.</p>"},
        {"id": "b", "criterion": "age", "shape": "near_miss", "discriminating": False, "title": "Vendeur H/F",
         "description": "<p>Vous avez entre 25 et 35 ans.</p>"},
    ]
    score = evaluate(rows)["age"]
    assert (score.caught, score.missed, score.false_alarms, score.alarms) == (0, ["a"], 1, ["b"])


def test_the_held_out_set_stays_above_the_corpus_thresholds():
    """tests/moderation/corpus/heldout.jsonl: 75 offers written after the checker, in wordings and shapes the
    corpus does not have (measured before any rule change: 42/45 caught, 2/30 false alarms)."""
    rows = load_corpus(HELDOUT_PATH)
    assert len(rows) >= 60 and not {row["id"] for row in rows} & {row["id"] for row in CORPUS}
    assert not {row["description"] for row in rows} & {row["description"] for row in CORPUS}
    total = evaluate(rows)["total"]
    assert total.recall >= 0.95, f"missed: {total.missed}"
    assert total.false_alarm_rate <= 0.05, f"false alarms: {total.alarms}"
