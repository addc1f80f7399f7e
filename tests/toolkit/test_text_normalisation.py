"""toolkit.text: the one normalisation module of the referentials' and the CVthèque's searches."""

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.text import (
    _BAC_PLUS,
    _CATEGORIES,
    _CATEGORY_ALIASES,
    _CATEGORY_FILLERS,
    _NEGATIONS_AFTER,
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
    with_categories,
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


TRICKY = ["\xa0", "a\xa0b", "ẞ", "ß", "İstanbul", "ΑΣ ΟΔΟΣ", "Œuvre", "ﬁle", "…", "e\u0301te\u0301", "Ｂａｃ＋２",
          "K", "Å", "¼", "ǅ", "™", "①", "bac\u2009+\u20092", "l’été", "Préparatrice\u202fde\tcommandes", "\u3000x",
          "\x1cabc\x1f", "ǆ", "ﬀ", "Ǆ", "Ⅻ"]


def test_the_fast_fold_gives_the_words_of_fold_on_tricky_characters():
    for text in TRICKY:
        assert split_words(_fold_fast(text)) == split_words(fold(text)), text
    assert split_words(_fold_fast("un\xa0deux")) == ["un", "deux"]  # a no-break space still separates words


@settings(max_examples=500)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_the_fast_fold_splits_any_text_into_the_words_of_fold(text):
    assert split_words(_fold_fast(text)) == split_words(fold(text))


def _normalize_words_by_fold(text):
    folded = _BAC_PLUS.sub(r"bac\1", fold(text))
    words = [masculine(w) for w in split_words(folded)]
    return with_categories(words) if "permis" in words or "caces" in words else words


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["bac", "+", " + ", "2", "Bac+5", "\xa0", "permis", "B", "É", "é", "caces", "–",
                                 "vendeuse", " ", "\n", "ẞ", "œ", "’", "İ"]), max_size=15).map("".join))
def test_cv_words_are_those_of_the_folded_text(text):
    assert normalize_words(text) == _normalize_words_by_fold(text)


def _with_categories_word_by_word(words):
    """``with_categories`` as first written (a step per word): the reference of the faster one."""
    from toolkit.text import negated

    result, i = [], 0
    while i < len(words):
        word = words[i]
        result.append(word)
        if word not in _CATEGORIES or (word == "permis" and i + 1 < len(words) and words[i + 1] == "non"):
            i += 1
            continue
        categories, j, end = [], i + 1, i + 1
        while j < len(words) and j - end <= 2:
            if any(tuple(words[j : j + len(after)]) == after for after in _NEGATIONS_AFTER):
                break
            if words[j] in _CATEGORIES[word] and not (word == "permis" and words[j] == "de" and
                                                      words[j + 1 : j + 2] == ["conduire"]):
                categories.append(j)
                end = j + 1
            elif words[j] not in _CATEGORY_FILLERS:
                break
            j += 1
        if not categories and word == "permis" and words[i + 1 : i + 3] == ["de", "conduire"]:
            end = i + 3
            fused = {i + 2: "permisb"}
        else:
            fused = {j: word + _CATEGORY_ALIASES.get(words[j], words[j]) for j in categories}
        if negated(words, i, end):
            fused = {}
        for j in range(i + 1, end):
            result.append(words[j])
            if j in fused:
                result.append(fused[j])
        i = end
    return result


LICENCE_WORDS = ["permis", "caces", "b", "c", "ce", "de", "conduire", "et", "non", "en", "cours", "pas", "sans",
                 "3", "r489", "categorie", "vl", "pl", "a", "passer", "cariste", "1a"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(LICENCE_WORDS), max_size=14))
def test_categories_are_fused_as_when_read_word_by_word(words):
    assert with_categories(words) == _with_categories_word_by_word(words)
