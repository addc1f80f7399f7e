import io

import pytest

from accounts import demo as accounts_demo
from companies import demo as companies_demo
from diffusion import demo
from diffusion.enums import FeedFormat, PartnerScope
from diffusion.models import OfferChoice, Partner
from offers import demo as offers_demo

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
