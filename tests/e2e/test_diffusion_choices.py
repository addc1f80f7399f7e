"""A recruiter chooses, on the offer form, the partners an offer goes to; « Mes offres » says where each offer is
(or will be) published."""

import re

import pytest

from diffusion.models import OfferChoice
from offers.enums import OfferStatus
from offers.models import Offer
from tests.companies.factories import recruiter_with_company
from tests.conftest import PASSWORD
from tests.diffusion.factories import PartnerFactory
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db(transaction=True)

LEGEND = "Votre offre sera diffusée sur Terre d'Emplois et chez nos partenaires :"


def test_recruiter_unticks_a_partner_saves_the_draft_finds_the_choice_kept_and_reads_where_offers_go(
        page, live_server):
    user, company = recruiter_with_company(name="Boulangerie du Canal")
    PartnerFactory(name="Indeed")
    PartnerFactory(name="HelloWork")
    PartnerFactory(name="Forum Emploi Aude", opt_in=True)
    PartnerFactory(name="Ancien partenaire", is_active=False)
    OfferFactory(published=True, company=company, author=user, title="Boulanger / Boulangère H/F")
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(live_server.url + "/compte/login/")
    page.get_by_label(re.compile(r"^Votre e-mail")).fill(user.email)
    page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Mon espace recruteur").wait_for()

    page.get_by_role("link", name="Je publie").click()
    page.get_by_role("heading", name="Mon offre d'emploi").wait_for()
    section = page.get_by_role("group", name=LEGEND)
    section.wait_for()
    # Terre d'Emplois always, then the active partners: those receiving every offer ticked, the opt-in one not
    assert section.get_by_role("checkbox", name="Terre d'Emplois").is_checked()
    assert section.get_by_role("checkbox", name="Terre d'Emplois").is_disabled()
    assert section.get_by_role("checkbox", name="Indeed").is_checked()
    assert section.get_by_role("checkbox", name="HelloWork").is_checked()
    assert not section.get_by_role("checkbox", name="Forum Emploi Aude").is_checked()
    assert section.get_by_role("checkbox", name="Ancien partenaire").count() == 0
    section.get_by_text("Elle reste toujours en ligne sur Terre d'Emplois.").wait_for()

    page.get_by_label(re.compile(r"^Titre de l'annonce")).fill("Vendeur / Vendeuse en boulangerie H/F")
    section.get_by_role("checkbox", name="HelloWork").uncheck()
    section.get_by_role("checkbox", name="Forum Emploi Aude").check()
    page.get_by_role("button", name="Sauvegarder le brouillon").click()
    page.get_by_text("Votre brouillon a été enregistré.").wait_for()
    draft = Offer.objects.get(status=OfferStatus.DRAFT)
    assert dict(OfferChoice.objects.filter(offer=draft).values_list("partner__name", "allowed")) == {
        "Indeed": True, "HelloWork": False, "Forum Emploi Aude": True}

    # « Mes offres »: where each offer goes, the draft (« Sera diffusée sur ») and the online offer
    page.get_by_role("link", name="Mes offres").first.click()
    page.get_by_role("heading", name="Vos offres d'emploi").wait_for()
    rows = page.locator(".offer-row")
    draft_row = rows.filter(has_text="VENDEUR / VENDEUSE EN BOULANGERIE H/F")
    online_row = rows.filter(has_text="BOULANGER / BOULANGÈRE H/F")
    assert draft_row.locator(".offer-places").inner_text() == (
        "Sera diffusée sur : Terre d'Emplois, Forum Emploi Aude, Indeed")
    assert online_row.locator(".offer-places").inner_text() == "Diffusée sur : Terre d'Emplois, HelloWork, Indeed"

    # reopened, the draft shows the choice kept
    draft_row.get_by_role("link", name=re.compile(r"^Modifier")).click()
    page.get_by_role("heading", name="Mon offre d'emploi").wait_for()
    section = page.get_by_role("group", name=LEGEND)
    assert page.get_by_label(re.compile(r"^Titre de l'annonce")).input_value() == (
        "Vendeur / Vendeuse en boulangerie H/F")
    assert section.get_by_role("checkbox", name="Indeed").is_checked()
    assert not section.get_by_role("checkbox", name="HelloWork").is_checked()
    assert section.get_by_role("checkbox", name="Forum Emploi Aude").is_checked()
    assert not errors, errors
