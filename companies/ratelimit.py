"""A small fixed-window rate limit on the shared cache (Redis)."""

from django.core.cache import cache


class RateLimited(Exception):
    pass


def hit(key: str, *, limit: int, period: int) -> int:
    """Count one hit on ``key``; raise ``RateLimited`` beyond ``limit`` hits per ``period`` seconds.

    When the cache is unreachable the request is let through (a web request never fails because
    Redis is down)."""
    full_key = f"ratelimit:{key}"
    cache.add(full_key, 0, timeout=period)
    try:
        count = cache.incr(full_key)
    except ValueError:  # expired between add and incr, or cache unreachable
        cache.set(full_key, 1, timeout=period)
        count = 1
    if count > limit:
        raise RateLimited(key)
    return count
