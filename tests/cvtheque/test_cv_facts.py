"""The facts a CV's text states (``cvs.facts.derive_facts``): licences, CACES, diplomas; negations left out;
stored on the CV by every writer of its text."""

import re
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cvtheque.cvs.facts import _tokens, derive_facts, split_negated_mentions
from cvtheque.cvs.importing import import_lines
from cvtheque.cvs.models import CV
from cvtheque.search.documents import update_search_columns
from tests.cvtheque.factories import CVFactory
from toolkit.text import fold, negated_mention


def facts_of(text: str = "", driving_licence: bool = False, **fields):
    cv = SimpleNamespace(headline="", skills="", summary="", experience="", extracted_text=text,
                         driving_licence=driving_licence)
    for name, value in fields.items():
        setattr(cv, name, value)
    return derive_facts(cv)


@pytest.mark.parametrize(("text", "licences"), [
    ("Permis B", ["B"]),
    ("titulaire du permis de conduire", ["B"]),  # no category: the car licence
    ("permis VL", ["B"]),
    ("Permis poids lourd (C)", ["B", "C1", "C"]),  # a C licence is held with the B one, and covers C1
    ("Permis C + CE", ["B", "BE", "C1", "C1E", "C", "CE"]),
    ("Permis D", ["B", "D1", "D"]),
])
def test_a_licence_written_in_the_text_is_a_fact_with_the_categories_it_implies(text, licences):
    assert facts_of(text).licences == licences


@pytest.mark.parametrize("text", [
    "Je n'ai pas le permis B", "sans permis", "pas de permis de conduire", "Permis : non",
    "pas de véhicule ni de permis B", "permis B en cours d'obtention", "permis C en préparation",
    "permis B suspendu", "Permis B à passer en juin", "en attente du permis B",
])
def test_a_negated_or_pending_licence_is_not_a_licence(text):
    assert facts_of(text).licences == []


def test_the_checkbox_is_the_b_licence_and_the_text_never_undoes_it():
    assert facts_of("Je n'ai pas le permis B", driving_licence=True).licences == ["B"]
    assert facts_of("", driving_licence=True).licences == ["B"]


def test_a_negation_does_not_reach_over_a_line_break():
    assert facts_of("Pas de contrainte horaire\nPermis B").licences == ["B"]


@pytest.mark.parametrize(("text", "caces"), [
    ("CACES R489 catégorie 3", ["R489 3"]),
    ("CACES 1, 3 et 5", ["1", "3", "5"]),
    ("CACES R489 1A et 3", ["R489 1A", "R489 3"]),
    ("CACES R482 C", ["R482 C"]),
    ("CACES R389 cat. 5", ["R389 5"]),
    ("CACES R486", ["R486"]),
    ("Cariste CACES", ["CACES"]),
    ("pas de CACES", []),
    ("CACES en cours d'obtention", []),
    ("sans CACES (formation prévue)", []),
])
def test_caces_categories_are_facts_unless_negated(text, caces):
    assert facts_of(text).caces == caces


@pytest.mark.parametrize(("text", "diplomas"), [
    ("BTS Commerce international (Bac+2)", ["BTS Commerce international"]),
    ("BTS CI", ["BTS Commerce international (CI)"]),  # an official abbreviation, spelled out
    ("Titulaire d'un BTS NDRC.", ["BTS Négociation et digitalisation de la relation client (NDRC)"]),
    ("CAP Cuisine", ["CAP Cuisine"]),
    ("Bac pro Commerce", ["Bac pro Commerce"]),
    ("DUT GEA (Bac+2)", ["DUT Gestion des entreprises et des administrations (GEA)"]),
    ("Licence professionnelle Logistique", ["Licence pro Logistique"]),
    ("Master Comptabilité, contrôle, audit", ["Master Comptabilité"]),
    ("Diplôme d'État d'infirmier", ["DE infirmier"]),
    ("Diplôme d'État d'aide-soignant (DEAS)", ["DE aide-soignant"]),
    ("Brevet de technicien supérieur Comptabilité et gestion", ["BTS Comptabilité et gestion"]),
    ("Formation\nBTS MCO\nCAP Vente", ["BTS Management commercial opérationnel (MCO)", "CAP Vente"]),
])
def test_a_diploma_written_in_the_text_is_a_fact_with_its_speciality(text, diplomas):
    assert facts_of(text).diplomas == diplomas


@pytest.mark.parametrize("text", [
    "préparation du BTS Commerce international (non validé)", "BTS MCO non obtenu", "Niveau BTS",
    "1ère année de BTS MCO", "BTS SAM en cours", "Sans diplôme", "Bac+2",
    "but : trouver un emploi", "responsable de la gestion des stocks",  # « but », « de »: common words
])
def test_a_negated_diploma_or_a_common_word_is_not_a_diploma(text):
    assert facts_of(text).diplomas == []


