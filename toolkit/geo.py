"""Distances between points given by latitude and longitude (degrees), in kilometres: one formula
(haversine, a spherical Earth), in Python and as an ORM expression, and the box of degrees around a point
that an index can search before the distance is computed."""

import math

from django.db.models import F, FloatField
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE = 111.2  # of latitude (and of longitude at the equator): 6371 × π / 180 ≈ 111.19
_MIN_COS = 0.1  # boxes near the poles (never in France: cos ≥ 0.6) stay finite


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((phi2 - phi1) / 2) ** 2
         + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def distance_km_expression(latitude: str, longitude: str, lat0: float, lon0: float):
    """``distance_km`` between the fields ``latitude`` / ``longitude`` of a row and a fixed point, as an ORM
    expression: ``.alias(distance=distance_km_expression("latitude", "longitude", lat, lon))``."""
    phi = Radians(F(latitude))
    h = (Power(Sin((phi - math.radians(lat0)) / 2), 2)
         + math.cos(math.radians(lat0)) * Cos(phi) * Power(Sin(Radians(F(longitude) - lon0) / 2), 2))
    return ASin(Sqrt(h, output_field=FloatField())) * (2 * EARTH_RADIUS_KM)


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(lat_min, lat_max, lon_min, lon_max) around the points within ``km`` of (lat, lon), to search an index
    before computing distances (an approximation: at 100 km, a point on the edge may be some 50 m off)."""
    dlat = km / KM_PER_DEGREE
    dlon = km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), _MIN_COS))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
