"""Automatic checks of an offer's wording (pure: no database, no Django model).

``check_offer(title, description_html)`` returns a list of ``Finding``: the H/F mention of the
title, wordings that refer to a criterion of article L1132-1 of the Code du travail, age limits
(L5331-2), an offer not written in French (L5331-4), contact details typed in the description,
a title in capitals only and a description that is too short.

The lexicon is data (``moderation/lexicon.json``). Its patterns run on a *folded* view of the
text (``toolkit.text.fold``: lower case, no accents, ligatures expanded, spaces collapsed)
that keeps, for every folded character, its offsets in the original string, so that a finding
carries the exact excerpt as written and its offsets in the original field (for the
description: offsets in the HTML source, which the admin uses to highlight it).

Three kinds of rules, all data in the lexicon:
- ``criteria``: patterns that are discriminating by themselves (« de souche », « 25-35 ans »);
- ``structure``: a sentence that names a group protected by article L1132-1 (« targets », written on lemmas with
  their endings: « syndiqu\\w* », « etrangers? ») and reserves, excludes or requires (« operators »: « réservé »,
  « s'abstenir », « ne seront pas retenus », « exigé », « vous devez »…), unless the sentence is lawful (« lawful »:
  « ouvert aux », « priorité », « accompagnement de »…) — so « Les candidats étrangers sont priés de s'abstenir »
  and « Aucun étranger ne sera accepté » are caught by the same two words;
- ``gendered_description``: the wanted person in one gender only (« une secrétaire douce et souriante »).

How a moderator's new case becomes a rule and a corpus example: see ``moderation.evaluation`` (the corpus in
``tests/moderation/corpus/offers.jsonl``, ``manage.py bench_checker`` prints recall and false alarms).
A French morphological analyser (spaCy ``fr_core_news_sm``: lemmas, gender and number) was measured and not
adopted (``moderation.analyser``, ``manage.py bench_checker --analyser spacy``): run beside these rules (the same
lexicon over the lemmas, and the wanted person's gender read from its morphology) it caught nothing more on the
corpus (328/328) nor on the held-out set (45/45), raised false alarms (corpus 0 → 14 of 332, held-out 0 → 3 of
30), and cost 20–30 ms of CPU per offer at the 95th percentile against about 1 ms here (budget 10 ms), plus
25–70 s to load. The lemmas the rules need are written as endings in the lexicon, and every pass here is a
regular expression over the folded text.
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.text import fold

from .enums import Severity

LEXICON_PATH = Path(__file__).with_name("lexicon.json")

TITLE = "title"
DESCRIPTION = "description"

SEVERITY_RANK = {Severity.BLOQUANT.value: 2, Severity.A_VERIFIER.value: 1}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    excerpt: str
    start: int
    end: int
    field: str = DESCRIPTION

    @property
    def severity_label(self) -> str:
        return Severity(self.severity).label

    @property
    def blocking(self) -> bool:
        """A « Bloquant » finding: the offer cannot be sent to moderation as is (see offers.hooks)."""
        return self.severity == Severity.BLOQUANT.value

    def as_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------------------------
# A folded view of a text that remembers where every character came from.

_BLOCK_TAGS = frozenset({
    "p", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "div", "tr", "td", "th", "table",
    "thead", "tbody", "blockquote", "figure", "figcaption", "hr", "section", "article", "img",
})
_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+\d*);", re.S)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


_ASCII_RUN = re.compile(r"[!-~]+")
# A block tag (paragraph, list item, line break) ends a sentence: it is a paragraph separator in the plain
# text and a line break in the folded one (a space for every pattern, the end of a sentence for the structure).
BLOCK_BREAK = "\u2029"


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char == BLOCK_BREAK or char == "\n":
        return "\n"
    if char.isspace():
        return " "
    return fold(char)


class FoldedText:
    """``folded`` is the text as the lexicon sees it; ``span(a, b)`` gives back the offsets in
    the source string of the folded slice ``[a, b)`` and ``excerpt(a, b)`` the text as written.

    Offsets are kept as segments (a run of characters copied one to one, or one character or
    entity that became several), looked up by bisection only when a finding needs them."""

    __slots__ = ("source", "plain", "folded", "links", "_html_segments", "_fold_segments")

    def __init__(self, source: str, is_html: bool):
        self.source = source or ""
        self.links: list[tuple[str, int, int]] = []  # (href, start, end) in source
        # (plain offset, source start, source end or None when copied one to one)
        self._html_segments: tuple[list[int], list[int], list[int | None]] | None = None
        if is_html:
            self._strip_html()
        else:
            self.plain = self.source
        self._fold()

    def _strip_html(self) -> None:
        source = self.source
        chars: list[str] = []
        plain_starts: list[int] = []
        source_starts: list[int] = []
        source_ends: list[int | None] = []
        length = 0
        position = 0

        def add(text: str, source_start: int, source_end: int | None) -> None:
            nonlocal length
            chars.append(text)
            plain_starts.append(length)
            source_starts.append(source_start)
            source_ends.append(source_end)
            length += len(text)

        for match in _TOKEN.finditer(source):
            begin = match.start()
            if begin > position:
                add(source[position:begin], position, None)
            tag = match.group(2)
            if tag is not None:
                lowered = tag.lower()
                if lowered in _BLOCK_TAGS:
                    add(BLOCK_BREAK, begin, begin)
                if lowered == "a" and not match.group(1):
                    href = _HREF.search(match.group(3) or "")
                    if href:
                        group = next(i for i in (1, 2, 3) if href.group(i) is not None)
                        self.links.append((html.unescape(href.group(group)), match.start(3) + href.start(group),
                                           match.start(3) + href.end(group)))
            elif not match.group(0).startswith("<!--"):
                for char in html.unescape(match.group(0)):
                    add(char, begin, match.end())
            position = match.end()
        if position < len(source):
            add(source[position:], position, None)
        self.plain = "".join(chars)
        self._html_segments = (plain_starts, source_starts, source_ends)

    def _fold(self) -> None:
        out: list[str] = []
        folded_starts: list[int] = []
        plain_starts: list[int] = []
        length = 0
        plain = self.plain
        previous_space = True  # drops leading spaces, as fold() does

        def fold_one_by_one(begin: int, end: int) -> None:  # spaces and non-ASCII characters
            nonlocal length, previous_space
            for index in range(begin, end):
                folded = _fold_char(plain[index])
                if folded == "\n":
                    if out and out[-1] == "\n":
                        continue
                    previous_space = True
                elif folded == " ":
                    if previous_space:
                        continue
                    previous_space = True
                elif folded:
                    previous_space = False
                else:
                    continue
                out.append(folded)
                folded_starts.append(length)
                plain_starts.append(-index - 1)  # negative: every folded character maps to this one
                length += len(folded)

        position = 0
        for run in _ASCII_RUN.finditer(plain):
            fold_one_by_one(position, run.start())
            out.append(run.group().lower())
            folded_starts.append(length)
            plain_starts.append(run.start())
            length += run.end() - run.start()
            previous_space = False
            position = run.end()
        fold_one_by_one(position, len(plain))
        self.folded = "".join(out)
        self._fold_segments = (folded_starts, plain_starts)

    def _to_plain(self, index: int) -> int:
        folded_starts, plain_starts = self._fold_segments
        segment = bisect_right(folded_starts, index) - 1
        plain = plain_starts[segment]
        return -plain - 1 if plain < 0 else plain + index - folded_starts[segment]

    def _to_source(self, index: int) -> tuple[int, int]:
        if self._html_segments is None:
            return index, index + 1
        plain_starts, source_starts, source_ends = self._html_segments
        segment = bisect_right(plain_starts, index) - 1
        if source_ends[segment] is None:
            start = source_starts[segment] + index - plain_starts[segment]
            return start, start + 1
        return source_starts[segment], source_ends[segment]

    def plain_span(self, start: int, end: int) -> tuple[int, int]:
        return self._to_plain(start), self._to_plain(end - 1) + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        plain_start, plain_end = self.plain_span(start, end)
        return self._to_source(plain_start)[0], self._to_source(plain_end - 1)[1]

    def excerpt(self, start: int, end: int) -> str:
        plain_start, plain_end = self.plain_span(start, end)
        return self.plain[plain_start:plain_end].strip()


# --------------------------------------------------------------------------------------------
# The lexicon, compiled once.

# Between two words: spaces, hyphens or an apostrophe, after an inclusive ending if any (« habitant(e) »).
_SEPARATOR = r"(?:(?:\((?:e|es|s|ne|nes|le|les|se|ses|euse|rice|ice|ere)\))?[\s\-']+)"
_APOSTROPHE = r"(?:['\s]?)"


def _pattern(source: str, bounded: bool = True) -> str:
    body = source.replace("'", _APOSTROPHE).replace(" ", _SEPARATOR)
    if bounded:
        return rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])"
    return f"(?:{body})"


def _alternation(patterns: list[str]) -> re.Pattern | None:
    if not patterns:
        return None
    # One boundary around the whole alternation: far faster than one per pattern.
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(_pattern(p, bounded=False) for p in patterns) + r")(?![a-z0-9])")


@dataclass(frozen=True)
class Rule:
    code: str
    criterion: str
    severity: str
    pattern: re.Pattern
    exceptions: re.Pattern | None
    softeners: re.Pattern | None = None


class Lexicon:
    def __init__(self, data: dict):
        self.data = data
        self.messages: dict[str, str] = data["messages"]
        self.severities: dict[str, str] = data["severities"]
        self.description_min_length: int = data["description_min_length"]
        self.global_exceptions = _alternation(data.get("global_exceptions", []))
        age = data["age_limit"]
        age_rule = {"code": "limite_age", "criterion": "âge", "severity": self.severities["age_limit"],
                    "patterns": age["patterns"], "exceptions": age.get("exceptions", []),
                    "softeners": age.get("softeners", [])}
        entries = [*data["criteria"], age_rule]
        # Blocking rules first: when two rules match at the same place, the first one wins.
        entries.sort(key=lambda entry: -SEVERITY_RANK[entry["severity"]])
        self.rules = [
            Rule(entry["code"], entry["criterion"], entry["severity"], _alternation(entry["patterns"]),
                 _alternation(entry.get("exceptions", [])), _alternation(entry.get("softeners", [])))
            for entry in entries
        ]
        # One alternation for every rule (ten times faster than one search per rule): the named
        # group that matched tells the rule.
        self.combined = re.compile(r"(?<![a-z0-9])(?:" + "|".join(
            f"(?P<r{index}>" + "|".join(_pattern(p, bounded=False) for p in entry["patterns"]) + ")"
            for index, entry in enumerate(entries)) + r")(?![a-z0-9])")
        gender = data["gender"]
        self.gender_mention = _alternation(gender["mentions"])
        self.inclusive_form = re.compile(_pattern(gender["inclusive_form"]))
        self.doubled = re.compile(
            r"(?<![a-z])([a-z]{3,})\s*" + gender["doubled_separators"] + r"\s*([a-z]{3,})(?![a-z])")
        self.determiners = frozenset(gender["determiners"])
        self.epicene_words = frozenset(gender["epicene_words"])
        self.epicene_suffixes = tuple(gender["epicene_suffixes"])
        self.feminine_words = frozenset(gender["feminine_words"])
        self.feminine_suffixes = tuple(gender["feminine_suffixes"])
        self.feminine_exceptions = frozenset(gender["feminine_exceptions"])
        self.sex_nouns = frozenset(gender.get("sex_nouns", []))
        language = data["language"]
        self.french_words = frozenset(language["french"])
        self.english_words = frozenset(language["english"])
        # Function words of the other languages an offer is written in (never a French word).
        self.foreign_words = self.english_words.union(*language.get("foreign", {}).values()) - self.french_words
        # Words French shares with the other Romance languages (« de », « la », « en ») tell nothing: not counted.
        self.french_words = self.french_words - frozenset(language.get("shared", []))
        structure = data.get("structure", {})
        self.operators = _alternation(structure.get("operators", []))
        self.lawful = _alternation(structure.get("lawful", []))
        self.targets = [
            Rule(entry["code"], entry["criterion"], entry.get("severity", Severity.BLOQUANT.value),
                 _alternation(entry["patterns"]), _alternation(entry.get("exceptions", [])))
            for entry in structure.get("targets", [])
        ]
        self.targets_combined = re.compile(r"(?<![a-z0-9])(?:" + "|".join(
            f"(?P<t{index}>" + "|".join(_pattern(p, bounded=False) for p in entry["patterns"]) + ")"
            for index, entry in enumerate(structure.get("targets", []))) + r")(?![a-z0-9])") if self.targets else None
        described = data.get("gendered_description")
        self.gendered = None
        if described:
            self.gendered = {
                "person": re.compile(_pattern(described["person"])),
                # A sentence (or a title) that begins with a person's noun in the feminine: « Serveuse souriante… ».
                "sentence_head": re.compile(r"\s*" + _pattern(described["sentence_head"])),
                "masculine_person": re.compile(_pattern(described["masculine_person"])),
                "suffixes": tuple(described["adjective_suffixes"]),
                "adjectives": frozenset(described["adjectives"]),
                "masculine_adjectives": frozenset(described["masculine_adjectives"]),
                "not_adjectives": frozenset(described["not_adjectives"]),
                "window": described["window"],
                "wanted": re.compile(_pattern(described["wanted"])),
                "title_window": described["title_adjective_window"],
                "others_before": frozenset(described.get("others_before", [])),
            }
        self.min_stop_words: int = language["min_stop_words"]
        self.max_english_ratio: float = language["max_english_ratio"]
        contact = data["contact"]
        self.phone = re.compile(rf"(?<![\d+])(?:{contact['phone']})(?!\d)")
        self.email = re.compile(rf"(?<![a-z0-9._%+\-])(?:{contact['email']})(?![a-z0-9])")
        self.url = re.compile(rf"(?<![a-z0-9@.\-/])(?:{contact['url']})(?![a-z0-9])")

    def message(self, key: str, **values) -> str:
        return self.messages[key].format_map(values)

    def is_epicene(self, word: str) -> bool:
        parts = [part for part in word.split("-") if part]
        return bool(parts) and all(
            part in self.epicene_words or part.endswith(self.epicene_suffixes) for part in parts)

    def is_feminine(self, word: str) -> bool:
        for part in [word, *word.split("-")]:
            if part in self.feminine_words:
                return True
            if part not in self.feminine_exceptions and len(part) > 4 and part.endswith(self.feminine_suffixes):
                return True
        return False


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    return _load_lexicon(str(path or LEXICON_PATH))


@lru_cache(maxsize=4)
def _load_lexicon(path: str) -> Lexicon:
    with open(path, encoding="utf-8") as handle:
        return Lexicon(json.load(handle))


# --------------------------------------------------------------------------------------------
# The rules.

_WORD = re.compile(r"[a-z]+")
_TITLE_WORD = re.compile(r"[a-z][a-z\-]*[a-z]|[a-z]")


# A text stops being checked for one kind of finding after this many: a moderator needs a few examples, and
# the work (and the review page) stays bounded whatever is pasted into a description.
MAX_FINDINGS_PER_CODE = 20


class Spans:
    """Spans found in one left-to-right pass (sorted by start), with the running maximum of their ends:
    ``overlaps`` answers by bisection — no scan of the list, so checking k matches costs k·log k."""

    __slots__ = ("starts", "max_ends")

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts: list[int] = []
        self.max_ends: list[int] = []
        running = -1
        for start, end in sorted(spans):
            running = max(running, end)
            self.starts.append(start)
            self.max_ends.append(running)

    def overlaps(self, span: tuple[int, int]) -> bool:
        before = bisect_left(self.starts, span[1])  # the spans that start before this one ends
        return before > 0 and self.max_ends[before - 1] > span[0]


class DisjointSpans:
    """Spans kept so far, disjoint and sorted: only the last one starting before a span can overlap it."""

    __slots__ = ("starts", "ends")

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, span: tuple[int, int]) -> bool:
        before = bisect_left(self.starts, span[1])
        return before > 0 and self.ends[before - 1] > span[0]

    def add(self, span: tuple[int, int]) -> None:
        index = bisect_left(self.starts, span[0])
        self.starts.insert(index, span[0])
        self.ends.insert(index, span[1])


def _spans(pattern: re.Pattern | None, text: str) -> Spans:
    if pattern is None:
        return Spans([])
    return Spans([match.span() for match in pattern.finditer(text)])


def _finding(text: FoldedText, field: str, code: str, severity: str, message: str, start: int, end: int) -> Finding:
    source_start, source_end = text.span(start, end)
    return Finding(code=code, severity=severity, message=message, excerpt=text.excerpt(start, end),
                   start=source_start, end=source_end, field=field)


def _check_lexicon(lexicon: Lexicon, text: FoldedText, field: str,
                   found: dict[str, list[tuple[int, int]]] | None = None) -> list[Finding]:
    """The lexicon's patterns; ``found`` receives the folded spans of the findings, by criterion."""
    folded = text.folded
    findings = []
    global_spans = None
    exception_spans: dict[int, Spans] = {}
    softener_spans: dict[int, Spans] = {}
    counts: dict[str, int] = {}
    search = lexicon.combined.search
    position = 0
    while (match := search(folded, position)) is not None:
        position = match.start() + 1  # every word start is tried, so rules may overlap
        span = match.span()
        if span[0] == span[1]:
            continue
        index = int(match.lastgroup[1:])
        rule = lexicon.rules[index]
        if counts.get(rule.code, 0) >= MAX_FINDINGS_PER_CODE:
            continue
        if index not in exception_spans:
            exception_spans[index] = _spans(rule.exceptions, folded)
            softener_spans[index] = _spans(rule.softeners, folded)
        if global_spans is None:
            global_spans = _spans(lexicon.global_exceptions, folded)
        if exception_spans[index].overlaps(span) or global_spans.overlaps(span):
            continue
        counts[rule.code] = counts.get(rule.code, 0) + 1
        severity = rule.severity
        if softener_spans[index].overlaps(span):
            severity = Severity.A_VERIFIER.value
        excerpt = text.excerpt(*span)
        if rule.code == "limite_age":
            message = lexicon.message("age_limit", excerpt=excerpt)
        else:
            message = lexicon.message("criterion", excerpt=excerpt, criterion=rule.criterion)
        findings.append(_finding(text, field, rule.code, severity, message, *span))
        if found is not None:
            found.setdefault(_CRITERION_OF_CODE.get(rule.code, rule.code), []).append(span)
    return findings


