"""Recall and false alarms of the wording checker on a labelled corpus of offers.

A corpus is a JSON Lines file, one offer a line: ``id``, ``criterion`` (a key of ``CRITERION_CODES``),
``shape`` (reservation, exclusion, requirement, description, title, foreign, near_miss), ``discriminating``
(true for an offer a labour inspector would object to, false for a harmless near-miss), ``title`` and
``description`` (HTML as the editor writes it). The project's corpus is ``tests/moderation/corpus/offers.jsonl``.

A discriminating offer is *caught* when the checker reports a finding of one of its criterion's codes (any
severity: « À vérifier » puts it in front of a moderator). A harmless offer is a *false alarm* when the
checker reports any discrimination finding on it (any ``critere_*`` code, an age limit, a foreign language).

How a moderator's new case becomes a rule: add the offer as it was written to the corpus (``discriminating``
true, its criterion and its grammatical shape), and one harmless offer that says something close; run
``manage.py bench_checker`` to see it missed; then widen the lexicon (``moderation/lexicon.json``: a word in
a group, or a pattern written on word classes — never the exact phrase) until both are right and no other
line of the corpus changes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .checker import check_offer

CORPUS_PATH = Path(__file__).resolve().parent.parent / "tests" / "moderation" / "corpus" / "offers.jsonl"

# Criteria of article L1132-1 of the Code du travail (and L5331-4 for the offer's language) → codes that catch them.
CRITERION_CODES: dict[str, frozenset[str]] = {
    "origine": frozenset({"critere_origine", "critere_nom", "critere_langue"}),
    "ethnie": frozenset({"critere_origine"}),
    "sexe": frozenset({"critere_sexe"}),
    "moeurs": frozenset({"critere_moeurs"}),
    "orientation": frozenset({"critere_moeurs"}),
    "identite_genre": frozenset({"critere_sexe"}),
    "age": frozenset({"critere_age", "limite_age"}),
    "famille": frozenset({"critere_famille"}),
    "grossesse": frozenset({"critere_famille"}),
    "genetique": frozenset({"critere_genetique"}),
    "vulnerabilite": frozenset({"critere_vulnerabilite"}),
    "opinions": frozenset({"critere_opinions"}),
    "syndicales": frozenset({"critere_opinions"}),
    "mandat": frozenset({"critere_opinions"}),
    "religion": frozenset({"critere_religion"}),
    "apparence": frozenset({"critere_apparence"}),
    "nom": frozenset({"critere_nom"}),
    "residence": frozenset({"critere_residence"}),
    "banque": frozenset({"critere_banque"}),
    "sante": frozenset({"critere_sante"}),
    "autonomie": frozenset({"critere_sante"}),
    "handicap": frozenset({"critere_sante"}),
    "langue": frozenset({"critere_langue"}),
    "lanceur": frozenset({"critere_lanceur_alerte"}),
    "langue_offre": frozenset({"offre_non_francais"}),
}


def is_discrimination_code(code: str) -> bool:
    return code.startswith("critere_") or code in {"limite_age", "offre_non_francais"}


@dataclass
class CriterionScore:
    discriminating: int = 0
    caught: int = 0
    harmless: int = 0
    false_alarms: int = 0
    missed: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.discriminating if self.discriminating else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.harmless if self.harmless else 0.0


def load_corpus(path: Path | str | None = None) -> list[dict]:
    with open(path or CORPUS_PATH, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(rows: list[dict], check=check_offer) -> dict[str, CriterionScore]:
    """Scores per criterion; the key ``"total"`` sums them. ``check(title, description)`` is the checker
    measured (``check_offer``, or ``moderation.analyser.AnalysedChecker().check``)."""
    scores: dict[str, CriterionScore] = {criterion: CriterionScore() for criterion in CRITERION_CODES}
    total = CriterionScore()
    for row in rows:
        score = scores[row["criterion"]]
        codes = {finding.code for finding in check(row["title"], row["description"])}
        if row["discriminating"]:
            score.discriminating += 1
            total.discriminating += 1
            if codes & CRITERION_CODES[row["criterion"]]:
                score.caught += 1
                total.caught += 1
            else:
                score.missed.append(row["id"])
                total.missed.append(row["id"])
        else:
            score.harmless += 1
            total.harmless += 1
            if any(is_discrimination_code(code) for code in codes):
                score.false_alarms += 1
                total.false_alarms += 1
                score.alarms.append(row["id"])
                total.alarms.append(row["id"])
    scores["total"] = total
    return scores
