"""How the search ranks, written once: the tiers (where the words are) and the ranking key.

A CV's document is cut into ``PARTS`` (see ``documents.document_parts``); each tier's vector holds the
first ``Tier.parts`` of them, so the tiers are nested by construction (titre + métiers ⊂ profil ⊂ texte):
the stored vectors (``documents``' UPDATE), the tier of a match (the queryset's ``Case``, the statements'
``CASE`` and walks) and the test that the tiers stay nested all read ``TIERS``.

The ranking key — tier, then freshness, then id — is ``RANKING_KEY``: the queryset's ``order_by`` and every
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
