"""What ``/sante/`` checks: the database, Redis (cache, sessions, rate limits), the Celery broker and the
age of beat's last tick. Each check is bounded (a second or two) and says only « ok » or « indisponible »:
no address, user name or error text leaves the process."""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from kombu import Connection

from toolkit.beat import last_beat_tick
from toolkit.cache import is_reachable

logger = logging.getLogger(__name__)

OK = "ok"
DOWN = "indisponible"


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as exc:  # noqa: BLE001 - any failure means « down »
        logger.warning("Health: database unreachable: %s", exc)
        return False


def redis_ok() -> bool:
    return is_reachable(caches["default"])


def broker_ok() -> bool:
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=1,
                        transport_options={"socket_timeout": 1, "socket_connect_timeout": 1}) as broker:
            broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
            return True
    except Exception as exc:  # noqa: BLE001
        logger.warning("Health: broker unreachable: %s", exc)
        return False


def beat_age_seconds(now: float | None = None) -> int | None:
    """Seconds since beat's last tick; None when unknown (no tick recorded, or the cache unreadable)."""
    try:
        at = last_beat_tick()
    except Exception as exc:  # noqa: BLE001
        logger.warning("Health: beat tick unreadable: %s", exc)
        return None
    if at is None:
        return None
    return max(0, int((now if now is not None else time.time()) - at))


def health_report(now: float | None = None) -> tuple[bool, dict]:
    """(everything up, the JSON document of ``/sante/``)."""
    database, redis_up, broker = database_ok(), redis_ok(), broker_ok()
    age = beat_age_seconds(now)
    beat = age is not None and age <= settings.BEAT_STALE_SECONDS
    checks = {"database": database, "redis": redis_up, "broker": broker, "beat": beat}
    healthy = all(checks.values())
    return healthy, {
        "status": OK if healthy else DOWN,
        "checks": {name: OK if up else DOWN for name, up in checks.items()},
        "beat_last_tick_age_seconds": age,
    }