# A title that offers alternatives (« Femme de chambre / Valet de chambre », « Homme ou femme de ménage »).
_ALTERNATIVE = re.compile(r"/|(?<![a-z])ou(?![a-z])")


def _check_gender(lexicon: Lexicon, title: FoldedText) -> list[Finding]:
    folded = title.folded
    if not folded:
        return []
    mentions = _spans(lexicon.gender_mention, folded)
    doubled = bool(lexicon.inclusive_form.search(folded)) or any(
        first != second and first[:3] == second[:3] for first, second in lexicon.doubled.findall(folded))
    if doubled:
        return []
    head = None
    for match in _TITLE_WORD.finditer(folded):
        if mentions.overlaps(match.span()) or match.group() in lexicon.determiners:
            continue
        head = match
        break
    if not mentions.starts:
        if head is not None and lexicon.is_epicene(head.group()):
            return []
        findings = [_finding(title, TITLE, "mention_hf_manquante", lexicon.severities["gender_missing"],
                             lexicon.message("gender_missing"), 0, len(folded))]
        if head is not None and head.group() in lexicon.sex_nouns and not _ALTERNATIVE.search(folded):
            # The post named after the person's sex (« Femme de ménage », « Garçon de café », « Homme
            # d'entretien ») and nothing saying it is open to both: a reservation by sex, not only a missing mention.
            findings.append(_finding(title, TITLE, "critere_sexe", Severity.BLOQUANT.value,
                                     lexicon.message("criterion", excerpt=title.excerpt(*head.span()),
                                                     criterion="sexe"), *head.span()))
        return findings
    if head is not None and lexicon.is_feminine(head.group()):
        excerpt = title.excerpt(*head.span())
        return [_finding(title, TITLE, "titre_genre", lexicon.severities["gender_feminine_with_mention"],
                         lexicon.message("gender_feminine_with_mention", excerpt=excerpt), *head.span())]
    return []


