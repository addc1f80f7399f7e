"""toolkit.setdelete.delete_set: one statement per relation, what points to the rows settled as the models
say (CASCADE deleted, SET_NULL set to NULL), and the rules it cannot settle refused before any change."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cvtheque.cvs.models import CV, CVView
from cvtheque.recruiting.models import SavedCV
from offers.models import Offer
from referentials.models import Metier
from tests.cvtheque.factories import CVFactory, SavedCVFactory
from tests.offers.factories import OfferFactory
from toolkit.setdelete import SetDeleteError, delete_set

pytestmark = pytest.mark.django_db


def test_cascades_and_set_nulls_with_as_many_queries_for_one_row_as_for_many():
    def make(n):
        cvs = [SavedCVFactory().cv for _ in range(n)]
        for cv in cvs:
            CVView.objects.create(cv=cv, company=SavedCV.objects.get(cv=cv).saved_list.company)
        return cvs

    kept = make(1)[0]
    one = make(1)
    with transaction.atomic(), CaptureQueriesContext(connection) as few:
        assert delete_set(CV.objects.filter(pk__in=[cv.pk for cv in one])) == 1
    many = make(4)
    with transaction.atomic(), CaptureQueriesContext(connection) as more:
        assert delete_set(CV.objects.filter(pk__in=[cv.pk for cv in many])) == 4
    assert len(more) == len(few)
    assert list(CV.objects.values_list("pk", flat=True)) == [kept.pk]
    assert list(CVView.objects.values_list("cv_id", flat=True)) == [kept.pk]
    assert SavedCV.objects.count() == 6 and SavedCV.objects.filter(cv__isnull=False).get().cv_id == kept.pk


def test_refuses_a_protected_relation_before_changing_anything():
    offer = OfferFactory()
    cv = CVFactory(metiers=[offer.metier])  # the CVs' métiers cascade, Offer.metier is PROTECT
    with pytest.raises(SetDeleteError, match="PROTECT"), transaction.atomic():
        delete_set(Metier.objects.filter(pk=offer.metier_id))
    assert list(cv.metiers.all()) == [offer.metier]


def test_refuses_to_cascade_to_rows_with_files_of_their_own():
    OfferFactory(published=True)
    with pytest.raises(SetDeleteError, match="cannot cascade"), transaction.atomic():
        delete_set(Offer.objects.all())
    assert Offer.objects.exists()
