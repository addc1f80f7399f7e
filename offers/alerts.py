"""« Alertes emploi »: a candidate's saved « Offres » searches, e-mailed daily or weekly.

A run lists the offers published since the oldest due alert (one query), then reads what each distinct
saved search finds among them: ``search_offers`` (the public page's search, no second implementation),
the searches read together in a few UNION ALL queries (``matching_ids_by_search``); e-mails are queued
in bulk (``mailing.services.queue_emails``). Each alert keeps the offers published after its last
e-mail and never sent by it (``JobAlertSent``). Candidates are handled in batches, each in one
transaction that locks their due alerts, records the offers sent, moves ``last_sent_at`` and queues one
e-mail per candidate: a rerun, or a task retried after a crash, never sends an offer twice for the same
alert. No query per offer, per alert or per e-mail."""

import json
import logging
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Value
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join

from mailing.services import queue_emails, render_text
from toolkit.tokens import sign, unsign

from .alert_models import MAX_ALERTS_PER_CANDIDATE, JobAlert, JobAlertFrequency, JobAlertSent
from .models import Offer
from .search import OfferCriteria, params_querystring, search_offers

logger = logging.getLogger(__name__)

MAX_OFFERS_PER_ALERT = 20
MAX_COUNTED = 1_000
UNSUBSCRIBE_SALT = "offers.job-alert-unsubscribe"


class JobAlertError(Exception):
    """An alert that cannot be saved; ``str(exc)`` is a French message."""


@dataclass
class AlertDigest:
    alert: JobAlert
    offers: list = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.offers)

    @property
    def lines_html(self) -> str:
        """The offers' lines rendered once per run (``with_email_lines``), together: one variable per digest
        for the e-mail's template instead of a loop over its offers."""
        return format_html_join("", "{}", ((offer.alert_line_html,) for offer in self.offers))

    @property
    def lines_text(self) -> str:
        return "".join(offer.alert_line_text for offer in self.offers)


# ----- the candidate's alerts -----------------------------------------------------------------

def create_job_alert(candidate, criteria: OfferCriteria, frequency: str = JobAlertFrequency.DAILY) -> JobAlert:
    """Save a search as an alert (at most ``MAX_ALERTS_PER_CANDIDATE``; the same search twice is one alert)."""
    params = criteria.to_params()
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=candidate.pk).first()  # serialises a double click
        existing = JobAlert.objects.of_candidate(candidate).filter(params=params).first()
        if existing is not None:
            return existing
        if JobAlert.objects.of_candidate(candidate).count() >= MAX_ALERTS_PER_CANDIDATE:
            raise JobAlertError(f"Vous avez déjà {MAX_ALERTS_PER_CANDIDATE} alertes emploi : supprimez-en une "
                                "pour en créer une nouvelle.")
        return JobAlert.objects.create(candidate=candidate, params=params, label=criteria.label()[:300],
                                       frequency=frequency)


def unsubscribe_token(alert: JobAlert) -> str:
    return sign({"a": alert.pk, "u": alert.candidate_id}, UNSUBSCRIBE_SALT)


def alert_from_token(token: str) -> JobAlert | None:
    """The alert a signed unsubscribe link designates, or None (tampered link, alert already deleted)."""
    data = unsign(token, UNSUBSCRIBE_SALT)
    return JobAlert.objects.filter(pk=data.get("a"), candidate_id=data.get("u")).first()


def alert_search_url(alert: JobAlert) -> str:
    query = params_querystring(alert.params)
    return reverse("offers:public_list") + (f"?{query}" if query else "")


# ----- sending ------------------------------------------------------------------------------------

CANDIDATES_PER_TRANSACTION = 200


def _recent(since):
    return Offer.objects.visible_to_public().filter(published_at__gt=since)


def recent_offers(since) -> dict:
    """The public offers published since ``since``, by pk (one query per run): the alerts only look at these."""
    return _recent(since).for_list().in_bulk()


SEARCHES_PER_QUERY = 100


def matching_ids_by_search(alerts: list[JobAlert], recent: dict, since) -> dict[str, list[int]]:
    """For each distinct search of the alerts, the ids of the recent offers it finds, freshest first (at most
    ``MAX_COUNTED``). Keys are ``search_key(alert)``.

    ``search_offers`` (the public page's search) builds each distinct search once (many candidates save the
    same one), restricted to the offers published since ``since``; the searches are read together, tagged
    with their number, ``SEARCHES_PER_QUERY`` at a time in one ``UNION ALL`` query: a handful of queries for
    thousands of alerts, none per offer or per alert."""
    numbers, parts, places = {}, [], {}
    for alert in alerts:
        key = search_key(alert)
        if key in numbers:
            continue
        criteria = OfferCriteria.from_params(alert.params, places=places)
        parts.append(search_offers(criteria, _recent(since)).order_by()
                     .annotate(search_no=Value(len(numbers))).values_list("search_no", "pk"))
        numbers[key] = len(numbers)
    by_number = [[] for _ in numbers]
    for start in range(0, len(parts), SEARCHES_PER_QUERY):
        chunk = parts[start:start + SEARCHES_PER_QUERY]
        rows = chunk[0].union(*chunk[1:], all=True).order_by() if len(chunk) > 1 else chunk[0]
        for number, pk in rows:
            if pk in recent:  # an offer published since ``recent`` was read waits for the next run
                by_number[number].append(pk)
    freshest = lambda pk: (recent[pk].published_at, pk)  # noqa: E731
    return {key: sorted(by_number[number], key=freshest, reverse=True)[:MAX_COUNTED]
            for key, number in numbers.items()}


