import pytest
from django.urls import reverse

from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import recruiter_with_company

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("referentials:places", "carcassonne", "Carcassonne (11000)"),
    ("referentials:metiers", "preparatrice commande", "Préparateur de commandes / Préparatrice de commandes"),
    ("referentials:sectors", "47.11F", "47.11F – Hypermarchés"),
]


def _users():
    owner, _company = recruiter_with_company()
    return {
        "anonyme": None,
        "candidat": CandidateFactory(),
        "recruteur sans entreprise": RecruiterFactory(),
        "recruteur d'une entreprise": owner,
        "staff": StaffFactory(),
    }


@pytest.mark.parametrize(("name", "query", "top"), ENDPOINTS)
def test_lookups_are_public_json_for_every_role(client, name, query, top):
    for role, user in _users().items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(reverse(name), {"q": query})
        assert response.status_code == 200, role
        assert response["Content-Type"] == "application/json"
        assert response.json()["results"][0]["label"] == top, role
        assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]


@pytest.mark.parametrize(("name", "query", "top"), ENDPOINTS)
def test_lookups_refuse_post(client, name, query, top):
    assert client.post(reverse(name), {"q": query}).status_code == 405


def test_places_json_describes_each_candidate(client):
    results = client.get(reverse("referentials:places"), {"q": "aude"}).json()["results"]
    assert results[0] == {"value": "Aude (11)", "label": "Aude (11)", "key": "departement:11",
                          "kind": "departement", "kind_label": "Département", "detail": "Occitanie"}
    communes = client.get(reverse("referentials:places"), {"q": "carcassonne", "types": "commune"}).json()["results"]
    assert communes == [{"value": "Carcassonne (11000)", "label": "Carcassonne (11000)", "key": "commune:11069",
                         "kind": "commune", "kind_label": "Commune", "detail": "Aude"}]


def test_metiers_json_gives_the_family(client):
    result = client.get(reverse("referentials:metiers"), {"q": "soudeur"}).json()["results"][0]
    assert result["value"] == "Soudeur / Soudeuse"
    assert result["detail"] == "Industrie et production"


def test_empty_query_gives_no_result(client):
    for name, _query, _top in ENDPOINTS:
        assert client.get(reverse(name)).json() == {"results": []}


def test_place_lookup_query_count_does_not_grow_with_the_results_and_is_cached(client, django_assert_max_num_queries):
    # the tiers + the names of the départements and régions shown; never one per result
    with django_assert_max_num_queries(4):
        many = client.get(reverse("referentials:places"), {"q": "saint"}).json()["results"]
    assert len(many) == 10
    with django_assert_max_num_queries(0):
        assert client.get(reverse("referentials:places"), {"q": "SAINT"}).json()["results"] == many


def test_metier_and_sector_lookups_use_one_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert len(client.get(reverse("referentials:metiers"), {"q": "vendeur"}).json()["results"]) == 10
    with django_assert_max_num_queries(1):
        assert len(client.get(reverse("referentials:sectors"), {"q": "commerce"}).json()["results"]) == 10


def test_place_search_query_count_does_not_depend_on_the_limit(django_assert_num_queries):
    from referentials.services import search_places

    # exact names and prefixes in one query (enough rows: the word-prefix tier is not needed);
    # the rows carry their record, so no query per result or per kind
    with django_assert_num_queries(1):
        assert len(search_places("saint", limit=2)) == 2
    with django_assert_num_queries(1):
        assert len(search_places("saint", limit=40)) == 40
    with django_assert_num_queries(2):  # then the word-prefix tier
        assert search_places("toulouse", limit=10)[0].label == "Toulouse (31000)"
