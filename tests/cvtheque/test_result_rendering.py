"""The search results' HTML: what comes from a CV is escaped, ``<mark>`` only around the query's words.

``-m bench`` also times the rendering of the search page with 20 results (printed, never asserted):
``python -m terredemplois.devservices test tests/cvtheque/test_result_rendering.py -m bench -s``."""

import statistics
import time

import pytest
from django.shortcuts import render
from django.template import engines
from django.urls import reverse
from django.utils.safestring import SafeString

from cvtheque.search import views as search_views
from cvtheque.search.highlight import excerpt, highlight, query_lexemes
from tests.companies.factories import recruiter_with_company
from tests.cvtheque.factories import CVFactory, SavedListFactory
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


HOSTILE = "<script>alert('x')</script> & \"co\""
HOSTILE_ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;co&quot;"


def _result_of(html: str, marker: str) -> str:
    start = html.index(marker)
    start = html.rindex('<li class="card cv-result">', 0, start)
    return html[start : html.index("</li>", start) + 5]


def test_what_a_cv_says_is_escaped_in_its_search_result(client):
    recruiter, company = recruiter_with_company()
    SavedListFactory(company=company, name=f"Liste {HOSTILE}")
    CVFactory(visible=True, first_name=f"Zoé{HOSTILE}", last_name="<b>Roux</b>", headline=f"Vendeuse {HOSTILE}",
              metiers=[MetierFactory(name=f"Métier {HOSTILE}")], commune=CommuneFactory(carcassonne=True),
              summary=f"Vendeuse depuis 2010. {HOSTILE}", mobility_km=15)
    client.force_login(recruiter)
    html = client.get(reverse("cvtheque:search"), {"q": "vendeuse"}).content.decode()
    result = _result_of(html, "Zoé")
    assert "<script>" not in result and "<b>" not in result
    assert f"Zoé{HOSTILE_ESCAPED} &lt;. — Vendeuse {HOSTILE_ESCAPED}</a>" in result
    assert f"<span>Métiers : Métier {HOSTILE_ESCAPED}</span>" in result
    assert "<span>Carcassonne (11000) · mobilité 15 km</span>" in result
    assert f'<p class="cv-excerpt"><mark>Vendeuse</mark> depuis 2010. {HOSTILE_ESCAPED}</p>' in result
    assert f">Liste {HOSTILE_ESCAPED}</option>" in result
    assert f"Liste de sauvegarde pour Zoé{HOSTILE_ESCAPED}</label>" in result
    assert f"> le CV de Zoé{HOSTILE_ESCAPED}</span>" in result
    assert result.count("<mark>") == 1


def test_highlight_marks_only_the_query_words_and_escapes_the_rest():
    lexemes = query_lexemes("vendeuse")
    text = f"<mark>Vendeur</mark> & vendeurs {HOSTILE} vente"
    highlighted = highlight(text, lexemes)
    assert isinstance(highlighted, SafeString)
    assert highlighted == (f"&lt;mark&gt;<mark>Vendeur</mark>&lt;/mark&gt; &amp; <mark>vendeurs</mark> "
                           f"{HOSTILE_ESCAPED} vente")
    assert highlight(HOSTILE, lexemes) == HOSTILE_ESCAPED
    assert highlight(HOSTILE, []) == HOSTILE_ESCAPED
    assert highlight("", lexemes) == ""


def test_an_excerpt_is_a_window_around_the_first_hit_escaped():
    lexemes = query_lexemes("soudeur")
    text = "x & y " * 100 + "Soudeur <TIG>" + " z" * 200
    window = excerpt(text, lexemes, width=60)
    assert isinstance(window, SafeString)
    assert window == "… y x &amp; y x &amp; y x &amp; y <mark>Soudeur</mark> &lt;TIG&gt;" + " z" * 13 + "  …"
    assert "<mark>Soudeur</mark> &lt;TIG&gt;" in window
    assert excerpt("<i>court</i>", lexemes) == "&lt;i&gt;court&lt;/i&gt;"


def test_search_field_options_escape_their_values_and_labels():
    template = engines["django"].from_string(
        "{% load cvtheque_lists %}{% select_options choices current %}|{% checkbox_options 'kind' choices checked %}")
    choices = [("", "Toutes"), ("a&b", f"Choix {HOSTILE}"), ("c", "C")]
    html = template.render({"choices": choices, "current": "a&b", "checked": ["c"]})
    options, checkboxes = html.split("|")
    assert options == ('<option value="">Toutes</option>'
                       f'<option value="a&amp;b" selected>Choix {HOSTILE_ESCAPED}</option>'
                       '<option value="c">C</option>')
    assert ('<div><label for="id_kind_1"><input type="checkbox" name="kind" value="a&amp;b" id="id_kind_1">'
            f" Choix {HOSTILE_ESCAPED}</label></div>") in checkboxes
    assert '<input type="checkbox" name="kind" value="c" id="id_kind_2" checked> C</label>' in checkboxes
    assert "<script>" not in html
    # rendered once per process and combination: another current value, another selection
    again = template.render({"choices": choices, "current": "c", "checked": []})
    assert '<option value="c" selected>C</option>' in again and " checked" not in again


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
        # what the tags keep on the request is computed again for each render, but the company's lists
        for attribute in [a for a in vars(request) if a.startswith("_cvtheque_") and a != "_cvtheque_save_lists"]:
            delattr(request, attribute)
        start = time.perf_counter()
        render(request, template_name, context)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"\nsearch page, 20 results, render: p50 {statistics.median(timings):.2f} ms, "
          f"p90 {timings[int(len(timings) * 0.9)]:.2f} ms, min {timings[0]:.2f} ms (200 renders)")
