"""Demo people: a recruiter, a candidate and a moderator (password ``demo-terre-2026``)."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from .enums import UserKind
from .models import Announcement, RecruiterProfile

DEMO_PASSWORD = "demo-terre-2026"

PEOPLE = [
    # email, first name, last name, kind, staff, job title
    ("recruteur@demo.terredemplois.fr", "Sophie", "Durand", UserKind.RECRUITER, False, "Responsable RH"),
    ("recruteur2@demo.terredemplois.fr", "Karim", "Benali", UserKind.RECRUITER, False, "Gérant"),
    ("recruteur3@demo.terredemplois.fr", "Élodie", "Fabre", UserKind.RECRUITER, False, "Chargée de recrutement"),
    ("candidat@demo.terredemplois.fr", "Lucas", "Martin", UserKind.CANDIDATE, False, ""),
    ("moderation@demo.terredemplois.fr", "Nadia", "Roux", "", True, ""),
]


def demo_user(email):
    return get_user_model().objects.get(email=email)


def load(stdout):
    User = get_user_model()
    for email, first, last, kind, staff, job in PEOPLE:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "kind": kind, "is_staff": staff,
                                   "is_superuser": staff},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if kind == UserKind.RECRUITER:
            RecruiterProfile.objects.get_or_create(user=user, defaults={"job_title": job})
    Announcement.objects.get_or_create(
        title="Aides Individuelles pour la formation des salariés des Entreprises à profil industriel",
        defaults={
            "text": "Votre entreprise a un profil industriel ou de services connexes à l'industrie ? "
                    "L'Agglo finance une partie de la formation de vos salariés.",
            "link": "https://www.carcassonne-agglo.fr/",
            "starts_on": datetime.date(2026, 1, 1),
        },
    )
    stdout.write("Comptes de démonstration : OK")
