"""A small fixed-window rate limit on the shared cache (Redis), counted in the database when Redis is
unreachable (``accounts.ratelimit``): never no limit, never a crash."""

from django.core.cache import cache

from accounts.ratelimit import count_hit
from toolkit.cache import is_reachable


class RateLimited(Exception):
    pass


def _cache_hit(full_key: str, period: int) -> int | None:
    """The count after this hit in the cache, or None when the cache cannot count."""
    if not is_reachable(cache):
        return None
    cache.add(full_key, 0, timeout=period)
    try:
        count = cache.incr(full_key)
    except ValueError:  # expired between add and incr
        cache.set(full_key, 1, timeout=period)
        count = 1
    return count if isinstance(count, int) else None  # None: Redis went away between the calls


def hit(key: str, *, limit: int, period: int) -> int:
    """Count one hit on ``key``; raise ``RateLimited`` beyond ``limit`` hits per ``period`` seconds."""
    full_key = f"ratelimit:{key}"
    count = _cache_hit(full_key, period)
    if count is None:
        count = count_hit(full_key, period)
    if count > limit:
        raise RateLimited(key)
    return count
