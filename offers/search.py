"""The one search of published offers: the public « Offres » page (``filters.OfferFilterSet``), job alerts and
« Offres pour vous » all call ``search_offers`` with an ``OfferCriteria``.

Keywords go through the CVthèque's query language (``referentials.query.compile_query``: accents, case,
feminine forms, « Bac+2 », métier synonyms, quoted phrases, OU, -exclusion) and are matched against the
offer's stored ``search_vector``, built by ``Offer.search_document`` with the same normalisation
(``toolkit.text.normalize_text``): title and métier (weight A), company (B), description (C)."""

import dataclasses
import datetime
import re
from concurrent.futures import Future
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, DecimalField, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property

from referentials.enums import PlaceKind
from referentials.models import Commune, Metier
from referentials.query import CONFIG, compile_query, metier_forms
from referentials.services import Place, place_from_key
from toolkit import geo
from toolkit.dbthreads import query_in_background
from toolkit.memo import ProcessMemo
from toolkit.sql import Sql, compose, join

from .enums import ContractType, SalaryPeriod
from .models import Offer

RADIUS_MIN_KM, RADIUS_MAX_KM = 5, 100
RECENT_DAYS = 7
HOURS_PER_MONTH = Decimal("151.67")  # the legal monthly hours of a full-time job (35 h)
PAGE_SIZE = 20
# The count stops past COUNT_CAP matches (« Plus de 1 000 offres… »: a visitor refines such a search) and the
# pages with it: counting every match of a common word (« BAC+2 »: ~20 000 of 50 000 offers) cost more than
# the page.
COUNT_CAP = 1_000
MAX_PAGE = COUNT_CAP // PAGE_SIZE


class Sort:
    RELEVANCE = "pertinence"
    DATE = "date"
    CHOICES = [(RELEVANCE, "Pertinence"), (DATE, "Date de publication")]


# ----- the stored document ---------------------------------------------------------------------------------------

_UPDATE_VECTORS_SQL = f"""
UPDATE offers_offer AS o SET search_vector = setweight(to_tsvector('{CONFIG}', v.a), 'A')
    || setweight(to_tsvector('{CONFIG}', v.b), 'B') || setweight(to_tsvector('{CONFIG}', v.c), 'C')
FROM (VALUES {{values}}) AS v(id, a, b, c) WHERE o.id = v.id
"""


def update_search_vectors(offers, batch_size: int = 500) -> int:
    """Recompute the stored vector (``Offer.search_document``) of these offers (a queryset), one UPDATE per
    batch (bulk imports, the benchmark); returns how many."""
    done, batch = 0, []
    for offer in offers.select_related("company", "metier").order_by("pk").iterator(chunk_size=batch_size):
        document = offer.search_document()
        batch.append((offer.pk, document["A"], document["B"], document["C"]))
        if len(batch) == batch_size:
            done += _write_vectors(batch)
            batch = []
    return done + _write_vectors(batch)


def _write_vectors(rows) -> int:
    if not rows:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_VECTORS_SQL.format(values=", ".join(["(%s::bigint, %s, %s, %s)"] * len(rows))),
                       [x for row in rows for x in row])
    return len(rows)


# ----- the criteria ------------------------------------------------------------------------------------------

