"""« Alertes emploi »: a saved « Offres » search e-mailed daily or weekly with only new matching offers,
never the same offer twice, a signed unsubscribe link without login, at most 10 per candidate."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from offers.alert_models import JobAlert, JobAlertFrequency, JobAlertSent
from offers.alerts import MAX_OFFERS_PER_ALERT, create_job_alert, send_due_job_alerts, unsubscribe_token
from offers.enums import ContractType
from offers.search import OfferCriteria
from offers.tasks import send_job_alerts
from referentials.query import metier_forms_index
from referentials.services import place_from_key
from terredemplois.celery import collect_beat_schedule
from tests.accounts.factories import CandidateFactory, RecruiterFactory
from tests.conftest import committed

from .factories import OfferFactory

pytestmark = pytest.mark.django_db

CREATED = "2026-11-20 08:00"
NEW = datetime.datetime(2026, 11, 20, 15, 0, tzinfo=datetime.UTC)
RUN = "2026-11-21 07:15"


def published_at(when, **kwargs):
    kwargs.setdefault("expires_at", when + datetime.timedelta(days=60))
    return OfferFactory(published=True, published_at=when, **kwargs)


def alert(params=None, **kwargs):
    with time_machine.travel(CREATED, tick=False):
        candidate = kwargs.pop("candidate", None) or CandidateFactory()
        return JobAlert.objects.create(candidate=candidate, params=params or {"q": "boulangerie"},
                                       label="« boulangerie »", **kwargs)


def run(at=RUN):
    with time_machine.travel(at, tick=False), committed():
        return send_due_job_alerts()


def test_only_new_matching_offers_are_sent_once():
    published_at(NEW - datetime.timedelta(days=3), title="Ancienne offre boulangerie")
    job_alert = alert({"q": "boulangerie", "contrat": [ContractType.CDI]})
    published_at(NEW, title="Vendeur en boulangerie nouvelle")
    published_at(NEW, title="Vendeur en boulangerie en CDD", contract_type=ContractType.CDD)
    published_at(NEW, title="Soudeur TIG")
    OfferFactory(pending=True, title="Boulangerie en attente")
    assert run() == {"alerts": 1, "candidates": 1, "offers": 1}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [job_alert.candidate.email]
    assert "boulangerie nouvelle" in message.body
    assert "Ancienne" not in message.body and "CDD" not in message.body and "Soudeur" not in message.body
    assert "attente" not in message.body
    html = message.alternatives[0][0]
    assert "boulangerie nouvelle" in html
    assert JobAlertSent.objects.filter(alert=job_alert).count() == 1
    assert run() == {"alerts": 0, "candidates": 0, "offers": 0}
    assert run("2026-11-22 07:15") == {"alerts": 1, "candidates": 0, "offers": 0}
    assert len(mail.outbox) == 1


def test_an_offer_already_sent_is_never_sent_again_even_if_republished_later():
    job_alert = alert()
    offer = published_at(NEW, title="Boulangerie artisanale")
    run()
    offer.published_at = datetime.datetime(2026, 11, 21, 12, 0, tzinfo=datetime.UTC)
    offer.save(update_fields=["published_at"])
    assert run("2026-11-22 07:15")["offers"] == 0
    assert JobAlertSent.objects.filter(alert=job_alert, offer=offer).count() == 1


def test_weekly_alert_waits_a_week():
    alert(frequency=JobAlertFrequency.WEEKLY)
    published_at(NEW, title="Boulangerie de la place")
    assert run()["offers"] == 1
    published_at(datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC), title="Boulangerie du port")
    assert run("2026-11-23 07:15")["alerts"] == 0
    assert run("2026-11-28 07:15")["offers"] == 1


def test_at_most_twenty_offers_per_mail_with_a_link_to_all():
    alert()
    for n in range(MAX_OFFERS_PER_ALERT + 3):
        published_at(NEW + datetime.timedelta(minutes=n), title=f"Boulangerie numéro {n}")
    assert run()["offers"] == MAX_OFFERS_PER_ALERT
    body = mail.outbox[0].body
    assert body.count("/offres/boulangerie-numero-") == MAX_OFFERS_PER_ALERT
    assert "Et 3 autres." in body
    assert "/offres/?q=boulangerie" in body
    assert "numéro 22" in body and "numéro 0," not in body  # freshest first


def test_one_mail_per_candidate_and_one_query_per_alert_not_per_offer():
    candidate = CandidateFactory()
    alert({"q": "boulangerie"}, candidate=candidate)
    alert({"q": "soudeur"}, candidate=candidate)
    for n in range(5):
        published_at(NEW, title=f"Boulangerie {n}")
        published_at(NEW, title=f"Soudeur {n}")
    metier_forms_index()  # the query language's métier index: read once per process, not once per run
    with CaptureQueriesContext(connection) as few:
        run()
    assert len(mail.outbox) == 1
    for n in range(15):
        published_at(NEW + datetime.timedelta(days=1), title=f"Boulangerie plus {n}")
        published_at(NEW + datetime.timedelta(days=1), title=f"Soudeur plus {n}")
    with CaptureQueriesContext(connection) as many:
        assert run("2026-11-22 07:15")["offers"] == 30
    assert len(many) == len(few)


def test_place_and_radius_use_the_public_search():
    place = place_from_key("commune:11069")  # Carcassonne
    criteria = OfferCriteria(place=place, radius_km=20)
    job_alert = alert(criteria.to_params())
    pezens = OfferFactory.build().commune.__class__.objects.get(insee="11279")  # Pezens, about 10 km away
    narbonne = OfferFactory.build().commune.__class__.objects.get(insee="11262")
    published_at(NEW, title="Près de Carcassonne", commune=pezens)
    published_at(NEW, title="À Narbonne", commune=narbonne)
    run()
    body = mail.outbox[0].body
    assert "Près de Carcassonne" in body and "Narbonne" not in body
    assert JobAlertSent.objects.filter(alert=job_alert).count() == 1


def test_the_daily_task_is_scheduled_and_runs():
    assert "offers.tasks.send_job_alerts" in {e["task"] for e in collect_beat_schedule().values()}
    assert send_job_alerts.delay().get() == {"alerts": 0, "candidates": 0, "offers": 0}


# ----- pages ---------------------------------------------------------------------------------------

def test_create_an_alert_from_the_public_search(client):
    candidate = CandidateFactory()
    client.force_login(candidate)
    listing = client.get(reverse("offers:public_list"), {"q": "vendeur", "contrat": "cdi"})
    link = re.search(r'href="([^"]*alertes-emploi/nouvelle/[^"]*)"', listing.content.decode()).group(1)
    page = client.get(link.replace("&amp;", "&"))
    assert "« vendeur » — CDI" in page.content.decode()
    response = client.post(link.replace("&amp;", "&"), {"frequency": "weekly"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("offers:job_alerts")
    job_alert = JobAlert.objects.get(candidate=candidate)
    assert job_alert.params == {"q": "vendeur", "contrat": ["cdi"]}
    assert job_alert.frequency == JobAlertFrequency.WEEKLY
    assert "« vendeur » — CDI" in response.content.decode()


def test_an_anonymous_visitor_logs_in_and_comes_back_to_the_alert_form(client):
    url = reverse("offers:job_alert_create") + "?q=vendeur"
    response = client.get(url)
    assert response.status_code == 302 and "next=" in response["Location"]
    candidate = CandidateFactory()
    client.force_login(candidate)
    assert "« vendeur »" in client.get(url).content.decode()


def test_at_most_ten_alerts_per_candidate(client):
    candidate = CandidateFactory()
    for n in range(10):
        create_job_alert(candidate, OfferCriteria(q=f"métier {n}"))
    create_job_alert(candidate, OfferCriteria(q="métier 3"))  # the same search again: the same alert
    client.force_login(candidate)
    response = client.post(reverse("offers:job_alert_create") + "?q=autre", {"frequency": "daily"}, follow=True)
    assert "Vous avez déjà 10 alertes emploi" in response.content.decode()
    assert JobAlert.objects.filter(candidate=candidate).count() == 10


def test_change_frequency_and_delete_only_ones_own_alerts(client):
    mine = alert()
    other = alert()
    client.force_login(mine.candidate)
    page = client.get(reverse("offers:job_alerts"))
    assert "« boulangerie »" in page.content.decode()
    client.post(reverse("offers:job_alert_frequency", args=[mine.pk]), {"frequency": "weekly"})
    mine.refresh_from_db()
    assert mine.frequency == JobAlertFrequency.WEEKLY
    assert client.post(reverse("offers:job_alert_delete", args=[other.pk])).status_code == 404
    assert client.post(reverse("offers:job_alert_frequency", args=[other.pk]),
                       {"frequency": "weekly"}).status_code == 404
    client.post(reverse("offers:job_alert_delete", args=[mine.pk]))
    assert list(JobAlert.objects.all()) == [other]


def test_unsubscribe_link_works_without_login_and_only_on_post(client):
    job_alert = alert()
    url = reverse("offers:job_alert_unsubscribe", args=[unsubscribe_token(job_alert)])
    assert "Supprimer l'alerte" in client.get(url).content.decode()
    assert JobAlert.objects.filter(pk=job_alert.pk).exists()
    assert "est supprimée" in client.post(url).content.decode()
    assert not JobAlert.objects.filter(pk=job_alert.pk).exists()
    tampered = reverse("offers:job_alert_unsubscribe", args=[unsubscribe_token(alert())[:-2] + "xx"])
    assert client.post(tampered).status_code == 400
    assert JobAlert.objects.count() == 1


def test_the_mail_links_to_the_unsubscribe_page(client):
    alert()
    published_at(NEW, title="Boulangerie du centre")
    run()
    link = re.search(r"(/alertes-emploi/desinscription/[^/\s]+/)", mail.outbox[0].body).group(1)
    client.post(link)
    assert JobAlert.objects.count() == 0


@pytest.mark.parametrize("who, expected", [
    ("anonymous", "/compte/login/"), ("candidate", 200), ("other_candidate", 200),
    ("recruiter", 403), ("staff", 403),
])
def test_role_matrix_of_my_job_alerts(client, who, expected):
    from tests.accounts.factories import StaffFactory

    owner_alert = alert()
    users = {"candidate": owner_alert.candidate, "other_candidate": CandidateFactory(),
             "recruiter": RecruiterFactory(), "staff": StaffFactory()}
    if who != "anonymous":
        client.force_login(users[who])
    response = client.get(reverse("offers:job_alerts"), follow=True)
    if expected == 403:  # the page saying it is for candidates, no redirect
        assert not response.redirect_chain and response.status_code == 403
        assert "Cette page est réservée aux candidats" in response.content.decode()
    elif expected != 200:
        assert response.redirect_chain and response.redirect_chain[-1][0].startswith(expected)
        assert response.status_code == 200
    else:
        assert response.status_code == 200
        shown = "« boulangerie »" in response.content.decode()
        assert shown == (who == "candidate")


def test_demo_gives_the_demo_candidate_two_alerts_once():
    import io

    from accounts import demo as accounts_demo
    from offers import alert_demo

    out = io.StringIO()
    accounts_demo.load(out)
    alert_demo.load(out)
    alert_demo.load(out)
    alerts = JobAlert.objects.filter(candidate__email="candidat@demo.terredemplois.fr")
    assert alerts.count() == 2
    assert {a.frequency for a in alerts} == {JobAlertFrequency.DAILY, JobAlertFrequency.WEEKLY}
    assert all(a.params.get("ou") for a in alerts)


def test_my_job_alerts_query_count_does_not_grow(client, django_assert_max_num_queries):
    candidate = CandidateFactory()
    client.force_login(candidate)
    create_job_alert(candidate, OfferCriteria(q="vendeur"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("offers:job_alerts"))
    for n in range(9):
        create_job_alert(candidate, OfferCriteria(q=f"métier {n}", place=place_from_key("departement:11")))
    with django_assert_max_num_queries(len(one)):
        response = client.get(reverse("offers:job_alerts"))
    assert response.content.decode().count("Modifier la fréquence") == 10
