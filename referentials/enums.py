from django.db import models


class CommuneKind(models.TextChoices):
    COMMUNE = "commune-actuelle", "Commune"
    ARRONDISSEMENT = "arrondissement-municipal", "Arrondissement municipal"


class PlaceKind(models.TextChoices):
    COMMUNE = "commune", "Commune"
    EPCI = "epci", "Intercommunalité"
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"