_SENTENCE = re.compile(r"[^.;!?\n]+")


# An age limit is a wording about age: the structure does not report it a second time.
_CRITERION_OF_CODE = {"limite_age": "critere_age"}


def _check_structure(lexicon: Lexicon, text: FoldedText, field: str,
                     taken: dict[str, list[tuple[int, int]]]) -> list[Finding]:
    """A sentence that names a group of people protected by a criterion (« targets ») and reserves, excludes
    or requires (« operators »): « Les candidats étrangers sont priés de s'abstenir », « Un engagement
    politique ne sera pas toléré », « HABITANT(E) DE LA COMMUNE UNIQUEMENT ». One pass over the sentences;
    each regular expression runs once over each sentence, so the work is linear in the text's length. A place
    already found by the lexicon (``taken``: a finding of this field) is not reported twice."""
    if lexicon.targets_combined is None:
        return []
    folded = text.folded
    already = {code: Spans(spans) for code, spans in taken.items()}
    nothing = Spans([])
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    exception_spans: dict[int, Spans] = {}
    for sentence in _SENTENCE.finditer(folded):
        start, end = sentence.span()
        if lexicon.operators.search(folded, start, end) is None:
            continue
        if lexicon.lawful is not None and lexicon.lawful.search(folded, start, end) is not None:
            continue
        for match in lexicon.targets_combined.finditer(folded, start, end):
            index = int(match.lastgroup[1:])
            rule = lexicon.targets[index]
            span = match.span()
            if counts.get(rule.code, 0) >= MAX_FINDINGS_PER_CODE:
                continue
            if index not in exception_spans:
                exception_spans[index] = _spans(rule.exceptions, folded)
            if exception_spans[index].overlaps(span) or already.get(rule.code, nothing).overlaps(span):
                continue
            counts[rule.code] = counts.get(rule.code, 0) + 1
            message = lexicon.message("criterion", excerpt=text.excerpt(*sentence.span()), criterion=rule.criterion)
            findings.append(_finding(text, field, rule.code, rule.severity, message, *span))
    return findings


