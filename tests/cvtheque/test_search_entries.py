"""The search's narrow copy of visible CVs (kept by database triggers) and the fast page query."""

import pytest
import time_machine
from django.db import connection

from cvtheque.models import CV, CVSearchEntry
from cvtheque.search.page import search_page
from cvtheque.search.params import CVSearchParams
from cvtheque.search.places import resolve_place_filter
from cvtheque.search.queryset import search_cvs, search_entries
from cvtheque.search.statements import compile_search, count_matches, ranked_page
from tests.cvtheque.factories import CVFactory
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


@pytest.mark.parametrize("walk_rows", [1, 300])  # a walk that gives up at once (GIN path), and one that finds
def test_the_page_query_gives_the_order_and_count_of_search_cvs_on_every_page(monkeypatch, walk_rows):
    import cvtheque.search.statements

    monkeypatch.setattr(cvtheque.search.statements, "WALK_ROWS", walk_rows)
    _dataset()
    params = CVSearchParams(q="soudeur")
    expected = [cv.pk for cv in search_cvs(params)]
    assert len(expected) == 12
    assert [cv.tier for cv in search_cvs(params)] == [1] * 4 + [2] * 4 + [3] * 4
    for offset, limit in [(0, 5), (5, 5), (10, 5), (0, 20), (3, 4)]:
        ids, total = ranked_page(params, None, offset, limit)
        assert (ids, total) == (expected[offset:offset + limit], 12)
    assert ranked_page(params, None, 40, 5) == ([], 12)  # past the last page: the count still comes


@pytest.mark.parametrize("walk_rows", [1, 300])
def test_the_search_page_shows_its_cvs_in_the_order_of_search_cvs(monkeypatch, walk_rows):
    import cvtheque.search.page
    import cvtheque.search.statements

    monkeypatch.setattr(cvtheque.search.statements, "WALK_ROWS", walk_rows)
    monkeypatch.setattr(cvtheque.search.page, "PAGE_SIZE", 5)
    made = _dataset()
    for params in (CVSearchParams(q="soudeur"), CVSearchParams()):
        expected = [cv.pk for cv in search_cvs(params)]
        shown = []
        for number in (1, 2, 3):
            page = cvtheque.search.page.search_page(params, None, number)
            assert page.total == len(expected) and page.paginator.num_pages == 3
            shown += [cv.pk for cv in page.object_list]
        assert shown == expected
    first = cvtheque.search.page.search_page(CVSearchParams(q="soudeur"), None, 1).object_list[0]
    assert first.pk == made[11].pk and first.headline == "Soudeur TIG" and first.metier_names == []
    stored = CV.objects.select_related("commune").get(pk=first.pk)
    assert (first.commune_id, str(first.commune) if first.commune_id else None) == (
        stored.commune_id, str(stored.commune) if stored.commune_id else None)
    with_commune = CVFactory(visible=True, headline="Soudeur MIG", commune=CommuneFactory(name="Lézignan"))
    first = cvtheque.search.page.search_page(CVSearchParams(q="soudeur"), None, 1).object_list[0]
    assert first.pk == with_commune.pk and str(first.commune) == str(CV.objects.get(pk=first.pk).commune)


@pytest.mark.parametrize("narrow_rows", [0, 1_000])  # the walk with its tiers, and all the kept entries read
def test_a_place_keeping_few_entries_gives_the_same_pages_and_count(monkeypatch, narrow_rows):
    import cvtheque.search.statements

    monkeypatch.setattr(cvtheque.search.statements, "NARROW_ROWS", narrow_rows)
    carcassonne = CommuneFactory(name="Carcassonne")
    _dataset(commune=carcassonne)
    CVFactory(visible=True, headline="Soudeur TIG", commune=CommuneFactory(name="Lille"))
    CVFactory(visible=True, headline="Soudeur TIG", commune=carcassonne, experience="Nettoyage industriel")
    place = resolve_place_filter("Carcassonne", None)
    for q in ("soudeur", "soudeur -nettoyage", "chaudronnier OU agent"):
        params = CVSearchParams(q=q, place="Carcassonne")
        assert compile_search(params, place).narrow is bool(narrow_rows)
        expected = [cv.pk for cv in search_cvs(params, place)]
        assert expected
        for offset, limit in [(0, 5), (5, 5), (10, 5), (0, 20)]:
            assert ranked_page(params, place, offset, limit) == (expected[offset:offset + limit], len(expected)), q
        assert count_matches(compile_search(params, place)) == len(expected)
        assert ranked_page(params, place, 40, 5) == ([], len(expected))
        page = search_page(params, place, 1)
        assert [cv.pk for cv in page.object_list] == expected[:20] and page.total == len(expected)


