"""toolkit.text: the one normalisation module of the referentials' and the CVthèque's searches."""

from hypothesis import given
from hypothesis import strategies as st

from toolkit.text import (
    CV_QUERY_STOP_WORDS,
    REFERENTIAL_STOP_WORDS,
    WORD_AS_WRITTEN,
    _fold_fast,
    fold,
    masculine,
    normalize_name,
    normalize_text,
    normalize_word,
    normalize_words,
    split_words,
)


def test_split_words_keeps_letters_and_digits_only():
    assert split_words("saint-hilaire (aude) d'oc, 11000") == ["saint", "hilaire", "aude", "d", "oc", "11000"]
    assert split_words(" -- ") == []


def test_a_name_is_folded_split_and_its_abbreviations_spelled_out():
    assert normalize_name("Saint-Hilaire  (Aude)") == "saint hilaire aude"
    assert normalize_name("St-Jean-de-Luz") == "saint jean de luz"
    assert normalize_name("Ste Œuvre, Stes Maries") == "sainte oeuvre saintes maries"
    assert normalize_name("Tourneur / Tourneuse") == "tourneur tourneuse"  # no feminine rule for names
    assert normalize_name(None) == "" and normalize_name("%_'") == ""
    assert normalize_name("a" * 300) == "a" * 100 and len(normalize_name("ab " * 300, max_length=10)) <= 10


def test_cv_documents_and_queries_turn_feminine_forms_masculine_and_bac_plus_into_one_word():
    assert normalize_words("Préparatrice de COMMANDES, Bac+2") == ["preparateur", "de", "commandes", "bac2"]
    assert normalize_text("bac + 5, Bachelor") == "bac5 bachelor"
    assert normalize_text("Vendeuse, aide-soignante, infirmière, électricienne, créative") == (
        "vendeur aide soignante infirmier electricien creatif")  # no rule for « -ante »
    assert normalize_word("Vendeuses") == "vendeuses"  # a plural is left to PostgreSQL's stemmer
    assert masculine("mere") == "mere" and masculine("ere") == "ere"  # short words are kept


def test_the_words_as_written_keep_bac_plus_together():
    assert WORD_AS_WRITTEN.findall("Un Bac + 2, vendeuse") == ["Un", "Bac + 2", "vendeuse"]
    assert normalize_word("Bac + 2") == "bac2"


def test_the_stop_word_lists_differ_by_sur_only():
    assert REFERENTIAL_STOP_WORDS - CV_QUERY_STOP_WORDS == {"sur"} and CV_QUERY_STOP_WORDS < REFERENTIAL_STOP_WORDS
    assert {"de", "la", "l", "d", "pour"} <= CV_QUERY_STOP_WORDS


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Z", "S"]), max_size=40))
def test_the_fast_fold_splits_into_the_same_words_as_fold(text):
    assert split_words(_fold_fast(text)) == split_words(fold(text))