@dataclass
class OfferCriteria:
    q: str = ""
    place: Place | None = None
    radius_km: int | None = None
    contract_types: list[str] = field(default_factory=list)
    # the public page's métier (autocomplete): offers of that métier, or naming one of its forms
    metier: object = None
    salary_min: Decimal | None = None  # a monthly gross amount: offers paying at least that much
    recent: bool = False  # published less than RECENT_DAYS days ago
    seasonal: bool = False
    sort: str = Sort.RELEVANCE
    # « Offres pour vous »: offers of these métiers, or whose text names one of these terms (their names and
    # synonyms), either one
    metier_ids: list[int] = field(default_factory=list)
    metier_terms: list[str] = field(default_factory=list)

    @classmethod
    def from_form(cls, data: dict) -> "OfferCriteria":
        """From the cleaned data of ``filters.OfferFilterSet``'s form (what is invalid is left out)."""
        contract = data.get("contrat") or []
        return cls(q=(data.get("q") or "").strip(), place=data.get("ou"), radius_km=data.get("rayon"),
                   contract_types=[contract] if isinstance(contract, str) else list(contract),
                   metier=data.get("metier"), salary_min=data.get("salaire"), recent=bool(data.get("recentes")),
                   seasonal=bool(data.get("saisonnier")), sort=data.get("tri") or Sort.RELEVANCE)

    @classmethod
    def from_params(cls, params: dict, places: dict | None = None) -> "OfferCriteria":
        """From what ``to_params`` stored (a job alert). ``places`` memoises the places by key in a run."""
        place = None
        if params.get("ou"):
            places = {} if places is None else places
            if params["ou"] not in places:
                places[params["ou"]] = place_from_key(params["ou"])
            place = places[params["ou"]]
        metier = Metier.objects.filter(name=params["metier"]).first() if params.get("metier") else None
        try:
            salary = Decimal(str(params["salaire"])) if params.get("salaire") else None
        except ArithmeticError:
            salary = None
        return cls(q=params.get("q", ""), place=place, radius_km=params.get("rayon") if place else None,
                   contract_types=[c for c in params.get("contrat", []) if c in ContractType.values],
                   metier=metier, salary_min=salary, seasonal=bool(params.get("saisonnier")))

    def to_params(self) -> dict:
        """What a job alert stores (the freshness and the sort are the page's, not the search's)."""
        params = {}
        if self.q:
            params["q"] = self.q
        if self.place is not None:
            params["ou"] = self.place.key
            if self.radius_km:
                params["rayon"] = self.radius_km
        if self.contract_types:
            params["contrat"] = list(self.contract_types)
        if self.metier is not None:
            params["metier"] = self.metier.name  # what the page's field reads back
        if self.salary_min:
            params["salaire"] = str(self.salary_min)
        if self.seasonal:
            params["saisonnier"] = True
        return params

    @property
    def is_empty(self) -> bool:
        return not (self.q or self.place or self.contract_types or self.metier_ids or self.metier_terms
                    or self.metier is not None or self.salary_min or self.recent or self.seasonal)

    def querystring(self) -> str:
        """The public « Offres » page's query string showing this search."""
        return params_querystring(self.to_params())

    def label(self) -> str:
        parts = []
        if self.q:
            parts.append(f"« {self.q} »")
        if self.metier is not None:
            parts.append(self.metier.name)
        if self.place is not None:
            parts.append(f"à {self.place.label}" + (f" ({self.radius_km} km)" if self.radius_km else ""))
        if self.contract_types:
            parts.append(", ".join(ContractType(c).label for c in self.contract_types))
        if self.salary_min:
            parts.append(f"{self.salary_min:g} € brut par mois au moins")
        if self.seasonal:
            parts.append("offres saisonnières")
        return " — ".join(parts) or "Toutes les offres"


def params_querystring(params: dict) -> str:
    """The query string of the public « Offres » page for stored ``to_params`` (no look-up)."""
    pairs = [(k, params[k]) for k in ("q", "ou", "rayon", "metier", "salaire") if params.get(k)]
    pairs += [("contrat", c) for c in params.get("contrat") or []]
    if params.get("saisonnier"):
        pairs.append(("saisonnier", "on"))
    return urlencode(pairs)


# ----- the search ------------------------------------------------------------------------------------------------

def _raw(tsquery: str) -> SearchQuery:
    return SearchQuery(tsquery, search_type="raw", config=CONFIG)


def _metier_match(metier_ids: list[int], terms: list[str]) -> Q:
    """Offers of these métiers, or whose text has one of these terms as a phrase (normalised as documents)."""
    match = Q(metier_id__in=metier_ids) if metier_ids else Q(pk__in=[])
    queries = (compile_query('"' + term.replace('"', " ") + '"', forms={}) for term in terms)
    phrases = [query.own for query in queries if query is not None]
    if phrases:
        match |= Q(search_vector=_raw(" | ".join(dict.fromkeys(phrases))))
    return match


def _monthly_salary():
    """The offer's best salary (its maximum, else its amount) as a monthly gross amount."""
    amount = Coalesce(F("salary_max"), F("salary_min"))
    return Case(When(salary_period=SalaryPeriod.HOUR, then=amount * Value(HOURS_PER_MONTH)),
                When(salary_period=SalaryPeriod.YEAR, then=amount / Value(Decimal(12))),
                default=amount, output_field=DecimalField(max_digits=12, decimal_places=2))


