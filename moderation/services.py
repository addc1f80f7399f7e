"""Moderation actions: the only way the admin approves or refuses an offer, records the decision
and e-mails the recruiter (after commit). Findings are stored here too."""

import datetime
import statistics

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mailing.services import queue_email
from offers.enums import OfferStatus
from offers.models import InvalidTransition, Offer
from offers.services import approve_offer

from .checker import check_offer, count_by_severity
from .enums import DecisionKind, RejectionReason, Severity
from .models import MODERATE_PERMISSION, ModerationDecision, OfferFindings, OfferToModerate

ALREADY_DECIDED = "Cette offre a déjà été traitée"
MEDIAN_WINDOW_DAYS = 30


class AlreadyDecided(InvalidTransition):
    """Another moderator (or the recruiter) changed the offer first."""


class ModerationError(InvalidTransition):
    """A decision that cannot be taken as asked (French message)."""


def can_moderate(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff
                and (user.is_superuser or user.has_perm(MODERATE_PERMISSION)))


def _check_moderator(user) -> None:
    if not can_moderate(user):
        raise PermissionDenied("Seuls les modérateurs peuvent approuver ou refuser une offre.")


# ----- findings ---------------------------------------------------------------------------------

def findings_for(offer: Offer) -> list[dict]:
    return [finding.as_dict() for finding in check_offer(offer.title, offer.description)]


def refresh_findings(offer: Offer) -> OfferFindings:
    """Check the offer's current wording and store the result (one upsert query)."""
    findings = findings_for(offer)
    counts = count_by_severity(findings)
    row = OfferFindings(offer_id=offer.pk, findings=findings, blocking_count=counts[Severity.BLOQUANT],
                        to_check_count=counts[Severity.A_VERIFIER], checked_at=timezone.now())
    OfferFindings.objects.bulk_create(
        [row], update_conflicts=True, unique_fields=["offer"],
        update_fields=["findings", "blocking_count", "to_check_count", "checked_at"])
    return row


def recheck_offers() -> tuple[int, int]:
    """Re-check every pending and published offer (after a lexicon change): (checked, flagged)."""
    checked = flagged = 0
    offers = (Offer.objects.not_deleted().filter(status__in=[OfferStatus.PENDING, OfferStatus.PUBLISHED])
              .only("pk", "title", "description"))
    for offer in offers.iterator(chunk_size=500):
        row = refresh_findings(offer)
        checked += 1
        flagged += bool(row.findings)
    return checked, flagged


# ----- decisions --------------------------------------------------------------------------------

def _already_decided(offer: Offer) -> AlreadyDecided:
    last = ModerationDecision.objects.filter(offer=offer).select_related("moderator").first()
    if last is None:
        return AlreadyDecided(f"{ALREADY_DECIDED}.")
    when = timezone.localtime(last.decided_at).strftime("%d/%m/%Y à %H:%M")
    who = last.moderator.get_full_name() or last.moderator.email if last.moderator else "un modérateur"
    return AlreadyDecided(f"{ALREADY_DECIDED} : {last.get_decision_display().lower()} par {who} le {when}.")


def _record(offer: Offer, moderator, decision: str, reason: str = "", text: str = "") -> ModerationDecision:
    return ModerationDecision.objects.create(
        offer=offer, moderator=moderator, decision=decision, reason=reason, reason_text=text,
        findings=findings_for(offer), submitted_at=offer.submitted_at, decided_at=timezone.now())


def _recipient(offer: Offer):
    recruiter = offer.submitted_by or offer.author
    return recruiter if recruiter and recruiter.email and recruiter.is_active else None


