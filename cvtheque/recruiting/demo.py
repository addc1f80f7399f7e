"""Demo data of the recruiters' tools for Sophie Durand (recruteur@demo.terredemplois.fr): saved lists,
the guide's search history and a favourite with its alert. Idempotent."""

from datetime import timedelta

from django.http import QueryDict
from django.utils import timezone

from accounts.demo import demo_user
from companies.services import current_company
from cvtheque.cvs.models import CV
from cvtheque.recruiting.models import CVSearch, SavedCV, SavedList
from cvtheque.recruiting.services import record_search

GUIDE_HISTORY = [
    "COMMERCIAL", "VENDEUSE", "ASSISTANTE COMMERCIALE", "ASSISTANT", "GLACIER", "PRÉPARATRICE COMMANDE",
    "CEZNEC", "BTS COMMERCE INTERNATIONAL", "BTS", "BAC+2", "COMPTABLE", "SOUDEUR", "ASSISTANTE DE DIRECTION",
    "ASSISTANTE DE DIRECTION EXPÉRIENCE", "PERMIS B", "PERMIS B AIDE À DOMICILE",
]


def load(stdout):
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
    stdout.write("CVthèque (recruteur) : listes, historique et recherche favorite : OK")
