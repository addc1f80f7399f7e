"""Values kept in each process's memory until a shared version key (in the cache) changes.

For data read on every request and rarely written (the métier synonym index, the places recruiters
search, the recruiters' announcements): each use reads one small key from Redis instead of querying
PostgreSQL; ``forget()`` (called when the data changes) makes every process recompute on its next use.
The version key expires after ``ttl`` seconds, so a change that ``forget()`` missed is seen at worst then.

With ``settings.PROCESS_MEMO_VERSION_SECONDS`` > 0 each memo reads its version at most that often: a search
page used five memos, five Redis round trips (~10 % of its time at 1 000 000 CVs, measured with py-spy);
the process that calls ``forget()`` sees the change at once, the others up to that many seconds later."""

import contextlib
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache


class ProcessMemo:
    def __init__(self, version_key: str, ttl: int = 600, max_entries: int = 1_000):
        self.version_key = version_key
        self.ttl = ttl
        self.max_entries = max_entries
        self._version = None
        self._values: dict = {}
        self._lock = threading.Lock()
        self._held = threading.local()
        self._frozen = False  # ``restore``d: the values given, the version key never read
        self._read: tuple[str, float] | None = None  # (version, time.monotonic() of its read)

    def _current_version(self):
        seconds = getattr(settings, "PROCESS_MEMO_VERSION_SECONDS", 0)
        read = self._read
        if seconds > 0 and read is not None and time.monotonic() - read[1] < seconds:
            return read[0]
        version = cache.get_or_set(self.version_key, lambda: uuid.uuid4().hex, self.ttl)
        self._read = (version, time.monotonic())
        return version

    def get(self, key, compute):
        """The value of ``key`` for the current version, computed by ``compute()`` when missing."""
        if self._frozen:
            values = self._values
            if key not in values:
                values[key] = compute()
            return values[key]
        version = getattr(self._held, "version", None) or self._current_version()
        with self._lock:
            if version != self._version or len(self._values) >= self.max_entries:
                self._values = {}
                self._version = version
            values = self._values
        if key not in values:
            values[key] = compute()
        return values[key]

    @contextlib.contextmanager
    def held(self):
        """Inside, this thread reads the version once: a batch job using the value for each of thousands of
        rows (the bulk import of CVs) makes one Redis round trip, not one per row."""
        if self._frozen:
            yield
            return
        self._held.version = self._current_version()
        try:
            yield
        finally:
            self._held.version = None

    def forget(self) -> None:
        """The data changed: every process recomputes on its next use (this one at once)."""
        self._read = None
        cache.delete(self.version_key)

    def snapshot(self) -> dict:
        """The values computed so far, for another process (``restore``)."""
        with self._lock:
            return dict(self._values)

    def restore(self, values: dict) -> None:
        """Use these values (another process's ``snapshot``) from now on and never read the version key: a worker
        process of a batch job (the bulk import's staging) that touches neither the cache nor the database."""
        with self._lock:
            self._values = dict(values)
            self._frozen = True
