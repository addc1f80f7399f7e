from io import StringIO

import pytest

from accounts import demo as accounts_demo
from cvtheque.cvs import demo
from cvtheque.models import CV

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_with_documents_and_the_demo_candidate_cv(monkeypatch):
    monkeypatch.setattr(demo, "DEMO_COUNT", 30)
    monkeypatch.setattr(demo, "WITH_DOCUMENTS", 3)
    accounts_demo.load(StringIO())
    demo.load(StringIO())
    demo.load(StringIO())
    assert CV.objects.filter(external_id__startswith="demo-").count() == 30
    assert CV.objects.exclude(document="").count() == 4
    own = CV.objects.get(owner__email="candidat@demo.terredemplois.fr")
    assert own.is_visible and own.document
