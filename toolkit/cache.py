"""Redis cache that never fails a request: with Redis down, reads and writes go to a cache kept in
PostgreSQL (``fallback``), so that the rate limits built on the cache keep counting.

Counting must not fail open, though: ``is_reachable`` tells the rate limits (login, uploads) to count in
the database instead while Redis is down (``accounts.ratelimit``)."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)


FALLBACK_ALIAS = "fallback"  # settings.CACHES: a DatabaseCache that holds the counters while Redis is down


class ResilientRedisCache(RedisCache):
    """While Redis is unreachable, every read and write goes to the ``fallback`` cache (PostgreSQL): the
    rate limits built on the cache (allauth's login, sign-up, password reset and e-mail confirmation limits,
    the editor's uploads) keep counting instead of letting everything through, and nothing crashes. Without
    a ``fallback`` cache configured, reads miss and ``add`` succeeds (fail open)."""

    def _redis_or_fallback(self, method: str, fail_open, *args, **kwargs):
        try:
            return getattr(self.client, method)(*args, **kwargs)
        except ConnectionInterrupted as exc:
            if FALLBACK_ALIAS not in settings.CACHES:
                logger.warning("Redis unreachable, cache.%s fails open: %s", method, exc)
                return fail_open
            logger.warning("Redis unreachable, cache.%s goes to the database: %s", method, exc)
            return getattr(caches[FALLBACK_ALIAS], method)(*args, **kwargs)

    def get(self, key, default=None, version=None, client=None):
        return self._redis_or_fallback("get", default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._redis_or_fallback("get_many", {}, keys, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        return self._redis_or_fallback("set", None, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._redis_or_fallback("set_many", [], data, timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._redis_or_fallback("add", True, key, value, timeout, version=version)

    def delete(self, key, version=None):
        return bool(self._redis_or_fallback("delete", False, key, version=version))

    def delete_many(self, keys, version=None):
        return self._redis_or_fallback("delete_many", None, keys, version=version)

    def incr(self, key, delta=1, version=None):
        return self._redis_or_fallback("incr", None, key, delta, version=version)

    def has_key(self, key, version=None):
        return self._redis_or_fallback("has_key", False, key, version=version)

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
