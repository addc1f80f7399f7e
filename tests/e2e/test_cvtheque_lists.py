"""Browser journey of the recruiters' tools: a recruiter searches, saves two CVs to a new list,
stars the search; a new matching CV appears; the alert task runs; the e-mail lists exactly that
CV; rerunning the task sends nothing."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cvtheque.recruiting.models import CVSearch, SavedCV, SavedList
from cvtheque.recruiting.tasks import send_cv_alerts
from tests.companies.factories import recruiter_with_company
from tests.conftest import PASSWORD
from tests.cvtheque.factories import CVFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_recruiter_saves_cvs_stars_a_search_and_gets_exactly_the_new_cv(page, live_server):
    user, company = recruiter_with_company()
    two_days_ago = timezone.now() - timedelta(days=2)
    for first_name in ("Amandine", "Bérangère", "Coralie"):
        CVFactory(visible=True, first_name=first_name, last_name="Vidal", headline="Vendeuse en prêt-à-porter",
                  visible_since=two_days_ago, updated_at=two_days_ago)
    CVFactory(visible=True, first_name="Damien", headline="Soudeur TIG", visible_since=two_days_ago,
              updated_at=two_days_ago)

    page.goto(live_server.url + "/compte/login/")
    page.get_by_label(re.compile(r"^Votre e-mail")).fill(user.email)
    page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Mon espace recruteur").wait_for()

    # A new list
    page.get_by_role("link", name="CV sauvegardés").first.click()
    page.get_by_role("heading", name="Mes CVs sauvegardés").wait_for()
    page.get_by_label(re.compile(r"^Nom de la liste")).fill("Vendeuses Noël")
    page.get_by_role("button", name="Créer une nouvelle liste de sauvegarde").click()
    page.get_by_text("La liste « Vendeuses Noël » a été créée.").wait_for()

    # The search, and two CVs saved into the new list without a page reload
    page.get_by_role("link", name="Rechercher des CV").first.click()
    page.get_by_label(re.compile(r"^Pour quel poste cherchez-vous un candidat")).fill("vendeuse")
    page.get_by_role("button", name="Rechercher").click()
    for first_name in ("Amandine", "Bérangère"):
        form = page.locator("form.cv-save-form", has=page.get_by_label(f"Liste de sauvegarde pour {first_name}"))
        form.get_by_label(f"Liste de sauvegarde pour {first_name}").select_option(label="Vendeuses Noël")
        form.get_by_role("button", name=f"Sauvegarder le CV de {first_name}").click()
        form.get_by_text("CV sauvegardé dans « Vendeuses Noël ».").wait_for()
    saved = SavedList.objects.get(company=company, name="Vendeuses Noël")
    assert sorted(SavedCV.objects.filter(saved_list=saved).values_list("cv__first_name", flat=True)) == [
        "Amandine", "Bérangère"]

    page.get_by_role("link", name="CV sauvegardés").first.click()
    page.get_by_text("(2 CVs dans cette liste)").wait_for()

    # The search is in the history: star it
    page.get_by_role("link", name="Historique de recherche").first.click()
    page.get_by_role("link", name="VENDEUSE").first.wait_for()
    page.get_by_role("button", name="Ajouter la recherche VENDEUSE aux favorites").click()
    page.get_by_text("La recherche a été ajoutée à vos recherches favorites").wait_for()
    favourites = page.locator("section", has=page.get_by_role("heading", name="Mes recherches favorites"))
    favourites.get_by_role("link", name="VENDEUSE").wait_for()
    assert CVSearch.objects.get(user=user).is_favourite

    # A new matching CV appears; the alert runs twice
    CVFactory(visible=True, first_name="Éloïse", last_name="Garnier", headline="Vendeuse en boulangerie")
    CVFactory(visible=True, first_name="Fabien", headline="Cuisinier")
    mail.outbox.clear()
    send_cv_alerts.apply()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == [user.email]
    assert "Éloïse G." in body
    for absent in ("Amandine", "Bérangère", "Coralie", "Damien", "Fabien"):
        assert absent not in body
    send_cv_alerts.apply()
    assert len(mail.outbox) == 1
