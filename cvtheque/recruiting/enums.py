"""Choices of the recruiters' tools: how often a favourite search sends its alert."""

from django.db import models


class AlertFrequency(models.TextChoices):
    DAILY = "daily", "Tous les jours"
    WEEKLY = "weekly", "Toutes les semaines"
    NONE = "none", "Jamais (pas d'alerte)"
