"""The offers' figures for the staff page « Statistiques »: job-alert e-mails sent per week (one query)."""

from __future__ import annotations

import datetime

from toolkit.stats import weekly_digests

from .alert_models import JobAlertSent


def weekly_job_alerts(since: datetime.datetime) -> dict[datetime.date, int]:
    """Alert e-mails: one digest per candidate and sending (its offers share the digest's moment)."""
    return weekly_digests(JobAlertSent.objects.filter(sent_at__gte=since), "alert__candidate_id", "sent_at")