def test_the_facts_are_read_from_every_text_of_the_cv():
    facts = facts_of(headline="Cariste CACES 3", skills="Permis C", summary="", experience="BTS Transport",
                     text="")
    assert (facts.licences, facts.caces, facts.diplomas) == (["B", "C1", "C"], ["3"], ["BTS Transport"])


def test_facts_words_are_the_words_the_search_reads():
    facts = facts_of("Permis C\nCACES R489 3\nBTS CI")
    assert facts.words() == "permis B permis C1 permis C CACES R489 3 BTS Commerce international (CI)"


@pytest.mark.django_db
def test_saving_a_cv_stores_its_facts():
    cv = CVFactory(skills="CACES 3", summary="Je n'ai pas le permis B", experience="BTS MCO")
    cv.refresh_from_db()
    assert (cv.licences, cv.caces, cv.diplomas) == ([], ["3"], ["BTS Management commercial opérationnel (MCO)"])
    cv.summary = "Permis B"
    cv.save()
    cv.refresh_from_db()
    assert cv.licences == ["B"]


@pytest.mark.django_db
def test_a_text_changed_without_save_gets_its_facts_with_its_search_columns():
    cv = CVFactory()
    CV.objects.filter(pk=cv.pk).update(extracted_text="Permis CE")  # as the document's analysis writes it
    update_search_columns([cv.pk])
    cv.refresh_from_db()
    assert cv.licences == ["B", "BE", "C1", "C1E", "C", "CE"]


@pytest.mark.django_db
def test_an_imported_cv_gets_its_facts():
    line = ('{"external_id": "f-1", "first_name": "Léa", "last_name": "Roux", "headline": "Cariste",'
            ' "text": "CACES R489 catégorie 5, permis B", "visible": true}')
    report = import_lines([line])
    assert report.errors == []
    cv = CV.objects.get(external_id="f-1")
    assert (cv.licences, cv.caces) == (["B"], ["R489 5"])
    import_lines([line.replace("permis B", "pas de permis")])  # re-importing recomputes them
    cv.refresh_from_db()
    assert (cv.licences, cv.caces) == ([], ["R489 5"])


def test_a_diploma_named_in_full_by_its_abbreviation_takes_no_speciality():
    assert facts_of("DEAS de la Croix-Rouge\nDEI de Carcassonne\nIFSI de Carcassonne").diplomas == [
        "DE aide-soignant", "DE infirmier"]


@pytest.mark.django_db
def test_recompute_cv_facts_is_a_dry_run_unless_applied():
    from io import StringIO

    from django.core.management import call_command

    cv = CVFactory(skills="Permis C")
    CV.objects.filter(pk=cv.pk).update(licences=[])  # stored by older rules
    out = StringIO()
    call_command("recompute_cv_facts", stdout=out)
    assert "1 CV à recalculer" in out.getvalue()
    cv.refresh_from_db()
    assert cv.licences == []
    call_command("recompute_cv_facts", "--apply", stdout=out)
    cv.refresh_from_db()
    assert cv.licences == ["B", "C1", "C"]


MENTION_WORDS = ["permis", "caces", "b", "c", "non", "en", "cours", "pas", "de", "sans", "3", "r489", "et", "cariste"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(MENTION_WORDS), max_size=14))
def test_negated_mentions_are_split_as_when_read_word_by_word(words):
    kept, moved = [], []
    for i, word in enumerate(words):
        (moved if word in ("permis", "caces") and negated_mention(words, i) else kept).append(word)
    assert split_negated_mentions(words) == (kept, moved)


def _tokens_mark_by_mark(text):
    """The diploma scan's tokens as first read (every word and mark, the marks that are no break left out)."""
    from cvtheque.cvs.facts import _BREAKS

    tokens = []
    for written in re.findall(r"\w+|[^\w\s]|\n", text):
        if written in _BREAKS:
            tokens.append(("|", written))
        elif written[0].isalnum() or written[0] == "_":
            tokens.append((fold(written).replace(" ", ""), written))
    return tokens


@settings(max_examples=500)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
       | st.lists(st.sampled_from(["BTS", "é", "Œ", "\n", "–", "·", "…", " ", "\xa0", "(", "'", "ẞ", "_x", "²",
                                   "e\u0301", "DE", ",", "-"]), max_size=12).map("".join))
def test_the_diploma_scan_reads_the_words_and_breaks_as_when_read_mark_by_mark(text):
    assert _tokens(text) == _tokens_mark_by_mark(text)
