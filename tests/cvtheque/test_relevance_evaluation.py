"""The relevance instrument of issue 14: the graded set, its grading rule, the metrics, the anchor's
query mapping and the benchmark command on a small sample (figures printed, never asserted)."""

from io import StringIO

import pytest
from django.core.management import call_command

from cvtheque.cvs.models import CV
from cvtheque.evaluation import anchor
from cvtheque.evaluation.catalog import NEGATIONS
from cvtheque.evaluation.generator import EvalCV, generate_set
from cvtheque.evaluation.metrics import ndcg_at, precision_at, query_metrics, recall_at
from cvtheque.evaluation.queries import QUERIES, grade, grades

needs_tantivy = pytest.mark.skipif(not anchor.available(), reason="tantivy (the anchor) is not installed")


def person(metier, facts=(), previous=None):
    return EvalCV("eval-x", metier, previous, False, frozenset(facts), {})


def rule_of(q):
    return next(query.rule for query in QUERIES if query.q == q)


# --- the set ---------------------------------------------------------------------------------------------------


def test_the_set_is_the_same_for_the_same_seed_and_differs_for_another():
    first, again, other = generate_set(60, seed=5), generate_set(60, seed=5), generate_set(60, seed=6)
    assert [cv.line for cv in first] == [cv.line for cv in again]
    assert [cv.facts for cv in first] == [cv.facts for cv in again]
    assert [cv.line for cv in first] != [cv.line for cv in other]


def test_the_queries_are_at_least_forty_and_exercise_every_kind_of_search():
    assert len(QUERIES) >= 40
    assert len({q.q for q in QUERIES}) == len(QUERIES)
    assert {q.kind for q in QUERIES} >= {"métier", "requirement", "feminine", "synonym", "phrase", "or",
                                          "exclusion", "permit", "diploma", "negation"}


def test_every_query_has_relevant_cvs_in_the_default_set():
    cvs = generate_set(2000, seed=14)
    for query in QUERIES:
        assert any(g >= 2 for g in grades(query, cvs).values()), query.q


# --- grades by construction ------------------------------------------------------------------------------------


def test_a_soudeur_tig_with_permis_b_is_graded_3_for_soudeur_tig():
    assert grade(rule_of("soudeur TIG"), person("soudeur", {"tig", "licence:B"})) == 3


def test_the_metier_without_the_requirement_or_a_close_metier_with_it_is_graded_2():
    assert grade(rule_of("soudeur TIG"), person("soudeur", {"mig"})) == 2
    assert grade(rule_of("soudeur TIG"), person("chaudronnier", {"tig"})) == 2
    assert grade(rule_of("cariste CACES"), person("preparateur", {"caces"})) == 2


def test_a_close_metier_missing_the_requirement_a_former_job_or_the_same_family_is_graded_1():
    assert grade(rule_of("soudeur TIG"), person("chaudronnier")) == 1
    assert grade(rule_of("SOUDEUR"), person("magasinier", previous="soudeur")) == 1
    assert grade(rule_of("infirmière"), person("secretaire_medicale")) == 1


def test_an_unrelated_metier_is_graded_0_even_holding_the_requirement():
    assert grade(rule_of("soudeur TIG"), person("cuisinier", {"tig"})) == 0


def test_a_negated_permit_is_not_a_permit():
    """People who write « je n'ai pas le permis B » or « sans permis » never hold the licence, and are
    graded 0 for « PERMIS B »; a holder is graded 3."""
    negations = NEGATIONS["licence:B"]
    negated = [cv for cv in generate_set(600, seed=3) if any(n in cv.line["text"] for n in negations)]
    assert len(negated) > 20
    assert all("licence:B" not in cv.facts and not cv.line["driving_licence"] for cv in negated)
    assert {grade(rule_of("PERMIS B"), cv) for cv in negated} == {0}
    assert grade(rule_of("PERMIS B"), person("caissier", {"licence:B"})) == 3


def test_an_excluded_fact_makes_the_cv_irrelevant():
    assert grade(rule_of("vendeuse -boulangerie"), person("vendeur", {"sector:boulangerie"})) == 0
    assert grade(rule_of("vendeuse -boulangerie"), person("vendeur")) == 3


def test_a_fact_held_is_written_somewhere_in_the_cv_or_in_a_wording_a_recruiter_may_not_type():
    """Grades follow decisions, texts follow grades: a « cariste CACES » of grade 3 is a cariste with
    the CACES fact, whatever its headline says."""
    cvs = generate_set(400, seed=9)
    top = [cv for cv in cvs if grade(rule_of("cariste CACES"), cv) == 3]
    assert top and all(cv.metier == "cariste" and "caces" in cv.facts for cv in top)
    silent = [cv for cv in cvs if "cariste" not in cv.line["headline"].lower() and cv.metier == "cariste"]
    assert silent, "some caristes do not say so in their headline"


