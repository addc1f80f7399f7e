"""Public JSON look-ups for the autocomplete widget (thin views over ``referentials.services``)."""

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from . import sectors as sector_search
from . import services
from .enums import PlaceKind

CACHE_SECONDS = 600
LIMIT = 10


def _cached_json(request, namespace, compute):
    """Cache each normalized query for a few minutes (server side and in the browser)."""
    query = (request.GET.get("q") or "")[: services.MAX_QUERY_LENGTH * 2]
    extra = request.GET.get("types", "")[:60]
    key = f"referentials:{namespace}:{services.normalize(extra)}:{services.normalize(query)}"
    payload = cache.get(key)
    if payload is None:
        payload = {"results": compute(query, extra)}
        cache.set(key, payload, CACHE_SECONDS)
    response = JsonResponse(payload)
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def _place_json(place):
    detail = ""
    obj = place.obj
    if place.kind == PlaceKind.COMMUNE:
        detail = obj.departement.name
    elif place.kind == PlaceKind.DEPARTEMENT:
        detail = obj.region.name
    return {"value": place.label, "label": place.label, "key": place.key, "kind": place.kind,
            "kind_label": place.kind_label, "detail": detail}


@require_GET
def places(request):
    def compute(query, types):
        kinds = [k for k in types.split(",") if k in PlaceKind.values] or None
        results = services.search_places(query, limit=LIMIT, kinds=kinds)
        return [_place_json(p) for p in _with_related(results)]

    return _cached_json(request, "places", compute)


def _with_related(results):
    communes = [p.obj for p in results if p.kind == PlaceKind.COMMUNE]
    departements = [p.obj for p in results if p.kind == PlaceKind.DEPARTEMENT]
    prefetch_related_objects(communes, "departement")
    prefetch_related_objects(departements, "region")
    return results


@require_GET
def metiers(request):
    def compute(query, _types):
        return [{"value": str(m), "label": str(m), "key": m.pk, "detail": m.family.name}
                for m in services.search_metiers(query, limit=LIMIT)]

    return _cached_json(request, "metiers", compute)


@require_GET
def sectors(request):
    def compute(query, _types):
        return [{"value": str(s), "label": str(s), "key": s.code, "detail": ""}
                for s in sector_search.search_sectors(query, limit=LIMIT)]

    return _cached_json(request, "sectors", compute)
