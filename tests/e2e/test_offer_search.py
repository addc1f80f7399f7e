"""A visitor searches « boulangère » near Carcassonne within 20 km from the home page, keeps the CDI and
opens an offer (a real browser; axe checks every page of the journey)."""

import re

import pytest

from offers.enums import ContractType
from tests.offers.factories import OfferFactory
from tests.referentials.factories import CommuneFactory, MetierFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_searches_boulangere_near_carcassonne_filters_cdi_and_opens_an_offer(page, live_server):
    boulanger = MetierFactory(name="Boulanger")
    carcassonne, trebes = CommuneFactory(carcassonne=True), CommuneFactory(insee="11397")
    OfferFactory(published=True, title="Boulanger H/F", metier=boulanger, commune=carcassonne,
                 contract_type=ContractType.CDI)
    OfferFactory(published=True, title="Boulangère au fournil H/F", metier=boulanger, commune=trebes,
                 contract_type=ContractType.CDI, description="<p>Pains au levain et viennoiseries.</p>")
    OfferFactory(published=True, title="Boulanger saisonnier H/F", metier=boulanger, commune=carcassonne,
                 contract_type=ContractType.CDD)
    OfferFactory(published=True, title="Boulanger à Castelnaudary H/F", metier=boulanger,
                 commune=CommuneFactory(castelnaudary=True), contract_type=ContractType.CDI)
    OfferFactory(published=True, title="Comptable H/F", metier=None, commune=carcassonne)

    page.goto(live_server.url + "/")
    page.get_by_text(re.compile(r"5 offres, \d+ entreprises? qui recrute")).wait_for()
    page.get_by_role("combobox", name="Quel métier ?").fill("boulangère")
    page.get_by_role("combobox", name="Où ?").fill("Carcassonne")
    page.get_by_role("option", name=re.compile(r"^Carcassonne \(11000\)")).click()
    page.get_by_role("button", name="Rechercher").click()

    page.get_by_role("heading", name="Offres", exact=True).wait_for()
    page.get_by_text("2 offres correspondent à votre recherche").wait_for()  # Carcassonne only, CDI or not
    assert sorted(page.locator(".offer-row-title").all_inner_texts()) == ["Boulanger H/F", "Boulanger saisonnier H/F"]
    page.get_by_label("Dans un rayon de").select_option(label="20 km")
    page.get_by_text("Affiner la recherche").click()
    page.get_by_label("CDI", exact=True).check()
    page.get_by_role("button", name="Appliquer les filtres").click()

    page.wait_for_url(re.compile(r"contrat=cdi"))
    page.get_by_text("2 offres correspondent à votre recherche").wait_for()
    titles = page.locator(".offer-row-title").all_inner_texts()
    assert sorted(titles) == ["Boulanger H/F", "Boulangère au fournil H/F"]  # Trèbes is 8 km away
    assert "q=boulang%C3%A8re" in page.url and "rayon=20" in page.url
    page.get_by_role("link", name="Boulangère au fournil H/F").click()
    page.get_by_role("heading", name="Boulangère au fournil H/F").wait_for()
    assert "Pains au levain" in page.content()
