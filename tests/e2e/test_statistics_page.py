import datetime

import pytest
from django.utils import timezone

from moderation.enums import DecisionKind, RejectionReason
from tests.e2e.test_moderation_journey import admin_login
from tests.moderation.factories import ModerationDecisionFactory, ModeratorFactory

pytestmark = pytest.mark.django_db(transaction=True)

CHARTS = ("moderation", "decision_time", "refusals", "findings", "cvtheque", "alerts")


def test_a_moderator_opens_the_statistics_from_the_admin_and_sees_each_chart_drawn(page, live_server, tmp_path):
    now = timezone.now()
    for weeks_ago, hours, decision in ((0, 3, DecisionKind.APPROVE), (1, 30, DecisionKind.REJECT),
                                       (4, 2, DecisionKind.APPROVE)):
        submitted = now - datetime.timedelta(weeks=weeks_ago, hours=hours + 1)
        ModerationDecisionFactory(submitted_at=submitted, decided_at=submitted + datetime.timedelta(hours=hours),
                                  decision=decision,
                                  reason=RejectionReason.DISCRIMINATORY if decision == DecisionKind.REJECT else "",
                                  findings=[{"code": "critere_age", "severity": "bloquant"}])
    moderator = ModeratorFactory(email="statistiques@exemple.fr")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: "Content Security Policy" in message.text and errors.append(message.text))
    page.on("response", lambda response: response.status >= 400 and errors.append(f"{response.status} {response.url}"))

    admin_login(page, live_server.url, moderator.email)
    page.get_by_role("link", name="Statistiques").click()
    page.get_by_role("heading", name="Statistiques", level=1).wait_for()
    page.wait_for_function("typeof Chart !== 'undefined'")
    for key in CHARTS:
        assert page.evaluate(f"Chart.getChart(document.getElementById('chart-{key}')) !== undefined"), key
        assert page.locator(f"#chart-{key}").bounding_box()["height"] > 100
    assert page.get_by_role("table", name="Offres soumises, approuvées et refusées par semaine — données du graphique"
                            ).locator("tbody tr").count() == 26
    assert not errors  # no script blocked by the content security policy, no error drawing
    page.screenshot(path=str(tmp_path / "statistics.png"), full_page=True)
