"""What offers holds about a person, for « Mes données » (``accounts.signals.personal_data_requested``)."""

from django.dispatch import receiver

from accounts.personal_data import PersonalData
from accounts.signals import personal_data_requested

from .alert_models import JobAlert
from .models import Application


@receiver(personal_data_requested, dispatch_uid="offers-personal-data")
def _offers_personal_data(sender, user, **kwargs):
    applications, files = [], []
    for application in Application.objects.filter(candidate=user).select_related("offer__company").order_by("pk"):
        document = ""
        if application.document:
            # one folder per application: two applications may send documents of the same name
            document = f"candidatures/{application.pk}/{application.document_name or 'document'}"
            files.append((document, application.document))
        applications.append({
            "offre": application.offer.title, "entreprise": application.offer.company.name,
            "envoyee_le": application.created_at, "message": application.message,
            "statut": application.get_status_display(), "statut_change_le": application.status_changed_at,
            "motif_du_refus": application.refusal_label, "document": document,
            "profil_envoye": application.profile,
        })
    alerts = [{"recherche": alert.label, "criteres": alert.params, "frequence": alert.get_frequency_display(),
               "creee_le": alert.created_at, "dernier_envoi": alert.last_sent_at}
              for alert in JobAlert.objects.of_candidate(user)]
    return [PersonalData("candidatures", applications, files), PersonalData("alertes_emploi", alerts)]
