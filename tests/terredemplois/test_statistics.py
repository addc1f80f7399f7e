"""The staff page « Statistiques »: its figures on a known dataset (counts per week, median and 90th
percentile of the decision times), the page for staff only, its query count, its cache."""

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from cvtheque.recruiting.models import CVAlertSent
from moderation.enums import DecisionKind, RejectionReason
from moderation.models import ModerationDecision
from offers.alert_models import JobAlert, JobAlertSent
from terredemplois.statistics import WEEKS, compute_statistics, hours_display, site_statistics
from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.cvtheque.factories import CVFactory, CVSearchFactory
from tests.moderation.factories import ModerationDecisionFactory
from tests.offers.factories import OfferFactory
from toolkit.stats import week_starts, window_start

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 11, 25, 15, 0, tzinfo=PARIS)  # a Wednesday
THIS_WEEK = datetime.date(2026, 11, 23)
LAST_WEEK = datetime.date(2026, 11, 16)
URL = reverse("statistics")


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


def decide(submitted_at, hours_later, decision=DecisionKind.APPROVE, reason="", findings=()):
    return ModerationDecisionFactory(
        submitted_at=submitted_at, decided_at=submitted_at + datetime.timedelta(hours=hours_later),
        decision=decision, reason=reason, findings=[{"code": code, "severity": "bloquant"} for code in findings])


def chart(statistics, key):
    return next(chart for chart in statistics["charts"] if chart["key"] == key)


def weekly(statistics, key, label, week):
    drawing = chart(statistics, key)["drawing"]
    serie = next(serie for serie in drawing["series"] if serie["label"] == label)
    return serie["values"][drawing["labels"].index(week.strftime("%d/%m"))]


@pytest.fixture
def known_dataset():
    # Last week: three decisions after 1 h, 2 h and 10 h (one refusal); this week: one approval after 30 h
    # and one offer still waiting. One decision of 8 months ago is outside the 26 weeks.
    decide(at(LAST_WEEK), 1, findings=["critere_age", "mention_hf_manquante"])
    decide(at(LAST_WEEK + datetime.timedelta(days=1)), 2, findings=["critere_age", "critere_age"])
    decide(at(LAST_WEEK + datetime.timedelta(days=2)), 10, DecisionKind.REJECT, RejectionReason.DISCRIMINATORY,
           findings=["critere_sexe"])
    decide(at(THIS_WEEK), 30)
    decide(at(THIS_WEEK - datetime.timedelta(weeks=35)), 5, DecisionKind.REJECT, RejectionReason.DUPLICATE)
    OfferFactory(pending=True, submitted_at=at(THIS_WEEK + datetime.timedelta(days=1)))
    # CVthèque: two CVs added this week, one last week; two searches last run this week.
    for day in (THIS_WEEK, THIS_WEEK, LAST_WEEK):
        CVFactory(created_at=at(day))
    searches = [CVSearchFactory(last_run_at=at(THIS_WEEK, 10 + n)) for n in range(2)]
    # Alerts: one CV digest of two CVs last week (one e-mail), one job-alert digest this week.
    cvs = [CVFactory(created_at=at(LAST_WEEK - datetime.timedelta(weeks=40))) for _ in range(2)]
    for cv in cvs:
        CVAlertSent.objects.create(search=searches[0], cv=cv, sent_at=at(LAST_WEEK, 7))
    alert = JobAlert.objects.create(candidate=CandidateFactory(), params={"q": "vendeur"}, label="vendeur")
    for offer in OfferFactory.create_batch(2, published=True):
        JobAlertSent.objects.create(alert=alert, offer=offer, sent_at=at(THIS_WEEK, 7))


def test_weeks_are_the_last_26_mondays_in_the_site_time_zone():
    weeks = week_starts(WEEKS, NOW)
    assert len(weeks) == 26 and weeks[-1] == THIS_WEEK and weeks[0] == THIS_WEEK - datetime.timedelta(weeks=25)
    assert all(week.weekday() == 0 for week in weeks)
    assert window_start(WEEKS, NOW) == at(weeks[0], 0)


def test_offers_submitted_approved_and_refused_are_counted_per_week(known_dataset):
    statistics = compute_statistics(NOW)
    assert weekly(statistics, "moderation", "Soumises", LAST_WEEK) == 3
    assert weekly(statistics, "moderation", "Approuvées", LAST_WEEK) == 2
    assert weekly(statistics, "moderation", "Refusées", LAST_WEEK) == 1
    # The approval of this week and the offer still waiting were both submitted this week.
    assert weekly(statistics, "moderation", "Soumises", THIS_WEEK) == 2
    assert weekly(statistics, "moderation", "Approuvées", THIS_WEEK) == 1
    assert weekly(statistics, "moderation", "Refusées", THIS_WEEK) == 0
    assert sum(chart(statistics, "moderation")["drawing"]["series"][0]["values"]) == 5  # not the old one


