"""The search query language (words, « quoted phrases », OU, -exclusion, métier synonyms from the
referential) compiled to a PostgreSQL tsquery: one module for every search of the site (CVthèque, offers)."""

import dataclasses
import functools
import re

from toolkit.memo import ProcessMemo
from toolkit.text import CV_QUERY_STOP_WORDS as _STOPWORDS
from toolkit.text import fold, normalize_words, with_categories

from .models import Metier

CONFIG = "french"  # the PostgreSQL text search configuration of every search
METIER_FORMS_VERSION_KEY = "cvtheque:metier-forms:version"
OR_WORDS = {"ou", "or"}

# --- queries ---------------------------------------------------------------------------------------------------


def metier_forms(metier) -> list[str]:
    return [f for f in [metier.name, metier.name_feminine, *(metier.synonyms or [])] if f]


def _build_metier_forms() -> dict[str, list[list[str]]]:
    """Key: a métier form's significant words (normalised, joined); value: every form of that métier."""
    forms: dict[str, list[list[str]]] = {}
    for metier in Metier.objects.only("name", "name_feminine", "synonyms"):
        variants = []
        for form in metier_forms(metier):
            words = [w for w in normalize_words(form) if w not in _STOPWORDS]
            if words and words not in variants:
                variants.append(words)
        for words in variants:
            forms.setdefault(" ".join(words), [])
            for v in variants:
                if v not in forms[" ".join(words)]:
                    forms[" ".join(words)].append(v)
    return forms


_metier_forms = ProcessMemo(METIER_FORMS_VERSION_KEY)


def metier_forms_index() -> dict[str, list[list[str]]]:
    """Built once per process and per version: each search reads one small version key from the cache,
    not the whole index (unpickling it cost more than the rest of the query's preparation)."""
    return _metier_forms.get("index", _build_metier_forms)


def metier_name_keys() -> frozenset[str]:
    """The ``metier_key`` of every métier's name, masculine and feminine (not its synonyms)."""
    def build():
        return frozenset(metier_key(normalize_words(name)) for metier in Metier.objects.only("name", "name_feminine")
                         for name in (metier.name, metier.name_feminine) if name)

    return _metier_forms.get("names", build)


def metier_forms_held():
    """``with metier_forms_held():`` the index's version is read once (a bulk job: see ``ProcessMemo.held``)."""
    return _metier_forms.held()


def metier_forms_snapshot() -> dict:
    """The métier index and names of this process (computed now if needed), for a worker process that must not
    read the database or the cache (``restore_metier_forms``)."""
    with metier_forms_held():
        metier_forms_index()
        metier_name_keys()
        return _metier_forms.snapshot()


def restore_metier_forms(snapshot: dict) -> None:
    """In a worker process: use ``metier_forms_snapshot()``'s values, frozen (see ``ProcessMemo.restore``)."""
    _metier_forms.restore(snapshot)


def forget_metier_forms() -> None:
    """A métier changed (admin, ``load_referentials``): every process rebuilds its index."""
    _metier_forms.forget()


_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def _tokens(q: str):
    """Yield (kind, words) with kind in {"word", "phrase", "not", "or"}."""
    for match in _TOKEN.finditer(q):
        negative, phrase, bare = match.groups()
        if phrase is not None:
            words = normalize_words(phrase)
            if words:
                yield ("not" if negative else "phrase"), words
            continue
        if fold(bare) in OR_WORDS:
            yield "or", []
            continue
        is_not = bare.startswith("-") and len(bare) > 1
        words = normalize_words(bare[1:] if is_not else bare)
        if not words:
            continue
        if is_not:
            yield "not", words
        elif len(words) > 1 and not all(w in _STOPWORDS for w in words[:-1]):
            yield "phrase", words  # « bac+2 », « aide-soignant »
        elif len(words) > 1:
            yield "word", words  # an elision (« d'entretien »): its words, read with the words around it
        else:
            yield "word", words


def _phrase(words: list[str]) -> str:
    return "(" + " <-> ".join(f"'{w}'" for w in words) + ")" if len(words) > 1 else f"'{words[0]}'"


