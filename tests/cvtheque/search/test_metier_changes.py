"""A métier whose names change (an edit in the admin, ``load_referentials``) has its CVs' stored search
columns written again: their titre holds the métier's names, their profile its other names."""

import pytest

from cvtheque.models import CV
from cvtheque.search.tasks import refresh_metier_cvs
from referentials.signals import referentials_loaded
from tests.cvtheque.factories import CVFactory
from tests.referentials.factories import MetierFactory

pytestmark = pytest.mark.django_db


def _document(cv) -> str:
    return CV.objects.values_list("search_document", flat=True).get(pk=cv.pk)


def test_a_metier_edited_in_the_admin_writes_its_cvs_search_columns_again(django_capture_on_commit_callbacks):
    soudeur = MetierFactory(name="Soudeur")
    other = MetierFactory(name="Cariste")
    cv = CVFactory(visible=True, headline="Ouvrier", metiers=[soudeur])
    untouched = CVFactory(visible=True, headline="Ouvrier", metiers=[other])
    assert "braseur" not in _document(cv)
    soudeur.synonyms = [*soudeur.synonyms, "Braseur"]
    with django_capture_on_commit_callbacks(execute=True):
        soudeur.save()
    assert "braseur" in _document(cv)
    assert "braseur" not in _document(untouched)


def test_load_referentials_writes_the_cvs_of_the_metiers_it_changed_only(django_capture_on_commit_callbacks):
    soudeur = MetierFactory(name="Soudeur")
    other = MetierFactory(name="Cariste")
    cv = CVFactory(visible=True, headline="Ouvrier", metiers=[soudeur])
    untouched = CVFactory(visible=True, headline="Ouvrier", metiers=[other])
    # written in bulk, as the loader does: no post_save
    type(soudeur).objects.filter(pk=soudeur.pk).update(synonyms=["Braseur"])
    type(other).objects.filter(pk=other.pk).update(synonyms=["Magasinier gerbeur"])
    with django_capture_on_commit_callbacks(execute=True):
        referentials_loaded.send(sender=None, changed_metier_ids=frozenset({soudeur.pk}))
    assert "braseur" in _document(cv)
    assert "gerbeur" not in _document(untouched)  # its métier was not named as changed


def test_refreshing_twice_changes_nothing_more():
    soudeur = MetierFactory(name="Soudeur")
    cvs = [CVFactory(visible=True, headline="Ouvrier", metiers=[soudeur]) for _ in range(3)]
    assert refresh_metier_cvs([soudeur.pk]) == 3
    documents = [_document(cv) for cv in cvs]
    assert refresh_metier_cvs([soudeur.pk]) == 3
    assert [_document(cv) for cv in cvs] == documents
