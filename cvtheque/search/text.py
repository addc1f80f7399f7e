"""Normalisation of CV documents and queries: one function, ``normalize``, applied to both."""

import functools
import re

from cvtheque.cvs.enums import Availability, EducationLevel
from toolkit.text import fold

CONFIG = "french"
FULLTEXT_MAX_CHARS = 200_000
METIER_FORMS_VERSION_KEY = "cvtheque:metier-forms:version"

_NON_WORD = re.compile(r"[^a-z0-9]+")
_FEMININE_RULES = [  # (suffix, replacement, minimal word length)
    ("trice", "teur", 7),
    ("euse", "eur", 6),
    ("ienne", "ien", 7),
    ("ere", "er", 6),
    ("ive", "if", 6),
]
_STOPWORDS = {"de", "d", "du", "des", "la", "le", "l", "les", "en", "a", "au", "aux", "et", "un", "une", "pour"}
OR_WORDS = {"ou", "or"}
EDUCATION_ORDER = [c.value for c in EducationLevel]
AVAILABILITY_ORDER = [c.value for c in Availability]


@functools.lru_cache(maxsize=100_000)
def masculine(word: str) -> str:
    """« vendeuse » → « vendeur », « preparatrice » → « preparateur » (folded words)."""
    for suffix, replacement, min_len in _FEMININE_RULES:
        if len(word) >= min_len and word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    return word


# A fast path for the usual French characters, equal to toolkit.text.fold on them; any other
# non-ASCII text goes through fold() itself.
_FAST_FOLD = str.maketrans({
    **dict(zip("àâäáãåçéèêëíìîïñóòôöõúùûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy", strict=True)),
    "œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "‘": "'",
})


def _fold_fast(text: str) -> str:
    folded = text.lower().translate(_FAST_FOLD)
    return folded if folded.isascii() else fold(text)


# « Bac+2 », « bac + 5 » are one word for recruiters: one lexeme (« bac2 ») rather than a phrase of two
# very common ones, which PostgreSQL could only check by reading every candidate's positions.
_BAC_PLUS = re.compile(r"\bbac\s*\+\s*(\d)\b")


def normalize_words(text: str) -> list[str]:
    folded = _fold_fast(text)
    if "bac" in folded:
        folded = _BAC_PLUS.sub(r"bac\1", folded)
    return [masculine(w) for w in _NON_WORD.sub(" ", folded).split()]


def normalize(text: str) -> str:
    """The one normalisation applied to every document and every query before PostgreSQL sees them."""
    return " ".join(normalize_words(text))


@functools.lru_cache(maxsize=100_000)
def normalize_word(word: str) -> str:
    return normalize(word)
