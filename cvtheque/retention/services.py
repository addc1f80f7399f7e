"""Retention (CNIL recruitment guide, 2023): personal data is kept no longer than the law allows.

- A candidate's CV not updated for 24 months is hidden from the CVthèque; its owner is warned 30 days
  before by e-mail with a signed one-click « Je reste visible » link (which counts as an update).
- Imported and spouse-referral CVs are deleted 24 months after their last update.
- Applications are deleted 24 months after their offer's end (expiry or removal); how many there were,
  per company and month, stays for the statistics (``offers.ErasedApplicationCount``, no person in it).
- An account without login for 3 years is warned, then deleted 30 days later with everything it owns
  (``accounts.services.delete_account``: CV, document, applications, alerts…).

It lives in the CVthèque because it is the app that sees all three: CVs, offers' applications (offers is
below it) and accounts (below too); accounts could not do it (it may not import the apps above it).

``plan_retention(now)`` finds what is due with a fixed number of queries whatever the number of rows;
``apply_retention(now)`` does it, with a fixed number of queries too for the CVs and the applications
(warnings queued in bulk, one UPDATE to hide, set-based deletes with ``toolkit.setdelete.delete_set``:
one statement per table, the documents removed from disk after commit; the models' delete receivers only
remove these files, which its tests pin). Accounts are deleted one by one through
``accounts.services.delete_account`` (the apps above settle what they keep): a few a day.
Idempotent: every step selects only what is still due (a CV already hidden, a warning already sent for
the same reference, a deleted row are not selected again)."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone

from accounts.services import delete_account
from cvtheque.cvs.enums import CVSource
from cvtheque.cvs.models import CV
from mailing.services import queue_emails
from offers.models import Application, ErasedApplicationCount
from toolkit.setdelete import delete_set
from toolkit.tokens import sign, unsign

from .models import RetentionNotice, RetentionNoticeKind

logger = logging.getLogger(__name__)

CV_VISIBLE_DAYS = 730  # 24 months
OTHER_CV_DAYS = 730
APPLICATION_DAYS = 730  # after the offer's end
ACCOUNT_DAYS = 3 * 365
WARNING_DAYS = 30
STAY_VISIBLE_SALT = "cvtheque.retention-stay-visible"
SAMPLE = 20  # ids printed by --dry-run per step


@dataclass
class RetentionPlan:
    cvs_to_warn: list = field(default_factory=list)  # CV rows (id, owner, updated_at)
    cvs_to_hide: list[int] = field(default_factory=list)
    cvs_to_delete: list[int] = field(default_factory=list)
    applications_to_delete: int = 0
    accounts_to_warn: list = field(default_factory=list)  # users
    accounts_to_delete: list = field(default_factory=list)  # users

    def lines(self) -> list[str]:
        def ids(values):
            values = list(values)
            shown = ", ".join(str(v) for v in values[:SAMPLE])
            return f" ({shown}{', …' if len(values) > SAMPLE else ''})" if values else ""
        return [
            f"CV à prévenir (masqués dans 30 jours) : {len(self.cvs_to_warn)}{ids(cv.pk for cv in self.cvs_to_warn)}",
            f"CV à masquer (non mis à jour depuis 24 mois) : {len(self.cvs_to_hide)}{ids(self.cvs_to_hide)}",
            f"CV importés ou de conjoints à supprimer : {len(self.cvs_to_delete)}{ids(self.cvs_to_delete)}",
            f"Candidatures à supprimer (offre terminée depuis 24 mois) : {self.applications_to_delete}",
            f"Comptes à prévenir (sans connexion depuis 3 ans) : {len(self.accounts_to_warn)}"
            f"{ids(u.pk for u in self.accounts_to_warn)}",
            f"Comptes à supprimer : {len(self.accounts_to_delete)}{ids(u.pk for u in self.accounts_to_delete)}",
        ]


def _candidate_cvs_due():
    return CV.objects.filter(source=CVSource.CANDIDATE, is_visible=True, owner__isnull=False)


def other_cvs_due(now):
    """Imported and spouse-referral CVs not updated for 24 months."""
    return CV.objects.filter(source__in=[CVSource.IMPORT, CVSource.SPOUSE],
                             updated_at__lte=now - timedelta(days=OTHER_CV_DAYS))


def expired_applications(now):
    """Applications whose offer ended (expired or removed) more than 24 months ago."""
    return Application.objects.alias(
        offer_end=Coalesce("offer__expired_at", "offer__deleted_at"),
    ).filter(offer_end__lte=now - timedelta(days=APPLICATION_DAYS))


def _inactive_accounts(days: int, now):
    last_seen = Coalesce("last_login", "date_joined")
    return (get_user_model().objects.filter(is_active=True, is_staff=False, is_superuser=False)
            .alias(last_seen=last_seen).filter(last_seen__lte=now - timedelta(days=days)))


def plan_retention(now=None) -> RetentionPlan:
    now = now or timezone.now()
    plan = RetentionPlan()
    cvs = _candidate_cvs_due()
    hide_limit = now - timedelta(days=CV_VISIBLE_DAYS)
    warn_limit = hide_limit + timedelta(days=WARNING_DAYS)
    cvs_old = cvs.filter(updated_at__lte=warn_limit)
    notices = {(n.user_id, n.reference): n.sent_at for n in RetentionNotice.objects.filter(
        kind=RetentionNoticeKind.CV_HIDING, user_id__in=cvs_old.values("owner_id"))}
    for cv in cvs_old.select_related("owner").only("pk", "updated_at", "headline", "owner__email",
                                                    "owner__first_name"):
        sent_at = notices.get((cv.owner_id, cv.updated_at))
        if sent_at is None:
            plan.cvs_to_warn.append(cv)
        elif cv.updated_at <= hide_limit and sent_at <= now - timedelta(days=WARNING_DAYS):
            plan.cvs_to_hide.append(cv.pk)
    plan.cvs_to_delete = list(other_cvs_due(now).values_list("pk", flat=True))
    plan.applications_to_delete = expired_applications(now).count()
    accounts = list(_inactive_accounts(ACCOUNT_DAYS - WARNING_DAYS, now)
                    .annotate(seen=Coalesce("last_login", "date_joined")).only("pk", "email", "first_name"))
    account_notices = {(n.user_id, n.reference): n.sent_at for n in RetentionNotice.objects.filter(
        kind=RetentionNoticeKind.ACCOUNT_DELETION, user_id__in=[u.pk for u in accounts])}
    delete_limit = now - timedelta(days=ACCOUNT_DAYS)
    for user in accounts:
        sent_at = account_notices.get((user.pk, user.seen))
        if sent_at is None:
            plan.accounts_to_warn.append(user)
        elif user.seen <= delete_limit and sent_at <= now - timedelta(days=WARNING_DAYS):
            plan.accounts_to_delete.append(user)
    return plan


def stay_visible_token(cv: CV) -> str:
    return sign({"cv": cv.pk, "u": cv.owner_id}, STAY_VISIBLE_SALT)


def cv_from_stay_visible_token(token: str, max_age_days: int = 60) -> CV | None:
    data = unsign(token, STAY_VISIBLE_SALT, max_age=timedelta(days=max_age_days))
    return CV.objects.filter(pk=data.get("cv"), owner_id=data.get("u")).first()


def stay_visible(cv: CV) -> None:
    """« Je reste visible »: the CV counts as updated today (the 24 months start again)."""
    cv.save(update_fields=["updated_at"])


def _erase_applications(now) -> int:
    """Delete the applications due, adding how many there were per company and month to the anonymous
    counts: a fixed number of queries whatever their number."""
    due = expired_applications(now)
    counts = {(c["offer__company_id"], c["month"].date()): c["n"] for c in
              due.annotate(month=TruncMonth("created_at")).values("offer__company_id", "month")
              .annotate(n=Count("pk")).order_by()}
    if not counts:
        return 0
    for row in ErasedApplicationCount.objects.filter(
            company_id__in={company for company, _month in counts}, month__in={month for _c, month in counts}):
        if (row.company_id, row.month) in counts:
            counts[row.company_id, row.month] += row.count
    ErasedApplicationCount.objects.bulk_create(
        [ErasedApplicationCount(company_id=company, month=month, count=n) for (company, month), n in counts.items()],
        update_conflicts=True, unique_fields=["company", "month"], update_fields=["count"],
    )
    return delete_set(due)


def _warn_cvs(cvs, now) -> int:
    """One e-mail per CV and one notice row, in bulk (a fixed number of queries)."""
    if not cvs:
        return 0
    queue_emails(((cv.owner.email, "cvtheque/emails/cv_retention_warning", {
        "user": cv.owner, "cv": cv, "hidden_on": cv.updated_at + timedelta(days=CV_VISIBLE_DAYS),
        "stay_visible_url": reverse("cvtheque:stay_visible", args=[stay_visible_token(cv)]),
    }, f"cv-retention-{cv.pk}-{cv.updated_at:%Y%m%d%H%M%S}") for cv in cvs), reason="cv_retention_warning")
    RetentionNotice.objects.bulk_create([
        RetentionNotice(user_id=cv.owner_id, kind=RetentionNoticeKind.CV_HIDING, reference=cv.updated_at, sent_at=now)
        for cv in cvs], ignore_conflicts=True)
    return len(cvs)


def _warn_accounts(users, now) -> int:
    if not users:
        return 0
    queue_emails(((user.email, "cvtheque/emails/account_retention_warning", {
        "user": user, "deleted_on": max(user.seen + timedelta(days=ACCOUNT_DAYS), now + timedelta(days=WARNING_DAYS)),
    }, f"account-retention-{user.pk}-{user.seen:%Y%m%d%H%M%S}") for user in users), reason="account_retention_warning")
    RetentionNotice.objects.bulk_create([
        RetentionNotice(user_id=user.pk, kind=RetentionNoticeKind.ACCOUNT_DELETION, reference=user.seen, sent_at=now)
        for user in users], ignore_conflicts=True)
    return len(users)


def apply_retention(now=None) -> dict:
    """Do what ``plan_retention`` finds due; returns the counts of each step. Idempotent."""
    now = now or timezone.now()
    plan = plan_retention(now)
    with transaction.atomic():
        done = {
            "cvs_warned": _warn_cvs(plan.cvs_to_warn, now),
            "cvs_hidden": CV.objects.filter(pk__in=plan.cvs_to_hide, is_visible=True).update(
                is_visible=False, visible_since=None),
            "cvs_deleted": delete_set(other_cvs_due(now)) if plan.cvs_to_delete else 0,
            "applications_deleted": _erase_applications(now),
            "accounts_warned": _warn_accounts(plan.accounts_to_warn, now),
        }
    deleted = 0
    for user in plan.accounts_to_delete:  # one transaction each (``delete_account``), rare
        delete_account(user)
        deleted += 1
    done["accounts_deleted"] = deleted
    logger.info("Retention: %s", done)
    return done
