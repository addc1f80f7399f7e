"""The one search of published offers: the public « Offres » page, job alerts and « Offres pour vous »
all call ``search_offers`` with an ``OfferCriteria``."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q

from referentials.enums import PlaceKind
from referentials.services import Place, communes_within, place_from_key
from toolkit.text import fold

from .enums import ContractType
from .models import Offer


@dataclass
class OfferCriteria:
    q: str = ""
    place: Place | None = None
    radius_km: int | None = None
    contract_types: list[str] = field(default_factory=list)
    # « Offres pour vous »: offers of these métiers, or whose text names one of these terms (their names and
    # synonyms), either one
    metier_ids: list[int] = field(default_factory=list)
    metier_terms: list[str] = field(default_factory=list)

    @classmethod
    def from_form(cls, data: dict) -> "OfferCriteria":
        """From ``PublicSearchForm.cleaned_data``."""
        return cls(q=(data.get("q") or "").strip(), place=data.get("ou"), radius_km=data.get("rayon"),
                   contract_types=[data["contrat"]] if data.get("contrat") else [])

    @classmethod
    def from_params(cls, params: dict, places: dict | None = None) -> "OfferCriteria":
        """From what ``to_params`` stored (a job alert). ``places`` memoises the places by key in a run."""
        place = None
        if params.get("ou"):
            places = {} if places is None else places
            if params["ou"] not in places:
                places[params["ou"]] = place_from_key(params["ou"])
            place = places[params["ou"]]
        return cls(q=params.get("q", ""), place=place, radius_km=params.get("rayon") if place else None,
                   contract_types=[c for c in params.get("contrat", []) if c in ContractType.values])

    def to_params(self) -> dict:
        params = {}
        if self.q:
            params["q"] = self.q
        if self.place is not None:
            params["ou"] = self.place.key
            if self.radius_km:
                params["rayon"] = self.radius_km
        if self.contract_types:
            params["contrat"] = list(self.contract_types)
        return params

    @property
    def is_empty(self) -> bool:
        return not (self.q or self.place or self.contract_types or self.metier_ids or self.metier_terms)

    def querystring(self) -> str:
        """The public « Offres » page's query string showing this search."""
        return params_querystring(self.to_params())

    def label(self) -> str:
        parts = []
        if self.q:
            parts.append(f"« {self.q} »")
        if self.place is not None:
            parts.append(f"à {self.place.label}" + (f" ({self.radius_km} km)" if self.radius_km else ""))
        if self.contract_types:
            parts.append(", ".join(ContractType(c).label for c in self.contract_types))
        return " — ".join(parts) or "Toutes les offres"


def _metier_match(metier_ids: list[int], terms: list[str]) -> Q:
    match = Q(metier_id__in=metier_ids) if metier_ids else Q(pk__in=[])
    phrases = [f'"{folded}"' for folded in (fold(t) for t in terms) if folded]
    if phrases:
        match |= Q(search_vector=SearchQuery(" or ".join(phrases), search_type="websearch", config="french"))
    return match


def params_querystring(params: dict) -> str:
    """The query string of the public « Offres » page for stored ``to_params`` (no look-up)."""
    contract = params.get("contrat") or []
    pairs = [(k, params[k]) for k in ("q", "ou", "rayon") if params.get(k)]
    # the page's form takes one contract type: the first one
    return urlencode(pairs + ([("contrat", contract[0])] if contract else []))


def search_offers(criteria: OfferCriteria, offers=None):
    """Published, visible offers (or ``offers``, a queryset of them) matching the criteria. Unordered."""
    offers = Offer.objects.visible_to_public() if offers is None else offers
    if criteria.q:
        offers = offers.search(criteria.q)
    if criteria.metier_ids or criteria.metier_terms:
        offers = offers.filter(_metier_match(criteria.metier_ids, criteria.metier_terms))
    if criteria.place is not None:
        if criteria.radius_km and criteria.place.kind == PlaceKind.COMMUNE:
            offers = offers.filter(commune_id__in=communes_within(criteria.place.obj, criteria.radius_km))
        else:
            offers = offers.filter(criteria.place.q("commune"))
    if len(criteria.contract_types) == 1:  # the public page's one contract: a plain equality
        offers = offers.filter(contract_type=criteria.contract_types[0])
    elif criteria.contract_types:
        offers = offers.filter(contract_type__in=criteria.contract_types)
    return offers
