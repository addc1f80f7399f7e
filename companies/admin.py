from django import forms
from django.contrib import admin, messages

from toolkit.richtext import sanitize_html

from .models import Company, CompanyStateError, Membership, MembershipError
from .services import decide_membership_request, take_offline


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "company"
    extra = 0
    raw_id_fields = ["user", "decided_by"]
    readonly_fields = ["requested_at", "decided_at", "decided_by"]


class CompanyAdminForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = [
            "name", "siret", "sector", "size", "slug", "logo", "banner", "phone", "email", "employee_count",
            "founded_on", "street_number", "street_name", "commune", "description", "website", "twitter_url",
            "facebook_url", "instagram_url", "linkedin_url", "youtube_url", "is_online", "offline_by_staff",
            "offline_reason",
        ]

    def clean_description(self):
        return sanitize_html(self.cleaned_data.get("description", ""))

    def clean(self):
        data = super().clean()
        if data.get("offline_by_staff") and not (data.get("offline_reason") or "").strip():
            self.add_error("offline_reason", "Indiquez le motif de la mise hors ligne : il est envoyé aux membres.")
        return data


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    """Staff take a company page offline by ticking « hors ligne (modération) » with a reason:
    the members receive the reason by e-mail (``services.take_offline``)."""

    form = CompanyAdminForm
    list_display = ["name", "siret", "size", "is_online", "offline_by_staff", "created_at"]
    list_filter = ["size", "is_online", "offline_by_staff"]
    search_fields = ["name", "siret"]
    list_select_related = ["sector"]
    raw_id_fields = ["sector", "commune"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["offline_at", "offline_by", "created_at", "updated_at"]
    fieldsets = [
        ("Identité", {"fields": ["name", "siret", "sector", "size", "slug"]}),
        ("Fiche publique", {"fields": [
            "logo", "banner", "phone", "email", "employee_count", "founded_on", "street_number", "street_name",
            "commune", "description", "website", "twitter_url", "facebook_url", "instagram_url", "linkedin_url",
            "youtube_url", "is_online",
        ]}),
        ("Modération", {
            "fields": ["offline_by_staff", "offline_reason", "offline_at", "offline_by"],
            "description": "Cochez « hors ligne (modération) » et indiquez le motif : il est envoyé par e-mail "
                           "aux membres de l'entreprise. Décochez pour remettre la fiche en ligne.",
        }),
        ("Historique", {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        if not (change and "offline_by_staff" in form.changed_data):
            super().save_model(request, obj, form, change)
            return
        going_offline, reason = obj.offline_by_staff, obj.offline_reason
        obj.offline_by_staff = not going_offline  # the transition below checks and records the change
        super().save_model(request, obj, form, change)
        try:
            if going_offline:
                take_offline(obj, by=request.user, reason=reason)
                self.message_user(request, "La fiche est hors ligne ; le motif a été envoyé aux membres.")
            else:
                obj.put_back_online(by=request.user)
        except CompanyStateError as exc:
            self.message_user(request, str(exc), messages.ERROR)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "role", "status", "requested_at", "decided_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "company__name", "company__siret"]
    list_select_related = ["user", "company"]
    raw_id_fields = ["user", "company", "decided_by"]
    readonly_fields = ["requested_at", "decided_at", "decided_by"]
    actions = ["accept_selected", "refuse_selected"]

    def _decide(self, request, queryset, accept, label):
        done = 0
        for membership in queryset.select_related("company", "user"):
            try:
                decide_membership_request(membership, by=request.user, accept=accept)
                done += 1
            except MembershipError as exc:
                self.message_user(request, f"{membership} : {exc}", messages.WARNING)
        self.message_user(request, f"{done} demande(s) {label}.")

    @admin.action(description="Accepter les demandes sélectionnées")
    def accept_selected(self, request, queryset):
        self._decide(request, queryset, True, "acceptée(s)")

    @admin.action(description="Refuser les demandes sélectionnées")
    def refuse_selected(self, request, queryset):
        self._decide(request, queryset, False, "refusée(s)")