def _word_before(folded: str, position: int) -> str:
    """The word just before ``position`` (at most 20 characters back: constant work)."""
    words = _WORD.findall(folded, max(0, position - 20), position)
    return words[-1] if words else ""


def _is_feminine_adjective(described: dict, word: str) -> bool:
    if word in described["adjectives"]:
        return True
    return len(word) > 4 and word not in described["not_adjectives"] and word.endswith(described["suffixes"])


def _check_gendered_description(lexicon: Lexicon, text: FoldedText, field: str) -> list[Finding]:
    """The wanted person described in one gender only: « une secrétaire douce et souriante », « la candidate
    retenue sera souriante », « Serveuse souriante et coquette », « un homme costaud » — a person's noun marked
    for one gender (by its determiner or its ending), then an adjective agreed with it in the next few words, in
    a sentence about the person wanted (any sentence of a title)."""
    described = lexicon.gendered
    if described is None:
        return []
    folded = text.folded
    findings: list[Finding] = []
    for sentence in _SENTENCE.finditer(folded):
        start, end = sentence.span()
        if field != TITLE and described["wanted"].search(folded, start, end) is None:
            continue
        candidates = (
            (described["sentence_head"].match(folded, start), _is_feminine_adjective),
            (described["person"].search(folded, start, end), _is_feminine_adjective),
            (described["masculine_person"].search(folded, start, end),
             lambda described, word: word in described["masculine_adjectives"]),
        )
        for match, is_agreed in candidates:
            if match is None or _word_before(folded, match.start()) in described["others_before"]:
                continue
            words = _WORD.findall(folded, match.end(), end)[:described["window"]]
            if any(is_agreed(described, word) for word in words):
                message = lexicon.message("criterion", excerpt=text.excerpt(start, end), criterion="sexe")
                findings.append(_finding(text, field, "critere_sexe", Severity.BLOQUANT.value, message, *match.span()))
                break
        if len(findings) >= MAX_FINDINGS_PER_CODE:
            break
    return findings


