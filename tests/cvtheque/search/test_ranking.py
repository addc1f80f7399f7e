"""The ranking written once (``ranking``): the tiers stay nested for any CV, what the database holds
agrees with the key, the statements bind every value and their shape's memo survives a moving clock."""

import pytest
import time_machine
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvtheque.cvs.enums import ContractType, EducationLevel
from cvtheque.models import CV, CVSearchEntry
from cvtheque.search import statements
from cvtheque.search.params import CVSearchParams
from cvtheque.search.places import resolve_place_filter
from cvtheque.search.ranking import FRESHNESS, FULL_TEXT, PROFILE, TITLE, order_by_sql, queryset_order
from referentials.models import Metier
from tests.cvtheque.factories import CVFactory

pytestmark = pytest.mark.django_db

WORDS = ["Soudeur", "soudeuse", "de", "la", "TIG", "Bac+2", "aide-soignante", "permis", "l'équipe", "CACES®",
         "2024", "préparatrice", "Œnologue", "c++", "x"]
# any text a candidate may type: words of the vocabulary and arbitrary letters, digits, punctuation, spaces
any_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(
    st.characters(categories=["L", "N", "P", "S", "Zs"], exclude_characters="\x00"), max_size=12)),
    max_size=6).map(" ".join)
cvs = st.lists(st.fixed_dictionaries({
    "headline": any_text, "skills": any_text, "summary": any_text, "experience": any_text,
    "extracted_text": any_text,
    "metiers": st.lists(st.sampled_from(["Vendeur", "Soudeur", "Cariste", "Aide à domicile"]), max_size=2,
                        unique=True),
    "education_level": st.sampled_from(["", *EducationLevel.values]),
    "contract_types": st.lists(st.sampled_from(ContractType.values), max_size=2, unique=True),
    "driving_licence": st.booleans(),
}), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=cvs)
def test_the_tiers_stay_nested_for_any_cv(rows):
    """titre + métiers ⊂ profil ⊂ texte, lexeme by lexeme, in the stored entry."""
    with transaction.atomic():
        for row in rows:
            metiers = list(Metier.objects.filter(name__in=row.pop("metiers")))
            cv = CVFactory(visible=True, owner=None, metiers=metiers, **row)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT tsvector_to_array({TITLE.vector}), tsvector_to_array({PROFILE.vector}),"
                    f" tsvector_to_array({FULL_TEXT.vector}) FROM cvtheque_cvsearchentry WHERE cv_id = %s", [cv.pk])
                title, profile, full_text = (set(lexemes or []) for lexemes in cursor.fetchone())
            assert title <= profile <= full_text, row
            assert title or not metiers  # a métier's forms are always in the titre's tier
        transaction.set_rollback(True)


def test_the_freshness_index_is_in_the_order_of_the_key():
    """The statements' walk reads matches from ``cv_entry_fresh`` in ``FRESHNESS`` order."""
    index = next(i for i in CVSearchEntry._meta.indexes if i.name == "cv_entry_fresh")
    columns = [(CVSearchEntry._meta.get_field(e.expression.name).column, e.descending) for e in index.expressions]
    assert columns == [(c.column, c.descending) for c in FRESHNESS]


def test_the_entry_triggers_build_the_tiers_from_the_cvs_vectors():
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = 'cvtheque_cv_to_search_entry'")
        source = " ".join(cursor.fetchone()[0].split())
    assert f"ts_filter(n.{PROFILE.vector}, '{TITLE.weights}'), n.{PROFILE.vector}, n.{FULL_TEXT.vector}" in source


def test_the_key_gives_every_order_by():
    assert order_by_sql() == "tier, updated_at DESC, cv_id DESC"
    assert order_by_sql(FRESHNESS, "page.") == "page.updated_at DESC, page.cv_id DESC"
    assert queryset_order() == ["tier", "-updated_at", "-pk"]


def test_the_statements_bind_every_value_as_a_parameter():
    cv = CVFactory(visible=True, headline="Soudeur TIG", source="spouse", owner=None, driving_licence=True)
    params = CVSearchParams(q="soudeur", source="spouse", place="Carcassonne Agglo", updated_within_months=3)
    search = statements.compile_search(params, resolve_place_filter(params.place, None))
    statement = statements.page_statement(search, 0, 20)
    assert "spouse" not in statement.text and "soudeur" not in statement.text and "%(" not in statement.text
    assert statement.text.count("%s") == len(statement.params)
    CV.objects.filter(pk=cv.pk).update(commune=resolve_place_filter("Carcassonne", None).center)
    with connection.cursor() as cursor:
        assert [row[0] for row in statement.execute(cursor).fetchall()] == [cv.pk]


def test_two_searches_a_second_apart_share_the_shape_they_were_given(django_assert_num_queries):
    """The memo deciding the narrow shape is keyed by the filter with its times rounded to the day: « mis à
    jour depuis 3 mois » moves every second, the shape does not."""
    params = CVSearchParams(place="Carcassonne Agglo", updated_within_months=3, driving_licence=True)
    place = resolve_place_filter(params.place, None)
    with time_machine.travel("2026-05-04 10:00:00", tick=False):
        first = statements.compile_search(params, place)
    with time_machine.travel("2026-05-04 10:00:01", tick=False), django_assert_num_queries(0):
        second = statements.compile_search(params, place)  # the count of kept entries is not read again
    with time_machine.travel("2026-05-05 10:00:00", tick=False):
        next_day = statements.compile_search(params, place)
    assert first.where.params != second.where.params  # the cut-off moved…
    assert statements.kept_entries_key(first.where) == statements.kept_entries_key(second.where)  # …not the key
    assert statements.kept_entries_key(next_day.where) != statements.kept_entries_key(first.where)
