import re

import pytest
from django.core import mail

from companies.models import Company
from tests.conftest import PASSWORD
from tests.referentials.factories import SectorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_recruiter_signs_up_verifies_logs_in_fills_settings_and_logs_out(page, live_server):
    SectorFactory(code="47.11F")
    page.goto(live_server.url)
    page.get_by_role("link", name="S'inscrire").click()
    page.get_by_role("tab", name="RECRUTEUR").click()
    page.get_by_label(re.compile(r"^Nom")).fill("Fabre")
    page.get_by_label(re.compile(r"^Prénom")).fill("Élodie")
    page.get_by_label(re.compile(r"^Poste occupé")).fill("Chargée de recrutement")
    page.get_by_label(re.compile(r"^Votre e-mail")).fill("elodie.fabre@exemple.fr")
    page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte recruteur").click()
    page.wait_for_load_state()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/compte/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link.replace("http://testserver", live_server.url).replace("http://127.0.0.1:8000", live_server.url))
    page.get_by_role("button", name="Confirmer").click()

    page.goto(live_server.url + "/compte/login/")
    page.get_by_label(re.compile(r"^Votre e-mail")).fill("elodie.fabre@exemple.fr")
    page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Mon espace recruteur").wait_for()

    page.get_by_role("link", name="Mes paramètres").first.click()
    page.get_by_label(re.compile(r"^Société")).fill("Cave des Corbières")
    page.get_by_label(re.compile(r"^Numéro SIRET")).fill("732 829 320 00074")
    page.get_by_role("combobox", name=re.compile(r"^Secteur d'activité")).fill("47.11F")
    page.get_by_label(re.compile(r"^Taille de l'entreprise")).select_option(label="PME : 10 à 249 salariés")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Vous êtes rattaché(e) à l'entreprise Cave des Corbières.").wait_for()
    assert Company.objects.filter(siret="73282932000074", name="Cave des Corbières").exists()

    page.get_by_role("button", name="Me déconnecter").first.click()
    page.get_by_role("link", name="Se connecter").wait_for()
    assert page.url.rstrip("/") == live_server.url.rstrip("/")
