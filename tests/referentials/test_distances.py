"""toolkit.geo on the real communes: the Python and the SQL distance are one formula."""

import math

import pytest

from referentials.models import Commune
from referentials.services import communes_within, distance_km
from toolkit import geo

pytestmark = pytest.mark.django_db

# (INSEE code, INSEE code, straight-line distance in km, give or take 2 %)
PAIRS = [
    ("11069", "11262", 53),  # Carcassonne – Narbonne (55 by the main road)
    ("11069", "11076", 34),  # Carcassonne – Castelnaudary
    ("11069", "31555", 85),  # Carcassonne – Toulouse
    ("11069", "66136", 73),  # Carcassonne – Perpignan
    ("75056", "13055", 660),  # Paris – Marseille
    ("59350", "2A004", 1061),  # Lille – Ajaccio
]


def _commune(insee: str) -> Commune:
    return Commune.objects.get(insee=insee)


@pytest.mark.parametrize(("a", "b", "km"), PAIRS)
def test_python_and_sql_distances_agree_on_real_communes(a, b, km):
    a, b = _commune(a), _commune(b)
    in_python = geo.distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
    in_sql = (Commune.objects.filter(pk=b.pk)
              .annotate(distance=geo.distance_km_expression("latitude", "longitude", a.latitude, a.longitude))
              .values_list("distance", flat=True).get())
    assert in_sql == pytest.approx(in_python, abs=1e-6)
    assert in_python == pytest.approx(km, rel=0.02)
    assert distance_km(a, b) == in_python == pytest.approx(geo.distance_km(b.latitude, b.longitude, a.latitude,
                                                                           a.longitude))


def test_a_point_is_at_no_distance_of_itself_and_a_degree_of_latitude_is_111_km():
    assert geo.distance_km(43.2, 2.35, 43.2, 2.35) == 0
    assert geo.distance_km(43.0, 2.0, 44.0, 2.0) == pytest.approx(EARTH_DEGREE := 6371 * math.pi / 180)
    assert EARTH_DEGREE == pytest.approx(geo.KM_PER_DEGREE, abs=0.01)


def test_the_bounding_box_holds_the_communes_within_the_radius():
    carcassonne = _commune("11069")
    lat_min, lat_max, lon_min, lon_max = geo.bounding_box(carcassonne.latitude, carcassonne.longitude, 50)
    within = Commune.objects.filter(pk__in=communes_within(carcassonne, 50))
    assert within.count() > 100
    for commune in within:
        assert lat_min <= commune.latitude <= lat_max and lon_min <= commune.longitude <= lon_max
        assert distance_km(carcassonne, commune) <= 50
    narbonne = _commune("11262")  # 53 km
    assert narbonne.pk not in {c.pk for c in within}
