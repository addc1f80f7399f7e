import pytest
from django.urls import reverse

from referentials.models import Metier
from tests.accounts.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.mark.parametrize("model", ["region", "departement", "epci", "commune", "metierfamily", "metier", "sector",
                                   "referentialimport"])
def test_staff_browse_every_referential(staff_client, model):
    response = staff_client.get(reverse(f"admin:referentials_{model}_changelist"))
    assert response.status_code == 200


def test_admin_search_ignores_accents(staff_client):
    response = staff_client.get(reverse("admin:referentials_commune_changelist"), {"q": "beziers"})
    assert "Béziers" in response.content.decode()
    response = staff_client.get(reverse("admin:referentials_metier_changelist"), {"q": "electricienne"})
    assert "Électricien" in response.content.decode()


def test_admin_filters_metiers_by_family(staff_client):
    family = Metier.objects.get(name="Soudeur").family
    response = staff_client.get(reverse("admin:referentials_metier_changelist"), {"family__id__exact": family.pk})
    content = response.content.decode()
    assert "Soudeuse" in content and "Vendeuse" not in content


def test_staff_edit_a_metier_and_its_synonyms(staff_client):
    metier = Metier.objects.get(name="Glacier")
    url = reverse("admin:referentials_metier_change", args=[metier.pk])
    assert "Artisan glacier" in staff_client.get(url).content.decode()
    response = staff_client.post(url, {"name": "Glacier", "name_feminine": "Glacière", "family": metier.family_id,
                                       "synonyms_text": "Artisan glacier, Turbineur"})
    assert response.status_code == 302
    metier.refresh_from_db()
    assert metier.synonyms == ["Artisan glacier", "Turbineur"]
    assert "turbineur" in metier.search_text


def test_geography_is_read_only_in_the_admin(staff_client):
    from referentials.models import Commune

    carcassonne = Commune.objects.get(insee="11069")
    url = reverse("admin:referentials_commune_change", args=[carcassonne.pk])
    assert staff_client.post(url, {"name": "Carcassonne-sur-Mer"}).status_code == 403
    carcassonne.refresh_from_db()
    assert carcassonne.name == "Carcassonne"


def test_admin_refuses_a_metier_title_with_a_comma(staff_client):
    metier = Metier.objects.get(name="Glacier")
    url = reverse("admin:referentials_metier_change", args=[metier.pk])
    response = staff_client.post(url, {"name": "Glacier, sorbetier", "name_feminine": "Glacière",
                                       "family": metier.family_id, "synonyms_text": ""})
    assert response.status_code == 200
    assert "ne peut pas contenir de virgule" in response.content.decode()
