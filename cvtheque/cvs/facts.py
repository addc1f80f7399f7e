"""Facts a CV states in its text when its fields are silent: driving licence categories, CACES categories
and diplomas. One function, ``derive_facts(cv)``, reads them from the CV's texts (titre, présentation,
compétences, expérience and the document's text); ``apply_facts(cv)`` stores them on the CV's fields
(``licences``, ``caces``, ``diplomas``). They are computed wherever a CV's text changes: ``CV.save()``,
the import, the document's analysis and every recomputation of the search columns
(``search.documents.update_search_columns``), and migration 0010 computed them for the existing CVs.

What counts as a fact (for any CV, whatever its métier):
- a licence: « permis B », « permis C + CE », « permis VL / PL », « permis de conduire » (the B licence),
  with what a category implies by law (CE → C → B, D → B …). The « Permis de conduire » checkbox is the B
  licence too: a ticked box is never undone by the text.
- a CACES: « CACES R489 catégorie 3 », « CACES 1, 3 et 5 », « CACES R482 C », « CACES R489 » (its
  recommendation without a category), or a bare « CACES ».
- a diploma: « BTS … », « CAP … », « Bac pro … », « DUT / BUT … », « Licence pro … », « Master … »,
  « DE infirmier », « DEAS » …, with its speciality as written (the official abbreviations spelled out:
  « BTS CI » is « BTS Commerce international (CI) »).

What does not count: an explicit negation before the mention (« pas de », « sans », « ni », « aucun »,
« jamais », « retrait », « perte », « suspension », « en attente de », « préparation du »,
« niveau BTS », « 1re année de BTS ») or a « not (yet) » after it (« non », « en cours », « en
préparation », « en formation », « à passer », « suspendu », « retiré », « annulé », « non obtenu »,
« non validé », « prévu »). « Je n'ai pas le permis B », « sans permis », « permis en cours », « permis
suspendu », « préparation du BTS MCO (non validé) » are not facts. The licence and CACES words are read by
``toolkit.text.with_categories`` (the same reading as the search's words: a query « permis B » and a CV's
fact agree); diplomas by ``_diplomas`` below."""

import dataclasses
import re

from toolkit.text import category_word_positions, fold, negated, negated_mention, normalize_words

# --- licences and CACES --------------------------------------------------------------------------------------

