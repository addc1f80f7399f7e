"""What moderation stores: the checker's findings per offer, each moderator's decision, and the
« offers to moderate » proxy the admin queue is built on (its permission is the moderators' right)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from offers.enums import OfferStatus
from offers.models import Offer, OfferQuerySet

from .enums import DecisionKind, RejectionReason

MODERATE_PERMISSION = "moderation.decide_offer"
MODERATORS_GROUP = "Modérateurs"
MODERATORS_PERMISSIONS = ["decide_offer", "view_offertomoderate", "view_moderationdecision"]


class OfferToModerateQuerySet(OfferQuerySet):
    def pending(self):
        return self.filter(status=OfferStatus.PENDING, deleted_at__isnull=True)

    def oldest_first(self):
        return self.order_by(models.F("submitted_at").asc(nulls_first=True), "pk")

    def with_finding_counts(self):
        """Counts read from the stored findings (0 when the offer was never checked)."""
        return self.annotate(
            blocking_count=models.functions.Coalesce("moderation_findings__blocking_count", 0),
            to_check_count=models.functions.Coalesce("moderation_findings__to_check_count", 0),
        )

    def for_queue(self):
        return (self.pending().oldest_first().with_finding_counts()
                .select_related("company", "author", "submitted_by", "revision_of"))


class OfferToModerate(Offer):
    """Proxy of ``offers.Offer`` registered in the admin as the moderation queue."""

    objects = OfferToModerateQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = "offre à modérer"
        verbose_name_plural = "offres à modérer"
        permissions = [("decide_offer", "Peut approuver ou refuser les offres")]

    @property
    def recruiter(self):
        return self.submitted_by or self.author


class OfferFindings(models.Model):
    """The checker's findings on an offer's current title and description (refreshed on save)."""

    offer = models.OneToOneField(Offer, on_delete=models.CASCADE, primary_key=True,
                                 related_name="moderation_findings", verbose_name="offre")
    findings = models.JSONField("signalements", default=list, blank=True)
    blocking_count = models.PositiveSmallIntegerField("bloquants", default=0)
    to_check_count = models.PositiveSmallIntegerField("à vérifier", default=0)
    checked_at = models.DateTimeField("contrôlée le", default=timezone.now)

    class Meta:
        verbose_name = "signalements d'une offre"
        verbose_name_plural = "signalements des offres"

    def __str__(self):
        return f"{self.offer_id} : {self.blocking_count} bloquant(s), {self.to_check_count} à vérifier"

class ModerationDecisionQuerySet(models.QuerySet):
    def since(self, moment):
        return self.filter(decided_at__gte=moment)

    def of_company(self, company_id):
        return self.filter(offer__company_id=company_id)

    def counts_by_decision(self) -> dict[str, int]:
        totals = self.aggregate(approved=Count("pk", filter=Q(decision=DecisionKind.APPROVE)),
                                refused=Count("pk", filter=Q(decision=DecisionKind.REJECT)))
        return totals


class ModerationDecision(models.Model):
    """One moderator's decision on one offer, with the automatic findings at that moment."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="moderation_decisions",
                              verbose_name="offre")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  related_name="moderation_decisions", verbose_name="modérateur")
    decision = models.CharField("décision", max_length=10, choices=DecisionKind.choices)
    reason = models.CharField("motif", max_length=20, choices=RejectionReason.choices, blank=True)
    reason_text = models.TextField("précisions", blank=True, max_length=3000)
    findings = models.JSONField("signalements au moment de la décision", default=list, blank=True)
    submitted_at = models.DateTimeField("soumise le", null=True, blank=True)
    decided_at = models.DateTimeField("décidée le", default=timezone.now, db_index=True)

    objects = ModerationDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "décision de modération"
        verbose_name_plural = "décisions de modération"
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.get_decision_display()} — {self.offer}"

    @property
    def reason_display(self) -> str:
        """« Mention H/F manquante : le titre… », what the recruiter reads."""
        label = self.get_reason_display() if self.reason else ""
        return " : ".join(part for part in (label, self.reason_text.strip()) if part)

    @property
    def waiting_time(self):
        return self.decided_at - self.submitted_at if self.submitted_at else None
