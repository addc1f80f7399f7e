"""A shared cache (Redis) of the public pages as anonymous visitors see them.

Only what every anonymous visitor sees the same is kept, and only served to such a visitor:

- the request: GET or HEAD, of a URL name listed in ``settings.PUBLIC_PAGE_CACHE["url_names"]``, with no
  session cookie (so never a logged-in user, nor an anonymous visitor whose session holds something: a
  draft application, messages), no messages cookie and no ``Authorization`` header;
- the response: 200, not streamed, setting no cookie (a CSRF token, a session, messages: all set one),
  not ``private`` / ``no-store`` / ``no-cache``, no CSP nonce used in its body (it is the request's own),
  varying on nothing but ``Cookie`` (and ``Accept-Language`` while the site has one language).

Every entry carries the *version* of the public content it was rendered from; ``public_pages_changed`` (called
by the signals of offers, companies and referentials, see ``terredemplois.pagecache``) gives a new version, so
every entry is stale at once. The version is read before the page is rendered, and bumped both at once and
after the commit: a page rendered from data about to change is never stored under the new version. Entries
also expire after ``timeout`` seconds, or earlier at ``valid_until()`` (the next offer to reach its end date).
Each process keeps its last pages too: on every request only the version is read from Redis, and the page
itself when this process has not got it yet. Reads and writes go to Redis only: while it is down the pages are
rendered as usual (nothing is written to the database fallback of ``toolkit.cache``).
"""

import collections
import functools
import gzip
import hashlib
import io
import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
HEADER = "X-Page-Cache"  # « hit » (served from the cache) or « miss » (rendered and stored)
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
MAX_QUERY_CHARS = 300  # a longer query string is not a search a visitor typed: rendered, never stored


def _config() -> dict:
    return getattr(settings, "PUBLIC_PAGE_CACHE", {})


def _client():
    """The cache's Redis client (django-redis), without ``toolkit.cache``'s fallback to the database."""
    cache = caches[_config().get("alias", "default")]
    return getattr(cache, "client", None) or cache


# The version as this process last read it: (version, time.monotonic() of the read). With
# ``PUBLIC_PAGE_CACHE["version_seconds"]`` > 0 a hit reads it at most that often from Redis (no round trip at
# all); the other processes then see a change up to that many seconds late (this one at once).
_read_version: dict[str, tuple[str, float]] = {}


def _bump() -> None:
    _read_version.clear()
    try:
        _client().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception as exc:  # noqa: BLE001 (Redis down: its entries are out of reach too, and expire)
        logger.warning("Public page cache: the version could not be changed: %s", exc)


def public_pages_changed(**_ignored) -> None:
    """What anonymous visitors see has changed (an offer, a company, a referential): every cached public
    page is stale. Bumped now, and again after the commit (a page rendered in between, from the data of
    before, was stored under the intermediate version)."""
    _bump()
    transaction.on_commit(_bump)


def _current_version(client, config) -> str:
    """The version of the public content (a new one is set when Redis lost it: entries are never stored under
    no version)."""
    seconds = config.get("version_seconds", 0)
    last = _read_version.get(VERSION_KEY)
    if seconds > 0 and last is not None and time.monotonic() - last[1] < seconds:
        return last[0]
    version = client.get(VERSION_KEY)
    if version is None:
        client.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = client.get(VERSION_KEY)
    _read_version[VERSION_KEY] = (version, time.monotonic())
    return version


@functools.lru_cache(maxsize=4096)
def _view_name(urlconf, path_info: str) -> str | None:
    """The URL name of a path (the same for every request of a URLconf: resolved once per process)."""
    try:
        return resolve(path_info, urlconf).view_name
    except Resolver404:
        return None


def _split(header_value: str) -> set[str]:
    """« private, max-age=0 » → {"private", "max-age"}: the names in a Cache-Control or Vary header."""
    return {part.split("=")[0].strip().lower() for part in (header_value or "").split(",") if part.strip()}


