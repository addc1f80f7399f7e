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


def test_the_demo_cvs_live_in_the_aude_most_around_carcassonne(monkeypatch):
    monkeypatch.setattr(demo, "DEMO_COUNT", 120)
    monkeypatch.setattr(demo, "WITH_DOCUMENTS", 0)
    accounts_demo.load(StringIO())
    demo.load(StringIO())
    generated = CV.objects.filter(external_id__startswith="demo-")
    assert generated.count() == 120
    assert generated.filter(commune__departement_id="11").count() == 120
    assert generated.filter(commune__epci_id="200035715").count() >= 40  # the agglomeration comes first


def test_the_demo_candidates_cv_matches_his_identity(monkeypatch):
    monkeypatch.setattr(demo, "DEMO_COUNT", 0)
    accounts_demo.load(StringIO())
    demo.load(StringIO())
    own = CV.objects.get(owner__email="candidat@demo.terredemplois.fr")
    assert (own.first_name, own.last_name) == ("Lucas", "Martin")
    assert own.headline == "Préparateur de commandes" and "Préparatrice" not in own.summary + own.experience


def test_the_demo_has_cvs_whose_facts_are_only_in_their_text_one_negated(monkeypatch):
    monkeypatch.setattr(demo, "DEMO_COUNT", 0)
    accounts_demo.load(StringIO())
    demo.load(StringIO())
    demo.load(StringIO())
    facts = {cv.headline: cv for cv in CV.objects.filter(external_id__startswith="faits-")}
    assert len(facts) == len(demo.FACTS_CVS)
    assert not any(cv.driving_licence for cv in facts.values())
    assert "CE" in facts["Chauffeur poids lourd"].licences
    assert facts["Cariste"].caces == ["R489 1A", "R489 3", "R489 5"]
    assert facts["Assistante export"].diplomas == ["BTS Commerce international (CI)"]
    assert facts["Infirmière"].diplomas == ["DE infirmier"]
    assert facts["Aide à domicile"].licences == []
