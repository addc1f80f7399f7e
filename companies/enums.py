from django.db import models


class CompanySize(models.TextChoices):
    MICRO = "micro", "Microentreprise : moins de 10 salariés"
    PME = "pme", "PME : 10 à 249 salariés"
    ETI = "eti", "ETI : 250 à 4 999 salariés"
    GE = "ge", "Grande entreprise : 5 000 salariés et plus"


class MembershipRole(models.TextChoices):
    ADMIN = "admin", "Administrateur"
    MEMBER = "member", "Membre"


class MembershipStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    ACCEPTED = "accepted", "Acceptée"
    REFUSED = "refused", "Refusée"
