"""Models of the candidates' side of the offers that issue 15 part B adds: job alerts (« Alertes emploi »,
one record per alert and offer sent) and the anonymised counts of applications erased by retention."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

MAX_ALERTS_PER_CANDIDATE = 10


class JobAlertFrequency(models.TextChoices):
    DAILY = "daily", "Tous les jours"
    WEEKLY = "weekly", "Toutes les semaines"


class JobAlertQuerySet(models.QuerySet):
    def of_candidate(self, user):
        return self.filter(candidate=user)

    def due(self, now):
        """Alerts whose digest is due at ``now`` (a small tolerance keeps a daily run daily)."""
        daily = now - timedelta(hours=23)
        weekly = now - timedelta(days=7) + timedelta(hours=1)
        return self.filter(
            models.Q(frequency=JobAlertFrequency.DAILY)
            & (models.Q(last_sent_at__isnull=True) | models.Q(last_sent_at__lte=daily))
            | models.Q(frequency=JobAlertFrequency.WEEKLY)
            & (models.Q(last_sent_at__isnull=True) | models.Q(last_sent_at__lte=weekly)),
            candidate__is_active=True,
        )


class JobAlert(models.Model):
    """A saved public « Offres » search (``offers.search.OfferCriteria.to_params``) e-mailed to a candidate."""

    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_alerts",
                                  verbose_name="candidat")
    params = models.JSONField("critères", default=dict)
    label = models.CharField("libellé", max_length=300)
    frequency = models.CharField("fréquence", max_length=10, choices=JobAlertFrequency.choices,
                                 default=JobAlertFrequency.DAILY)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    last_sent_at = models.DateTimeField("dernier envoi", null=True, blank=True)

    objects = JobAlertQuerySet.as_manager()

    class Meta:
        verbose_name = "alerte emploi"
        verbose_name_plural = "alertes emploi"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["candidate", "-created_at"], name="offers_jobalert_candidate_idx")]

    def __str__(self):
        return f"{self.candidate} : {self.label}"

    @property
    def since(self):
        """New offers are those published after this moment."""
        return self.last_sent_at or self.created_at


class JobAlertSent(models.Model):
    """An offer sent by an alert: never twice for the same alert."""

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="sent_offers")
    offer = models.ForeignKey("offers.Offer", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "offre envoyée par une alerte"
        constraints = [models.UniqueConstraint(fields=["alert", "offer"], name="offers_job_alert_offer_once")]

    def __str__(self):
        return f"{self.alert_id} → {self.offer_id}"


class ErasedApplicationCount(models.Model):
    """Applications erased by retention, counted (no person in it) for the statistics: per company
    and month of application."""

    company = models.ForeignKey("companies.Company", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name="entreprise")
    month = models.DateField("mois de candidature")
    count = models.PositiveIntegerField("candidatures", default=0)

    class Meta:
        verbose_name = "candidatures effacées (décompte anonyme)"
        constraints = [models.UniqueConstraint(fields=["company", "month"], name="offers_erased_count_once",
                                               nulls_distinct=False)]

    def __str__(self):
        return f"{self.company_id} {self.month:%m/%Y} : {self.count}"