def test_median_and_90th_percentile_of_the_decision_times(known_dataset):
    statistics = compute_statistics(NOW)
    # 1 h, 2 h, 10 h: the median is 2 h, the 90th percentile 2 + 0.8 × 8 = 8.4 h (interpolated).
    assert weekly(statistics, "decision_time", "Médiane (h)", LAST_WEEK) == 2.0
    assert weekly(statistics, "decision_time", "90e centile (h)", LAST_WEEK) == 8.4
    assert weekly(statistics, "decision_time", "Médiane (h)", THIS_WEEK) == 30.0
    # A week without any decision has nothing to measure (a gap, « — » in the table).
    empty_week = THIS_WEEK - datetime.timedelta(weeks=3)
    assert weekly(statistics, "decision_time", "Médiane (h)", empty_week) is None
    # Over the 26 weeks: 1, 2, 10, 30 h → median 6 h, 90th percentile 10 + 0.7 × 20 = 24 h.
    assert statistics["decisions"] == 4
    assert statistics["median_display"] == "6,0 h" and statistics["p90_display"] == "24,0 h"


def test_refusals_by_reason_and_findings_by_criterion(known_dataset):
    statistics = compute_statistics(NOW)
    assert chart(statistics, "refusals")["rows"] == [("Critère discriminatoire", ["1"])]  # not the old duplicate
    # An offer counts once per code, even with two findings of the same code.
    assert chart(statistics, "findings")["rows"] == [
        ("Âge", ["2"]), ("Sexe, identité de genre", ["1"]), ("Mention H/F manquante", ["1"])]


def test_cvs_added_searches_and_alert_emails_per_week(known_dataset):
    statistics = compute_statistics(NOW)
    assert weekly(statistics, "cvtheque", "CV ajoutés", THIS_WEEK) == 2
    assert weekly(statistics, "cvtheque", "CV ajoutés", LAST_WEEK) == 1
    assert weekly(statistics, "cvtheque", "Recherches de CV", THIS_WEEK) == 2
    # Two CVs in one digest make one e-mail; the same for two offers in one job alert.
    assert weekly(statistics, "alerts", "Alertes CVthèque (recherches favorites)", LAST_WEEK) == 1
    assert weekly(statistics, "alerts", "Alertes CVthèque (recherches favorites)", THIS_WEEK) == 0
    assert weekly(statistics, "alerts", "Alertes emploi (candidats)", THIS_WEEK) == 1


def test_every_weekly_table_has_a_row_per_week():
    statistics = compute_statistics(NOW)
    table = chart(statistics, "moderation")
    assert len(table["rows"]) == 26
    assert table["rows"][-1] == ("semaine du 23/11/2026", ["0", "0", "0"])
    assert chart(statistics, "decision_time")["rows"][-1] == ("semaine du 23/11/2026", ["—", "—"])


def test_hours_display():
    assert hours_display(None) == "—"
    assert hours_display(5400) == "1,5 h"
    assert hours_display(3 * 86400 + 4 * 3600) == "3 j 4 h"


# ----- the page ---------------------------------------------------------------------------------------


def test_staff_see_each_chart_followed_by_its_table(client, known_dataset):
    client.force_login(StaffFactory())
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "vendor/chartjs/chart.umd.min.js" in page and "https://" not in page.split("<body")[0]
    for key in ("moderation", "decision_time", "refusals", "findings", "cvtheque", "alerts"):
        canvas = page.index(f'id="chart-{key}"')
        table = page.index(f'id="chart-{key}-table"')
        assert canvas < table
        assert f'id="chart-{key}-data" type="application/json"' in page
    assert len(re.findall(r'<table class="statistics-table"[^>]*>\s*<caption>[^<]+</caption>', page)) == 6
    assert '<th scope="col">Approuvées</th>' in page
    assert page.count('<th scope="row">semaine du ') == 4 * 26  # the four weekly tables, a row per week
    assert '<th scope="row">Critère discriminatoire</th>' in page


def test_the_chart_library_is_served_from_the_projects_static_files():
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/chartjs/chart.umd.min.js")
    assert finders.find("vendor/chartjs/LICENSE.md")
    assert finders.find("js/statistics.js")


def test_the_admin_index_links_to_the_statistics(client):
    client.force_login(StaffFactory())
    assert URL in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("role", ["anonymous", "candidate", "recruiter"])
def test_people_outside_the_staff_are_sent_to_the_login(client, role):
    user = {"anonymous": None, "candidate": CandidateFactory(), "recruiter": RecruiterFactory()}[role]
    if user:
        client.force_login(user)
    response = client.get(URL, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("admin:login"))
    assert "Décisions de modération" not in response.content.decode()


def test_the_page_takes_a_fixed_number_of_queries_and_is_cached(client, django_assert_num_queries, known_dataset):
    client.force_login(StaffFactory())
    # Session and user (2), then the figures: submissions, decisions per week, decision time over the window,
    # refusals, findings, CVs, searches, CV alerts, job alerts (9).
    with django_assert_num_queries(11):
        assert client.get(URL).status_code == 200
    ModerationDecisionFactory(submitted_at=NOW, decided_at=NOW)
    with django_assert_num_queries(2):  # cached for 10 minutes: no figure is computed again
        assert client.get(URL).status_code == 200


def test_the_figures_are_kept_in_the_cache():
    first = site_statistics()
    ModerationDecisionFactory(submitted_at=timezone.now(), decided_at=timezone.now())
    assert site_statistics()["decisions"] == first["decisions"]
    assert ModerationDecision.objects.count() == 1
