"""What to propose when a CV search finds nothing: wider searches, each a label and its query string."""

import dataclasses

from referentials.enums import PlaceKind
from referentials.services import departement_of, resolve_place

from .params import CVSearchParams

RADII_KM = (20, 50)  # the search form's radii worth proposing, smallest first


def wider_searches(params: CVSearchParams) -> list[tuple[str, str]]:
    """(label, query string) of wider searches, the nearest first: a larger radius around a commune, the
    place's whole département, anywhere, then without the refinements."""
    wider = []
    place = resolve_place(params.place) if params.place else None
    if place is not None:
        if place.kind == PlaceKind.COMMUNE:
            larger = next((km for km in RADII_KM if km > (params.radius_km or 0)), None)
            if larger is not None:
                wider.append((f"Élargir à {larger} km autour de {place}",
                              dataclasses.replace(params, radius_km=larger)))
        departement = departement_of(place)
        if departement is not None:
            wider.append((f"Chercher dans tout le département : {departement}",
                          dataclasses.replace(params, place=str(departement), radius_km=None)))
        wider.append(("Chercher partout", dataclasses.replace(params, place="", radius_km=None)))
    refined = CVSearchParams(q=params.q, place=params.place, radius_km=params.radius_km)
    if refined != params:
        wider.append(("Sans les critères d'affinage", refined))
    return [(label, wider_params.to_querydict().urlencode()) for label, wider_params in wider]
