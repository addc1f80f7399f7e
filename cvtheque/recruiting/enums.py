"""Choices of the recruiter side of the CVthèque (lists, searches, spouse referrals)."""

from django.db import models


class AlertFrequency(models.TextChoices):
    DAILY = "daily", "Tous les jours"
    WEEKLY = "weekly", "Toutes les semaines"
    NONE = "none", "Jamais (pas d'alerte)"


