"""Rate limits hold when Redis is down: with the cache pointed at a dead port, failed logins and the editor's
uploads are counted in PostgreSQL — no unlimited tries, no crash."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.models import RateLimitHit
from accounts.ratelimit import KEEP_HITS, count_hit
from companies import ratelimit
from tests.accounts.factories import RecruiterFactory
from tests.companies.factories import recruiter_with_company
from tests.images import png_upload

pytestmark = pytest.mark.django_db

PASSWORD = "Motdepasse-solide-42"
DEAD_REDIS = {
    "default": {
        "BACKEND": "toolkit.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2, "IGNORE_EXCEPTIONS": True},
    },
    "fallback": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "tde_cache_fallback"},
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = DEAD_REDIS
    assert not cache.is_reachable()


def test_login_attempts_are_limited_with_redis_down(client, redis_down):
    user = RecruiterFactory(email="cible@exemple.fr")
    user.set_password(PASSWORD)
    user.save()
    for _ in range(12):
        client.post(reverse("account_login"), {"login": "cible@exemple.fr", "password": "mauvais"})
    response = client.post(reverse("account_login"), {"login": "cible@exemple.fr", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives" in response.content.decode()


def test_the_right_password_still_works_after_a_few_failures_with_redis_down(client, redis_down):
    user = RecruiterFactory(email="distrait@exemple.fr")
    user.set_password(PASSWORD)
    user.save()
    client.post(reverse("account_login"), {"login": "distrait@exemple.fr", "password": "mauvais"})
    client.post(reverse("account_login"), {"login": "distrait@exemple.fr", "password": PASSWORD})
    assert "_auth_user_id" in client.session


def test_the_editor_upload_limit_counts_in_the_database_with_redis_down(client, redis_down, monkeypatch):
    monkeypatch.setattr("companies.views.EDITOR_UPLOADS_PER_HOUR", 2)
    user, _ = recruiter_with_company()
    client.force_login(user)
    statuses = [client.post(reverse("companies:editor_upload"), {"upload": png_upload()}).status_code
                for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_a_hit_with_redis_down_never_crashes(redis_down):
    assert [ratelimit.hit("essai", limit=5, period=60) for _ in range(3)] == [1, 2, 3]


def test_old_hits_are_pruned_as_new_ones_are_written():
    count_hit("ancien", 60)
    with time_machine.travel(timezone.now() + KEEP_HITS + timedelta(minutes=1)):
        count_hit("nouveau", 60)
    assert list(RateLimitHit.objects.values_list("key", flat=True)) == ["nouveau"]


def test_sign_ups_from_one_address_are_limited_with_redis_down(client, redis_down):
    """allauth's own limits (« signup »: 20 a minute per address) count in the fallback cache."""
    statuses = [client.post(reverse("account_signup"), {"email": f"x{i}@exemple.fr"}).status_code for i in range(21)]
    assert 429 not in statuses[:20]
    assert statuses[20] == 429


def test_password_resets_of_one_address_are_limited_with_redis_down(client, redis_down):
    RecruiterFactory(email="oubli@exemple.fr")
    pages = [client.post(reverse("account_reset_password"), {"email": "oubli@exemple.fr"}) for _ in range(6)]
    assert [page.status_code for page in pages[:5]] == [302] * 5
    assert pages[5].status_code != 302  # the sixth within the minute is refused


def test_the_cache_falls_back_to_the_database_while_redis_is_down(redis_down):
    assert cache.add("verrou", 1, 60) is True
    assert cache.add("verrou", 1, 60) is False  # a lock still locks
    cache.set("compteur", 1, 60)
    assert cache.incr("compteur") == 2 and cache.get("compteur") == 2
    assert cache.delete("compteur") and cache.get("compteur") is None


def test_without_a_fallback_cache_a_redis_outage_fails_open(settings):
    settings.CACHES = {"default": DEAD_REDIS["default"]}
    assert cache.get("nimporte", "défaut") == "défaut"
    assert cache.add("verrou", 1, 60) is True and cache.add("verrou", 1, 60) is True
