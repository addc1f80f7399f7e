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
    }
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