# --- metrics ---------------------------------------------------------------------------------------------------

JUDGED = {"a": 3, "b": 2, "c": 1}


def test_a_perfect_ranking_scores_one():
    metrics = query_metrics(["a", "b", "c", "x", "y"], JUDGED)
    assert metrics["ndcg@10"] == pytest.approx(1.0)
    assert metrics["ndcg@20"] == pytest.approx(1.0)
    assert metrics["recall@40"] == pytest.approx(1.0)
    assert metrics["p@5"] == pytest.approx(2 / 5)


def test_a_reversed_ranking_scores_less_and_an_irrelevant_one_zero():
    assert ndcg_at(["c", "b", "a"], JUDGED, 10) < ndcg_at(["a", "c", "b"], JUDGED, 10) < 1.0
    assert ndcg_at(["x", "y", "z"], JUDGED, 10) == 0.0
    assert precision_at(["x", "c", "a"], JUDGED, 5) == pytest.approx(1 / 5)


def test_recall_counts_grade_two_and_more_over_at_most_k():
    assert recall_at(["a", "x"], JUDGED, 40) == pytest.approx(1 / 2)
    many = {f"d{i}": 2 for i in range(100)}
    assert recall_at([f"d{i}" for i in range(40)], many, 40) == pytest.approx(1.0)
    assert recall_at([f"d{i}" for i in range(20)], many, 40) == pytest.approx(0.5)


# --- the anchor ------------------------------------------------------------------------------------------------


def test_our_query_language_maps_to_tantivys_syntax():
    assert anchor.to_tantivy("cariste CACES") == '"cariste" "CACES"'
    assert anchor.to_tantivy('"service en salle"') == '"service en salle"'
    assert anchor.to_tantivy("aide-soignante") == '"aide soignante"'
    assert anchor.to_tantivy("mécanicien OR garagiste permis") == '("mécanicien" OR "garagiste") "permis"'
    assert anchor.to_tantivy("vendeuse OU caissière") == '("vendeuse" OR "caissière")'
    assert anchor.to_tantivy("agent d'entretien -nettoyage") == '"agent" "d entretien" -"nettoyage"'
    assert anchor.to_tantivy("-nettoyage") == ""


@needs_tantivy
def test_the_anchor_ands_words_stems_french_and_excludes():
    engine = anchor.Anchor([
        ("1", {"headline": "Soudeur", "skills": "soudure TIG, permis B"}),
        ("2", {"headline": "Soudeurs", "text": "nettoyage de l'atelier"}),
        ("3", {"headline": "Cuisinier", "skills": "HACCP"}),
    ])
    assert engine.search("soudeur") == ["1", "2"] or engine.search("soudeur") == ["2", "1"]
    assert engine.search("soudeur TIG") == ["1"]
    assert engine.search("soudeur -nettoyage") == ["1"]
    assert sorted(engine.search("soudeur OU cuisinier")) == ["1", "2", "3"]


# --- the command -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_benchmark_runs_end_to_end_on_a_small_sample_and_replaces_its_cvs(capsys):
    out = StringIO()
    call_command("bench_cv_relevance", cvs=150, queries="5", stdout=out)
    call_command("bench_cv_relevance", cvs=150, queries="5", seed=2, stdout=out)
    report = out.getvalue()
    with capsys.disabled():
        print("\n" + report)  # the figures go in the notes, not in assertions
    assert CV.objects.filter(external_id__startswith="eval-").count() == 150
    assert "Terre d'Emplois" in report and "nDCG@10 par requête" in report and "COMMERCIAL" in report
    assert "Temps par requête" in report
    if anchor.available():
        assert "BM25 (tantivy)" in report
    else:
        assert "Moteur d'ancrage absent" in report


@pytest.mark.django_db
def test_without_tantivy_the_benchmark_prints_the_projects_figures_and_says_the_anchor_is_missing(monkeypatch):
    monkeypatch.setattr(anchor, "tantivy", None)
    out = StringIO()
    call_command("bench_cv_relevance", cvs=80, queries="3", stdout=out)
    report = out.getvalue()
    assert "Moteur d'ancrage absent" in report
    assert "Terre d'Emplois" in report and "BM25 (tantivy)" not in report
