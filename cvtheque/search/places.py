"""The searched place resolved to a filter on the entries."""

import dataclasses

from django.db.models import BooleanField, F, Q
from django.db.models.expressions import RawSQL

from referentials.services import communes_within, resolve_place
from toolkit import geo
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
    (``toolkit.geo``, the formula of every distance of the site)."""
    lat0, lon0 = place.center.latitude, place.center.longitude
    lat_min, lat_max, lon_min, lon_max = geo.bounding_box(lat0, lon0, place.radius_km)
    in_box = RawSQL(
        "reach_box && box(point(%s, %s), point(%s, %s))", (lon_min, lat_min, lon_max, lat_max),
        output_field=BooleanField(),
    )
    distance = geo.distance_km_expression("latitude", "longitude", lat0, lon0)
    return {"in_reach_box": in_box, "distance_km": distance}, Q(
        in_reach_box=True, distance_km__lte=F("mobility_km") + place.radius_km
    )