def _and(words: list[str]) -> str:
    return "(" + " & ".join(f"'{w}'" for w in words) + ")" if len(words) > 1 else f"'{words[0]}'"


def metier_key(words: list[str]) -> str:
    """A métier form's significant words, joined: what ``metier_forms_index`` is keyed by."""
    return " ".join(w for w in words if w not in _STOPWORDS)


def metier_token(key: str) -> str:
    """One word standing for « this is exactly the métier named ``key`` » (``metier_key``), written in the
    titre part of a CV whose métier (or whole titre) has that name, and looked for by a query naming it."""
    return "metierx" + key.replace(" ", "")


@functools.lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """``metier_key`` of a name: the référentiel's few hundred names and common titres, normalised once per
    process (the bulk import asks for them for every CV)."""
    return metier_key(normalize_words(name))


def _base_of(words: list[str], variants: list[list[str]]) -> list[str] | None:
    """The longest other form among ``variants`` whose words are all in ``words`` (« soudeur » for « soudeur
    tig »): ``words`` is that form and a requirement. None when ``words`` extends no other form."""
    bases = [v for v in variants if v != words and len(v) < len(words) and set(v) < set(words)]
    return max(bases, key=len) if bases else None


def core_forms(names: list[str]) -> list[str]:
    """The métier forms of ``names`` that are not another of them plus words: « Soudeur TIG » is « Soudeur »
    and a requirement (« TIG »), which a soudeur's CV does not hold by being one. What the titre of a CV
    holds of its métiers (``search.documents.document_parts``)."""
    return list(_core_forms(tuple(names)))


@functools.lru_cache(maxsize=4096)
def _core_forms(names: tuple[str, ...]) -> tuple[str, ...]:
    """``core_forms`` of the names of the référentiel: the same few thousand sets for every CV of an import."""
    keyed = [(name, [w for w in normalize_words(name) if w not in _STOPWORDS]) for name in names]
    variants = [words for _name, words in keyed]
    return tuple(name for name, words in keyed if _base_of(words, variants) is None)


def exact_metier_tokens(title: str, metier_names: list[str]) -> list[str]:
    """The ``metier_token`` of every form of the CV's métiers (``core_forms``: given to ``metier_names``), and
    of its titre when the whole titre is a métier's name (« Électricienne », « Soudeur TIG »)."""
    keys = [name_key(name) for name in metier_names]
    headline = name_key(title)
    if headline and headline in metier_forms_index():
        keys.append(headline)
    return [metier_token(key) for key in dict.fromkeys(keys) if key]


@dataclasses.dataclass(frozen=True)
class Term:
    """One of the query's AND-ed terms: its own words (``own``: a métier's name typed as a phrase), every
    alternative it stands for (``every``: the métier's other names added, never replacing it) and, for
    a métier's name, the CVs of exactly that métier (``exact``)."""

    own: str
    every: str
    negative: bool = False
    exact: str = ""  # the métier's ``metier_token``; "" when the term names no métier
    metier: str = ""  # the métier without the requirement its name states; "" for ``exact``
    wanted: str = ""  # the requirement a métier's name states (« tig » of « soudeur TIG »), not required to match

    @property
    def exact_or_own(self) -> str:
        return self.exact or self.own

    @property
    def exact_metier(self) -> str:
        return self.metier or self.exact


@dataclasses.dataclass(frozen=True)
class TextQuery:
    """A query compiled to ``to_tsquery`` texts, one for each kind of ``ranking.Evidence``: ``every`` is
    what a CV must match to be found; ``own`` the query's own words only (no synonym); ``some`` any of its
    terms; ``exact`` every term, a métier's name as exactly that métier; ``metier`` the métiers named,
    exactly ("" when the query names none); ``complete`` those of the kinds
    that have every term but the exclusions (« exact », « own » and « every » always; « metier » when
    every term names a métier; « some » for a query of one term)."""

    every: str
    own: str
    some: str
    exact: str
    metier: str
    # the requirements stated by the métier names typed (« tig » of « soudeur TIG », a synonym of Soudeur): every
    # soudeur is found, those stating TIG first (``ranking.WANTED``); "" without any
    wanted: str = ""

    def __getitem__(self, words: str) -> str:
        return getattr(self, words)

    complete: frozenset[str] = frozenset()  # see ``compile_query``


