"""Rate limits that hold when Redis is down: hits counted in PostgreSQL (``RateLimitHit``, a small table
pruned as it is written). Used by the login limits (``adapter.AccountAdapter``) and by
``companies.ratelimit`` whenever the cache is unreachable — never no limit, never a crash."""

from datetime import timedelta

from django.utils import timezone

from .models import RateLimitHit

# Rows older than this are deleted as new ones are written: every window counted here is shorter.
KEEP_HITS = timedelta(days=1)


def record_hit(key: str) -> None:
    now = timezone.now()
    RateLimitHit.objects.filter(at__lt=now - KEEP_HITS).delete()
    RateLimitHit.objects.create(key=key[:200], at=now)


def recent_hits(key: str, period: int) -> int:
    """How many hits on ``key`` in the last ``period`` seconds."""
    return RateLimitHit.objects.filter(key=key[:200], at__gte=timezone.now() - timedelta(seconds=period)).count()


def count_hit(key: str, period: int) -> int:
    """Record one hit on ``key``; returns the hits of the last ``period`` seconds, this one included."""
    record_hit(key)
    return recent_hits(key, period)