def test_the_page_query_without_words_lists_the_freshest_visible_cvs():
    made = _dataset()
    ids, total = ranked_page(CVSearchParams(), None, 0, 3)
    assert total == 13
    assert ids == [cv.pk for cv in search_cvs(CVSearchParams())][:3]
    assert made[-1].pk in ids


def test_the_page_query_applies_the_place_and_the_refinements():
    carcassonne = CommuneFactory(name="Carcassonne")
    here = CVFactory(visible=True, headline="Soudeur", commune=carcassonne, driving_licence=True)
    CVFactory(visible=True, headline="Soudeur", commune=carcassonne)
    CVFactory(visible=True, headline="Soudeur", commune=CommuneFactory(name="Lille"), driving_licence=True)
    params = CVSearchParams(q="soudeur", place="Carcassonne", driving_licence=True)
    place = resolve_place_filter(params.place, None)
    assert ranked_page(params, place, 0, 20) == ([here.pk], 1)
    assert [cv.pk for cv in search_cvs(params, place)] == [here.pk]
    assert ranked_page(CVSearchParams(q="soudeur", place="Lieu inconnu"), None, 0, 20) == ([], 0)


@pytest.mark.parametrize("walk_rows", [1, 300])  # filters keeping more entries than the walk (GIN) and fewer
def test_the_count_of_the_search_page_is_the_number_of_matching_entries(monkeypatch, walk_rows):
    import cvtheque.search.statements

    monkeypatch.setattr(cvtheque.search.statements, "WALK_ROWS", walk_rows)
    carcassonne = CommuneFactory(name="Carcassonne")
    _dataset()
    CVFactory(visible=True, headline="Soudeur", commune=carcassonne, driving_licence=True,
              experience="Nettoyage industriel")
    CVFactory(visible=True, headline="Soudeur", commune=carcassonne)
    CVFactory(visible=True, headline="Boulanger", commune=carcassonne, driving_licence=True)
    place = resolve_place_filter("Carcassonne", None)
    cases = [
        (CVSearchParams(q="soudeur"), None, 14),
        (CVSearchParams(q="soudeur -nettoyage"), None, 13),
        (CVSearchParams(q="soudeur", place="Carcassonne"), place, 2),
        (CVSearchParams(q="soudeur", place="Carcassonne", driving_licence=True), place, 1),
        (CVSearchParams(place="Carcassonne"), place, 3),
        (CVSearchParams(), None, 16),
        (CVSearchParams(q="soudeur", place="Lieu inconnu"), None, 0),
    ]
    for params, place_filter, expected in cases:
        assert count_matches(compile_search(params, place_filter)) == expected == search_entries(
            params, place_filter).count(), params


def test_the_entry_keeps_a_long_cvs_vectors_out_of_line_so_that_its_row_stays_narrow():
    words = " ".join(f"competence{n} outil{n * 7} chantier{n * 13}" for n in range(900))
    cv = CVFactory(visible=True, headline="Conducteur de travaux", extracted_text=words)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_toast_chunk_id(fulltext_vector) IS NOT NULL, pg_column_toast_chunk_id(search_vector)"
            " IS NOT NULL, pg_column_toast_chunk_id(title_vector) IS NOT NULL"
            " FROM cvtheque_cvsearchentry WHERE cv_id = %s", [cv.pk])
        assert cursor.fetchone() == (True, True, True)


@pytest.mark.parametrize("walk_rows", [1, 300])
def test_an_exclusion_applies_to_the_whole_cv_even_when_the_titre_matches(monkeypatch, walk_rows):
    import cvtheque.search.statements

    monkeypatch.setattr(cvtheque.search.statements, "WALK_ROWS", walk_rows)
    kept = CVFactory(visible=True, headline="Agent d'entretien", experience="Espaces verts")
    CVFactory(visible=True, headline="Agent d'entretien", experience="Nettoyage de bureaux")
    CVFactory(visible=True, headline="Agent d'entretien", skills="Nettoyage industriel")
    params = CVSearchParams(q="agent entretien -nettoyage")
    assert [cv.pk for cv in search_cvs(params)] == [kept.pk]
    assert ranked_page(params, None, 0, 20) == ([kept.pk], 1)
