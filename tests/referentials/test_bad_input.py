import pytest

from referentials.services import resolve_place, search_metiers, search_places, search_sectors

pytestmark = pytest.mark.django_db

BAD_INPUTS = [
    "",
    "   ",
    "a" * 500,
    "carcassonne " * 50,
    "'; DROP TABLE referentials_commune; --",
    "%",
    "_",
    "%%__\\",
    "\\",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "😀🚀",
    "carcassonne 😀",
    "\x00",
    "(",
    "()",
    "---",
    "st",
    "1",
    "99999",
    "commune:",
    "region:zzz",
]


@pytest.mark.parametrize("query", BAD_INPUTS)
def test_bad_input_gives_an_empty_or_sensible_result(query):
    for search in (search_places, search_metiers, search_sectors):
        results = search(query)
        assert isinstance(results, list)
        assert len(results) <= 10
    place = resolve_place(query)
    assert place is None or place.label


def test_metacharacters_do_not_match_everything():
    assert search_places("%") == []
    assert search_places("_") == []
    assert search_metiers("%") == []
    assert search_sectors("%") == []


def test_emoji_and_markup_around_a_real_name_still_find_it():
    assert search_places("carcassonne 😀")[0].label == "Carcassonne (11000)"
    assert search_places("<b>Carcassonne</b>")[0].label == "Carcassonne (11000)"


def test_sql_injection_attempt_is_just_text():
    from referentials.models import Commune

    search_places("'; DROP TABLE referentials_commune; --")
    search_metiers("'; DELETE FROM referentials_metier; --")
    assert Commune.objects.count() > 30000


@pytest.mark.parametrize("query", BAD_INPUTS)
def test_json_endpoints_never_fail(client, query):
    for path in ("/api/lieux/", "/api/metiers/", "/api/secteurs/"):
        response = client.get(path, {"q": query, "types": query})
        assert response.status_code == 200
        assert isinstance(response.json()["results"], list)