def _communes_within(place: Place, radius_km: int):
    """The place's communes and those within ``radius_km`` of its commune (in the page's query: no look-up)."""
    commune = place.obj
    if commune.latitude is None or commune.longitude is None:
        return place.communes()
    km = max(RADIUS_MIN_KM, min(RADIUS_MAX_KM, float(radius_km)))
    lat_min, lat_max, lon_min, lon_max = geo.bounding_box(commune.latitude, commune.longitude, km)
    near = Commune.objects.alias(distance_km=geo.distance_km_expression(
        "latitude", "longitude", commune.latitude, commune.longitude)).filter(
        latitude__range=(lat_min, lat_max), longitude__range=(lon_min, lon_max), distance_km__lte=km)
    return place.communes() | near


# The communes of a searched place (and radius), kept per process until the geography changes
# (``forget_place_communes``: ``load_referentials``, a commune, EPCI, département or région saved) or at worst
# 10 minutes: recruiters and visitors search the same few places again and again.
_place_communes = ProcessMemo("offers:place-communes:version")


def place_commune_ids(place: Place, radius_km: int | None) -> list[int]:
    """Ids of the place's communes, and of those within ``radius_km`` around a commune."""
    def read():
        if radius_km and place.kind == PlaceKind.COMMUNE:
            return sorted(set(_communes_within(place, radius_km).order_by().values_list("pk", flat=True)))
        return place.commune_ids()

    return _place_communes.get((place.key, radius_km if place.kind == PlaceKind.COMMUNE else 0), read)


def forget_place_communes() -> None:
    _place_communes.forget()


def _in_place(criteria: OfferCriteria) -> Q:
    """Offers of the place's communes (within the radius around a commune), as literal ids: the offers are found
    through their commune's index, and the planner reads a word's GIN index once for all of them (with a
    subquery of communes it joined them one by one, reading the GIN index again for each: 143 ms for
    « vendeuse » within 20 km of Carcassonne at 50 000 offers)."""
    return Q(commune_id__in=place_commune_ids(criteria.place, criteria.radius_km))


def search_offers(criteria: OfferCriteria, offers=None):
    """Published, visible offers (or ``offers``, a queryset of them) matching the criteria. Unordered: see
    ``ordered``; with keywords, each offer has the alias ``tier`` (where its words are: ``TIERS``)."""
    offers = Offer.objects.visible_to_public() if offers is None else offers
    query = compile_query(criteria.q) if criteria.q else None
    if query is not None:
        offers = offers.filter(search_vector=_raw(query.every)).alias(tier=_tier_case(query))
    if criteria.metier is not None:
        offers = offers.filter(_metier_match([criteria.metier.pk], metier_forms(criteria.metier)))
    if criteria.metier_ids or criteria.metier_terms:
        offers = offers.filter(_metier_match(criteria.metier_ids, criteria.metier_terms))
    if criteria.place is not None:
        offers = offers.filter(_in_place(criteria))
    if len(criteria.contract_types) == 1:
        offers = offers.filter(contract_type=criteria.contract_types[0])
    elif criteria.contract_types:
        offers = offers.filter(contract_type__in=criteria.contract_types)
    if criteria.salary_min:
        offers = offers.alias(monthly_salary=_monthly_salary()).filter(monthly_salary__gte=criteria.salary_min)
    if criteria.recent:
        offers = offers.filter(published_at__gte=timezone.now() - datetime.timedelta(days=RECENT_DAYS))
    if criteria.seasonal:
        offers = offers.filter(is_seasonal=True)
    return offers


def ordered(offers, criteria: OfferCriteria):
    """``search_offers``' result in the page's order: by relevance (``TIERS``: where the words are, the title
    and métier first), then freshness; or by date only (also for a search without keywords). The order of
    ``search_page``, which reads far fewer offers to give the same page."""
    if criteria.sort == Sort.DATE or "tier" not in offers.query.annotations:
        return offers.order_by("-published_at", "-id")
    return offers.order_by("tier", "-published_at", "-id")


