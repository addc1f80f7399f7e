"""``fill_bench_site`` (the bench database of ``make load``) adds companies and published, searchable offers,
and adds nothing the second time."""

import pytest
from django.core.management import call_command

from companies.models import Company
from offers.models import Offer
from terredemplois.management.commands.fill_bench_site import SIRET_PREFIX

pytestmark = pytest.mark.django_db


def test_it_adds_online_companies_and_searchable_published_offers_once():
    for _ in range(2):
        call_command("fill_bench_site", "--companies", "3", "--offers", "12", "--without-demo")
    companies = Company.objects.filter(siret__startswith=SIRET_PREFIX)
    offers = Offer.objects.filter(company__siret__startswith=SIRET_PREFIX)
    assert companies.count() == 3 and companies.online().count() == 3
    assert offers.count() == 12 and Offer.objects.visible_to_public().filter(pk__in=offers).count() == 12
    assert not offers.filter(search_vector__isnull=True).exists()