def _expand_synonyms(words: list[str], forms: dict) -> list[Term]:
    """Consecutive plain words → terms; a span naming a métier becomes the span as a phrase, with
    (form 1 | form 2 | …) as its alternatives."""
    terms, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            key = metier_key(words[i:j])
            if key and key in forms:
                # the phrase implies its words, which are one of the métier's forms: the own words imply every
                every = "(" + " | ".join(_and(v) for v in forms[key]) + ")"
                base = _base_of(key.split(), forms[key])
                if base is None:
                    terms.append(Term(_phrase(words[i:j]), every, exact=f"'{metier_token(key)}'"))
                else:  # « soudeur TIG »: the métier Soudeur, and TIG wanted (not required: its other names match)
                    wanted = _and([w for w in key.split() if w not in base])
                    metier = f"('{metier_token(key)}' | '{metier_token(' '.join(base))}')"
                    terms.append(Term(_phrase(words[i:j]), every, metier=metier, wanted=wanted,
                                      exact=f"('{metier_token(key)}' | '{metier_token(' '.join(base))}' & {wanted})"))
                i = j
                break
        else:
            terms.append(Term(f"'{words[i]}'", f"'{words[i]}'"))
            i += 1
    return terms


def _one_of(texts: list[str]) -> str:
    return "(" + " | ".join(texts) + ")" if len(texts) > 1 else texts[0]


def compile_query(q: str, forms: dict | None = None) -> TextQuery | None:
    """Compile the recruiter's query into ``to_tsquery`` texts (None when nothing searchable)."""
    forms = metier_forms_index() if forms is None else forms
    groups: list[list[tuple[str, list[str]]]] = []  # AND of OR-groups
    pending_or = False
    for kind, words in _tokens(q):
        if kind == "or":
            pending_or = bool(groups)
            continue
        if pending_or and kind != "not":
            groups[-1].append((kind, words))
        else:
            groups.append([(kind, words)])
        pending_or = False

    terms: list[Term] = []
    run: list[str] = []

    def flush():  # the words typed one by one, read together (« permis » then « CE »: « permisce »)
        terms.extend(_expand_synonyms(with_categories(run), forms))
        run.clear()

    for group in groups:
        if len(group) == 1 and group[0][0] == "word":
            run.extend(group[0][1])
            continue
        flush()
        if len(group) == 1 and group[0][0] == "not":
            terms.append(Term("!" + _phrase(group[0][1]), "!" + _phrase(group[0][1]), negative=True))
        else:
            alternatives = [_expand_synonyms(w, forms)[0] if k == "word" and len(w) == 1
                            else Term(_phrase(w), _phrase(w)) for k, w in group]
            exact = _one_of([t.exact_or_own for t in alternatives]) if any(t.exact for t in alternatives) else ""
            terms.append(Term(_one_of([t.own for t in alternatives]), _one_of([t.every for t in alternatives]),
                              exact=exact))
    flush()
    positive = [t for t in terms if not t.negative]
    if not positive:
        return None  # only exclusions: nothing to look for
    return TextQuery(every=" & ".join(t.every for t in terms), own=" & ".join(t.own for t in terms),
                     some=_one_of([t.every for t in positive]), exact=" & ".join(t.exact_or_own for t in terms),
                     metier=" & ".join(t.exact_metier for t in positive if t.exact),
                     wanted=" & ".join(t.wanted for t in positive if t.wanted),
                     complete=frozenset(
                         # the kinds of words (``ranking``) that have every term of the query but its exclusions
                         {"exact", "own", "every"} | ({"metier"} if all(t.exact for t in positive) else set())
                         | ({"some"} if len(positive) == 1 else set())))


def build_tsquery(q: str, forms: dict | None = None) -> str:
    """Compile the recruiter's query into a ``to_tsquery`` expression ("" when nothing searchable)."""
    query = compile_query(q, forms)
    return query.every if query else ""
