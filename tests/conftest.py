import pytest
from django.core.cache import cache

from tests.sql_snapshots import sql_snapshot  # noqa: F401 - the SQL snapshot fixture, for every test


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate limits and cached look-ups never leak from one test to the next."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": str(tmp_path / "private"),
                                                                "base_url": None}},
    }


PASSWORD = "Mot-de-passe-solide-2026"


def committed():
    """``with committed(): client.post(...)`` runs the on-commit callbacks (e-mails handed to
    Celery, eager in tests) of what happens inside, as the real commit would."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)



@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the real referentials (communes, EPCI, départements, régions, NAF, métiers),
    loaded once per session by referentials.loader (a few seconds). The flush that ends a transactional
    test (live_server, transaction=True) leaves them alone: see pytest_runtest_teardown."""
    from django.db.backends.base.introspection import BaseDatabaseIntrospection

    from referentials.loader import ensure_loaded

    with django_db_blocker.unblock():
        ensure_loaded(snapshot=True)
    original = BaseDatabaseIntrospection.django_table_names

    def without_referentials(self, *args, **kwargs):
        return [t for t in original(self, *args, **kwargs) if not t.startswith("referentials_")]

    BaseDatabaseIntrospection.django_table_names = without_referentials
    yield
    BaseDatabaseIntrospection.django_table_names = original
    from toolkit.dbthreads import close_background_connections

    close_background_connections()  # the search's count threads (live_server tests) before the DROP DATABASE


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test, drop the referential rows it created (the flush kept the real ones)."""
    result = yield
    marker = item.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in item.fixturenames for name in ("live_server", "transactional_db"))
    if nextitem is not None and transactional:
        from pytest_django.plugin import blocking_manager_key

        from referentials.loader import discard_rows_not_in_snapshot, ensure_loaded

        with item.config.stash[blocking_manager_key].unblock():
            discard_rows_not_in_snapshot()
            ensure_loaded(snapshot=True)
    return result
