"""The search's narrow copy of visible CVs (kept by database triggers) and the fast page query."""

import pytest
import time_machine
from django.db import connection

from cvtheque.models import CV, CVSearchEntry
from cvtheque.search.page import run_search
from cvtheque.search.params import CVSearchParams
from tests.cvtheque.factories import CVFactory
from tests.cvtheque.search.paths import PAGE_SIZE
from tests.referentials.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def entry(cv):
    return CVSearchEntry.objects.filter(cv=cv).first()


def test_an_entry_exists_exactly_while_the_cv_is_visible():
    cv = CVFactory(headline="Soudeur")
    assert entry(cv) is None
    cv.set_visibility(True)
    cv.save()
    assert entry(cv) is not None
    cv.set_visibility(False)
    cv.save()
    assert entry(cv) is None


def test_the_entry_follows_bulk_updates_and_deletions_whatever_wrote_them():
    cvs = [CVFactory(visible=True, headline="Soudeur") for _ in range(3)]
    CV.objects.filter(pk=cvs[0].pk).update(is_visible=False)
    CV.objects.filter(pk=cvs[1].pk).update(mobility_km=40, rqth=True, rqth_visible=True)
    cvs[2].delete()
    assert entry(cvs[0]) is None
    assert (entry(cvs[1]).mobility_km, entry(cvs[1]).rqth_shown) == (40, True)
    assert not CVSearchEntry.objects.filter(cv_id=cvs[2].pk).exists()


def test_the_entry_copies_the_vectors_and_the_communes_coordinates():
    commune = CommuneFactory(name="Trèbes")  # the real commune
    cv = CVFactory(visible=True, headline="Aide à domicile", skills="Permis B", commune=commune)
    row = entry(cv)
    cv.refresh_from_db()
    assert row.latitude is not None
    assert (row.latitude, row.longitude, row.commune_id) == (commune.latitude, commune.longitude, commune.pk)
    assert row.search_vector == cv.search_vector and row.fulltext_vector == cv.fulltext_vector
    with connection.cursor() as cursor:  # the title vector is the A-weighted part (titre + métiers) only
        cursor.execute("SELECT title_vector::text FROM cvtheque_cvsearchentry WHERE cv_id = %s", [cv.pk])
        title = cursor.fetchone()[0]
    assert "'domicil'" in title and "'permis'" not in title


def test_moving_a_commune_moves_its_cvs_in_the_search():
    commune = CommuneFactory(name="Trèbes")
    cv = CVFactory(visible=True, headline="Soudeur", commune=commune)
    type(commune).objects.filter(pk=commune.pk).update(latitude=43.3, longitude=2.5)
    assert (entry(cv).latitude, entry(cv).longitude) == (43.3, 2.5)


def _dataset(**where):
    """CVs in the three tiers, with distinct freshness, interleaved in time."""
    made = []
    for day in range(1, 13):
        with time_machine.travel(f"2026-03-{day:02d} 10:00"):
            kind = day % 3
            if kind == 0:
                made.append(CVFactory(visible=True, headline="Soudeur TIG", **where))  # tier 1: in the titre
            elif kind == 1:  # tier 2
                made.append(CVFactory(visible=True, headline="Chaudronnier", skills="Soudeur TIG", **where))
            else:  # tier 3
                made.append(CVFactory(visible=True, headline="Agent", experience="Soudeur TIG chez Airbus", **where))
    CVFactory(visible=True, headline="Boulanger", **where)  # no match
    CVFactory(headline="Soudeur TIG", **where)  # not visible
    return made


def _ids(cvs):
    return [cv.pk for cv in cvs]


def test_every_path_gives_the_tiers_then_freshness_on_every_page(search_path):
    made = _dataset()
    found = search_path.found(q="soudeur")
    assert _ids(found) == _ids(made[2::3][::-1] + made[0::3][::-1] + made[1::3][::-1])
    assert _ids(search_path.found()) == _ids(CV.objects.visible().order_by("-updated_at", "-pk"))


def test_the_search_page_shows_what_a_result_needs():
    made = _dataset()
    first = run_search(CVSearchParams(q="soudeur"), 1).page.object_list[0]
    assert first.pk == made[11].pk and first.headline == "Soudeur TIG" and first.metier_names == []
    stored = CV.objects.select_related("commune").get(pk=first.pk)
    assert (first.commune_id, str(first.commune) if first.commune_id else None) == (
        stored.commune_id, str(stored.commune) if stored.commune_id else None)
    with_commune = CVFactory(visible=True, headline="Soudeur MIG", commune=CommuneFactory(name="Lézignan"))
    first = run_search(CVSearchParams(q="soudeur"), 1).page.object_list[0]
    assert first.pk == with_commune.pk and str(first.commune) == str(CV.objects.get(pk=first.pk).commune)


