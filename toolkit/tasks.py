"""Queuing a Celery task without failing the request when the broker is down."""

import logging

from celery import Task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)


def delay_or_defer(task, *args, what: str) -> bool:
    """``task.delay(*args)``, except that a broker outage is logged instead of raised: the caller
    has already committed a row that a periodic sweep picks up later. Returns True when queued."""
    try:
        task.delay(*args)
        return True
    except BrokerError as exc:
        logger.warning("Broker unreachable, %s left for the sweep: %s", what, exc)
        return False


class DatabaseRetryTask(Task):
    """Every task of the project (``terredemplois.celery``): a database that is down or restarting
    (``OperationalError``, ``InterfaceError``) makes the task retry later — 2, 4, 8 … s, at most a minute
    apart, for about ten minutes — instead of failing and being acknowledged, hence lost."""

    autoretry_for = (OperationalError, InterfaceError)
    max_retries = 12
    retry_backoff = 2
    retry_backoff_max = 60
    retry_jitter = False
