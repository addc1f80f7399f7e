"""How the search ranks, written once: the tiers (where the words are), the evidence levels and the key.

A CV's document is cut into ``PARTS`` (see ``documents.document_parts``); each tier's vector holds the
first ``Tier.parts`` of them, so the tiers are nested by construction (titre + métiers ⊂ profil ⊂ texte):
the stored vectors (``documents``' UPDATE), the tier of a match (the queryset's ``Case``, the statements'
``CASE`` and walks) and the test that the tiers stay nested all read ``TIERS``.

A match is ranked by the evidence it gives (``LEVELS``, 1 the best): exactly the métier named (the CV's
métier, or its whole titre, is that métier: ``query.metier_token``) with every other word in the titre, then
in the profile, then in the text; the query's own words in the titre and métiers; every word there, some
through a métier's other names; some words in the titre and every word in the profile, then in the text;
every word in the profile; the text. A requirement that a métier's name typed states (« TIG » of the synonym
« Soudeur TIG ») is ``WANTED``: it does not decide what is found, but the métier with it in the profile or
the text comes first. The profile holds the facts the CV's text states (``cvs.facts``: a licence, a CACES, a
diploma; never a negated one), so that a fact written only in the document is evidence of the profile.
Freshness only breaks ties inside a level. The levels are cumulative
(a CV at a level meets every later level's condition: ``conditions``), so that the statements can walk the
freshest matches of each level in turn; the column is still named ``tier``.

The ranking key — level, then freshness, then id — is ``RANKING_KEY``: the queryset's ``order_by`` and every
statement's ``ORDER BY`` are generated from it (``order_by_sql``, ``queryset_order``). The statements' walk
reads matches in ``FRESHNESS`` order from the index ``cv_entry_fresh``, which must stay that order (a test
checks it).
"""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Part:
    name: str
    weight: str  # its weight in ``search_vector``; "" for a part only the full text holds


PARTS = (
    Part("title", "A"),  # titre + every form of the CV's métiers
    Part("skills", "B"),  # compétences
    Part("profile", "C"),  # présentation, diploma, contracts wanted, driving licence
    Part("rest", ""),  # experience and the document's text
)


@dataclasses.dataclass(frozen=True)
class Tier:
    rank: int  # 1 is the best
    vector: str  # the CVSearchEntry column matched for this tier
    parts: int  # the vector holds PARTS[:parts]

    @property
    def weights(self) -> str:
        """The tier's parts as a PostgreSQL weight array (``ts_filter``): « {a} » for the titre."""
        return "{" + ",".join(p.weight.lower() for p in PARTS[: self.parts]) + "}"


TIERS = (
    Tier(1, "title_vector", 1),  # titre + métiers
    Tier(2, "search_vector", 3),  # the profile
    Tier(3, "fulltext_vector", 4),  # the full text: what a CV must match to be found at all
)
TITLE, PROFILE, FULL_TEXT = TIERS


# Which of the query's words a piece of evidence asks for (``query.TextQuery``'s texts).
EXACT = "exact"  # every term, a métier's name as exactly that métier (the CV's métier, or its whole titre)
METIER = "metier"  # the métiers the query names, exactly (none: the evidence is not given)
OWN = "own"  # every term, as the query writes it (a métier's name as a phrase, no other name of it)
EVERY = "every"  # every term, each with its alternatives (the métier's other names): what a match is
SOME = "some"  # at least one term, with its alternatives
WANTED = "wanted"  # the requirements a métier's name typed states (« tig » of « soudeur TIG »), not required
# Kinds a query may not give: their evidence is then left out of a level, not the level (``given``).
OPTIONAL = frozenset({WANTED})


# What a query asks every level to check in the full text too (``Level.holds``).
EXCLUSION, PHRASE = "exclusion", "phrase"


@dataclasses.dataclass(frozen=True)
class Evidence:
    tier: Tier
    words: str  # one of the kinds above


