"""Searches matched against a few candidate CVs (the favourites' alerts, ``search.matching``) find exactly
what ``search_cvs`` finds among them, in the same order: on the datasets and searches of the equivalence
tests (words, phrases, « OU », exclusions, places, refinements, hidden CVs among the candidates)."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvtheque.models import CV
from cvtheque.search.matching import Candidates
from cvtheque.search.params import CVSearchParams
from cvtheque.search.queryset import search_cvs
from tests.cvtheque.search.test_equivalence import EXAMPLES, _make, datasets, plain_words, searches
from toolkit.sql import Sql

pytestmark = pytest.mark.django_db


def _assert_candidates_match_as_search_cvs(rows, params_list, picks, limit) -> None:
    with transaction.atomic():
        _make(rows)
        ids = list(CV.objects.order_by("pk").values_list("pk", flat=True))
        chosen = [pk for pk, picked in zip(ids, picks * len(ids), strict=False) if picked]
        with Candidates(chosen) as candidates:
            for params in params_list:
                expected = [pk for pk in search_cvs(params).values_list("pk", flat=True) if pk in set(chosen)]
                assert candidates.match(params, limit=limit) == expected[:limit], params
        transaction.set_rollback(True)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=datasets(), params_list=st.lists(st.one_of(searches, plain_words), min_size=1, max_size=4),
       picks=st.lists(st.booleans(), min_size=1, max_size=7), limit=st.sampled_from([2, 1_000]))
def test_candidates_are_found_and_ranked_as_search_cvs_finds_them(rows, params_list, picks, limit):
    _assert_candidates_match_as_search_cvs(rows, params_list, picks, limit)


def test_a_condition_on_the_candidates_narrows_them_and_the_table_is_dropped_after():
    rows = [{"headline": "soudeur", "skills": "", "summary": "", "experience": "", "extracted_text": "",
             "metiers": [], "days_ago": days, "commune": None, "mobility_km": 0, "is_visible": True,
             "rqth": False, "rqth_visible": False, "contract_types": [], "availability": "immediate",
             "driving_licence": False, "education_level": "", "source": "import"} for days in (0, 1, 2)]
    _make(rows)
    newest, middle, oldest = CV.objects.order_by("-updated_at").values_list("pk", flat=True)
    with Candidates([newest, oldest]) as candidates:
        assert candidates.match(CVSearchParams(q="soudeur")) == [newest, oldest]
        assert candidates.match(CVSearchParams(q="soudeur"), extra=Sql("cv_id <> %s", (newest,))) == [oldest]
        assert candidates.match(CVSearchParams(q="cariste")) == []
    with pytest.raises(Exception, match="does not exist"), transaction.atomic():
        candidates.match(CVSearchParams(q="soudeur"))
