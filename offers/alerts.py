"""« Alertes emploi »: a candidate's saved « Offres » searches, e-mailed daily or weekly.

A run first lists the offers published since the oldest due alert (one query); each alert then runs
``search_offers`` (the public page's search, no second implementation) on those few ids only, minus the
offers it already sent (``JobAlertSent``): one query per alert, none per offer. Each candidate is handled
in one transaction that records the offers sent, moves ``last_sent_at`` and queues one e-mail: a rerun,
or a task retried after a crash, never sends an offer twice for the same alert."""

import logging
from dataclasses import dataclass, field
from itertools import groupby

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from mailing.services import queue_email

from .alert_models import MAX_ALERTS_PER_CANDIDATE, JobAlert, JobAlertFrequency, JobAlertSent
from .models import Offer
from .search import OfferCriteria, search_offers

logger = logging.getLogger(__name__)

MAX_OFFERS_PER_ALERT = 20
MAX_COUNTED = 1_000
UNSUBSCRIBE_SALT = "offers.job-alert-unsubscribe"
OFFER_TABLE = "offers_offer"


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
    return signing.dumps({"a": alert.pk, "u": alert.candidate_id}, salt=UNSUBSCRIBE_SALT, compress=True)


def alert_from_token(token: str) -> JobAlert | None:
    """The alert a signed unsubscribe link designates, or None (tampered link, alert already deleted)."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return JobAlert.objects.filter(pk=data.get("a"), candidate_id=data.get("u")).first()


def alert_search_url(alert: JobAlert) -> str:
    query = OfferCriteria.from_params(alert.params).querystring()
    return reverse("offers:public_list") + (f"?{query}" if query else "")


# ----- sending ------------------------------------------------------------------------------------

def recent_offer_ids(since) -> list[int]:
    return list(Offer.objects.visible_to_public().filter(published_at__gt=since).values_list("pk", flat=True))


def new_offer_ids_for(alert: JobAlert, recent_ids: list[int]) -> list[int]:
    """The alert's new offers, freshest first (ids, at most ``MAX_COUNTED``): one query."""
    recent = Offer.objects.visible_to_public().alias(
        is_recent=RawSQL(f'"{OFFER_TABLE}"."id" = ANY(%s)', (recent_ids,), output_field=BooleanField())
    ).filter(is_recent=True, published_at__gt=alert.since)
    matches = search_offers(OfferCriteria.from_params(alert.params), recent)
    return list(matches.exclude(pk__in=JobAlertSent.objects.filter(alert=alert).values("offer_id"))
                .order_by("-published_at", "-pk").values_list("pk", flat=True)[:MAX_COUNTED])


def send_alerts_for_candidate(candidate, alerts: list[JobAlert], now, recent_ids: list[int], offers_by_pk) -> int:
    """One transaction, one e-mail for all of the candidate's due alerts: returns the number of offers sent."""
    with transaction.atomic():
        locked = list(JobAlert.objects.due(now).select_for_update(skip_locked=True)
                      .filter(pk__in=[a.pk for a in alerts]).order_by("pk"))
        digests = []
        for alert in locked:
            ids = new_offer_ids_for(alert, recent_ids) if recent_ids else []
            if ids:
                digests.append(AlertDigest(alert=alert, offers=[offers_by_pk[pk] for pk in ids[:MAX_OFFERS_PER_ALERT]],
                                           total=len(ids)))
        sent = [JobAlertSent(alert=d.alert, offer=o, sent_at=now) for d in digests for o in d.offers]
        JobAlertSent.objects.bulk_create(sent, ignore_conflicts=True)
        JobAlert.objects.filter(pk__in=[a.pk for a in locked]).update(last_sent_at=now)
        if digests:
            items = [{"digest": d, "search_url": alert_search_url(d.alert),
                      "unsubscribe_url": reverse("offers:job_alert_unsubscribe", args=[unsubscribe_token(d.alert)])}
                     for d in digests]
            queue_email(candidate.email, "offers/emails/job_alert",
                        {"user": candidate, "items": items, "total": len(sent)},
                        reason="job_alert", dedup_key=f"job-alert-{candidate.pk}-{now:%Y%m%d%H%M%S}")
    return len(sent)


def send_due_job_alerts(now=None) -> dict:
    """Send every due alert. Idempotent. Returns {"alerts", "candidates", "offers"}."""
    now = now or timezone.now()
    due = list(JobAlert.objects.due(now).select_related("candidate").order_by("candidate_id", "pk"))
    if not due:
        return {"alerts": 0, "candidates": 0, "offers": 0}
    recent_ids = recent_offer_ids(min(a.since for a in due))
    offers_by_pk = Offer.objects.for_list().in_bulk(recent_ids) if recent_ids else {}
    candidates = offers = 0
    for _candidate_id, group in groupby(due, key=lambda a: a.candidate_id):
        alerts = list(group)
        count = send_alerts_for_candidate(alerts[0].candidate, alerts, now, recent_ids, offers_by_pk)
        if count:
            candidates += 1
            offers += count
    logger.info("Job alerts: %s due, %s candidates, %s offers", len(due), candidates, offers)
    return {"alerts": len(due), "candidates": candidates, "offers": offers}
