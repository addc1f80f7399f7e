from django.db import models


class ReferralStatus(models.TextChoices):
    PRESENTED = "presented", "Présenté"
    IN_CONTACT = "in_contact", "En contact"
    FOUND_JOB = "found_job", "A trouvé un emploi"