def search_key(alert: JobAlert) -> str:
    return json.dumps(alert.params, sort_keys=True)


def digests_for(alerts: list[JobAlert], found: dict, recent: dict, already_sent: set) -> list[AlertDigest]:
    """Each alert's offers: found by its search, published after its last e-mail, never sent by it."""
    digests = []
    for alert in alerts:
        ids = [pk for pk in found.get(search_key(alert), [])
               if recent[pk].published_at > alert.since and (alert.pk, pk) not in already_sent]
        if ids:
            digests.append(AlertDigest(alert=alert, offers=[recent[pk] for pk in ids[:MAX_OFFERS_PER_ALERT]],
                                       total=len(ids)))
    return digests


def send_alerts_for_candidates(candidate_ids: list[int], now, found: dict, recent: dict) -> tuple[int, int]:
    """One transaction for a batch of candidates, one e-mail per candidate: returns (e-mails, offers sent).
    The due alerts are locked (a concurrent run skips them) and re-read, so a rerun sends nothing twice."""
    with transaction.atomic():
        locked = list(JobAlert.objects.due(now).select_for_update(of=("self",), skip_locked=True)
                      .filter(candidate_id__in=candidate_ids).select_related("candidate")
                      .order_by("candidate_id", "pk"))
        if not locked:
            return 0, 0
        already_sent = set(JobAlertSent.objects.filter(alert__in=locked, offer_id__in=list(recent))
                           .values_list("alert_id", "offer_id"))
        digests = digests_for(locked, found, recent, already_sent)
        sent = [JobAlertSent(alert_id=d.alert.pk, offer_id=o.pk, sent_at=now) for d in digests for o in d.offers]
        JobAlertSent.objects.bulk_create(sent)  # the alerts are locked and their sent offers left out
        JobAlert.objects.filter(pk__in=[a.pk for a in locked]).update(last_sent_at=now)
        emails = queue_emails(_digest_emails(digests, now), reason="job_alert")
    return emails, len(sent)


def with_email_lines(offers) -> None:
    """Each offer's line in the digests (``alert_line_html``, ``alert_line_text``), rendered once per run
    from ``offers/includes/job_alert_offer.*`` however many e-mails list it: most of a run's time is the
    rendering of thousands of e-mails listing the same few hundred offers."""
    for offer in offers:
        offer.alert_url = reverse("offers:public_detail", kwargs={"slug": offer.slug, "pk": offer.pk})
        context = {"offer": offer, "site_url": settings.SITE_URL}
        offer.alert_line_html = render_to_string("offers/includes/job_alert_offer.html", context)
        offer.alert_line_text = render_text("offers/includes/job_alert_offer.txt", context)


def _digest_emails(digests: list[AlertDigest], now):
    """One e-mail per candidate (``queue_emails``'s tuples), the candidate's digests in it."""
    for _candidate_id, group in groupby(digests, key=lambda d: d.alert.candidate_id):
        group = list(group)
        candidate = group[0].alert.candidate
        items = [{"digest": d, "search_url": alert_search_url(d.alert),
                  "unsubscribe_url": reverse("offers:job_alert_unsubscribe", args=[unsubscribe_token(d.alert)])}
                 for d in group]
        yield (candidate.email, "offers/emails/job_alert",
               {"user": candidate, "items": items, "total": sum(len(d.offers) for d in group)},
               f"job-alert-{candidate.pk}-{now:%Y%m%d%H%M%S}")


def send_due_job_alerts(now=None) -> dict:
    """Send every due alert. Idempotent. Returns {"alerts", "candidates", "offers"}: alerts due,
    candidates e-mailed, offers sent."""
    now = now or timezone.now()
    due = list(JobAlert.objects.due(now).order_by("candidate_id", "pk"))
    if not due:
        return {"alerts": 0, "candidates": 0, "offers": 0}
    since = min(a.since for a in due)
    recent = recent_offers(since)
    with_email_lines(recent.values())
    found = matching_ids_by_search(due, recent, since) if recent else {}
    candidate_ids = sorted({a.candidate_id for a in due})
    candidates = offers = 0
    for start in range(0, len(candidate_ids), CANDIDATES_PER_TRANSACTION):
        emails, count = send_alerts_for_candidates(candidate_ids[start:start + CANDIDATES_PER_TRANSACTION], now,
                                                   found, recent)
        candidates += emails
        offers += count
    logger.info("Job alerts: %s due, %s candidates, %s offers", len(due), candidates, offers)
    return {"alerts": len(due), "candidates": candidates, "offers": offers}
