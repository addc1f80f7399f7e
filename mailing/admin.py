from django.contrib import admin

from .models import OutgoingEmail

# What the moderators read for the ``reason`` codes the apps give their e-mails.
REASON_LABELS = {
    "company_taken_offline": "Fiche entreprise mise hors ligne",
    "cv_alert": "Alerte de nouveaux CV",
    "membership_decision": "Décision de rattachement",
    "membership_request": "Demande de rattachement",
    "moderation_decision": "Décision de modération",
    "offer_application": "Candidature à une offre",
    "offer_expiring": "Offre bientôt expirée",
    "offer_support_request": "Demande d'accompagnement",
    "spouse_referral": "Rapprochement de conjoints",
}
ACCOUNT_REASON_LABELS = {  # allauth's e-mails: « allauth:<template> »
    "email_confirmation_signup": "confirmation de l'adresse à l'inscription",
    "email_confirmation": "confirmation de l'adresse",
    "password_reset_key": "réinitialisation du mot de passe",
    "password_reset": "réinitialisation du mot de passe",
    "password_changed": "mot de passe modifié",
    "password_set": "mot de passe défini",
    "email_changed": "adresse modifiée",
    "email_confirm": "adresse confirmée",
    "email_deleted": "adresse supprimée",
    "account_already_exists": "compte déjà existant",
    "unknown_account": "compte inconnu",
    "login_code": "code de connexion",
}


def reason_label(reason: str) -> str:
    if reason.startswith("allauth:"):
        template = reason.removeprefix("allauth:")
        return f"Compte : {ACCOUNT_REASON_LABELS.get(template, template.replace('_', ' '))}"
    return REASON_LABELS.get(reason, reason.replace("_", " "))


class ReasonFilter(admin.SimpleListFilter):
    title = "motif"
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        reasons = OutgoingEmail.objects.order_by("reason").values_list("reason", flat=True).distinct()
        return sorted(((reason, reason_label(reason)) for reason in reasons), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(reason=self.value()) if self.value() else queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "reason_display", "subject", "sent_at", "attempts"]
    list_filter = [ReasonFilter, ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject", "reason"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]

    def has_add_permission(self, request):
        return False

    @admin.display(description="motif", ordering="reason")
    def reason_display(self, email):
        return reason_label(email.reason)
