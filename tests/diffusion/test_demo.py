import io
from html import unescape

import pytest
from django.urls import reverse

from accounts import demo as accounts_demo
from companies import demo as companies_demo
from diffusion import demo
from diffusion.enums import FeedFormat, PartnerScope
from diffusion.models import OfferChoice, Partner, offers_for_every_site
from offers import demo as offers_demo
from offers.models import Offer

pytestmark = pytest.mark.django_db


def test_demo_partners_have_tokens_both_formats_both_scopes_and_loading_twice_adds_nothing():
    out = io.StringIO()
    for module in (accounts_demo, companies_demo, offers_demo, demo):
        module.load(out)
    partners = {partner.name: partner for partner in Partner.objects.all()}
    assert set(partners) == {"Indeed", "HelloWork", "Forum Emploi Aude"}
    assert {p.feed_format for p in partners.values()} == set(FeedFormat.values)
    assert partners["Forum Emploi Aude"].scope == PartnerScope.ALLOWED
    assert all(len(p.token) >= 40 for p in partners.values())
    assert partners["Forum Emploi Aude"].offers().count() == 3
    tokens, choices = {p.token for p in partners.values()}, OfferChoice.objects.count()
    demo.load(out)
    assert {p.token for p in Partner.objects.all()} == tokens and OfferChoice.objects.count() == choices
    assert f"/diffusion/indeed/{partners['Indeed'].token}/flux" in out.getvalue()


def test_the_demo_shows_offers_kept_off_a_partner_and_loading_twice_keeps_them_so(client):
    out = io.StringIO()
    for module in (accounts_demo, companies_demo, offers_demo, demo, demo):
        module.load(out)
    partners = {partner.slug: partner for partner in Partner.objects.all()}
    online = Offer.objects.visible_to_public()
    pastry = online.get(title="Apprenti pâtissier / Apprentie pâtissière H/F")  # the demo recruiter's
    valet = online.get(title="Valet / Femme de chambre H/F")
    for offer, refused, other in [(pastry, "indeed", "hellowork"), (valet, "hellowork", "indeed")]:
        assert list(OfferChoice.objects.filter(offer=offer).values_list("partner__slug", "allowed")) == [
            (refused, False)]
        assert offer not in partners[refused].offers() and offer in partners[other].offers()
        assert offer not in offers_for_every_site()
    assert offers_for_every_site().count() == online.count() - 2
    # the demo recruiter (recruteur@) reads where each of her offers is published in « Mes offres »
    assert pastry.author.email == "recruteur@demo.terredemplois.fr"
    client.force_login(pastry.author)
    html = unescape(client.get(reverse("offers:mine")).content.decode())
    assert "Diffusée sur : Terre d'Emplois, HelloWork</p>" in html  # the apprenticeship, off Indeed
    assert "Diffusée sur : Terre d'Emplois, HelloWork, Indeed</p>" in html  # the others
