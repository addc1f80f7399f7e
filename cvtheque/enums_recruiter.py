"""Choices of the recruiter side of the CVthèque (lists, searches, spouse referrals)."""

from django.db import models


class AlertFrequency(models.TextChoices):
    DAILY = "daily", "Tous les jours"
    WEEKLY = "weekly", "Toutes les semaines"
    NONE = "none", "Jamais (pas d'alerte)"


class ReferralStatus(models.TextChoices):
    PRESENTED = "presented", "Présenté"
    IN_CONTACT = "in_contact", "En contact"
    FOUND_JOB = "found_job", "A trouvé un emploi"