class AnonymousPageCacheMiddleware:
    """Serves and stores the public pages of anonymous visitors (see the module docstring). Goes right
    after WhiteNoise and before the sessions: a page served from the cache costs no session, CSRF,
    authentication nor template work, and no SQL query."""

    LOCAL_ENTRIES = 256  # pages kept in each process too (checked against Redis' version on every request)
    LOCAL_MAX_BYTES = 1024 * 1024

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = collections.OrderedDict()  # key → entry: what Redis holds, without its transfer
        self.lock = threading.Lock()  # gunicorn's threaded workers share the middleware

    def __call__(self, request):
        config = _config()
        timeout = config.get("timeout", 0)
        key = self.key(request, config) if timeout > 0 else None
        if key is None:
            return self.get_response(request)
        try:
            client = _client()
            version = _current_version(client, config)
            with self.lock:
                entry = self.fresh(self.local.get(key), version)
            if entry is not None:
                return self.cached_response(entry)
            entry = self.fresh(client.get(key), version)
        except Exception as exc:  # noqa: BLE001 (Redis down: render the page)
            logger.warning("Public page cache unreachable: %s", exc)
            return self.get_response(request)
        if entry is not None:
            self.keep_locally(key, entry)
            return self.cached_response(entry)
        response = self.get_response(request)
        if self.storable(request, response):
            seconds = self.seconds_to_keep(timeout, config)
            if request.META.get("QUERY_STRING"):
                # Searches: any visitor can make up new ones, each an entry. Kept briefly and only when small,
                # the memory they take is bounded by the rate pages are rendered at.
                seconds = min(seconds, config.get("query_timeout", 120))
                if len(response.content) > config.get("query_max_bytes", 256 * 1024):
                    seconds = 0
            if seconds > 0:
                response[HEADER] = "miss"
                headers = [(name, value) for name, value in response.items() if name != HEADER]
                entry = (version, time.time() + seconds, response.status_code, headers, response.content)
                try:
                    client.set(key, entry, timeout=seconds)
                except Exception as exc:  # noqa: BLE001
                    logger.warning("Public page cache: a page could not be stored: %s", exc)
                else:
                    self.keep_locally(key, entry)
        return response

    @staticmethod
    def fresh(entry, version):
        """``entry`` if it was rendered from the current version and is not past its end, else None."""
        if entry is None or entry[0] != version or entry[1] <= time.time():
            return None
        return entry

    def keep_locally(self, key, entry) -> None:
        if len(entry[4]) > self.LOCAL_MAX_BYTES:
            return
        with self.lock:
            self.local[key] = entry
            self.local.move_to_end(key)
            while len(self.local) > self.LOCAL_ENTRIES:
                self.local.popitem(last=False)

    @staticmethod
    def key(request, config) -> str | None:
        """The cache key of a request that may be served from the cache, else None."""
        if request.method not in ("GET", "HEAD"):
            return None
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
            return None
        if "HTTP_AUTHORIZATION" in request.META:
            return None
        if _view_name(get_urlconf(), request.path_info) not in config.get("url_names", ()):
            return None
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_CHARS:
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        url = f"{request.scheme}://{host}{request.get_full_path()}"
        return "public-page:" + hashlib.sha256(url.encode()).hexdigest()

    @staticmethod
    def storable(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or get_nonce(request):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        if _split(response.get("Cache-Control", "")) & {"private", "no-store", "no-cache"}:
            return False
        allowed_vary = {"cookie"} | ({"accept-language"} if len(settings.LANGUAGES) == 1 else set())
        return _split(response.get("Vary", "")) <= allowed_vary

    @staticmethod
    def seconds_to_keep(timeout: int, config) -> int:
        """``timeout``, or less when ``valid_until`` says the content changes earlier by itself."""
        valid_until = config.get("valid_until")
        if not valid_until:
            return timeout
        until = import_string(valid_until)()
        if until is None:
            return timeout
        return min(timeout, int((until - timezone.now()).total_seconds()))

    @staticmethod
    def cached_response(entry) -> HttpResponse:
        _version, _end, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HEADER] = "hit"
        return response


# ----- whole documents (the partners' feeds) -----

DOCUMENT_BUILD_SECONDS = 300  # a build taking longer (a lost process) frees the lock anyway
_local_documents: dict[str, tuple] = {}  # name → entry: each process keeps the last copy of each document
_documents_lock = threading.Lock()


def cached_document(name: str, build) -> tuple[bytes, object] | None:
    """(the gzip of a public document, what ``build`` said of it) rendered from the current version of the public
    content, for documents too big for a page entry (a feed of every online offer: 20 MB of XML, ~1 MB
    compressed). ``build()`` returns (the document's pieces, a function giving what to keep with it once they
    are read: a feed's number of offers). Built by one process at a time (a lock in Redis), compressed as the
    pieces come (never held whole uncompressed), kept under the same version and end as the pages, and in each
    process' memory. None when the cache is off or Redis unreachable, or while another process builds it: the
    caller then writes the document itself, as without a cache."""
    config = _config()
    timeout = config.get("timeout", 0)
    if timeout <= 0:
        return None
    key = f"public-document:{name}"
    fresh = AnonymousPageCacheMiddleware.fresh
    try:
        client = _client()
        version = _current_version(client, config)
        with _documents_lock:
            entry = fresh(_local_documents.get(key), version)
        if entry is None:
            entry = fresh(client.get(key), version)
            if entry is None and not client.add(key + ":building", 1, timeout=DOCUMENT_BUILD_SECONDS):
                return None
    except Exception as exc:  # noqa: BLE001 (Redis down: written as without a cache)
        logger.warning("Public page cache unreachable: %s", exc)
        return None
    if entry is None:
        try:
            pieces, described = build()
            buffer = io.BytesIO()
            with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0) as compressed:
                for piece in pieces:
                    compressed.write(piece)
            seconds = AnonymousPageCacheMiddleware.seconds_to_keep(timeout, config)
            entry = (version, time.time() + seconds, buffer.getvalue(), described())
            if seconds > 0:
                client.set(key, entry, timeout=seconds)
        except Exception as exc:  # noqa: BLE001 (Redis gone while building: the document is still served)
            logger.warning("Public page cache: a document could not be stored: %s", exc)
            if entry is None:
                raise
        finally:
            try:
                client.delete(key + ":building")
            except Exception:  # noqa: BLE001
                pass
    with _documents_lock:
        _local_documents[key] = entry
    return entry[2], entry[3]


def gunzipped(data: bytes, chunk: int = 64 * 1024):
    """The pieces of a ``cached_document`` uncompressed, for a client that does not accept gzip."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as source:
        while piece := source.read(chunk):
            yield piece
