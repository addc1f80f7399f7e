"""The search results' HTML: what comes from a CV is escaped, ``<mark>`` only around the query's words.

``-m bench`` also times the rendering of the search page with 20 results (printed, never asserted):
``python -m terredemplois.devservices test tests/cvtheque/test_result_rendering.py -m bench -s``."""

import statistics
import time

import pytest
from django.shortcuts import render
from django.urls import reverse

from cvtheque.search import views as search_views
from tests.companies.factories import recruiter_with_company
from tests.cvtheque.factories import CVFactory
from tests.cvtheque.factories_recruiter import SavedListFactory
from tests.referentials.factories import CommuneFactory, MetierFactory

pytestmark = pytest.mark.django_db


def _captured_render(monkeypatch):
    """The search view's (request, template, context), rendered again at will."""
    captured = {}

    def capture(request, template_name, context):
        captured.update(request=request, template_name=template_name, context=context)
        return render(request, template_name, context)

    monkeypatch.setattr(search_views, "render", capture)
    return captured


@pytest.mark.bench
def test_time_to_render_the_search_page_with_20_results(client, monkeypatch):
    recruiter, company = recruiter_with_company()
    for name in ("Cuisine", "Vente", "Atelier"):
        SavedListFactory(company=company, name=name)
    carcassonne = CommuneFactory(carcassonne=True)
    metiers = [MetierFactory(), MetierFactory()]
    for i in range(25):
        CVFactory(visible=True, headline=f"Vendeuse en boulangerie {i}", metiers=metiers, commune=carcassonne,
                  mobility_km=20, rqth=True, rqth_visible=True,
                  summary="Vendeuse expérimentée, accueil des clients, mise en rayon et encaissement. " * 4,
                  skills="Vente, encaissement, hygiène alimentaire")
    captured = _captured_render(monkeypatch)
    client.force_login(recruiter)
    html = client.get(reverse("cvtheque:search"), {"q": "vendeuse", "place": "Carcassonne"}).content.decode()
    assert html.count('<li class="card cv-result">') == 20 and "<mark>" in html
    request, template_name, context = captured["request"], captured["template_name"], captured["context"]
    timings = []
    for _ in range(200):
        for attribute in ("_cvtheque_save_parts",):  # what a new request would compute again (the lists: kept)
            request.__dict__.pop(attribute, None)
        start = time.perf_counter()
        render(request, template_name, context)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"\nsearch page, 20 results, render: p50 {statistics.median(timings):.2f} ms, "
          f"p90 {timings[int(len(timings) * 0.9)]:.2f} ms, min {timings[0]:.2f} ms (200 renders)")
