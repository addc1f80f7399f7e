"""The staff page « Statistiques »: the figures of moderation, offers and CVthèque over the last 26 weeks, in
a few aggregate queries (one per series), kept 10 minutes in the cache.

``site_statistics()`` returns the charts ready for the template: each chart has its title, its kind, its
labels and series (what Chart.js draws) and the rows of the table that follows it for screen readers."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.utils import timezone

from cvtheque.statistics import weekly_cv_alerts, weekly_cv_searches, weekly_cvs_added
from moderation.statistics import (
    decision_time,
    findings_by_criterion,
    refusals_by_reason,
    weekly_decisions,
    weekly_submissions,
)
from offers.statistics import weekly_job_alerts
from toolkit.stats import week_starts, window_start

WEEKS = 26
CACHE_KEY = "terredemplois:statistics:v1"
CACHE_SECONDS = 600


def hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 1)


def hours_display(seconds: float | None) -> str:
    """« 3,5 h », « 2 j 4 h », « — » without any value."""
    if seconds is None:
        return "—"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h".replace(".", ",")
    days, rest = divmod(round(seconds / 3600), 24)
    return f"{days} j {rest} h" if rest else f"{days} j"


def _week_label(monday: datetime.date) -> str:
    return monday.strftime("%d/%m")


def _chart(key, title, kind, unit, labels, series, headers, rows) -> dict:
    return {"key": key, "title": title, "kind": kind, "data_id": f"chart-{key}-data", "headers": headers,
            "rows": rows, "drawing": {"kind": kind, "unit": unit, "labels": labels, "series": series}}


def _weekly_chart(key, title, weeks, series, kind="bar", unit=""):
    """``series``: (label, {Monday: value}); missing weeks count 0 (None for a time: nothing to measure)."""
    missing = None if unit == "h" else 0
    values = [[data.get(week, missing) for week in weeks] for _label, data in series]
    return _chart(
        key, title, kind, unit, [_week_label(week) for week in weeks],
        [{"label": label, "values": column} for (label, _data), column in zip(series, values, strict=True)],
        [label for label, _data in series],
        [(f"semaine du {week.strftime('%d/%m/%Y')}",
          [("—" if value is None else str(value).replace(".", ",")) for value in row])
         for week, row in zip(weeks, zip(*values, strict=True), strict=True)])


def _category_chart(key, title, header, pairs):
    return _chart(key, title, "hbar", "", [label for label, _count in pairs],
                  [{"label": header, "values": [count for _label, count in pairs]}], [header],
                  [(label, [str(count)]) for label, count in pairs])


def compute_statistics(now: datetime.datetime | None = None) -> dict:
    """Every figure of the page, from the database (9 queries)."""
    now = now or timezone.now()
    weeks = week_starts(WEEKS, now)
    since = window_start(WEEKS, now)
    decisions = weekly_decisions(since)
    overall = decision_time(since)
    charts = [
        _weekly_chart("moderation", "Offres soumises, approuvées et refusées par semaine", weeks, [
            ("Soumises", weekly_submissions(since)),
            ("Approuvées", {week: row["approved"] for week, row in decisions.items()}),
            ("Refusées", {week: row["refused"] for week, row in decisions.items()}),
        ]),
        _weekly_chart("decision_time", "Délai de décision par semaine (heures)", weeks, [
            ("Médiane (h)", {week: hours(row["median"]) for week, row in decisions.items()}),
            ("90e centile (h)", {week: hours(row["p90"]) for week, row in decisions.items()}),
        ], kind="line", unit="h"),
        _category_chart("refusals", "Refus par motif (26 semaines)", "Refus", refusals_by_reason(since)),
        _category_chart("findings", "Signalements du contrôle automatique par critère (offres décidées, 26 semaines)",
                        "Offres", findings_by_criterion(since)),
        _weekly_chart("cvtheque", "CV ajoutés et recherches de CV par semaine", weeks, [
            ("CV ajoutés", weekly_cvs_added(since)),
            ("Recherches de CV", weekly_cv_searches(since)),
        ]),
        _weekly_chart("alerts", "Alertes envoyées par semaine (e-mails)", weeks, [
            ("Alertes CVthèque (recherches favorites)", weekly_cv_alerts(since)),
            ("Alertes emploi (candidats)", weekly_job_alerts(since)),
        ]),
    ]
    return {
        "charts": charts,
        "since": weeks[0],
        "computed_at": now,
        "decisions": overall["decisions"],
        "median_display": hours_display(overall["median"]),
        "p90_display": hours_display(overall["p90"]),
    }


def site_statistics() -> dict:
    """The figures, computed at most once every 10 minutes (the project's cache)."""
    return cache.get_or_set(CACHE_KEY, compute_statistics, CACHE_SECONDS)
