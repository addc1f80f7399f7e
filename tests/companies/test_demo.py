import io

import pytest

from accounts import demo as accounts_demo
from companies import demo
from companies.models import Company
from companies.services import current_company

pytestmark = pytest.mark.django_db


def test_demo_companies_load_twice_without_duplicates_and_sophie_has_a_company():
    out = io.StringIO()
    accounts_demo.load(out)
    demo.load(out)
    demo.load(out)
    assert Company.objects.count() == len(demo.COMPANIES)
    assert Company.objects.online().count() == len(demo.COMPANIES)
    sophie = accounts_demo.demo_user("recruteur@demo.terredemplois.fr")
    assert current_company(sophie).name == "Boulangerie du Canal"
    company = Company.objects.get(name="Hôtel des Remparts")
    assert company.logo and company.banner and company.commune.name == "Carcassonne"
    assert company.sector_id == "55.10Z" and "<h2>" in company.description