def _check_capitals(lexicon: Lexicon, title: str) -> list[Finding]:
    letters = [char for char in title if char.isalpha()]
    if len(letters) < 4 or not all(char.isupper() for char in letters):
        return []
    stripped = title.strip()
    start = title.index(stripped) if stripped else 0
    return [Finding("titre_majuscules", lexicon.severities["title_capitals"], lexicon.message("title_capitals"),
                    stripped, start, start + len(stripped), TITLE)]


def _check_language(lexicon: Lexicon, text: FoldedText) -> list[Finding]:
    french = english = 0
    for word in _WORD.findall(text.folded):
        if word in lexicon.french_words:
            french += 1
        elif word in lexicon.foreign_words:
            english += 1
    total = french + english
    if total < lexicon.min_stop_words or english / total <= lexicon.max_english_ratio:
        return []
    folded = text.folded
    end = min(len(folded), 80)
    if end < len(folded) and " " in folded[:end]:
        end = folded.rindex(" ", 0, end)
    return [_finding(text, DESCRIPTION, "offre_non_francais", lexicon.severities["not_french"],
                     lexicon.message("not_french"), 0, end)]


# Cheap tests that tell whether the (slower) contact patterns are worth running.
_EMAIL_CLUE = re.compile(r"@|\(at\)|\[at\]|arobase")
_PHONE_CLUE = re.compile(r"\d[\s.\-]?\d\d[\s.\-]?\d\d")
_URL_CLUE = re.compile(r"\.(?:fr|com|org|net|eu|io|info|biz)(?![a-z0-9])|www\.|https?:")


