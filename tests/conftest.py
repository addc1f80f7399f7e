import pytest
from django.core.cache import cache


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
