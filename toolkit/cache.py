"""Redis cache that fails open: with Redis down, reads miss and ``add`` succeeds, so that
allauth's rate-limit lock (built on ``cache.add``) lets the request through instead of
answering 429. A web request never fails because Redis is down.

Counting must not fail open, though: ``is_reachable`` tells the rate limits (login, uploads) to count in
the database instead while Redis is down (``accounts.ratelimit``)."""

import logging

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    def add(self, *args, **kwargs):
        try:
            return self.client.add(*args, **kwargs)
        except ConnectionInterrupted as exc:
            logger.warning("Redis unreachable, cache.add fails open: %s", exc)
            return True

    def is_reachable(self) -> bool:
        try:
            return bool(self.client.get_client(write=True).ping())
        except Exception as exc:  # noqa: BLE001 (any connection error means: count elsewhere)
            logger.warning("Redis unreachable, rate limits count in the database: %s", exc)
            return False


def is_reachable(cache) -> bool:
    """Whether ``cache`` can count hits (a cache without ``is_reachable``, like the local memory one, can)."""
    check = getattr(cache, "is_reachable", None)
    return check() if check is not None else True