# ----- relevance ------------------------------------------------------------------------------------------------
#
# A match's tier is the first whose parts of the document hold every word of the query (its exclusions hold
# for the whole document, as for the match): 1 the title and métier (weight A), 2 those and the company (A,
# B), 3 anywhere (the description too); freshness orders a tier. The tiers are nested (an offer of tier 1
# meets tier 2's condition), so that the freshest offers meeting a tier's condition, with those of the tiers
# before it, give the tier's freshest offers.

@dataclass(frozen=True)
class Tier:
    rank: int  # 1 is the best
    weights: str  # the parts every word must be in: "A", "AB"; "" anywhere (what every match holds)


TIERS = (Tier(1, "A"), Tier(2, "AB"), Tier(3, ""))
_LEXEME = re.compile(r"'(?:[^']|'')*'")


def in_weights(tsquery: str, weights: str) -> str:
    """A ``to_tsquery`` text of ``compile_query`` whose words must be in these parts of the document
    (« 'vendeur' & !'alimentaire' » → « 'vendeur':A & !'alimentaire' »): the negated words are left as they
    are (an exclusion holds for the whole document)."""
    if not weights:
        return tsquery
    out, depth, negated_depths, pending, i = [], 0, [], False, 0
    while i < len(tsquery):
        char = tsquery[i]
        if char == "'":
            lexeme = _LEXEME.match(tsquery, i).group()
            out.append(lexeme if pending or negated_depths else f"{lexeme}:{weights}")
            pending, i = False, i + len(lexeme)
            continue
        if char == "!":
            pending = True
        elif char == "(":
            depth += 1
            if pending:
                negated_depths.append(depth)
                pending = False
        elif char == ")":
            if negated_depths and negated_depths[-1] == depth:
                negated_depths.pop()
            depth -= 1
        out.append(char)
        i += 1
    return "".join(out)


def _tier_query(query, tier: Tier) -> str:
    return in_weights(query.every, tier.weights)


def _tier_case(query) -> Case:
    """The tier of a match (``TIERS``), evaluated offer by offer: for the page's few offers."""
    return Case(*(When(SearchVectorExact(F("search_vector"), _raw(_tier_query(query, tier))), then=Value(tier.rank))
                  for tier in TIERS[:-1]), default=Value(TIERS[-1].rank), output_field=IntegerField())


# The page of a search with keywords by relevance reads few offers whatever the number of matches (as the
# CVthèque's ``statements``): the WALK_ROWS freshest offers passing the filters are read first (the index on
# published_at; with a place, its communes' offers through the index on commune_id) and a tier dense among
# them finds its freshest matches there; when the filters keep fewer offers than that, they are all there
# is. A tier that found some matches there, but too few, is walked further: as many offers as should give it
# twice the matches wanted at the density seen, at most DEEP_WALK_ROWS (not with a place: the walk through
# the freshness index would read some ten times as many offers of other places). Otherwise the tier is sparse: its
# matches come from a GIN index (the small ``head_vector``'s for the title and company tiers, so that
# « BAC+2 », in ~20 000 descriptions and no title, reads no description to find that no title has it), then
# sorted (the ``OFFSET 0`` fence keeps the planner from walking the freshness index through a sparse tier).
# A tier is read only when the tiers before it gave too few offers.
WALK_ROWS = 300
MAX_WALK_ROWS = 1_000  # deep pages: past that, the indexes are cheaper than reading every walked vector
DEEP_WALK_ROWS = 3_000
_TABLE = Offer._meta.db_table
_BY_FRESHNESS = "published_at DESC, id DESC"

_FRESH_SQL = f"""
fresh AS MATERIALIZED (
    SELECT id, published_at, search_vector FROM {_TABLE} WHERE {{where}} ORDER BY {_BY_FRESHNESS} LIMIT {{walk}}),
exhausted AS MATERIALIZED (SELECT count(*) < {{walk}} AS yes FROM fresh)"""

