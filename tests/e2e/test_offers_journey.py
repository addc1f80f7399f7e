import re

import pytest

from offers.enums import OfferStatus
from offers.models import Offer
from tests.companies.factories import recruiter_with_company
from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_fits
from tests.referentials.factories import CommuneFactory, MetierFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_recruiter_saves_a_draft_completes_it_adds_it_and_duplicates_it(page, live_server):
    user, company = recruiter_with_company(name="Boulangerie du Canal")
    CommuneFactory(insee="11069", name="Carcassonne", postal_codes=["11000"], population=46000)
    MetierFactory(name="Vendeur", name_feminine="Vendeuse")
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(live_server.url + "/compte/login/")
    page.get_by_label(re.compile(r"^Votre e-mail")).fill(user.email)
    page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Mon espace recruteur").wait_for()

    page.get_by_role("link", name="Je publie").click()
    page.get_by_role("heading", name="Mon offre d'emploi").wait_for()
    page.get_by_label(re.compile(r"^Titre de l'annonce")).fill("Vendeur / Vendeuse en boulangerie H/F")
    page.get_by_role("button", name="Sauvegarder le brouillon").click()
    page.get_by_text("Votre brouillon a été enregistré.").wait_for()
    offer = Offer.objects.get()
    assert offer.status == OfferStatus.DRAFT and offer.company == company

    page.get_by_role("combobox", name=re.compile(r"^Métier")).fill("Vendeur")
    page.get_by_role("combobox", name=re.compile(r"^Lieu du poste")).fill("Carcassonne (11000)")
    page.get_by_label(re.compile(r"^Téléphone du contact")).fill("06.12.34.56.78")
    page.get_by_label(re.compile(r"^Type de contrat")).select_option(label="CDI")
    # a blocking wording typed in the description: highlighted, and the offer cannot be sent as is
    editable = page.locator(".ck-editor__editable")
    editable.wait_for()
    editable.click()
    page.keyboard.type("Vente du pain et des viennoiseries, conseil aux clients, encaissement et entretien du "
                       "magasin. Vous avez entre 25 et 35 ans et êtes de nationalité française.")
    page.get_by_role("button", name="Ajouter l'offre").click()
    page.get_by_text("Votre offre n'est pas envoyée : elle contient une formulation « Bloquant ».").wait_for()
    page.locator(".findings-in-text mark", has_text="nationalité française").wait_for()
    page.get_by_role("button", name="Ajouter l'offre").click()
    page.get_by_text("Votre offre n'est pas envoyée : elle contient une formulation « Bloquant ».").wait_for()
    assert Offer.objects.get().status == OfferStatus.DRAFT
    # fixed: the offer is sent
    editable = page.locator(".ck-editor__editable")
    editable.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Vente du pain et des viennoiseries, conseil aux clients, encaissement et entretien du "
                       "magasin. Travail du mardi au samedi, deux jours de repos consécutifs.")
    page.get_by_role("button", name="Ajouter l'offre").click()

    page.get_by_role("heading", name="Vos offres d'emploi").wait_for()
    page.locator(".offer-row").get_by_text("En attente de modération").wait_for()
    page.get_by_text("1 offre correspond aux filtres").wait_for()
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING and offer.contact_phone == "06 12 34 56 78"
    assert offer.metier.name == "Vendeur" and offer.commune.name == "Carcassonne"

    page.get_by_role("button", name=re.compile(r"^DUPLIQUER")).first.click()
    page.get_by_role("heading", name="Mon offre d'emploi").wait_for()
    page.get_by_text("L'offre a été dupliquée").wait_for()
    assert Offer.objects.filter(status=OfferStatus.DRAFT, title=offer.title).count() == 1
    page.set_viewport_size({"width": 375, "height": 800})
    assert_fits(page, 375)  # the form, editor included
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Mes offres").first.click()
    page.get_by_text("2 offres correspondent aux filtres").wait_for()
    assert page.locator(".offer-row").get_by_text("Brouillon", exact=True).count() == 1

    # the list still reads at 375 px: nothing wider than the screen
    page.set_viewport_size({"width": 375, "height": 800})
    assert_fits(page, 375)
    assert not [e for e in errors if "Content Security Policy" in e]
