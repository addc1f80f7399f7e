"""Celery beat that sends the periodic tasks once, even when two beat processes run (two hosts started
with the same command, a restart that left the old one alive).

Each beat takes a lock in Redis (``BEAT_LOCK_NAME``, expiring after ``BEAT_LOCK_SECONDS``) before sending
anything and renews it at every tick; a beat that does not hold it stays on standby and takes over when the
holder stops renewing it (killed, host lost). The holder records its tick in the cache: ``/sante/`` reports
its age. The periodic tasks are idempotent besides (a beat taking over may run a daily task again)."""

import logging
import os
import socket
import time

import redis
from celery.beat import PersistentScheduler
from django.conf import settings
from django.core.cache import cache
from redis.exceptions import LockError, RedisError

logger = logging.getLogger(__name__)

BEAT_TICK_KEY = "beat:last-tick"


def record_beat_tick(at: float | None = None) -> None:
    cache.set(BEAT_TICK_KEY, {"at": at if at is not None else time.time(), "by": beat_identity()}, timeout=None)


def last_beat_tick() -> float | None:
    """When the beat holding the lock last ticked (a Unix time), None when no beat ever ticked."""
    tick = cache.get(BEAT_TICK_KEY)
    return tick.get("at") if isinstance(tick, dict) else None


def beat_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class SingleBeatScheduler(PersistentScheduler):
    """``PersistentScheduler`` (the default, ``--schedule`` file) that only sends while it holds the lock."""

    def __init__(self, *args, **kwargs):
        self.lock_seconds = max(3, int(getattr(settings, "BEAT_LOCK_SECONDS", 30)))
        client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
        self.leader_lock = client.lock(settings.BEAT_LOCK_NAME, timeout=self.lock_seconds, thread_local=False)
        self.leading = False
        self.announced_standby = False
        super().__init__(*args, **kwargs)
        # renewed well before it expires
        self.max_interval = min(self.max_interval, self.lock_seconds / 3)

    def holds_lock(self) -> bool:
        try:
            if self.leading:
                try:
                    return self.leader_lock.reacquire()
                except LockError:  # expired (a beat stopped longer than the lock), or taken by another
                    self.leading = False
            self.leading = bool(self.leader_lock.acquire(blocking=False))
        except (LockError, RedisError) as exc:
            logger.warning("Beat lock unavailable, standing by: %s", exc)
            self.leading = False
        return self.leading

    def tick(self, *args, **kwargs):
        was_leading = self.leading
        if not self.holds_lock():
            if was_leading or not self.announced_standby:
                logger.warning("Beat %s stands by: another beat holds the lock", beat_identity())
                self.announced_standby = True
            return self.max_interval
        if not was_leading:
            logger.warning("Beat %s holds the lock: it sends the periodic tasks", beat_identity())
        record_beat_tick()
        return min(super().tick(*args, **kwargs), self.max_interval)

    def close(self):
        if self.leading:
            try:
                self.leader_lock.release()
            except (LockError, RedisError):
                pass
            self.leading = False
        super().close()
