from django.db import models


class Severity(models.TextChoices):
    BLOQUANT = "bloquant", "Bloquant"
    A_VERIFIER = "a_verifier", "À vérifier"


class DecisionKind(models.TextChoices):
    APPROVE = "approve", "Approuvée"
    REJECT = "reject", "Refusée"


class RejectionReason(models.TextChoices):
    MISSING_GENDER_MENTION = "mention_hf", "Mention H/F manquante"
    DISCRIMINATORY = "discriminatoire", "Critère discriminatoire"
    INCOMPLETE = "incomplete", "Offre incomplète"
    DUPLICATE = "doublon", "Doublon"
    OUT_OF_TERRITORY = "hors_territoire", "Hors territoire"
    OTHER = "autre", "Autre"