def _check_contacts(lexicon: Lexicon, text: FoldedText) -> list[Finding]:
    folded = text.folded
    findings = []
    taken = DisjointSpans()
    for code, key, pattern, clue in (("coordonnees_email", "contact_email", lexicon.email, _EMAIL_CLUE),
                                     ("coordonnees_telephone", "contact_phone", lexicon.phone, _PHONE_CLUE),
                                     ("coordonnees_url", "contact_url", lexicon.url, _URL_CLUE)):
        if not clue.search(folded):
            continue
        count = 0
        for match in pattern.finditer(folded):
            if count >= MAX_FINDINGS_PER_CODE:
                break
            if taken.overlaps(match.span()):
                continue
            taken.add(match.span())
            count += 1
            excerpt = text.excerpt(*match.span())
            findings.append(_finding(text, DESCRIPTION, code, lexicon.severities[key],
                                     lexicon.message(key, excerpt=excerpt), *match.span()))
    visible = {finding.excerpt.lower() for finding in findings}
    link_counts: dict[str, int] = {}
    for href, start, end in text.links:
        target = href.strip()
        lowered = target.lower()
        if lowered.startswith("mailto:"):
            code, key, target = "coordonnees_email", "contact_email", target[7:]
        elif lowered.startswith("tel:"):
            code, key, target = "coordonnees_telephone", "contact_phone", target[4:]
        else:
            code, key = "coordonnees_url", "contact_url"
        if not target or target.lower() in visible or link_counts.get(code, 0) >= MAX_FINDINGS_PER_CODE:
            continue
        visible.add(target.lower())
        link_counts[code] = link_counts.get(code, 0) + 1
        findings.append(Finding(code, lexicon.severities[key], lexicon.message(key, excerpt=target), target,
                                start, end, DESCRIPTION))
    return findings


