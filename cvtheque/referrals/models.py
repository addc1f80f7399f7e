"""« Rapprochement de conjoints »: the referral a recruiter makes of a recruit's partner, and its status."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from cvtheque.referrals.enums import ReferralStatus


class SpouseReferralQuerySet(models.QuerySet):
    def presented_by(self, user):
        return self.filter(presented_by=user)


class SpouseReferral(models.Model):
    """« Rapprochement de conjoints »: a recruiter presents the partner of a person they hire."""

    cv = models.OneToOneField("cvtheque.CV", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="spouse_referral", verbose_name="CV")
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+",
                                verbose_name="entreprise")
    presented_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     related_name="spouse_referrals", verbose_name="présenté par")
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    email = models.EmailField("e-mail")
    message = models.TextField("message", blank=True, max_length=3000)
    consent_at = models.DateTimeField("accord du conjoint confirmé le")
    status = models.CharField("statut", max_length=20, choices=ReferralStatus.choices,
                              default=ReferralStatus.PRESENTED)
    status_changed_at = models.DateTimeField("statut modifié le", null=True, blank=True)
    status_changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                          blank=True, related_name="+", verbose_name="statut modifié par")
    created_at = models.DateTimeField("présenté le", default=timezone.now)

    objects = SpouseReferralQuerySet.as_manager()

    class Meta:
        verbose_name = "rapprochement de conjoint"
        verbose_name_plural = "rapprochements de conjoints"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def link_is_open(self) -> bool:
        """The partner's signed link works while the profile is theirs to manage: not deleted, not yet claimed
        into a candidate account (one-time claim), still visible."""
        cv = self.cv
        return cv is not None and cv.owner_id is None and cv.is_visible

    @property
    def cv_shown_to_presenter(self):
        """The CV whose headline and commune the presenting recruiter may see: only while it is visible in the
        CVthèque (a claimed then hidden CV belongs to its candidate, the recruiter sees the status only)."""
        cv = self.cv
        return cv if cv is not None and cv.is_visible else None

    TRANSITIONS = {
        ReferralStatus.PRESENTED: {ReferralStatus.IN_CONTACT, ReferralStatus.FOUND_JOB},
        ReferralStatus.IN_CONTACT: {ReferralStatus.FOUND_JOB, ReferralStatus.PRESENTED},
        ReferralStatus.FOUND_JOB: {ReferralStatus.IN_CONTACT},
    }

    def change_status(self, status: str, by) -> None:
        """The one transition of a referral's status, recording who and when (staff, in the admin)."""
        status = ReferralStatus(status)
        if status not in self.TRANSITIONS[ReferralStatus(self.status)]:
            raise ValidationError(f"Passage de « {self.get_status_display()} » à « {status.label} » impossible.")
        self.status = status
        self.status_changed_at = timezone.now()
        self.status_changed_by = by
        self.save(update_fields=["status", "status_changed_at", "status_changed_by"])
