"""Aggregates for weekly statistics, shared by the apps that report figures (moderation, offers, cvtheque):
weeks in the site's time zone, PostgreSQL's ``percentile_cont``, and a duration in seconds."""

from __future__ import annotations

import datetime

from django.db.models import Aggregate, CharField, Count, F, FloatField, Func, Value
from django.db.models.functions import Cast, Concat, TruncWeek
from django.utils import timezone


class PercentileCont(Aggregate):
    """``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)``: the continuous percentile (the median
    for 0.5), interpolated between the two nearest values as PostgreSQL computes it."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    output_field = FloatField()
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False

    def __init__(self, expression, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


class Seconds(Func):
    """The number of seconds of an interval (``EXTRACT(EPOCH FROM …)``)."""

    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = FloatField()


def elapsed_seconds(start: str, end: str) -> Seconds:
    return Seconds(F(end) - F(start))


def week_of(field: str) -> TruncWeek:
    """The Monday 00:00 (site time zone) that begins the week of ``field``."""
    return TruncWeek(field, tzinfo=timezone.get_current_timezone())


def week_starts(weeks: int, now: datetime.datetime | None = None) -> list[datetime.date]:
    """The Mondays of the last ``weeks`` weeks, the current one last."""
    today = timezone.localdate(now or timezone.now())
    monday = today - datetime.timedelta(days=today.weekday())
    return [monday - datetime.timedelta(weeks=weeks - 1 - index) for index in range(weeks)]


def window_start(weeks: int, now: datetime.datetime | None = None) -> datetime.datetime:
    """The aware moment the first of the last ``weeks`` weeks begins."""
    first = week_starts(weeks, now)[0]
    return timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))


def by_week(rows, value: str = "count") -> dict[datetime.date, float]:
    """``{Monday: value}`` from rows of ``{"week": aware datetime, value: …}``."""
    return {timezone.localdate(row["week"]): row[value] for row in rows}


def weekly_digests(sent, recipient: str, moment: str) -> dict[datetime.date, int]:
    """E-mails per week, from the rows of what each e-mail carried (``sent``: one row per item, the items of one
    e-mail share its recipient and its moment): distinct (recipient, moment) pairs, counted by week."""
    rows = (sent.annotate(week=week_of(moment)).values("week")
            .annotate(count=Count(Concat(Cast(recipient, CharField()), Value(" "), Cast(moment, CharField())),
                                  distinct=True))
            .order_by())
    return by_week(rows)
