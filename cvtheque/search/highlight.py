"""The query's words highlighted in a CV's texts."""

import functools
import re

from django.db import connection
from django.utils.safestring import SafeString

from referentials.query import _tokens
from toolkit.html import format_html_many
from toolkit.text import WORD_AS_WRITTEN

from .text import normalize_word

# --- highlighting ----------------------------------------------------------------------------------------------


def query_lexemes(q: str) -> list[str]:
    """The stems PostgreSQL derives from the query's positive words (to highlight them in the page)."""
    positive = [words for kind, words in _tokens(q) if kind in ("word", "phrase")]
    text = " ".join(w for words in positive for w in words)
    if not text:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector('french', %s))", [text])
        return sorted(cursor.fetchone()[0], key=len, reverse=True)




@functools.lru_cache(maxsize=200_000)
def _is_hit(word: str, lexemes: tuple[str, ...]) -> bool:
    normalized = normalize_word(word)
    return any(normalized == lx or (len(lx) > 2 and normalized.startswith(lx)) for lx in lexemes)


def _hits_pattern(text: str, lexemes: list[str]) -> re.Pattern | None:
    """A regex of the words of ``text`` whose normalised form starts with a query stem (each distinct
    word of the text is normalised once), None when there is none."""
    key = tuple(lexemes)
    hits = {word for word in set(WORD_AS_WRITTEN.findall(text)) if _is_hit(word, key)}
    if not hits:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(hits, key=len, reverse=True)) + r")\b")


def has_hits(text: str, lexemes: list[str]) -> bool:
    return _hits_pattern(text, lexemes) is not None


def highlight(text: str, lexemes: list[str]) -> SafeString:
    """``text`` escaped, the words whose normalised form starts with a query stem wrapped in ``<mark>``."""
    return _highlighted(text, lexemes, "", "")


def excerpt(text: str, lexemes: list[str], width: int = 240) -> SafeString:
    """A highlighted window of ``text`` around the first matching word (escaped)."""
    if not text:
        return SafeString()
    start = 0
    pattern = _hits_pattern(text, lexemes) if lexemes else None
    first = pattern.search(text) if pattern is not None else None
    if first is not None:
        start = max(0, first.start() - width // 3)
    return _highlighted(text[start : start + width], lexemes, "… " if start else "",
                        " …" if start + width < len(text) else "")


def _highlighted(text: str, lexemes: list[str], prefix: str, suffix: str) -> SafeString:
    """``prefix`` + ``text`` highlighted + ``suffix`` (constant texts), in one format_html call."""
    if not text:
        return format_html_many([(prefix + suffix, ())])
    pattern = _hits_pattern(text, lexemes) if lexemes else None
    fragments, last = [(prefix, ())], 0
    for match in pattern.finditer(text) if pattern is not None else ():
        fragments.append(("{}<mark>{}</mark>", (text[last : match.start()], match.group())))
        last = match.end()
    fragments.append(("{}" + suffix, (text[last:],)))
    return format_html_many(fragments)
