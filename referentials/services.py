"""Referential look-ups used by every app (offers, CVthèque, companies, settings).

Places
    ``search_places(q, limit=10, kinds=None) -> list[Place]``
        Ranked candidates of every kind (commune, EPCI, département, région) for what a person
        types: « carcassonne », « Carcasonne » (typo, pg_trgm), « 11000 » (postal code or prefix),
        « st hilaire 11 » (« St » = « Saint », trailing département code), « aude (11) »,
        « Occitanie », « Carcassonne Agglo », « Kourou ». Accent-, case- and hyphen-insensitive;
        exact name > name prefix > word prefix > trigram similarity; bigger places first among equals.
        ``kinds`` restricts the result (e.g. ``("commune",)``).
    ``resolve_place(text, kinds=None) -> Place | None``
        The best candidate for a free text or a label shown by the autocomplete (« Carcassonne (11000) »),
        or for a key (« commune:11069 », « epci:200035715 », « departement:11 », « region:76 »).
    ``Place``: ``kind`` (``enums.PlaceKind``), ``obj`` (the model instance), ``label``, ``key``,
        ``commune_ids() -> list[int]`` (a commune includes its municipal arrondissements),
        ``communes()`` (a queryset) and ``q(field)`` (a ``Q`` on a ForeignKey to Commune, e.g.
        ``Offer.objects.filter(place.q("commune"))``).
    ``communes_within(commune, km) -> list[int]``
        Ids of the communes whose coordinates lie within ``km`` (clamped to 5–100) of ``commune``.

Métiers and sectors
    ``search_metiers(q, limit=10) -> list[Metier]``: by name, feminine form, synonym or family, ranked.
    ``resolve_metier(text) -> Metier | None``.
    ``search_sectors(q, limit=10) -> list[Sector]``: NAF sub-classes by code (« 47.11F », « 4711 ») or label.
    (``referentials.sectors.resolve_sector`` adds the sectors' synonyms.)

Every text goes through ``normalize()`` (``toolkit.text.normalize_name``: folded, punctuation to spaces,
« st » → « saint »), the same function that fills ``search_name`` / ``search_text`` when loading.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q

from toolkit import geo
from toolkit.text import REFERENTIAL_STOP_WORDS, fold

from .enums import PlaceKind
from .models import Commune, Departement, Epci, Metier, Region, Sector
from .search_text import MAX_QUERY_LENGTH, normalize

RADIUS_MIN_KM = 5
RADIUS_MAX_KM = 100

_DEPARTEMENT_CODE = re.compile(r"^(?:\d{2,3}|2a|2b)$")
_POSTAL_CODE = re.compile(r"^\d{5}$")






# --------------------------------------------------------------------------------------------- places


@dataclass
class Place:
    kind: str
    obj: Commune | Epci | Departement | Region
    label: str = ""
    score: float = field(default=0.0, compare=False)

    def __post_init__(self):
        if not self.label:
            self.label = place_label(self.kind, self.obj)

    def __str__(self):
        return self.label

    @property
    def key(self) -> str:
        ident = self.obj.insee if self.kind == PlaceKind.COMMUNE else self.obj.pk
        return f"{self.kind}:{ident}"

    @property
    def kind_label(self) -> str:
        return PlaceKind(self.kind).label

    def q(self, field: str = "commune") -> Q:
        """Filter on a ForeignKey to Commune named ``field``."""
        if self.kind == PlaceKind.COMMUNE:
            return Q(**{f"{field}_id": self.obj.pk}) | Q(**{f"{field}__parent_id": self.obj.pk})
        if self.kind == PlaceKind.EPCI:
            return Q(**{f"{field}__epci_id": self.obj.pk})
        if self.kind == PlaceKind.DEPARTEMENT:
            return Q(**{f"{field}__departement_id": self.obj.pk})
        return Q(**{f"{field}__departement__region_id": self.obj.pk})

    def communes(self):
        if self.kind == PlaceKind.COMMUNE:
            return Commune.objects.filter(Q(pk=self.obj.pk) | Q(parent_id=self.obj.pk))
        if self.kind == PlaceKind.EPCI:
            return Commune.objects.filter(epci_id=self.obj.pk)
        if self.kind == PlaceKind.DEPARTEMENT:
            return Commune.objects.filter(departement_id=self.obj.pk)
        return Commune.objects.filter(departement__region_id=self.obj.pk)

    def commune_ids(self) -> list[int]:
        return list(self.communes().order_by().values_list("pk", flat=True))


def departement_of(place: Place) -> Place | None:
    """The département around a commune or an EPCI (to widen a search that found nothing), else None."""
    if place.kind not in (PlaceKind.COMMUNE, PlaceKind.EPCI):
        return None
    commune = place.communes().select_related("departement").first()
    return Place(PlaceKind.DEPARTEMENT, commune.departement) if commune is not None else None


def place_label(kind: str, obj) -> str:
    """What the autocomplete shows and what ``resolve_place`` reads back."""
    if kind == PlaceKind.COMMUNE:
        code = obj.postal_codes[0] if obj.postal_codes else obj.departement_id
        return f"{obj.name} ({code})"
    if kind == PlaceKind.DEPARTEMENT:
        return f"{obj.name} ({obj.code})"
    return obj.name


def _parse_place_query(q: str) -> tuple[str, str | None, str | None]:
    """Split « st hilaire 11 » / « carcassonne (11000) » into (text, département code, postal code)."""
    words = normalize(q).split()
    departement = postal = None
    if len(words) >= 2:
        last = words[-1]
        if _POSTAL_CODE.match(last):
            postal = words.pop()
        elif _DEPARTEMENT_CODE.match(last):
            departement = words.pop().upper()
    return " ".join(words), departement, postal


_TABLES = {
    PlaceKind.COMMUNE: ("referentials_commune", "id::text"),
    PlaceKind.EPCI: ("referentials_epci", "code"),
    PlaceKind.DEPARTEMENT: ("referentials_departement", "code"),
    PlaceKind.REGION: ("referentials_region", "code"),
}
# Tiers, best first: a row of a tier always ranks above every row of the next one, so the search stops
# as soon as it has enough rows (« saint » never scans the thousands of « … saint … » names).
# Exact names and name prefixes are cheap (B-tree) and asked together; word prefixes only when still needed.
_TIERS = [
    [(100, "search_name = %(q)s"), (80, "search_name LIKE %(prefix)s")],
    [(60, "search_name LIKE %(word)s")],
]
TYPO_SIMILARITY = 0.5


def search_places(q: str, limit: int = 10, kinds=None) -> list[Place]:
    """Ranked places for a query (see the module docstring). Empty or junk input → []."""
    text, departement, postal = _parse_place_query(q)
    places = _search_places(text, departement, postal, limit, kinds)
    if not places and (departement or postal):  # « Paris 15 »: not a département code but part of the name
        places = _search_places(normalize(q), None, None, limit, kinds)
    return places


def _search_places(text, departement, postal, limit, kinds) -> list[Place]:
    kinds = [k for k in PlaceKind if k in set(kinds or PlaceKind.values)]
    limit = max(1, min(int(limit), 50))
    if not text:
        return []
    params = {"q": text, "prefix": f"{text}%", "word": f"% {text}%", "dep": departement,
              "postal": f"% {postal} %" if postal else None}
    rows: list[tuple] = []
    if text.isdigit() or _DEPARTEMENT_CODE.match(text):
        rows = _code_rows(text, kinds, limit)
    else:
        branch_kinds = [k for k in kinds if _kind_allowed(k, departement, postal)]
        for tier in _TIERS:
            if len(text) < 3 and tier[0][0] == 60:
                break
            rows += _tier_rows(branch_kinds, tier, params, limit - len(rows), rows)
            if len(rows) >= limit:
                break
        if not rows and len(text) >= 4:  # nothing starts with it: a typo? (« Carcasonne »)
            # Typos are rarely in the first letters: rank the names sharing them (a cheap index range) first…
            params["start"] = f"{text[:3]}%"
            condition = f"search_name LIKE %(start)s AND similarity(search_name, %(q)s) >= {TYPO_SIMILARITY}"
            rows = _tier_rows(branch_kinds, [("40 * similarity(search_name, %(q)s)", condition)], params, limit, rows)
        if not rows and len(text) >= 4:  # … then any similar name (trigram index)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL pg_trgm.similarity_threshold = {TYPO_SIMILARITY}")
                rows = _tier_rows(branch_kinds, [("40 * similarity(search_name, %(q)s)", "search_name %% %(q)s")],
                                  params, limit, rows)
    return _places_from_rows(rows[:limit])


def _kind_allowed(kind, departement, postal) -> bool:
    """« … 11 » narrows to communes and the département 11; « … 11000 » to communes."""
    if postal:
        return kind == PlaceKind.COMMUNE
    if departement:
        return kind in (PlaceKind.COMMUNE, PlaceKind.DEPARTEMENT)
    return True


def _tier_rows(kinds, tier, params, limit, seen) -> list[tuple]:
    """One query for the (score, condition) pairs of a tier over every kind of place; rows not ``seen`` yet."""
    branches = []
    for score_sql, condition in tier:
        for kind in kinds:
            table, pk = _TABLES[kind]
            where = condition
            if kind == PlaceKind.COMMUNE:
                where += " AND departement_id = %(dep)s" if params["dep"] else ""
                where += " AND postal_search LIKE %(postal)s" if params["postal"] else ""
            elif kind == PlaceKind.DEPARTEMENT and params["dep"]:
                where += " AND code = %(dep)s"
            # Each branch sorted and limited on its own: PostgreSQL can walk the population index and stop early.
            branches.append(f"(SELECT '{kind.value}', {pk}, {score_sql}, population, to_jsonb(t) FROM {table} t "
                            f"WHERE {where} ORDER BY 3 DESC, 4 DESC LIMIT %(limit)s)")
    if not branches or limit <= 0:
        return []
    seen_keys = {(row[0], row[1]) for row in seen}
    sql = f"SELECT * FROM ({' UNION ALL '.join(branches)}) AS found ORDER BY 3 DESC, 4 DESC, 2 LIMIT %(limit)s"
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "limit": limit + len(seen_keys) + 5})
        found = []
        for row in cursor.fetchall():
            if (row[0], row[1]) not in seen_keys:  # an exact name is also a prefix: keep its best score
                seen_keys.add((row[0], row[1]))
                found.append(row)
    return found[:limit]


def _code_rows(text, kinds, limit) -> list[tuple]:
    """« 11000 », « 110 »: postal code (or its prefix); « 11 », « 973 », « 2A »: a département code."""
    branches, params = [], {"code": text.upper(), "postal": f"% {text}%", "exact": f"% {text} %", "limit": limit}
    if PlaceKind.DEPARTEMENT in kinds:
        branches.append(
            "SELECT 'departement', code, 100, population, to_jsonb(t) FROM referentials_departement t "
            "WHERE code = %(code)s"
        )
    if PlaceKind.COMMUNE in kinds and text.isdigit() and len(text) >= 3:
        branches.append(
            "SELECT 'commune', id::text, CASE WHEN postal_search LIKE %(exact)s THEN 90 ELSE 70 END, population, "
            "to_jsonb(t) FROM referentials_commune t WHERE postal_search LIKE %(postal)s"
        )
    if not branches:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches) + " ORDER BY 3 DESC, 4 DESC, 2 LIMIT %(limit)s", params)
        return cursor.fetchall()


_PLACE_MODELS = {
    PlaceKind.COMMUNE: Commune,
    PlaceKind.EPCI: Epci,
    PlaceKind.DEPARTEMENT: Departement,
    PlaceKind.REGION: Region,
}


def _places_from_rows(rows) -> list[Place]:
    """Rows carry their whole record (``to_jsonb``): the model instances are built without another query."""
    places = []
    for kind, _pk, score, _population, record in rows:
        model = _PLACE_MODELS[PlaceKind(kind)]
        if isinstance(record, str):
            record = json.loads(record)
        names = [f.attname for f in model._meta.concrete_fields]
        places.append(Place(kind, model.from_db(connection.alias, names, [record.get(n) for n in names]),
                            score=float(score)))
    return places


def place_from_key(key: str) -> Place | None:
    """« commune:11069 », « epci:200035715 », « departement:11 », « region:76 » → Place (or None)."""
    kind, _, ident = (key or "").partition(":")
    if kind not in PlaceKind.values or not ident or len(ident) > 12:
        return None
    lookup = {"insee": ident} if kind == PlaceKind.COMMUNE else {"pk": ident.upper()}
    obj = _PLACE_MODELS[PlaceKind(kind)].objects.filter(**lookup).first()
    return Place(kind, obj) if obj else None


def resolve_place(text: str, kinds=None) -> Place | None:
    """The place meant by a free text, an autocomplete label or a key; None when nothing matches."""
    text = (text or "").strip()
    if not text:
        return None
    if re.match(r"^(commune|epci|departement|region):[\w]+$", text):
        place = place_from_key(text)
        return place if place and (not kinds or place.kind in kinds) else None
    results = search_places(text, limit=1, kinds=kinds)
    return results[0] if results else None


def communes_within(commune: Commune, km: float) -> list[int]:
    """Ids of the communes within ``km`` (clamped to 5–100) of ``commune`` (itself included)."""
    if commune is None or commune.latitude is None or commune.longitude is None:
        return [commune.pk] if commune is not None else []
    km = max(RADIUS_MIN_KM, min(RADIUS_MAX_KM, float(km)))
    lat, lon = commune.latitude, commune.longitude
    lat_min, lat_max, lon_min, lon_max = geo.bounding_box(lat, lon, km)
    ids = list(
        Commune.objects.filter(latitude__range=(lat_min, lat_max), longitude__range=(lon_min, lon_max))
        .alias(distance=geo.distance_km_expression("latitude", "longitude", lat, lon)).filter(distance__lte=km)
        .order_by().values_list("pk", flat=True)
    )
    if commune.pk not in ids:
        ids.append(commune.pk)
    return ids


def distance_km(a: Commune, b: Commune) -> float:
    """Great-circle distance between two communes (km)."""
    return geo.distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


# --------------------------------------------------------------------------------------------- métiers


def _words(text: str) -> list[str]:
    return [w for w in normalize(text).split() if w not in REFERENTIAL_STOP_WORDS]


def _word_matches(word: str, tokens: list[str]) -> bool:
    """« commande » matches « commandes »; « prepa » matches « preparateur » (prefix)."""
    for token in tokens:
        if token.startswith(word) or (len(word) >= 5 and word.startswith(token) and len(token) >= len(word) - 2):
            return True
    return False


def _similar(word: str, tokens: list[str]) -> bool:
    """Typo tolerance for words of 5+ letters: one substitution, insertion or deletion."""
    if len(word) < 5:
        return False
    return any(abs(len(t) - len(word)) <= 1 and _edit_distance_at_most_one(word, t) for t in tokens)


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]




def _parse_search_text(search_text: str) -> tuple[list[str], list[str], str]:
    names, _, rest = search_text.partition(" | ")
    synonyms, _, family = rest.partition(" | ")
    return names.split(" / "), [s for s in synonyms.split(" ; ") if s], family


def _strip(phrase: str) -> str:
    return " ".join(w for w in phrase.split() if w not in REFERENTIAL_STOP_WORDS)


def _score_metier(phrase: str, words: list[str], search_text: str) -> float:
    """Rank of a métier for a query: exact name > exact synonym > name prefix > every word in the names >
    in the synonyms > in the family > anywhere > anywhere with a typo; 0 when it does not match."""
    names_phrases, synonym_phrases, family = _parse_search_text(search_text)
    stripped = [_strip(n) for n in names_phrases]
    if phrase in names_phrases or phrase in stripped or phrase == _strip(" ".join(names_phrases)):
        return 100
    if phrase in synonym_phrases or phrase in (_strip(s) for s in synonym_phrases):
        return 95
    if any(n.startswith(phrase) for n in names_phrases + stripped):
        return 90
    name_tokens = " ".join(names_phrases).split()
    if all(_word_matches(w, name_tokens) for w in words):
        return 80
    synonym_tokens = " ".join(synonym_phrases).split()
    if all(_word_matches(w, synonym_tokens) for w in words):
        return 70
    family_tokens = family.split()
    if all(_word_matches(w, family_tokens) for w in words):
        return 60
    every = name_tokens + synonym_tokens + family_tokens
    if all(_word_matches(w, every) for w in words):
        return 50
    if all(_word_matches(w, every) or _similar(w, every) for w in words):
        return 30
    return 0


def search_metiers(q: str, limit: int = 10) -> list[Metier]:
    """Métiers matching a query by name, feminine form, synonym or family; best first."""
    words = _words(q)
    if not words:
        return []
    phrase = " ".join(words)
    # Pre-filter in PostgreSQL on the folded text (every word, or its first letters for typos).
    condition = Q()
    for w in words:
        condition &= Q(search_text__contains=w[:4] if len(w) >= 5 else w)
    scored = []
    for metier in Metier.objects.filter(condition).select_related("family").order_by():
        score = _score_metier(phrase, words, metier.search_text)
        if score:
            scored.append((-score, len(metier.name), metier.name, metier))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[: max(1, min(int(limit), 50))]]


def resolve_metier(text: str) -> Metier | None:
    results = search_metiers(text, limit=1)
    return results[0] if results else None


# --------------------------------------------------------------------------------------------- sectors

_NAF_CODE = re.compile(r"^(\d{2})\.?(\d{0,2})([a-z]?)$")




def search_sectors(q: str, limit: int = 10) -> list[Sector]:
    """NAF sub-classes by code (« 47.11F », « 4711F », « 47 ») or label words; best first."""
    limit = max(1, min(int(limit), 50))
    raw = fold(q or "")[:MAX_QUERY_LENGTH].replace(" ", "")
    subclasses = Sector.objects.filter(section__isnull=False)
    code = _NAF_CODE.match(raw.split("–")[0].split("-")[0]) if raw else None
    if code:
        prefix = code.group(1) + ("." + code.group(2) if code.group(2) else "") + code.group(3).upper()
        return list(subclasses.filter(code__startswith=prefix).order_by("code")[:limit])
    words = _words(q)
    if not words:
        return []
    condition = Q()
    for w in words:
        condition &= Q(search_text__contains=w[:4] if len(w) >= 5 else w)
    phrase = " ".join(words)
    scored = []
    for s in subclasses.filter(condition):
        label = normalize(s.label)
        tokens = label.split()
        if label == phrase or normalize(str(s)) == normalize(q):
            score = 100
        elif label.startswith(phrase):
            score = 90
        elif all(_word_matches(w, tokens) for w in words):
            score = 80
        elif all(_word_matches(w, tokens) or _similar(w, tokens) for w in words):
            score = 40
        else:
            continue
        scored.append((-score, len(s.label), s.code, s))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[:limit]]
