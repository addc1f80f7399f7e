"""What the CVthèque holds about a person, for « Mes données » (``accounts.signals.personal_data_requested``):
the CV, its document and who consulted it. Connected by ``CvthequeConfig.ready``."""

import os

from django.dispatch import receiver

from accounts.personal_data import PersonalData
from accounts.signals import personal_data_requested
from cvtheque.cvs.models import CV, CVView


@receiver(personal_data_requested, dispatch_uid="cvtheque-personal-data")
def _cv_personal_data(sender, user, **kwargs):
    cv = CV.objects.filter(owner=user).select_related("commune").prefetch_related("metiers").first()
    if cv is None:
        return PersonalData("cv", None)
    data = {
        "prenom": cv.first_name, "nom": cv.last_name, "email": cv.email, "telephone": cv.phone,
        "titre": cv.headline, "metiers": [m.name for m in cv.metiers.all()],
        "commune": cv.commune.name if cv.commune_id else "", "mobilite_km": cv.mobility_km,
        "types_de_contrat": cv.contract_type_labels, "disponibilite": cv.get_availability_display(),
        "permis_de_conduire": cv.driving_licence, "niveau_d_etudes": cv.get_education_level_display(),
        "presentation": cv.summary, "competences": cv.skills, "experience": cv.experience,
        "visible_dans_la_cvtheque": cv.is_visible, "visible_depuis": cv.visible_since, "rqth": cv.rqth,
        "rqth_visible": cv.rqth_visible, "document": cv.document_name, "cree_le": cv.created_at,
        "mis_a_jour_le": cv.updated_at,
    }
    views = [{"entreprise": view.company.name, "le": view.viewed_at}
             for view in CVView.objects.filter(cv=cv).select_related("company").order_by("-viewed_at")]
    files = [(cv.document_name or os.path.basename(cv.document.name), cv.document)] if cv.document else []
    return [PersonalData("cv", data, files), PersonalData("consultations_de_mon_cv", views)]
