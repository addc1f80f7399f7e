"""Redis cache that fails open: with Redis down, reads miss and ``add`` succeeds, so that
allauth's rate-limit lock (built on ``cache.add``) lets the request through instead of
answering 429. A web request never fails because Redis is down."""

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
