"""The CVthèque's figures for the staff page « Statistiques »: CVs added, recruiters' CV searches and
favourite-search alerts e-mailed, per week. Each function is one aggregate query over the window."""

from __future__ import annotations

import datetime

from django.db.models import Count

from toolkit.stats import by_week, week_of, weekly_digests

from .cvs.models import CV
from .recruiting.models import CVAlertSent, CVSearch


def weekly_cvs_added(since: datetime.datetime) -> dict[datetime.date, int]:
    rows = (CV.objects.filter(created_at__gte=since).annotate(week=week_of("created_at")).values("week")
            .annotate(count=Count("pk")).order_by())
    return by_week(rows)


def weekly_cv_searches(since: datetime.datetime) -> dict[datetime.date, int]:
    """A recruiter's search is kept once (run again, it moves up the history): searches counted by the week
    they were last run."""
    rows = (CVSearch.objects.filter(last_run_at__gte=since).annotate(week=week_of("last_run_at")).values("week")
            .annotate(count=Count("pk")).order_by())
    return by_week(rows)


def weekly_cv_alerts(since: datetime.datetime) -> dict[datetime.date, int]:
    """Alert e-mails: one digest per recruiter and sending (its CVs share the digest's moment)."""
    return weekly_digests(CVAlertSent.objects.filter(sent_at__gte=since), "search__user_id", "sent_at")
