"""Demo data of the spouse referrals: Sophie Durand (recruteur@demo.terredemplois.fr) presents Julien
Mercier, the partner of a nurse she hired. Idempotent."""

from django.utils import timezone

from accounts.demo import demo_user
from companies.services import current_company
from cvtheque.cvs.enums import Availability, ContractType, CVSource
from cvtheque.cvs.models import CV
from cvtheque.referrals.enums import ReferralStatus
from cvtheque.referrals.models import SpouseReferral
from referentials.models import Commune, Metier

PARTNER_EMAIL = "julien.mercier@demo.terredemplois.fr"


def load(stdout):
    user = demo_user("recruteur@demo.terredemplois.fr")
    company = current_company(user)
    if company is None:
        stdout.write("CVthèque (rapprochement de conjoints) : la recruteuse de démonstration n'a pas "
                     "d'entreprise, rien à charger.")
        return
    if not SpouseReferral.objects.filter(email=PARTNER_EMAIL).exists():
        commune = Commune.objects.filter(name="Carcassonne").first() or Commune.objects.first()
        cv = CV(source=CVSource.SPOUSE, first_name="Julien", last_name="Mercier", email=PARTNER_EMAIL,
                phone="0611223344", headline="Technicien de maintenance industrielle", commune=commune,
                mobility_km=30, contract_types=[ContractType.CDI], availability=Availability.ONE_MONTH,
                summary="Arrive de Toulouse avec sa compagne, recrutée comme infirmière à Carcassonne. "
                        "Dix ans d'expérience en maintenance de lignes de production.")
        cv.set_visibility(True)
        cv.save()
        cv.metiers.set(Metier.objects.filter(name__icontains="maintenance")[:2])
        cv.refresh_search()
        SpouseReferral.objects.create(
            cv=cv, company=company, presented_by=user, first_name="Julien", last_name="Mercier",
            email=PARTNER_EMAIL, message=cv.summary, consent_at=timezone.now(), status=ReferralStatus.PRESENTED,
        )
    stdout.write("CVthèque (rapprochement de conjoints) : OK")
