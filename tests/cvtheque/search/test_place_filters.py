"""The places a search resolves are kept per process until the geography changes."""

import pytest
from django.core.cache import cache

from cvtheque.search.places import PLACES_VERSION_KEY, resolve_place_filter
from cvtheque.search.text import METIER_FORMS_VERSION_KEY
from referentials.models import Epci
from referentials.signals import referentials_loaded
from tests.referentials.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def _commune_ids(place_filter):
    return set(dict(place_filter.condition.children)["commune_id__in"])


def test_a_place_searched_again_is_not_resolved_again(django_assert_num_queries):
    first = resolve_place_filter("Carcassonne Agglo", None)
    assert first is not None and len(_commune_ids(first)) > 50
    with django_assert_num_queries(0):
        assert resolve_place_filter("Carcassonne Agglo", None) is first
    assert resolve_place_filter("Carcassonne Agglo", 20) is not first  # another radius, another filter


def test_a_commune_added_to_a_place_is_searched_at_once():
    before = _commune_ids(resolve_place_filter("Carcassonne Agglo", None))
    epci = Epci.objects.get(name__icontains="Carcassonne")
    new = CommuneFactory(name="Nouvelle commune de test", epci=epci, departement=epci.communes.first().departement)
    after = _commune_ids(resolve_place_filter("Carcassonne Agglo", None))
    assert after == before | {new.pk}


def test_a_bulk_load_of_the_referentials_forgets_places_and_metier_forms():
    resolve_place_filter("Carcassonne", None)
    cache.set(METIER_FORMS_VERSION_KEY, "v1")
    version = cache.get(PLACES_VERSION_KEY)
    assert version is not None
    referentials_loaded.send(sender=None)
    assert cache.get(PLACES_VERSION_KEY) is None and cache.get(METIER_FORMS_VERSION_KEY) is None
