"""« Offres pour vous »: the published offers that match a candidate's CV, through the one offer search
(``offers.search.search_offers``): the CV's métiers (or their names and synonyms in the offer's text), its
place within the candidate's mobility, and the contract types wanted; freshest first."""

from offers.search import OfferCriteria, search_offers
from referentials.enums import PlaceKind
from referentials.services import Place

from .models import CV


def criteria_for_cv(cv: CV) -> OfferCriteria:
    metiers = list(cv.metiers.all())
    terms = []
    for metier in metiers:
        terms += [metier.name, metier.name_feminine, *(metier.synonyms or [])]
    place = Place(PlaceKind.COMMUNE, cv.commune) if cv.commune_id else None
    return OfferCriteria(
        place=place, radius_km=cv.mobility_km or None if place else None, contract_types=list(cv.contract_types),
        metier_ids=[m.pk for m in metiers], metier_terms=[t for t in dict.fromkeys(terms) if t],
    )


def offers_for_cv(cv: CV):
    """The matching offers, freshest first (a queryset, for the page's paginator)."""
    return search_offers(criteria_for_cv(cv)).for_list().order_by("-published_at", "-pk")