def _check_length(lexicon: Lexicon, text: FoldedText) -> list[Finding]:
    length = len(text.folded.strip())
    minimum = lexicon.description_min_length
    if length >= minimum:
        return []
    excerpt = text.plain.strip()
    return [Finding("description_trop_courte", lexicon.severities["description_short"],
                    lexicon.message("description_short", length=length, minimum=minimum), excerpt,
                    0, len(text.source), DESCRIPTION)]


def _deduplicate(findings: list[Finding]) -> list[Finding]:
    """Overlapping findings of the same code in the same field: keep the most severe, then the longest."""
    ordered = sorted(findings, key=lambda f: (-SEVERITY_RANK.get(f.severity, 0), -(f.end - f.start), f.start))
    kept: list[Finding] = []
    taken: dict[tuple[str, str], DisjointSpans] = {}
    for finding in ordered:
        spans = taken.setdefault((finding.code, finding.field), DisjointSpans())
        if spans.overlaps((finding.start, finding.end)):
            continue
        spans.add((finding.start, finding.end))
        kept.append(finding)
    return sorted(kept, key=lambda f: (f.field != TITLE, f.start, f.end, f.code))


def check_offer(title: str, description_html: str, lexicon: Lexicon | None = None) -> list[Finding]:
    """Every finding on an offer's title (plain text) and description (HTML)."""
    lexicon = lexicon or load_lexicon()
    title = title or ""
    description_html = description_html or ""
    folded_title = FoldedText(title, is_html=False)
    description = FoldedText(description_html, is_html=True)
    title_spans: dict[str, list[tuple[int, int]]] = {}
    description_spans: dict[str, list[tuple[int, int]]] = {}
    findings = [
        *_check_gender(lexicon, folded_title),
        *_check_capitals(lexicon, title),
        *_check_lexicon(lexicon, folded_title, TITLE, title_spans),
        *_check_lexicon(lexicon, description, DESCRIPTION, description_spans),
        *_check_structure(lexicon, folded_title, TITLE, title_spans),
        *_check_structure(lexicon, description, DESCRIPTION, description_spans),
        *_check_gendered_description(lexicon, folded_title, TITLE),
        *_check_gendered_description(lexicon, description, DESCRIPTION),
        *_check_language(lexicon, description),
        *_check_contacts(lexicon, description),
        *_check_length(lexicon, description),
    ]
    return _deduplicate(findings)


def count_by_severity(findings: list[Finding] | list[dict]) -> dict[str, int]:
    counts = {Severity.BLOQUANT.value: 0, Severity.A_VERIFIER.value: 0}
    for finding in findings:
        severity = finding["severity"] if isinstance(finding, dict) else finding.severity
        counts[severity] = counts.get(severity, 0) + 1
    return counts