def test_a_page_past_the_last_shows_the_last_one(search_path):
    _dataset()
    if search_path.thresholds is None:
        return  # a page is the search page's
    with search_path.forced():
        page = run_search(CVSearchParams(q="soudeur"), 40).page
    assert (page.number, page.total, len(page.object_list)) == (4, 12, 12 - 3 * PAGE_SIZE)


def test_a_place_keeping_few_entries_gives_the_same_pages_and_count(search_path):
    carcassonne = CommuneFactory(name="Carcassonne")
    _dataset(commune=carcassonne)
    CVFactory(visible=True, headline="Soudeur TIG", commune=CommuneFactory(name="Lille"))
    CVFactory(visible=True, headline="Soudeur TIG", commune=carcassonne, experience="Nettoyage industriel")
    for q, expected in (("soudeur", 13), ("soudeur -nettoyage", 12), ("chaudronnier OU agent", 8)):
        assert len(search_path.found(q=q, place="Carcassonne")) == expected


def test_the_page_query_applies_the_place_and_the_refinements(search_path):
    carcassonne = CommuneFactory(name="Carcassonne")
    here = CVFactory(visible=True, headline="Soudeur", commune=carcassonne, driving_licence=True)
    CVFactory(visible=True, headline="Soudeur", commune=carcassonne)
    CVFactory(visible=True, headline="Soudeur", commune=CommuneFactory(name="Lille"), driving_licence=True)
    assert search_path.found(q="soudeur", place="Carcassonne", driving_licence=True) == [here]
    assert search_path.found(q="soudeur", place="Lieu inconnu") == []


def test_the_count_of_the_search_page_is_the_number_of_matching_entries(search_path):
    carcassonne = CommuneFactory(name="Carcassonne")
    _dataset()
    CVFactory(visible=True, headline="Soudeur", commune=carcassonne, driving_licence=True,
              experience="Nettoyage industriel")
    CVFactory(visible=True, headline="Soudeur", commune=carcassonne)
    CVFactory(visible=True, headline="Boulanger", commune=carcassonne, driving_licence=True)
    cases = [
        ({"q": "soudeur"}, 14),
        ({"q": "soudeur -nettoyage"}, 13),
        ({"q": "soudeur", "place": "Carcassonne"}, 2),
        ({"q": "soudeur", "place": "Carcassonne", "driving_licence": True}, 1),
        ({"place": "Carcassonne"}, 3),
        ({}, 16),
        ({"q": "soudeur", "place": "Lieu inconnu"}, 0),
    ]
    for params, expected in cases:  # each path checks that its count is the number of CVs it found
        assert len(search_path.found(**params)) == expected, params


def test_the_entry_keeps_a_long_cvs_vectors_out_of_line_so_that_its_row_stays_narrow():
    words = " ".join(f"competence{n} outil{n * 7} chantier{n * 13}" for n in range(900))
    cv = CVFactory(visible=True, headline="Conducteur de travaux", extracted_text=words)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_toast_chunk_id(fulltext_vector) IS NOT NULL, pg_column_toast_chunk_id(search_vector)"
            " IS NOT NULL, pg_column_toast_chunk_id(title_vector) IS NOT NULL"
            " FROM cvtheque_cvsearchentry WHERE cv_id = %s", [cv.pk])
        assert cursor.fetchone() == (True, True, True)


def test_an_exclusion_applies_to_the_whole_cv_even_when_the_titre_matches(search_path):
    kept = CVFactory(visible=True, headline="Agent d'entretien", experience="Espaces verts")
    CVFactory(visible=True, headline="Agent d'entretien", experience="Nettoyage de bureaux")
    CVFactory(visible=True, headline="Agent d'entretien", skills="Nettoyage industriel")
    assert search_path.found(q="agent entretien -nettoyage") == [kept]


def test_a_phrase_is_matched_on_the_full_text_whatever_tier_holds_its_words(search_path):
    """A titre ending with a stop word (« de ») followed by the skills: the profile's vector (its parts
    appended) has the two words side by side, the full text does not. The phrase is not in the CV."""
    CVFactory(visible=True, headline="Soudeur de", skills="TIG")
    in_text = CVFactory(visible=True, headline="Agent", experience="Soudeur TIG")
    assert search_path.found(q='"soudeur TIG"') == [in_text]