_TIER_SQL = f"""
w{{k}} AS MATERIALIZED (
    SELECT id, published_at FROM fresh WHERE {{guard}} AND search_vector @@ {{match}}
    ORDER BY {_BY_FRESHNESS} LIMIT {{wanted}}),
d{{k}} AS MATERIALIZED ({{deeper}}),
t{{k}} AS MATERIALIZED (
    SELECT id, published_at FROM w{{k}}
     WHERE (SELECT count(*) FROM w{{k}}) >= {{wanted}} OR (SELECT yes FROM exhausted)
    UNION ALL
    SELECT id, published_at FROM d{{k}} WHERE (SELECT count(*) FROM d{{k}}) >= {{wanted}}
    UNION ALL
    (SELECT id, published_at FROM (
        SELECT id, published_at, search_vector FROM {_TABLE}
         WHERE {{guard}} AND (SELECT count(*) FROM w{{k}}) < {{wanted}} AND NOT (SELECT yes FROM exhausted)
           AND (SELECT count(*) FROM d{{k}}) < {{wanted}} AND {{where}} AND {{indexed}}
        OFFSET 0) AS indexed
      WHERE {{recheck}} ORDER BY {_BY_FRESHNESS} LIMIT {{wanted}}))"""

_DEEPER_SQL = f"""
    SELECT id, published_at FROM (
        SELECT id, published_at, search_vector FROM {_TABLE}
         WHERE {{guard}} AND (SELECT count(*) FROM w{{k}}) < {{wanted}} AND NOT (SELECT yes FROM exhausted)
           AND {{where}}
         ORDER BY {_BY_FRESHNESS}
         LIMIT (SELECT CASE WHEN count(*) * {{deep}} >= 2 * {{wanted}} * {{walk}}
                            THEN least({{deep}}, 2 * {{wanted}} * {{walk}} / count(*)) ELSE 0 END
                  FROM w{{k}})) AS deeper
     WHERE search_vector @@ {{match}} ORDER BY {_BY_FRESHNESS} LIMIT {{wanted}}"""
_NO_DEEPER_SQL = "SELECT id, published_at FROM fresh WHERE FALSE"

# An offer is found in its tier and every later one (the tiers are nested): it keeps its best.
_PAGE_SQL = f"""
WITH {{fresh}}, {{tiers}}
SELECT id FROM (
    SELECT id, min(tier) AS tier, max(published_at) AS published_at FROM ({{found}}) AS found GROUP BY id) AS ranked
ORDER BY tier, {_BY_FRESHNESS} LIMIT {{limit}} OFFSET {{offset}}"""


def _tsquery(text: str) -> Sql:
    return Sql(f"to_tsquery('{CONFIG}', %s)", (text,))


def _filters_sql(criteria: OfferCriteria, offers=None) -> Sql | None:
    """Every filter of the search but the words, as SQL on the offers' table alone (None if it joins
    another: the caller then orders with the ORM)."""
    queryset = search_offers(dataclasses.replace(criteria, q=""), offers)
    query = queryset.query
    if sum(1 for alias in query.alias_map if query.alias_refcount[alias]) > 1:
        return None
    sql, params = query.get_compiler(using=queryset.db).compile(query.where)
    return Sql(sql or "TRUE", tuple(params))


def relevance_statement(criteria: OfferCriteria, query, offset: int, limit: int, offers=None) -> Sql | None:
    """The ids of one page of a search with keywords (``query``: its ``compile_query``) in relevance order
    (``ordered``'s), reading a bounded number of offers (see ``WALK_ROWS``); None when its filters cannot be
    written on the offers' table alone."""
    where = _filters_sql(criteria, offers)
    if where is None:
        return None
    wanted = offset + limit
    walk = min(max(WALK_ROWS, 3 * wanted), MAX_WALK_ROWS)
    tiers = []
    for k, tier in enumerate(TIERS, start=1):
        match = _tsquery(_tier_query(query, tier))
        if tier.weights:  # the title and company tiers: the offers having the words there, from head_vector's index
            indexed, recheck = compose("head_vector @@ {q}", q=match), compose("search_vector @@ {q}", q=match)
        else:
            indexed, recheck = compose("search_vector @@ {q}", q=match), Sql("TRUE")
        guard = Sql(" AND ".join(["TRUE", *(f"(SELECT count(*) FROM t{j}) < %s" for j in range(1, k))]),
                    (wanted,) * (k - 1))
        values = {"k": Sql(str(k)), "guard": guard, "match": match, "wanted": wanted, "walk": walk, "where": where}
        deeper = Sql(_NO_DEEPER_SQL) if criteria.place is not None else compose(
            _DEEPER_SQL, deep=DEEP_WALK_ROWS, **values)
        tiers.append(compose(_TIER_SQL, deeper=deeper, indexed=indexed, recheck=recheck, **values))
    found = Sql(" UNION ALL ".join(f"SELECT id, published_at, {tier.rank} AS tier FROM t{k}"
                                   for k, tier in enumerate(TIERS, start=1)))
    return compose(_PAGE_SQL, fresh=compose(_FRESH_SQL, where=where, walk=walk), tiers=join(",", tiers),
                   found=found, limit=limit, offset=offset)


