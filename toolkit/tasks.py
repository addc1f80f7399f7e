"""Queuing a Celery task without failing the request when the broker is down."""

import logging

from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def delay_or_defer(task, *args, what: str) -> bool:
    """``task.delay(*args)``, except that a broker outage is logged instead of raised: the caller
    has already committed a row that a periodic sweep picks up later. Returns True when queued."""
    try:
        task.delay(*args)
        return True
    except OperationalError as exc:
        logger.warning("Broker unreachable, %s left for the sweep: %s", what, exc)
        return False