LICENCE_ORDER = ("AM", "A1", "A2", "A", "B1", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE")
# A category held implies these (French law: a C licence needs the B one, CE covers C1E and BE …).
_IMPLIES = {
    "A": {"A2"}, "A2": {"A1"}, "A1": {"AM"}, "BE": {"B"}, "C1": {"B"}, "C": {"C1", "B"}, "C1E": {"C1", "BE"},
    "CE": {"C", "C1E", "BE"}, "D1": {"B"}, "D": {"D1", "B"}, "D1E": {"D1", "BE"}, "DE": {"D", "D1E", "BE"},
}
_RECOMMENDATION = re.compile(r"r\d{3}m?")


def _with_implied(categories: set[str]) -> list[str]:
    held, pending = set(), list(categories)
    while pending:
        category = pending.pop()
        if category not in held:
            held.add(category)
            pending.extend(_IMPLIES.get(category, ()))
    return [c for c in LICENCE_ORDER if c in held]


def _licences_and_caces(words: list[str]) -> tuple[set[str], list[str]]:
    """``words``: ``normalize_words`` of a text (categories fused by ``with_categories``, negated ones not)."""
    licences, caces = set(), []
    i = 0
    while i < len(words):
        word = words[i]
        if word.startswith("permis") and len(word) > 6:
            licences.add(word[6:].upper())
        elif word == "caces":
            recommendation, found, j = "", [], i + 1
            while j < len(words) and (words[j].startswith("caces") or _RECOMMENDATION.fullmatch(words[j])
                                      or words[j] in _CACES_SPAN_WORDS):
                if _RECOMMENDATION.fullmatch(words[j]):
                    recommendation = words[j].upper()
                elif words[j].startswith("caces") and words[j] != "caces":
                    found.append(words[j][5:].upper())
                elif words[j] == "caces":
                    break
                j += 1
            if found:
                caces += [f"{recommendation} {c}".strip() for c in found]
            elif not negated(words, i, i + 1):
                caces.append(recommendation or "CACES")
            i = j
            continue
        i += 1
    return licences, caces


# What may stand between « CACES » and its categories (``with_categories``' fillers and the categories).
_CACES_SPAN_WORDS = {"et", "ou", "cat", "categorie", "categories", "de", "du", "1", "2", "3", "4", "5", "6", "7",
                     "8", "9", "10", "1a", "1b", "2a", "2b", "3a", "3b", "b", "c", "d", "e", "f", "g"}


# --- diplomas --------------------------------------------------------------------------------------------------

# (folded words that name the diploma, its label). The longest names first.
_DIPLOMA_NAMES = sorted([
    (("bts",), "BTS"), (("btsa",), "BTSA"), (("brevet", "de", "technicien", "superieur"), "BTS"),
    (("cap",), "CAP"), (("capa",), "CAP agricole"), (("cap", "agricole"), "CAP agricole"),
    (("bep",), "BEP"), (("bac", "pro"), "Bac pro"), (("bac", "professionnel"), "Bac pro"),
    (("baccalaureat", "professionnel"), "Bac pro"), (("bac",), "Bac"), (("baccalaureat",), "Bac"),
    (("dut",), "DUT"), (("but",), "BUT"), (("deust",), "DEUST"),
    (("licence", "pro"), "Licence pro"), (("licence", "professionnelle"), "Licence pro"),
    (("licence",), "Licence"), (("master",), "Master"), (("bachelor",), "Bachelor"),
    (("dcg",), "DCG"), (("dscg",), "DSCG"), (("bp",), "BP"), (("brevet", "professionnel"), "BP"),
    (("bpjeps",), "BPJEPS"), (("titre", "professionnel"), "Titre professionnel"),
    (("diplome", "d", "ingenieur"), "Diplôme d'ingénieur"), (("doctorat",), "Doctorat"),
    (("diplome", "d", "etat"), "DE"), (("de",), "DE"),
    (("deas",), "DE aide-soignant"), (("deaes",), "DE accompagnant éducatif et social"),
    (("deap",), "DE auxiliaire de puériculture"), (("dei",), "DE infirmier"),
], key=lambda item: -len(item[0]))
# A name that must be followed by a speciality to be a diploma (« de », « but », « bac » are common words).
_NEEDS_SPECIALITY = {"DE", "BUT", "Bac", "Licence", "BP"}
_COMPLETE = {"DE aide-soignant", "DE accompagnant éducatif et social", "DE auxiliaire de puériculture",
             "DE infirmier"}
# The official abbreviations of common specialities, spelled out (« BTS CI »).
_ABBREVIATIONS = {
    ("BTS", "ci"): "Commerce international", ("BTS", "mco"): "Management commercial opérationnel",
    ("BTS", "muc"): "Management des unités commerciales",
    ("BTS", "ndrc"): "Négociation et digitalisation de la relation client",
    ("BTS", "nrc"): "Négociation et relation client", ("BTS", "sam"): "Support à l'action managériale",
    ("BTS", "cg"): "Comptabilité et gestion", ("BTS", "sio"): "Services informatiques aux organisations",
    ("BTS", "mhr"): "Management en hôtellerie-restauration", ("BTS", "gpme"): "Gestion de la PME",
    ("BTS", "sp3s"): "Services et prestations des secteurs sanitaire et social", ("BTS", "esf"):
    "Économie sociale familiale", ("BTS", "tc"): "Technico-commercial", ("BTS", "gtla"):
    "Gestion des transports et logistique associée", ("DUT", "gea"): "Gestion des entreprises et des administrations",
    ("BUT", "gea"): "Gestion des entreprises et des administrations", ("DUT", "tc"): "Techniques de commercialisation",
    ("BUT", "tc"): "Techniques de commercialisation", ("CAP", "aepe"): "Accompagnant éducatif petite enfance",
    ("CAP", "aph"): "Agent de propreté et d'hygiène", ("Bac pro", "melec"): "Métiers de l'électricité",
    ("Bac pro", "assp"): "Accompagnement, soins et services à la personne",
    ("Bac pro", "agora"): "Assistance à la gestion des organisations et de leurs activités",
}
_DIPLOMA_NEGATIONS_BEFORE = {"pas", "sans", "aucun", "aucune", "niveau", "preparation", "prepare", "preparer",
                             "annee", "annees", "vise", "visant", "attente", "candidat", "candidate", "echec"}
_DIPLOMA_NEGATIONS_AFTER = [("non",), ("en", "cours"), ("en", "preparation"), ("a", "passer"), ("prevu",),
                            ("abandonne",), ("inacheve",), ("niveau",)]
_SPECIALITY_MAX_WORDS = 8
_SPECIALITY_STOP = {"en", "ou", "permis", "caces", "option", "obtenu", "obtention", "non", "a", "au", "avec", "chez",
                    "depuis", "mention", "session", "promotion", "annee", "niveau", "lycee", "universite", "iut"}
_TRAILING = {"de", "d", "du", "des", "la", "le", "l", "les", "en", "et"}
_BREAKS = ",;:.()[]|/\n!?–—•·"  # the marks that end a diploma's speciality (and a line break)


_FOLDED_WORDS: dict[str, str] = {}  # fold() of the non-ASCII words met, bounded
_FOLDED_WORDS_MAX = 50_000


def _fold_word(word: str) -> str:
    """fold() of a word (``\\w+``: no space; an ASCII one is only lowered)."""
    if word.isascii():
        return word.lower()
    folded = _FOLDED_WORDS.get(word)
    if folded is None:
        folded = fold(word).replace(" ", "")
        if len(_FOLDED_WORDS) >= _FOLDED_WORDS_MAX:
            _FOLDED_WORDS.clear()
        _FOLDED_WORDS[word] = folded
    return folded


# The words (``\w+``) and the breaks; the other marks are left out.
_WORD_OR_BREAK = re.compile(r"(\w+)|([" + re.escape(_BREAKS) + "])")


def _tokens(text: str) -> list[tuple[str, str]]:
    """(folded, as written) of each word, and each punctuation mark or line break (folded "|")."""
    return [(word.lower() if word.isascii() else _fold_word(word), word) if word else ("|", mark)
            for word, mark in _WORD_OR_BREAK.findall(text)]


# Short names that are common words too: a diploma only when written in capitals (« DE », « BUT »).
_CAPITALS_ONLY = {("de",), ("but",), ("bp",)}


_NAMES_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _name, _label in _DIPLOMA_NAMES:
    _NAMES_BY_FIRST_WORD.setdefault(_name[0], []).append((_name, _label))


def _diploma_at(tokens, i):
    for name, label in _NAMES_BY_FIRST_WORD.get(tokens[i][0], ()):
        if tuple(t[0] for t in tokens[i : i + len(name)]) == name:
            if name in _CAPITALS_ONLY and not tokens[i][1].isupper():
                continue
            return len(name), label
    return 0, ""


def _negated_diploma(words: list[str], start: int, end: int) -> bool:
    before = words[max(0, start - 3) : start]
    if "|" in before:
        before = before[len(before) - before[::-1].index("|"):]
    if _DIPLOMA_NEGATIONS_BEFORE & set(before):
        return True
    after = [w for w in words[end : end + 4] if w != "|"]
    return any(tuple(after[: len(negation)]) == negation for negation in _DIPLOMA_NEGATIONS_AFTER)


def _diplomas(text: str) -> list[str]:
    tokens = _tokens(text)
    words = [t[0] for t in tokens]
    # only a name's first word can start a diploma: the positions of those, in order
    starts = [i for i, word in enumerate(words) if word in _NAMES_BY_FIRST_WORD]
    found, i, next_start = [], 0, 0
    while next_start < len(starts):
        if starts[next_start] < i:
            next_start += 1
            continue
        i = starts[next_start]
        length, label = _diploma_at(tokens, i)
        if not length or (i > 0 and words[i - 1] not in {"|", "d", "un", "une", "le", "du", "de", "mon", "en",
                                                          "titulaire", "diplome", "diplomee", "obtenu", "obtention"}
                          and words[i - 1].isalpha() and label in _NEEDS_SPECIALITY):
            i += 1
            continue
        start, j = i, i + length
        if label in ("DE", "Diplôme d'ingénieur") and j < len(words) and words[j] in ("d", "de"):
            j += 1  # « Diplôme d'État d'infirmier »
        speciality = []
        while j < len(tokens) and len(speciality) < _SPECIALITY_MAX_WORDS and label not in _COMPLETE:
            folded, written = tokens[j]
            if folded == "|" or folded in _SPECIALITY_STOP or folded.isdigit() or _diploma_at(tokens, j)[0]:
                break
            if not (written.isalpha() or "-" in written or written.replace("'", "").isalpha() or
                    folded.isalnum()):
                break
            speciality.append((folded, written))
            j += 1
        while speciality and speciality[-1][0] in _TRAILING:
            speciality.pop()
        i = start + length + len(speciality) or i + 1
        if label in _NEEDS_SPECIALITY and not speciality and label not in _COMPLETE:
            continue
        if _negated_diploma(words, start, start + length + len(speciality) + (1 if label == "DE" else 0)):
            continue
        found.append(_label(label, speciality))
    return list(dict.fromkeys(found))


def _label(label: str, speciality: list[tuple[str, str]]) -> str:
    if not speciality:
        return label
    first = speciality[0][0]
    if len(speciality) == 1 and (label, first) in _ABBREVIATIONS:
        return f"{label} {_ABBREVIATIONS[label, first]} ({speciality[0][1].upper()})"
    if label == "DE" and first in ("infirmier", "infirmiere"):
        return "DE infirmier"
    if label == "DE" and first == "aide":
        return "DE aide-soignant"
    words = [written for _folded, written in speciality]
    text = " ".join(words)
    if text.isupper() and len(text) > 4:
        text = text.capitalize()
    return f"{label} {text if speciality[0][0] in _TRAILING else text[:1].upper() + text[1:]}"


def split_negated_mentions(words: list[str]) -> tuple[list[str], list[str]]:
    """(``words`` without the licence or CACES word of a negated mention, those words): « je n'ai pas le
    permis B » in the présentation is no evidence of a licence in the profile, only words of the text."""
    if "permis" not in words and "caces" not in words:
        return words, []
    negated_at = [i for i in category_word_positions(words) if negated_mention(words, i)]
    if not negated_at:
        return words, []
    kept, start = [], 0
    for i in negated_at:
        kept += words[start:i]
        start = i + 1
    kept += words[start:]
    return kept, [words[i] for i in negated_at]


# --- the facts of a CV -----------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Facts:
    licences: list[str]  # categories, with those they imply (LICENCE_ORDER): ["B", "C1", "C"]
    caces: list[str]  # « R489 3 », « 3 » (no recommendation written), « R482 » (no category), « CACES »
    diplomas: list[str]  # « BTS Commerce international (CI) », « CAP Cuisine », « DE infirmier »

    def words(self) -> str:
        """The facts as words of the search document (« permis B permis C caces r489 3 bts … »): what the
        profile part of the search says of them (``search.documents.document_parts``)."""
        return " ".join([*(f"permis {c}" for c in self.licences),
                         *(f"CACES {c}" if c != "CACES" else c for c in self.caces), *self.diplomas])


MAX_TEXT_CHARS = 200_000  # the search reads as much of the document's text


def derive_facts(cv) -> Facts:
    """The facts the CV states: its fields (the « Permis de conduire » checkbox) and its texts (titre,
    compétences, présentation, expérience, document), explicit negations left out (see the module)."""
    text = "\n".join([cv.headline or "", cv.skills or "", cv.summary or "", cv.experience or "",
                      (cv.extracted_text or "")[:MAX_TEXT_CHARS]])
    licences, caces = set(), []
    for line in text.splitlines():  # a negation does not reach over a line break
        if "ermis" in line or "ERMIS" in line or "aces" in line or "ACES" in line:
            line_licences, line_caces = _licences_and_caces(normalize_words(line))
            licences |= line_licences
            caces += line_caces
    if cv.driving_licence:
        licences.add("B")
    caces = list(dict.fromkeys(caces))
    if len(caces) > 1:
        caces = [c for c in caces if c != "CACES"]
    return Facts(_with_implied(licences), caces[:20], _diplomas(text)[:20])


def apply_facts(cv) -> Facts:
    """Store ``derive_facts(cv)`` on the CV's fields (not saved: the caller saves)."""
    facts = derive_facts(cv)
    cv.licences, cv.caces, cv.diplomas = facts.licences, facts.caces, facts.diplomas
    return facts
