"""Normalisation of CV documents and queries: one function, ``normalize``, applied to both (it lives in
``toolkit.text``, with the referentials' one), and the CV search's constants."""

from cvtheque.cvs.enums import Availability, EducationLevel
from referentials.query import CONFIG, METIER_FORMS_VERSION_KEY, OR_WORDS
from toolkit.text import CV_QUERY_STOP_WORDS, masculine, normalize_word, normalize_words
from toolkit.text import normalize_text as normalize

__all__ = ["CONFIG", "CV_QUERY_STOP_WORDS", "METIER_FORMS_VERSION_KEY", "OR_WORDS", "masculine", "normalize",
           "normalize_word", "normalize_words"]

FULLTEXT_MAX_CHARS = 200_000

EDUCATION_ORDER = [c.value for c in EducationLevel]
AVAILABILITY_ORDER = [c.value for c in Availability]
