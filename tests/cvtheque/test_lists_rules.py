"""Rules of « Mes CVs sauvegardés » (company-shared lists)."""

import pytest
from django.core.exceptions import ValidationError

from cvtheque.recruiting import services
from cvtheque.recruiting.models import DEFAULT_LIST_NAME, SavedCV, SavedList
from tests.accounts.factories import RecruiterFactory
from tests.companies.factories import CompanyFactory

from .factories import CVFactory, SavedCVFactory, SavedListFactory

pytestmark = pytest.mark.django_db


def test_every_company_has_one_default_list_created_on_first_use(django_assert_num_queries):
    company = CompanyFactory()
    names = [saved_list.name for saved_list in services.lists_of(company)]
    assert names == [DEFAULT_LIST_NAME]
    services.lists_of(company)
    assert SavedList.objects.filter(company=company, is_default=True).count() == 1


@pytest.mark.parametrize(("n", "label"), [
    (0, "(Aucun CV dans cette liste)"), (1, "(1 CV dans cette liste)"), (2, "(2 CVs dans cette liste)"),
])
def test_count_label_follows_the_guide(n, label):
    assert services.count_label(n) == label


def test_the_default_list_cannot_be_deleted():
    saved_list = SavedListFactory(is_default=True, name=DEFAULT_LIST_NAME)
    with pytest.raises(ValidationError):
        services.delete_list(saved_list)
    assert SavedList.objects.filter(pk=saved_list.pk).exists()


def test_a_cv_is_saved_once_per_list_but_may_be_in_several_lists():
    first, cv = SavedListFactory(), CVFactory(visible=True)
    second = SavedListFactory(company=first.company)
    user = RecruiterFactory()
    _, created = services.save_cv(first, cv, user)
    _, again = services.save_cv(first, cv, user)
    _, other = services.save_cv(second, cv, user)
    assert (created, again, other) == (True, False, True)
    assert SavedCV.objects.filter(cv=cv).count() == 2


def test_saving_again_with_a_note_updates_the_private_note():
    saved_list, cv = SavedListFactory(), CVFactory(visible=True)
    services.save_cv(saved_list, cv, None)
    item, _ = services.save_cv(saved_list, cv, None, note="À rappeler lundi")
    item.refresh_from_db()
    assert item.note == "À rappeler lundi"


def test_a_hidden_cv_cannot_be_saved():
    with pytest.raises(ValidationError):
        services.save_cv(SavedListFactory(), CVFactory(), None)


def test_a_cv_hidden_by_its_owner_is_announced_once_then_gone():
    saved_list = SavedListFactory()
    kept = SavedCVFactory(saved_list=saved_list)
    hidden = SavedCVFactory(saved_list=saved_list)
    hidden.cv.set_visibility(False)
    hidden.cv.save()
    items, withdrawn = services.list_items(saved_list)
    assert [i.pk for i in items] == [kept.pk] and withdrawn == 1
    items, withdrawn = services.list_items(saved_list)
    assert [i.pk for i in items] == [kept.pk] and withdrawn == 0


def test_a_cv_deleted_by_its_owner_is_announced_once_then_gone():
    saved_list = SavedListFactory()
    item = SavedCVFactory(saved_list=saved_list)
    item.cv.delete()
    assert services.list_items(saved_list) == ([], 1)
    assert services.list_items(saved_list) == ([], 0)


def test_list_counts_ignore_hidden_cvs():
    saved_list = SavedListFactory()
    SavedCVFactory(saved_list=saved_list)
    SavedCVFactory(saved_list=saved_list, cv=CVFactory())
    counted = {sl.pk: sl.cv_count for sl in services.lists_of(saved_list.company)}
    assert counted[saved_list.pk] == 1
