"""A CV search that finds nothing proposes wider ones (a larger radius, the whole département, anywhere,
without the refinements), and an unknown place is an error on the place field."""

import pytest
from django.urls import reverse

from cvtheque.search.params import CVSearchParams
from cvtheque.search.widening import wider_searches
from tests.companies.factories import recruiter_with_company
from tests.cvtheque.factories import CVFactory
from tests.referentials.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_a_commune_widens_to_a_larger_radius_then_its_departement_then_anywhere():
    CommuneFactory(carcassonne=True)
    labels = [label for label, _ in wider_searches(CVSearchParams(q="soudeur", place="Carcassonne"))]
    assert labels == ["Élargir à 20 km autour de Carcassonne (11000)", "Chercher dans tout le département : Aude (11)",
                      "Chercher partout"]


def test_the_refinements_are_dropped_last_and_the_words_always_kept():
    CommuneFactory(carcassonne=True)
    params = CVSearchParams(q="soudeur", place="Carcassonne", radius_km=50, driving_licence=True)
    wider = dict(wider_searches(params))
    assert "Élargir à 20 km autour de Carcassonne (11000)" not in wider  # already wider than that
    assert wider["Chercher partout"] == "q=soudeur&driving_licence=1"
    assert wider["Sans les critères d'affinage"] == "q=soudeur&place=Carcassonne&radius_km=50"


def test_an_empty_search_page_shows_the_wider_searches_and_a_full_one_does_not(client):
    CommuneFactory(carcassonne=True)
    recruiter, _ = recruiter_with_company()
    client.force_login(recruiter)
    url = reverse("cvtheque:search")
    html = client.get(url, {"q": "soudeur", "place": "Carcassonne"}).content.decode()
    assert "Essayez une recherche plus large" in html and "?q=soudeur&amp;place=Carcassonne&amp;radius_km=20" in html
    CVFactory(visible=True, headline="Soudeur", commune=CommuneFactory(carcassonne=True))
    html = client.get(url, {"q": "soudeur", "place": "Carcassonne"}).content.decode()
    assert "Essayez une recherche plus large" not in html


def test_an_unknown_place_is_an_error_of_the_place_field(client):
    recruiter, _ = recruiter_with_company()
    client.force_login(recruiter)
    html = client.get(reverse("cvtheque:search"), {"q": "soudeur", "place": "xyzzy"}).content.decode()
    field = html[html.index('<label for="id_place">') - 60 : html.index('id="id_place_error"') + 200]
    assert 'aria-invalid="true"' in field and "Nous ne connaissons pas le lieu « xyzzy »" in field
    assert "Essayez une recherche plus large" not in html
