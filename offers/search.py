"""The one search of published offers: the public « Offres » page (``filters.OfferFilterSet``), job alerts and
« Offres pour vous » all call ``search_offers`` with an ``OfferCriteria``.

Keywords go through the CVthèque's query language (``referentials.query.compile_query``: accents, case,
feminine forms, « Bac+2 », métier synonyms, quoted phrases, OU, -exclusion) and are matched against the
offer's stored ``search_vector``, built by ``Offer.search_document`` with the same normalisation
(``toolkit.text.normalize_text``): title and métier (weight A), company (B), description (C)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, DecimalField, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from referentials.enums import PlaceKind
from referentials.models import Metier
from referentials.query import CONFIG, compile_query, metier_forms
from referentials.services import Place, place_from_key
from toolkit import geo

from .enums import ContractType, SalaryPeriod
from .models import Offer

RADIUS_MIN_KM, RADIUS_MAX_KM = 5, 100
RECENT_DAYS = 7
HOURS_PER_MONTH = Decimal("151.67")  # the legal monthly hours of a full-time job (35 h)
# ts_rank's weights, in PostgreSQL's order {D, C, B, A}: the title and métier count most, then the company,
# then the description
RANK_WEIGHTS = [0.05, 0.2, 0.4, 1.0]


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


def _within(place: Place, radius_km: int) -> Q:
    """Offers whose commune lies within ``radius_km`` of the place's commune (in the page's query: no look-up)."""
    commune = place.obj
    if commune.latitude is None or commune.longitude is None:
        return place.q("commune")
    km = max(RADIUS_MIN_KM, min(RADIUS_MAX_KM, float(radius_km)))
    lat_min, lat_max, lon_min, lon_max = geo.bounding_box(commune.latitude, commune.longitude, km)
    return place.q("commune") | Q(commune__latitude__range=(lat_min, lat_max),
                                  commune__longitude__range=(lon_min, lon_max), offer_distance_km__lte=km)


def search_offers(criteria: OfferCriteria, offers=None):
    """Published, visible offers (or ``offers``, a queryset of them) matching the criteria. Unordered: see
    ``ordered``; with keywords, each offer has the alias ``rank`` (where its words are, ``RANK_WEIGHTS``)."""
    offers = Offer.objects.visible_to_public() if offers is None else offers
    query = compile_query(criteria.q) if criteria.q else None
    if query is not None:
        offers = offers.filter(search_vector=_raw(query.every)).alias(
            rank=SearchRank(F("search_vector"), _raw(query.every), weights=RANK_WEIGHTS))
    if criteria.metier is not None:
        offers = offers.filter(_metier_match([criteria.metier.pk], metier_forms(criteria.metier)))
    if criteria.metier_ids or criteria.metier_terms:
        offers = offers.filter(_metier_match(criteria.metier_ids, criteria.metier_terms))
    if criteria.place is not None:
        if criteria.radius_km and criteria.place.kind == PlaceKind.COMMUNE:
            commune = criteria.place.obj
            if commune.latitude is not None and commune.longitude is not None:
                offers = offers.alias(offer_distance_km=geo.distance_km_expression(
                    "commune__latitude", "commune__longitude", commune.latitude, commune.longitude))
            offers = offers.filter(_within(criteria.place, criteria.radius_km))
        else:
            offers = offers.filter(criteria.place.q("commune"))
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
    """``search_offers``' result in the page's order: by relevance (where the words are: title and métier
    first), then freshness; or by date only (also for a search without keywords)."""
    if criteria.sort == Sort.DATE or "rank" not in offers.query.annotations:
        return offers.order_by("-published_at", "-id")
    return offers.order_by("-rank", "-published_at", "-id")
