from django.db import models


class OfferStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PENDING = "pending", "En attente de modération"
    PUBLISHED = "published", "Publiée"
    EXPIRED = "expired", "Expirée"
    REFUSED = "refused", "Refusée"


class ContractType(models.TextChoices):
    CDI = "cdi", "CDI"
    CDD = "cdd", "CDD"
    INTERIM = "interim", "Intérim"
    ALTERNANCE = "alternance", "Alternance"
    STAGE = "stage", "Stage"
    SAISONNIER = "saisonnier", "Saisonnier"
    INDEPENDANT = "independant", "Indépendant / Freelance"
    INSERTION = "insertion", "Contrat d'insertion (IAE)"
    BENEVOLAT = "benevolat", "Service civique / Bénévolat"


# schema.org JobPosting employmentType for each contract type
EMPLOYMENT_TYPES = {
    ContractType.CDI: "FULL_TIME",
    ContractType.CDD: "TEMPORARY",
    ContractType.INTERIM: "TEMPORARY",
    ContractType.ALTERNANCE: "INTERN",
    ContractType.STAGE: "INTERN",
    ContractType.SAISONNIER: "TEMPORARY",
    ContractType.INDEPENDANT: "CONTRACTOR",
    ContractType.INSERTION: "TEMPORARY",
    ContractType.BENEVOLAT: "VOLUNTEER",
}


class SalaryPeriod(models.TextChoices):
    HOUR = "hour", "brut de l'heure"
    MONTH = "month", "brut par mois"
    YEAR = "year", "brut par an"


# schema.org QuantitativeValue unitText
SALARY_UNITS = {SalaryPeriod.HOUR: "HOUR", SalaryPeriod.MONTH: "MONTH", SalaryPeriod.YEAR: "YEAR"}


class ApplicationStatus(models.TextChoices):
    """Nouvelle → Vue (a member of the company opened it) → Retenue / Entretien / Refusée / Embauchée."""

    NEW = "new", "Nouvelle"
    SEEN = "seen", "Vue"
    SHORTLISTED = "shortlisted", "Retenue"
    INTERVIEW = "interview", "Entretien"
    REFUSED = "refused", "Refusée"
    HIRED = "hired", "Embauchée"


class RefusalReason(models.TextChoices):
    PROFILE_MISMATCH = "profile_mismatch", "Profil ne correspondant pas au poste"
    POSITION_FILLED = "position_filled", "Poste pourvu"
    INCOMPLETE = "incomplete", "Candidature incomplète"
    OTHER = "other", "Autre"
