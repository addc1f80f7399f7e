import pytest

from tests.cvtheque.search.paths import ALL_PATHS


@pytest.fixture(params=ALL_PATHS, ids=str)
def search_path(request):
    """Each path that can produce the search's results (see ``paths``): a behaviour test using it runs once
    per path."""
    return request.param
