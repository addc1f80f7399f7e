"""Demo data of the recruiter side of the CVthèque for Sophie Durand (recruteur@demo.terredemplois.fr):
saved lists, the guide's search history, a favourite with its alert, a spouse referral. Idempotent."""

from datetime import timedelta

from django.http import QueryDict
from django.utils import timezone

GUIDE_HISTORY = [
    "COMMERCIAL", "VENDEUSE", "ASSISTANTE COMMERCIALE", "ASSISTANT", "GLACIER", "PRÉPARATRICE COMMANDE",
    "CEZNEC", "BTS COMMERCE INTERNATIONAL", "BTS", "BAC+2", "COMPTABLE", "SOUDEUR", "ASSISTANTE DE DIRECTION",
    "ASSISTANTE DE DIRECTION EXPÉRIENCE", "PERMIS B", "PERMIS B AIDE À DOMICILE",
]
PARTNER_EMAIL = "julien.mercier@demo.terredemplois.fr"


def load(stdout):
    from accounts.demo import demo_user
    from companies.services import current_company
    from cvtheque.cvs.enums import Availability, ContractType, CVSource
    from cvtheque.cvs.models import CV
    from cvtheque.recruiting.models import CVSearch, SavedCV, SavedList
    from cvtheque.recruiting.services import record_search
    from cvtheque.referrals.enums import ReferralStatus
    from cvtheque.referrals.models import SpouseReferral
    from referentials.models import Commune, Metier

    user = demo_user("recruteur@demo.terredemplois.fr")
    company = current_company(user)
    if company is None:
        stdout.write("CVthèque (recruteur) : la recruteuse de démonstration n'a pas d'entreprise, rien à charger.")
        return

    now = timezone.now()
    # The guide's history, oldest last (the guide lists the newest first).
    for age, text in enumerate(GUIDE_HISTORY):
        params = QueryDict(mutable=True)
        params["q"] = text.lower()
        record_search(user, company, params)
        CVSearch.objects.filter(user=user, label=text).update(last_run_at=now - timedelta(hours=age * 5))
    favourite = CVSearch.objects.of_user(user).filter(label="PRÉPARATRICE COMMANDE").first()
    if favourite and not favourite.is_favourite:
        favourite.star()

    default = SavedList.default_for(company)
    summer, _ = SavedList.objects.get_or_create(company=company, name="Saisonniers été 2027",
                                                defaults={"created_by": user})
    visible = list(CV.objects.visible().order_by("pk")[:5])
    notes = ["Très bon profil, à rappeler.", "Disponible dès juin.", "", "Permis B, véhiculée.", ""]
    for cv, note, saved_list in zip(visible, notes, [default, default, summer, summer, summer], strict=False):
        SavedCV.objects.get_or_create(saved_list=saved_list, cv=cv, defaults={"saved_by": user, "note": note})

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
            email=PARTNER_EMAIL, message=cv.summary, consent_at=now, status=ReferralStatus.PRESENTED,
        )
    stdout.write("CVthèque (recruteur) : listes, historique, recherche favorite et rapprochement de conjoint : OK")
