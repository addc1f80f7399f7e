"""The searched place resolved to a filter on the entries."""

import dataclasses
import math

from django.db.models import BooleanField, F, FloatField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Power, Sqrt

from toolkit.memo import ProcessMemo

# --- place -----------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class PlaceFilter:
    condition: Q  # on a CVSearchEntry: its commune is one of the place's communes
    center: object | None  # a Commune with coordinates when the place is one commune (mobility applies)
    radius_km: int
    label: str


PLACES_VERSION_KEY = "cvtheque:place-filters:version"
_place_filters = ProcessMemo(PLACES_VERSION_KEY)


def resolve_place_filter(text: str, radius_km: int | None) -> PlaceFilter | None:
    """« Carcassonne », « Carcassonne Agglo », « Aude », « Occitanie » → the communes it covers.

    Resolving a place reads the referentials (three to four queries, ~3 ms here); a recruiter searches
    the same few places of their territory again and again, so each process keeps what it resolved
    until the geography changes (``forget_place_filters``: ``load_referentials``, a commune, EPCI,
    département or région saved) or at worst 10 minutes."""
    key = ((text or "").strip(), radius_km or 0)
    return _place_filters.get(key, lambda: _resolve_place_filter(*key))


def forget_place_filters() -> None:
    """The geography changed: every process resolves its places again."""
    _place_filters.forget()


def _resolve_place_filter(text: str, radius_km: int) -> PlaceFilter | None:
    from referentials.services import communes_within, resolve_place

    place = resolve_place(text)
    if place is None:
        return None
    commune = place.obj if place.kind == "commune" else None
    if commune is not None and radius_km:
        ids = [c if isinstance(c, int) else c.pk for c in communes_within(commune, radius_km)]
        condition = Q(commune_id__in=ids)
    else:  # literal ids (a région has a few thousand): the planner estimates them from the statistics
        condition = Q(commune_id__in=place.commune_ids())
    center = commune if commune is not None and commune.latitude is not None else None
    return PlaceFilter(condition, center, radius_km or 0, str(place))


def _mobility_reach(place: PlaceFilter) -> tuple[dict, Q]:
    """(aliases, condition): the CV's commune is within its own mobility radius (+ the search radius) of
    the searched commune. The entry's ``reach_box`` (GiST index) first, then the distance
    (equirectangular approximation, exact enough at these distances)."""
    lat0, lon0 = place.center.latitude, place.center.longitude
    dlat = place.radius_km / 111.2
    dlon = place.radius_km / (111.2 * max(math.cos(math.radians(lat0)), 0.1))
    in_box = RawSQL(
        "reach_box && box(point(%s, %s), point(%s, %s))", (lon0 - dlon, lat0 - dlat, lon0 + dlon, lat0 + dlat),
        output_field=BooleanField(),
    )
    distance = Sqrt(
        Power((F("latitude") - lat0) * 111.2, 2)
        + Power((F("longitude") - lon0) * 111.2 * math.cos(math.radians(lat0)), 2),
        output_field=FloatField(),
    )
    return {"in_reach_box": in_box, "distance_km": distance}, Q(
        in_reach_box=True, distance_km__lte=F("mobility_km") + place.radius_km
    )