@dataclasses.dataclass(frozen=True)
class Level:
    rank: int  # 1 is the best
    evidence: tuple[Evidence, ...]  # all of them hold
    widens: bool = False  # a CV of a previous level may lack this evidence: see ``conditions``

    def holds(self, checks: str = "", complete: frozenset[str] = frozenset()) -> tuple[Evidence, ...]:
        """The evidence to check for a query whose ``checks`` is ``EXCLUSION`` (an exclusion holds for the
        whole CV: a titre matching « agent entretien -nettoyage » does not make a CV whose text says
        « nettoyage » match: every level also checks that the full text has none of the exclusions),
        ``PHRASE`` (a phrase found in a vector appending parts may not be in the full text: a level
        checking more than the titre, which begins the full text, also checks the full text) or "". Every
        word in a later tier is left out when the titre's evidence already has every term (``complete``:
        the kinds of words that have every term for this query, see ``query.TextQuery.complete``): the
        titre is in every tier."""
        evidence = self.evidence
        if any(e.tier is TITLE and e.words in complete for e in evidence):
            evidence = tuple(e for e in evidence if e.tier is TITLE or e.words != EVERY)
        if checks == EXCLUSION:
            # every level has every term somewhere, so in the full text: « the full text matches the whole
            # query » only adds that it has none of the exclusions, and its GIN index answers that without
            # reading a vector (« NOT (full text has an exclusion) » reads every candidate's full text)
            return (*evidence, Evidence(FULL_TEXT, EVERY))
        if checks == PHRASE and all(e.tier is not FULL_TEXT for e in evidence) and any(
                e.tier is not TITLE for e in evidence):
            evidence = (*evidence, Evidence(FULL_TEXT, EVERY))
        return evidence


LEVELS = (
    Level(1, (Evidence(TITLE, EXACT),)),  # exactly the métier named, and every other word in the titre
    # the métier, the other words (and the requirement its name states) in the profile, then in the text
    Level(2, (Evidence(TITLE, METIER), Evidence(PROFILE, EVERY), Evidence(PROFILE, WANTED))),
    Level(3, (Evidence(TITLE, METIER), Evidence(FULL_TEXT, EVERY), Evidence(FULL_TEXT, WANTED))),
    Level(4, (Evidence(TITLE, OWN),), widens=True),  # the query's own words in the titre
    Level(5, (Evidence(TITLE, EVERY),), widens=True),  # … through a métier's other names
    Level(6, (Evidence(TITLE, SOME), Evidence(PROFILE, EVERY)), widens=True),  # some in the titre, all in the profile
    Level(7, (Evidence(TITLE, SOME), Evidence(FULL_TEXT, EVERY))),  # some in the titre, all in the text
    Level(8, (Evidence(PROFILE, EVERY),), widens=True),  # every word in the profile
    Level(9, (Evidence(FULL_TEXT, EVERY),)),  # what every match holds
)


def given(evidence: tuple[Evidence, ...], texts) -> tuple[Evidence, ...] | None:
    """The evidence a query gives (``texts[kind]``: its ``to_tsquery`` text of a kind of words, "" when it has
    none): an ``OPTIONAL`` kind it lacks is left out; None when it lacks another (no métier named: no
    ``METIER`` evidence, the level is not given)."""
    evidence = tuple(e for e in evidence if texts[e.words] or e.words not in OPTIONAL)
    return evidence if all(texts[e.words] for e in evidence) else None


def conditions(render_evidence, render_or, checks: str = "",
               complete: frozenset[str] = frozenset()) -> list[tuple[Level, object]]:
    """Each level given by the query with its cumulative condition, which every CV of this level or a
    previous one meets: its evidence, or'ed with the previous level's when it ``widens``. A level adds
    nothing when its evidence is one already covered: it is left out. ``render_evidence(evidence
    tuple)`` gives None when the query cannot give that evidence (``METIER`` without a métier named)."""
    result, previous, covered, widen = [], None, [], False
    for level in LEVELS:
        evidence = render_evidence(level.holds(checks, complete))
        if evidence is None:  # a level the next one may not cover
            widen = True
            continue
        if evidence in covered:
            continue
        covered.append(evidence)
        widens, widen = (level.widens or widen) and previous is not None, False
        condition = render_or(evidence, previous) if widens else evidence
        result.append((level, condition))
        previous = condition
    return result


@dataclasses.dataclass(frozen=True)
class KeyColumn:
    column: str  # a column of the statements' ranked rows
    descending: bool = False
    field: str = ""  # the CV queryset's name for it, when not ``column``

    def sql(self, prefix: str = "") -> str:
        return f"{prefix}{self.column}" + (" DESC" if self.descending else "")

    @property
    def best(self) -> str:
        """The aggregate keeping the best value of a CV found several times (in several tiers)."""
        return "max" if self.descending else "min"


TIER = KeyColumn("tier")
FRESHNESS = (KeyColumn("updated_at", descending=True), KeyColumn("cv_id", descending=True, field="pk"))
RANKING_KEY = (TIER, *FRESHNESS)


def order_by_sql(key=RANKING_KEY, prefix: str = "") -> str:
    """« tier, updated_at DESC, cv_id DESC »: an ``ORDER BY`` list of ``key`` (columns prefixed)."""
    return ", ".join(column.sql(prefix) for column in key)


def queryset_order(key=RANKING_KEY) -> list[str]:
    """The same key as the CV queryset's ``order_by`` arguments."""
    return [("-" if column.descending else "") + (column.field or column.column) for column in key]
