"""Choices of a CV: where it comes from, what the candidate wants, the state of its document's analysis."""

from django.db import models

from offers.enums import ContractType as OfferContractType


class CVSource(models.TextChoices):
    CANDIDATE = "candidate", "Candidat"
    IMPORT = "import", "Import"
    SPOUSE = "spouse", "Rapprochement de conjoint"


# The contract types a candidate wants are the offers' ones, so that a CV and an offer speak alike.
ContractType = OfferContractType


class Availability(models.TextChoices):
    IMMEDIATE = "immediate", "Immédiate"
    ONE_MONTH = "1_month", "Sous 1 mois"
    THREE_MONTHS = "3_months", "Sous 3 mois"
    LATER = "later", "Plus tard"


class EducationLevel(models.TextChoices):
    NONE = "none", "Sans diplôme"
    CAP_BEP = "cap_bep", "CAP / BEP"
    BAC = "bac", "Bac"
    BAC2 = "bac2", "Bac+2"
    BAC3 = "bac3", "Bac+3"
    BAC5 = "bac5", "Bac+5 et plus"


class ExtractionStatus(models.TextChoices):
    NONE = "none", "Aucun document"
    PENDING = "pending", "Analyse en cours"
    DONE = "done", "CV analysé"
    FAILED = "failed", "Nous n'avons pas pu lire ce fichier"
    EMPTY = "empty", "Aucun texte trouvé (document scanné)"
