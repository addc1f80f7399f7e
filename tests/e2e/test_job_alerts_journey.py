"""Job alerts in a real browser: from the public « Offres » search a candidate clicks « Créer une alerte »;
the alert keeps the search's criteria (keywords, place, radius, contract) and shows in « Mes alertes
emploi »; the daily task's e-mail lists a new matching offer (not a new offer that does not match) and its
signed unsubscribe link works without logging in."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from mailing.models import OutgoingEmail
from offers.alert_models import JobAlert, JobAlertFrequency
from offers.alerts import send_due_job_alerts
from offers.enums import ContractType
from referentials.models import Commune
from tests.accounts.factories import CandidateFactory
from tests.offers.factories import OfferFactory
from tests.referentials.factories import MetierFactory

from .test_application_journey import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_candidate_saves_a_search_as_an_alert_gets_the_new_offer_and_unsubscribes(page, live_server):
    candidate = CandidateFactory(first_name="Léa", last_name="Martin")
    carcassonne = Commune.objects.get(insee="11069")
    OfferFactory(published=True, title="Vendeur en boulangerie H/F", commune=carcassonne,
                 contract_type=ContractType.CDI)

    log_in(page, live_server, candidate.email)
    page.get_by_role("heading", name="Mon espace candidat").wait_for()
    page.goto(live_server.url + "/offres/")
    page.get_by_label("Quoi ?", exact=True).fill("vendeur")
    place = page.get_by_role("combobox", name="Où ?")
    place.press_sequentially("carcas", delay=30)
    page.get_by_role("listbox", name="Où ?").get_by_role("option").first.wait_for()
    place.press("ArrowDown")
    place.press("Enter")
    page.get_by_label("Dans un rayon de").select_option(label="20 km")
    page.get_by_text("Affiner la recherche").click()
    page.get_by_label("CDI", exact=True).check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.get_by_role("link", name="Vendeur en boulangerie H/F").wait_for()

    page.get_by_role("link", name="Créer une alerte").click()
    page.get_by_role("heading", name="Créer une alerte emploi").wait_for()
    page.get_by_role("radio", name="Tous les jours").check()
    page.get_by_role("button", name="Créer l'alerte").click()
    page.get_by_role("heading", name="Mes alertes emploi").wait_for()
    page.get_by_text("Votre alerte emploi est enregistrée").wait_for()
    alert = JobAlert.objects.get(candidate=candidate)
    assert alert.params == {"q": "vendeur", "ou": "commune:11069", "rayon": 20, "contrat": [ContractType.CDI]}
    assert alert.frequency == JobAlertFrequency.DAILY
    page.get_by_text(alert.label).wait_for()
    assert "« vendeur »" in alert.label and "Carcassonne" in alert.label and "20 km" in alert.label

    # the next morning: one new matching offer, one new offer of another métier (the alert was made yesterday)
    now = timezone.now()
    JobAlert.objects.filter(pk=alert.pk).update(created_at=now - timedelta(hours=20))
    for title, metier in (("Vendeuse en prêt-à-porter H/F", MetierFactory()),
                          ("Comptable H/F", MetierFactory(name="Comptable", name_feminine="Comptable",
                                                          synonyms=[]))):
        OfferFactory(published=True, title=title, metier=metier, commune=carcassonne,
                     contract_type=ContractType.CDI, published_at=now - timedelta(hours=2),
                     description="<p>Une belle entreprise du Carcassonnais.</p>")
    assert send_due_job_alerts(now)["candidates"] == 1
    email = OutgoingEmail.objects.get(to=candidate.email, reason="job_alert")
    assert "Vendeuse en prêt-à-porter H/F" in email.body_text and "Vendeuse en prêt-à-porter H/F" in email.body_html
    assert "Comptable" not in email.body_text and "Vendeur en boulangerie" not in email.body_text
    link = re.search(r"Ne plus recevoir cette alerte : (\S+)", email.body_text).group(1)
    assert link in email.body_html
    unsubscribe = urlsplit(link).path

    page.context.clear_cookies()  # the link works without logging in
    page.goto(live_server.url + unsubscribe)
    page.get_by_text(f"Ne plus recevoir les offres de l'alerte « {alert.label} » ?").wait_for()
    page.get_by_role("button", name="Supprimer l'alerte").click()
    page.get_by_text("est supprimée : vous ne recevrez plus ses e-mails").wait_for()
    assert not JobAlert.objects.filter(candidate=candidate).exists()
