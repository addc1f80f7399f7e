"""Database work run on another connection while the request's thread goes on.

The CV search counts its matches (an index scan of up to tens of thousands of entries, the slowest part
of its SQL) and records the search in the recruiter's history while the page's CVs are fetched, their
excerpts computed and the page rendered: PostgreSQL works on one core while Python works on the other,
and the page waits only for the longer of the two (the history write is not waited for at all).

Each worker thread keeps its own connection, closed and reopened by the same rules as a request's
(``CONN_MAX_AGE``, health checks). Inside a transaction (``atomic()``, and every test that does not ask
for a transactional database), another connection would not see the transaction's rows: the work then
runs at once on the caller's connection."""

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import close_old_connections, connection, connections

logger = logging.getLogger(__name__)
WORKERS = 4  # per process: concurrent requests of a threaded server each get their own
_executor: ThreadPoolExecutor | None = None
_lock = threading.Lock()


def _executor_instance() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="db-background")
        return _executor


def _run(fn, args):
    close_old_connections()  # as at the start of a request: obsolete or broken connections are replaced
    try:
        return fn(*args)
    finally:
        if connection.get_autocommit() is False or connection.errors_occurred:
            connection.close()


def query_in_background(fn, *args) -> Future:
    """``fn(*args)`` on another thread and connection (a Future), or at once inside a transaction."""
    if connection.in_atomic_block:
        future = Future()
        try:
            future.set_result(fn(*args))
        except Exception as error:  # noqa: BLE001 — handed to whoever reads the result, as a thread would
            future.set_exception(error)
        return future
    return _executor_instance().submit(_run, fn, args)


def write_in_background(fn, *args) -> Future:
    """``fn(*args)``, a write nobody waits for (the history of searches), on another thread and
    connection; a failure is logged with its traceback. Inside a transaction: at once, failures raised."""
    if connection.in_atomic_block:
        fn(*args)
        done = Future()
        done.set_result(None)
        return done
    future = _executor_instance().submit(_run, fn, args)
    future.add_done_callback(_log_failure)
    return future


def _log_failure(future: Future) -> None:
    error = future.exception()
    if error is not None:
        logger.error("Échec d'une écriture en arrière-plan", exc_info=error)


def close_background_connections() -> None:
    """Close the worker threads' connections (tests, before the test database is dropped)."""
    global _executor
    with _lock:
        executor, _executor = _executor, None
    if executor is not None:
        barrier = threading.Barrier(WORKERS)  # every thread takes exactly one of these tasks

        def close_mine():
            barrier.wait(timeout=10)
            connections.close_all()

        for _ in range(WORKERS):
            executor.submit(close_mine)
        executor.shutdown(wait=True)
