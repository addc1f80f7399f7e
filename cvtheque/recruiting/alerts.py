"""E-mail alerts of favourite CV searches.

For each favourite due, the CVs that became visible or were updated since its last alert and
match it are sent in one digest e-mail per recruiter per run. The run reads the CVs new since the oldest
favourite's last alert once (``recent_cv_ids``, copied in ``search.matching.Candidates``) and matches every
favourite against them only, as ``search_cvs`` would (same CVs, same order: tested); past
``RECENT_IDS_LIMIT`` new CVs, each favourite runs ``search_cvs`` with a date filter. Each recruiter is
handled in one transaction that records the CVs sent (``CVAlertSent``), moves ``last_alert_at`` and queues
the e-mail (sent after commit): a rerun, or a task retried after a crash mid-way, never sends a CV twice for the
same search."""

import contextlib
import logging
from dataclasses import dataclass, field
from itertools import groupby

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cvtheque.cvs.models import CV
from cvtheque.recruiting.models import CVAlertSent, CVSearch
from cvtheque.recruiting.services import search_params, search_querystring
from cvtheque.search.matching import Candidates
from cvtheque.search.queryset import search_cvs
from mailing.services import queue_email
from toolkit.sql import Sql, compose
from toolkit.tokens import sign, unsign

logger = logging.getLogger(__name__)

MAX_CVS_PER_SEARCH = 20
SENT_TABLE = CVAlertSent._meta.db_table
MAX_COUNTED = 1_000  # « 1000 nouveaux CV » at most: the count is a bounded list of ids, not a second query
RECENT_IDS_LIMIT = 20_000
UNSUBSCRIBE_SALT = "cvtheque.alert-unsubscribe"


@dataclass
class SearchDigest:
    search: CVSearch
    cvs: list = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.cvs)


def unsubscribe_token(search: CVSearch) -> str:
    return sign({"s": search.pk, "u": search.user_id}, UNSUBSCRIBE_SALT)


def search_from_token(token: str) -> CVSearch | None:
    """The favourite a signed unsubscribe link designates, or None when the link is tampered with."""
    data = unsign(token, UNSUBSCRIBE_SALT)
    return CVSearch.objects.filter(pk=data.get("s"), user_id=data.get("u")).first()


def recent_cv_ids(since) -> list[int] | None:
    """Ids of the visible CVs that became visible or were updated since ``since`` (one query per run):
    every search then only looks at these few rows instead of the whole CVthèque. None when they
    are too many to be worth it (the date filter alone then applies)."""
    ids = list(CV.objects.visible().filter(Q(visible_since__gt=since) | Q(updated_at__gt=since))
               .values_list("pk", flat=True)[:RECENT_IDS_LIMIT + 1])
    return None if len(ids) > RECENT_IDS_LIMIT else ids


def new_cvs_for(search: CVSearch):
    """Visible CVs matching the search (``search_cvs``), visible or updated since its last alert,
    not sent yet for this search: the whole CVthèque searched (when the new CVs are too many)."""
    since = search.alert_since
    return (
        search_cvs(search_params(search))
        .filter(Q(visible_since__gt=since) | Q(updated_at__gt=since))
        .exclude(pk__in=CVAlertSent.objects.filter(search=search).values("cv_id"))
    )


def _new_and_unsent(search: CVSearch) -> Sql:
    """``new_cvs_for``'s conditions on the candidates' columns."""
    return compose(f"(visible_since > {{since}} OR updated_at > {{since}}) AND cv_id NOT IN"
                   f" (SELECT cv_id FROM {SENT_TABLE} WHERE search_id = {{search}})",
                   since=search.alert_since, search=search.pk)


def digest_for(search: CVSearch, candidates: Candidates | None = None) -> SearchDigest:
    """The search's new CVs, best first: one query of ids among the ``candidates`` (the run's new CVs), or
    over the whole CVthèque without them (the CV rows are fetched once per recruiter by ``fill_digests``)."""
    if candidates is not None:
        ids = candidates.match(search_params(search), extra=_new_and_unsent(search), limit=MAX_COUNTED)
    else:
        ids = list(new_cvs_for(search).values_list("pk", flat=True)[:MAX_COUNTED])
    return SearchDigest(search=search, cvs=ids[:MAX_CVS_PER_SEARCH], total=len(ids))


def fill_digests(digests: list[SearchDigest]) -> None:
    """Replace the digests' CV ids by the CVs (one query for all of a recruiter's searches)."""
    wanted = {pk for d in digests for pk in d.cvs}
    by_pk = CV.objects.visible().select_related("commune").only(
        "pk", "first_name", "last_name", "headline", "commune__name").in_bulk(wanted)
    for cv in by_pk.values():
        cv.alert_url = reverse("cvtheque:cv_detail", args=[cv.pk])
    for digest in digests:
        digest.cvs = [by_pk[pk] for pk in digest.cvs if pk in by_pk]


def send_alerts_for_user(user, searches: list[CVSearch], now, candidates: Candidates | None = None) -> int:
    """One transaction, one digest: returns the number of CVs sent."""
    with transaction.atomic():
        locked = list(
            CVSearch.objects.due_for_alert(now).select_for_update(skip_locked=True)
            .filter(pk__in=[s.pk for s in searches]).order_by("last_run_at")
        )
        digests = [d for d in (digest_for(s, candidates) for s in locked) if d.cvs]
        fill_digests(digests)
        sent = [CVAlertSent(search=d.search, cv=cv, sent_at=now) for d in digests for cv in d.cvs]
        CVAlertSent.objects.bulk_create(sent, ignore_conflicts=True)
        CVSearch.objects.filter(pk__in=[s.pk for s in locked]).update(last_alert_at=now)
        if digests:
            items = [{
                "digest": d,
                "search_url": f"{reverse('cvtheque:search')}?{search_querystring(d.search)}",
                "unsubscribe_url": reverse("cvtheque:alert_unsubscribe", args=[unsubscribe_token(d.search)]),
            } for d in digests]
            queue_email(
                user.email, "cvtheque/emails/cv_alert", {"user": user, "items": items, "total": len(sent)},
                reason="cv_alert", dedup_key=f"cv-alert-{user.pk}-{now:%Y%m%d%H%M%S}",
            )
    return len(sent)


def send_due_alerts(now=None) -> dict:
    """Send every due favourite's alert. Idempotent: returns {"recruiters", "searches", "cvs"} sent."""
    now = now or timezone.now()
    due = list(CVSearch.objects.due_for_alert(now).select_related("user").order_by("user_id", "pk"))
    recent_ids = recent_cv_ids(min(s.alert_since for s in due)) if due else None
    recruiters = cvs = 0
    with Candidates(recent_ids) if recent_ids is not None else contextlib.nullcontext() as candidates:
        for _user_id, group in groupby(due, key=lambda s: s.user_id):
            searches = list(group)
            count = send_alerts_for_user(searches[0].user, searches, now, candidates)
            if count:
                recruiters += 1
                cvs += count
    logger.info("CV alerts: %s favourites due, %s recruiters, %s CVs", len(due), recruiters, cvs)
    return {"searches": len(due), "recruiters": recruiters, "cvs": cvs}