def _notify(offer: Offer, decision: ModerationDecision) -> None:
    recruiter = _recipient(offer)
    if recruiter is None:
        return
    approved = decision.decision == DecisionKind.APPROVE
    public = offer.revision_of if offer.is_revision else offer
    context = {
        "offer": offer, "decision": decision, "recruiter": recruiter, "is_revision": offer.is_revision,
        "edit_path": reverse("offers:edit", kwargs={"pk": offer.pk}),
        "mine_path": reverse("offers:mine"),
        "public_path": reverse("offers:public_detail", kwargs={"slug": public.slug, "pk": public.pk}),
    }
    template = "moderation/emails/offer_approved" if approved else "moderation/emails/offer_refused"
    queue_email(recruiter.email, template, context, reason="moderation_decision",
                dedup_key=f"moderation-decision-{decision.pk}")


@transaction.atomic
def approve(offer: Offer, moderator) -> ModerationDecision:
    """En attente → Publiée; records the decision and e-mails the recruiter after commit."""
    _check_moderator(moderator)
    try:
        approve_offer(offer, moderator)
    except InvalidTransition as error:
        offer.refresh_from_db()
        if offer.status != OfferStatus.PENDING or offer.is_deleted:
            raise _already_decided(offer) from error
        raise
    decision = _record(offer, moderator, DecisionKind.APPROVE)
    _notify(offer, decision)
    return decision


@transaction.atomic
def reject(offer: Offer, moderator, reason: str, text: str = "") -> ModerationDecision:
    """En attente → Refusée with a mandatory reason; records it and e-mails the recruiter."""
    _check_moderator(moderator)
    text = (text or "").strip()
    if reason not in RejectionReason.values:
        raise ModerationError("Choisissez le motif du refus.")
    if reason == RejectionReason.OTHER and not text:
        raise ModerationError("Précisez le motif du refus quand vous choisissez « Autre ».")
    shown = " : ".join(part for part in (RejectionReason(reason).label, text) if part)
    try:
        offer.reject(by=moderator, reason=shown)
    except InvalidTransition as error:
        offer.refresh_from_db()
        if offer.status != OfferStatus.PENDING or offer.is_deleted:
            raise _already_decided(offer) from error
        raise
    decision = _record(offer, moderator, DecisionKind.REJECT, reason, text)
    _notify(offer, decision)
    return decision


def bulk_approve(offers, moderator) -> tuple[list[ModerationDecision], list[tuple[Offer, str]]]:
    """Approve each offer that has no finding; the others are skipped with the reason why."""
    _check_moderator(moderator)
    approved, skipped = [], []
    for offer in offers:
        if findings_for(offer):
            skipped.append((offer, "des signalements sont à examiner"))
            continue
        try:
            approved.append(approve(offer, moderator))
        except InvalidTransition as error:
            skipped.append((offer, str(error)))
    return approved, skipped


# ----- figures for the admin index ---------------------------------------------------------------

def queue_figures(now: datetime.datetime | None = None) -> dict:
    """Offers waiting, the oldest waiting time and the median time to decision over 30 days (3 queries)."""
    now = now or timezone.now()
    pending = OfferToModerate.objects.pending()
    oldest = pending.exclude(submitted_at__isnull=True).order_by("submitted_at").values_list(
        "submitted_at", flat=True).first()
    durations = [
        (decided - submitted).total_seconds()
        for submitted, decided in ModerationDecision.objects.since(now - datetime.timedelta(days=MEDIAN_WINDOW_DAYS))
        .exclude(submitted_at__isnull=True).values_list("submitted_at", "decided_at")
    ]
    return {
        "waiting": pending.count(),
        "oldest_waiting": now - oldest if oldest else None,
        "median_decision": datetime.timedelta(seconds=statistics.median(durations)) if durations else None,
        "decisions_30_days": len(durations),
    }


def company_history(company_id: int) -> dict:
    """Approved / refused decisions on this company's offers, and the latest ones."""
    decisions = ModerationDecision.objects.of_company(company_id)
    return {
        **decisions.counts_by_decision(),
        "latest": list(decisions.select_related("offer", "moderator")[:10]),
    }
