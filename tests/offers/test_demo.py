import io

import pytest

from offers import demo
from offers.enums import ApplicationStatus, OfferStatus
from offers.models import Application, Offer

pytestmark = pytest.mark.django_db


def test_demo_offers_cover_every_status_and_loading_twice_adds_nothing():
    from accounts import demo as accounts_demo
    from companies import demo as companies_demo

    out = io.StringIO()
    accounts_demo.load(out)
    companies_demo.load(out)
    demo.load(out)
    originals = Offer.objects.originals()
    count = originals.count()
    assert count >= 30
    assert {o.status for o in originals} == set(OfferStatus.values)
    assert originals.filter(deleted_at__isnull=False).exists()
    assert originals.published().count() > count / 2
    assert Offer.objects.filter(revision_of__isnull=False, status=OfferStatus.PENDING).count() == 1
    sophie_offers = originals.filter(author__email="recruteur@demo.terredemplois.fr")
    assert sophie_offers.exists()
    demo.load(out)
    assert Offer.objects.originals().count() == count


def test_demo_applications_cover_every_status_and_the_demo_candidate_has_some():
    from accounts import demo as accounts_demo
    from companies import demo as companies_demo

    out = io.StringIO()
    accounts_demo.load(out)
    companies_demo.load(out)
    demo.load(out)
    assert {a.status for a in Application.objects.all()} == set(ApplicationStatus.values)
    own = Application.objects.filter(candidate__email="candidat@demo.terredemplois.fr")
    assert own.count() == 3 and own.filter(offer__status=OfferStatus.EXPIRED).exists()
    count = Application.objects.count()
    demo.load(out)
    assert Application.objects.count() == count


def test_demo_offers_answer_the_public_search_examples():
    """« boulangère » near Carcassonne: within 20 km (Trèbes) and not beyond (Castelnaudary); CDI kept."""
    from accounts import demo as accounts_demo
    from companies import demo as companies_demo
    from offers.filters import OfferFilterSet

    out = io.StringIO()
    accounts_demo.load(out)
    companies_demo.load(out)
    demo.load(out)

    def titles(**data):
        return {o.title for o in OfferFilterSet(data).qs}

    near = titles(q="boulangère", ou="commune:11069", rayon="20")
    assert "Boulangère / Boulanger au fournil de Trèbes H/F" in near
    assert not any("Ouvrier boulanger" in t for t in near)  # Castelnaudary, 36 km away
    assert titles(q="boulanger") == titles(q="boulangère") and titles(q="boulanger")
    cdi = titles(q="boulangère", ou="commune:11069", rayon="20", contrat=["cdi"])
    assert cdi and cdi < near
    assert titles(saisonnier="on") and titles(recentes="on") and titles(salaire="2000")
