"""``/sante/``: public JSON for load balancers and monitoring, 503 as soon as one service is down, no secret."""

import json
import socket
import time

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.accounts.factories import RecruiterFactory
from toolkit.beat import BEAT_TICK_KEY, record_beat_tick
from toolkit.health import health_report

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_everything_up_answers_200_with_each_check_ok(client):
    record_beat_tick()
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["status"] == "ok"
    assert data["checks"] == {"database": "ok", "redis": "ok", "broker": "ok", "beat": "ok"}
    assert 0 <= data["beat_last_tick_age_seconds"] <= 5


def test_the_answer_is_never_cached_and_holds_no_secret(client):
    record_beat_tick()
    response = client.get(reverse("health"))
    body = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    db = django_settings.DATABASES["default"]
    secrets = [django_settings.SECRET_KEY, django_settings.REDIS_URL, django_settings.CELERY_BROKER_URL, db["NAME"],
               db["USER"]]
    assert not [secret for secret in secrets if secret and secret in body]
    assert set(json.loads(body)) == {"status", "checks", "beat_last_tick_age_seconds"}


def test_it_is_public_and_the_same_for_a_logged_in_user(client):
    record_beat_tick()
    client.force_login(RecruiterFactory())
    assert client.get(reverse("health")).status_code == 200
    assert client.head(reverse("health")).status_code == 200


def test_a_post_is_refused(client):
    assert client.post(reverse("health")).status_code == 405


def test_no_beat_tick_ever_recorded_is_503_beat_down(client):
    response = client.get(reverse("health"))
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "indisponible"
    assert data["checks"]["beat"] == "indisponible" and data["checks"]["database"] == "ok"
    assert data["beat_last_tick_age_seconds"] is None


def test_a_beat_tick_older_than_the_limit_is_503(client, settings):
    settings.BEAT_STALE_SECONDS = 120
    record_beat_tick(time.time() - 121)
    data = client.get(reverse("health")).json()
    assert data["checks"]["beat"] == "indisponible" and data["beat_last_tick_age_seconds"] >= 121
    record_beat_tick(time.time() - 100)
    assert client.get(reverse("health")).status_code == 200


def test_redis_down_is_503_redis_down_and_the_page_still_answers(client, settings):
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"],
                                                      "LOCATION": f"redis://127.0.0.1:{closed_port()}/0"}}
    record_beat_tick()  # goes to the database fallback, like every cache write while Redis is down
    response = client.get(reverse("health"))
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["redis"] == "indisponible"
    assert checks["database"] == "ok" and checks["beat"] == "ok"


def test_broker_down_is_503_broker_down(settings):
    record_beat_tick()
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    healthy, report = health_report()
    assert not healthy
    assert report["checks"] == {"database": "ok", "redis": "ok", "broker": "indisponible", "beat": "ok"}


def test_the_tick_is_stored_under_one_key_with_who_ticked():
    from django.core.cache import cache

    record_beat_tick(1_000.0)
    tick = cache.get(BEAT_TICK_KEY)
    assert tick["at"] == 1_000.0 and ":" in tick["by"]
