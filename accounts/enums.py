from django.db import models


class UserKind(models.TextChoices):
    RECRUITER = "recruiter", "Recruteur"
    CANDIDATE = "candidate", "Candidat"