# ----- the page ---------------------------------------------------------------------------------------------------

def count_matches(criteria: OfferCriteria, offers=None) -> int:
    """How many offers match, exact up to ``COUNT_CAP``: ``COUNT_CAP + 1`` means « more than that »."""
    return search_offers(criteria, offers).order_by()[: COUNT_CAP + 1].count()


# What the page shows of an offer (templates/offers/public_list.html): reading only that keeps the vectors,
# the description and the company's and commune's other columns out of the page's query.
LIST_FIELDS = ("title", "slug", "published_at", "contract_type", "salary_min", "salary_max", "salary_period",
               "company__name", "commune__name")


def page_offers(criteria: OfferCriteria, offset: int, limit: int = PAGE_SIZE, offers=None) -> list[Offer]:
    """The offers of one page of the search in ``ordered``'s order, with what the list shows (``LIST_FIELDS``),
    in one query."""
    query = compile_query(criteria.q) if criteria.q and criteria.sort != Sort.DATE else None
    statement = relevance_statement(criteria, query, offset, limit, offers) if query is not None else None
    if statement is None:
        queryset = ordered(search_offers(criteria, offers), criteria)
    else:  # the page's ids, ranked again for these few offers
        queryset = (Offer.objects.filter(pk__in=RawSQL(statement.text, statement.params))
                    .alias(tier=_tier_case(query)).order_by("tier", "-published_at", "-id"))
        offset = 0
    return list(queryset.select_related("company", "commune").only(*LIST_FIELDS)[offset : offset + limit])


class _Counted:
    """What the paginator counts: the matches (``count_matches``, run on another connection), at most
    ``COUNT_CAP`` (no page past it)."""

    def __init__(self, total: Future):
        self.future = total

    def count(self) -> int:
        return min(self.future.result(), COUNT_CAP)


class OfferPage(Page):
    """A page of the public search: ``total`` is exact up to ``COUNT_CAP`` (``is_capped`` past it: « Plus de
    1 000 offres… »); ``past_the_end`` when the page asked for was past the last one (the last is shown)."""

    def __init__(self, object_list, number, total: Future, past_the_end: bool = False):
        super().__init__(object_list, number, Paginator(_Counted(total), PAGE_SIZE))
        self._total, self.past_the_end = total, past_the_end

    @cached_property
    def total(self) -> int:
        return self._total.result()

    @property
    def is_capped(self) -> bool:
        return self.total > COUNT_CAP

    @cached_property
    def count_cap(self) -> str:
        """« 1 000 »: the cap as the page writes it (a narrow no-break space between thousands)."""
        return f"{COUNT_CAP:,}".replace(",", "\u202f")


def _page_number(number) -> tuple[int, bool]:
    """(the page number asked for, at least 1 and at most the cap's last page; whether it was past that)."""
    try:
        number = int(str(number).strip())
    except (TypeError, ValueError):
        return 1, False
    last = max(1, -(-COUNT_CAP // PAGE_SIZE))
    return (last, True) if number > last else (max(1, number), False)


def search_page(criteria: OfferCriteria, number, offers=None) -> OfferPage:
    """One page of the public search in two queries whatever the number of matches: the count (capped,
    ``count_matches``) on another connection while this one reads the page's offers (``page_offers``); a
    page past the last one shows the last (read once more, knowing the count)."""
    total = query_in_background(count_matches, criteria, offers)
    number, past_the_end = _page_number(number)

    def read(number):
        offset = (number - 1) * PAGE_SIZE
        return page_offers(criteria, offset, min(PAGE_SIZE, COUNT_CAP - offset), offers)  # none past the cap

    offers_list = read(number)
    if not offers_list and number > 1:
        last = max(1, -(-min(total.result(), COUNT_CAP) // PAGE_SIZE))
        past_the_end, number = True, min(number, last)
        offers_list = read(number) if total.result() else []
    return OfferPage(offers_list, number, total, past_the_end)
