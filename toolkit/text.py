"""Text normalisation shared by every search (referentials, offers, CVthèque): documents and queries are
folded and split the same way before they reach PostgreSQL.

``fold(text)``
    Lower case, no accents, ligatures expanded, spaces collapsed (names, e-mail look-ups, moderation).
``split_words(folded)``
    The ``[a-z0-9]`` words of a folded text: punctuation, apostrophes and hyphens separate words.
``normalize_name(text)``
    Names of places, métiers and sectors (the referentials' ``search_name`` / ``search_text`` and what is
    typed in their autocompletes): folded words, « st » → « saint ».
``normalize_words(text)`` / ``normalize_text(text)`` / ``normalize_word(word)``
    CV documents and CV search queries: folded words, « Bac+2 » as one word (« bac2 »), feminine forms
    turned masculine (« vendeuse » → « vendeur »), so that a query finds both.
``REFERENTIAL_STOP_WORDS`` / ``CV_QUERY_STOP_WORDS``
    Words a query can leave out.

The stored search columns (referentials migration 0005, cvtheque migrations 0006 and 0007) were computed by these
functions: changing what they return means recomputing them."""

import functools
import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "’": "'", "‘": "'"})
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, strip accents and ligatures, collapse spaces: « Œuvre  Électricien » → « oeuvre electricien »."""
    if not text:
        return ""
    text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.lower()).strip()


# A fast path for split_words(fold(text)): the runs of non-ASCII characters are folded by fold()'s own steps
# (each run once per process, kept in a bounded dict), the ASCII ones left as they are, then the whole is
# lowered. Spaces are neither collapsed nor stripped (only for splitting into words): a no-break space stays a
# separator (fold("\xa0") is ""), and lowering comes last, as in fold() (« ẞ » is not « ß »).
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_FOLDED_RUNS: dict[str, str] = {}
_FOLDED_RUNS_MAX = 20_000


def _fold_run(match: re.Match) -> str:
    run = match.group()
    folded = _FOLDED_RUNS.get(run)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", run.translate(_LIGATURES))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(_FOLDED_RUNS) >= _FOLDED_RUNS_MAX:
            _FOLDED_RUNS.clear()
        _FOLDED_RUNS[run] = folded
    return folded


def fold_runs(text: str) -> str:
    """fold(text) but for its spaces (neither collapsed nor stripped): split_words(fold_runs(t)) is
    split_words(fold(t)), in a fraction of the time."""
    if text.isascii():
        return text.lower()
    return _NON_ASCII.sub(_fold_run, text).lower()


_fold_fast = fold_runs


def split_words(folded: str) -> list[str]:
    """« saint-hilaire (aude) » → ["saint", "hilaire", "aude"] (``folded``: what fold() gives)."""
    return _WORD.findall(folded)


# --- stop words ---------------------------------------------------------------------------------------------
# Two lists, one per search: they differ by « sur » (no reason was recorded) and either change would move
# results. The métier and sector autocompletes drop these words from the query and the names before
# comparing (« vendeur marché » is « Vendeur sur marché »); the CV search drops its own from the métier forms
# and query spans it matches for synonyms (with « sur » there, the query « opérateur machine » would also be
# read as the métier form « Opérateur sur machine » and widened to its synonyms).
CV_QUERY_STOP_WORDS = frozenset(
    {"de", "d", "du", "des", "la", "le", "l", "les", "en", "a", "au", "aux", "et", "un", "une", "pour"}
)
REFERENTIAL_STOP_WORDS = CV_QUERY_STOP_WORDS | {"sur"}


# --- names of places, métiers and sectors --------------------------------------------------------------------
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def normalize_name(text: str | None, max_length: int = 100) -> str:
    """« Saint-Hilaire  (Aude) » → « saint hilaire aude »; « St-Jean » → « saint jean ». Only ``[a-z0-9 ]``
    survives (whatever the user types is harmless in a LIKE pattern), at most ``max_length`` characters."""
    if not text:
        return ""
    words = split_words(fold(str(text)[: max_length * 5]))
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)[:max_length].strip()


# --- CV documents and queries ----------------------------------------------------------------------------------
_FEMININE_RULES = [  # (suffix, replacement, minimal word length)
    ("trice", "teur", 7),
    ("euse", "eur", 6),
    ("ienne", "ien", 7),
    ("ere", "er", 6),
    ("ive", "if", 6),
]


@functools.lru_cache(maxsize=100_000)
def masculine(word: str) -> str:
    """« vendeuse » → « vendeur », « preparatrice » → « preparateur » (folded words)."""
    for suffix, replacement, min_len in _FEMININE_RULES:
        if len(word) >= min_len and word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    return word


# « Bac+2 », « bac + 5 » are one word for recruiters: one lexeme (« bac2 ») rather than a phrase of two
# very common ones, which PostgreSQL could only check by reading every candidate's positions.
_BAC_PLUS = re.compile(r"\bbac\s*\+\s*(\d)\b")
# The words of a text as it is written (not folded), « Bac+2 » being one: what normalize_word() takes.
WORD_AS_WRITTEN = re.compile(r"[Bb][Aa][Cc]\s*\+\s*\d\b|\w+", re.UNICODE)


# The categories of a driving licence or a CACES written after the word (« permis B », « Permis C + CE »,
# « CACES R489 catégorie 3 », « CACES 1, 3 et 5 ») are also written as one word each (« permisb »,
# « permisce », « caces3 »): « CE » or « C » alone are stop words or any letter, « permis CE » is a fact. An
# explicit negation before (« pas de », « sans », « ni », « aucun ») or a « not yet » after (« en cours »,
# « en préparation », « non ») leaves them out: « je n'ai pas le permis B » is not a driving licence.
# « Permis de conduire » with no category is the B licence, « VL » is B and « PL » is C.
_CATEGORIES = {
    "permis": {"a", "a1", "a2", "am", "b", "b1", "be", "c", "c1", "c1e", "ce", "d", "d1", "d1e", "de", "vl", "pl"},
    "caces": {str(n) for n in range(1, 11)} | set("bcdefg") | {"1a", "1b", "2a", "2b", "3a", "3b"},
}
_CATEGORY_ALIASES = {"vl": "b", "pl": "c"}
_CATEGORY_FILLERS = {"et", "ou", "cat", "categorie", "categories", "de", "du", "conduire", "poids", "lourd", "lourds",
                     "super", "r372", "r383", "r386", "r389", "r390", "r482", "r483", "r484", "r485", "r486",
                     "r489", "r490"}
_NEGATIONS_BEFORE = {"pas", "sans", "ni", "aucun", "aucune", "jamais", "retrait", "perte", "suspension", "attente",
                     "preparation", "prepare"}
_NEGATIONS_AFTER = {("non",), ("en", "cours"), ("en", "preparation"), ("en", "formation"), ("a", "passer"),
                    ("suspendu",), ("retire",), ("annule",), ("invalide",), ("prevu",)}
_NEGATION_REACH = 3  # words between a negation and « permis »
_NEGATIONS_AFTER_FIRST_WORDS = frozenset(after[0] for after in _NEGATIONS_AFTER)


def _negation_after(words: list[str], start: int) -> bool:
    """Whether a « not (yet) » (``_NEGATIONS_AFTER``) starts at ``words[start]``."""
    return (start < len(words) and words[start] in _NEGATIONS_AFTER_FIRST_WORDS
            and any(tuple(words[start : start + len(after)]) == after for after in _NEGATIONS_AFTER))


def negated(words: list[str], start: int, end: int) -> bool:
    """Whether the mention ``words[start:end]`` (« permis B ») is negated: a negation at most
    ``_NEGATION_REACH`` words before it, or a « not (yet) » right after it."""
    if _NEGATIONS_BEFORE & set(words[max(0, start - _NEGATION_REACH) : start]):
        return True
    return _negation_after(words, end)


def negated_mention(words: list[str], i: int) -> bool:
    """Whether the licence or CACES word ``words[i]`` (« permis », « caces ») is a negated mention (« pas de
    permis », « permis B en cours », « sans CACES »), its categories and fused words read over."""
    word = words[i]
    if word == "permis" and words[i + 1 : i + 2] == ["non"]:
        return True
    end = i + 1
    while end < len(words) and end - i <= 4 and (
            words[end] in _CATEGORIES.get(word, ()) or words[end] in _CATEGORY_FILLERS
            or (words[end].startswith(word) and words[end] != word)):
        if _negation_after(words, end):
            break
        end += 1
    return negated(words, i, end)


def with_categories(words: list[str]) -> list[str]:
    """``words`` with each category of a licence or a CACES written after it also as one word."""
    result, i = [], 0
    for start in category_word_positions(words):
        if start < i:
            continue  # read over as a category or a filler of the previous mention
        result += words[i:start]  # words that are no licence or CACES word, kept as they are
        i = start
        word = words[i]
        result.append(word)
        if word not in _CATEGORIES or (word == "permis" and i + 1 < len(words) and words[i + 1] == "non"):
            i += 1
            continue
        categories, j, end = [], i + 1, i + 1
        while j < len(words) and j - end <= 2:
            if _negation_after(words, j):
                break  # « permis B à passer »: « à » is not the A licence
            if words[j] in _CATEGORIES[word] and not (word == "permis" and words[j] == "de" and
                                                      words[j + 1 : j + 2] == ["conduire"]):
                categories.append(j)
                end = j + 1
            elif words[j] not in _CATEGORY_FILLERS:
                break
            j += 1
        if not categories and word == "permis" and words[i + 1 : i + 3] == ["de", "conduire"]:
            end = i + 3
            fused = {i + 2: "permisb"}  # « permis de conduire »: the B licence
        else:
            fused = {j: word + _CATEGORY_ALIASES.get(words[j], words[j]) for j in categories}
        if negated(words, i, end):
            fused = {}
        for j in range(i + 1, end):
            result.append(words[j])
            if j in fused:
                result.append(fused[j])
        i = end
    result += words[i:]
    return result


def category_word_positions(words: list[str]) -> list[int]:
    """The positions of « permis » and « caces » in ``words``, in order (searched by ``list.index``)."""
    positions = []
    for word in _CATEGORIES:
        i = -1
        while True:
            try:
                i = words.index(word, i + 1)
            except ValueError:
                break
            positions.append(i)
    positions.sort()
    return positions


def normalize_words(text: str) -> list[str]:
    """« Préparatrice de COMMANDES, Bac+2, permis B » → ["preparateur", "de", "commandes", "bac2", "permis", "b",
    "permisb"]."""
    folded = _fold_fast(text)
    if "bac" in folded:
        folded = _BAC_PLUS.sub(r"bac\1", folded)
    words = list(map(masculine, _WORD.findall(folded)))
    if "permis" in words or "caces" in words:
        words = with_categories(words)
    return words


def normalize_text(text: str) -> str:
    """The one normalisation applied to every CV document and every CV query before PostgreSQL sees them."""
    return " ".join(normalize_words(text))


@functools.lru_cache(maxsize=100_000)
def normalize_word(word: str) -> str:
    return normalize_text(word)


# NUL (refused by PostgreSQL in text and JSON) and the other control characters; tabs and line breaks stay.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)
