"""toolkit.dbthreads: database work on another connection while a request goes on."""

import logging
import threading

import pytest
from django.db import connection

from toolkit.dbthreads import (
    WORKERS,
    close_background_connections,
    query_in_background,
    write_in_background,
)


def _backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0], threading.current_thread().name


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_work_runs_on_another_thread_and_connection():
    mine = _backend_pid()
    try:
        theirs = [query_in_background(_backend_pid).result(timeout=10) for _ in range(12)]
        assert all(pid != mine[0] and thread.startswith("db-background") for pid, thread in theirs)
        assert len({pid for pid, _thread in theirs}) <= WORKERS  # each worker keeps its connection
    finally:
        close_background_connections()


@pytest.mark.django_db
def test_inside_a_transaction_the_work_runs_at_once_on_the_callers_connection():
    assert query_in_background(_backend_pid).result() == _backend_pid()
    with pytest.raises(ZeroDivisionError):
        query_in_background(lambda: 1 / 0).result()


@pytest.mark.django_db(transaction=True)
def test_a_failed_background_write_is_logged_not_lost(caplog):
    def fails():
        raise RuntimeError("disque plein")

    try:
        with caplog.at_level(logging.ERROR, logger="toolkit.dbthreads"):
            future = write_in_background(fails)
            with pytest.raises(RuntimeError):
                future.result(timeout=10)
            for _ in range(100):  # the callback runs in the worker right after the failure
                if caplog.records:
                    break
                threading.Event().wait(0.01)
        assert "Échec d'une écriture en arrière-plan" in caplog.text and "disque plein" in caplog.text
    finally:
        close_background_connections()
