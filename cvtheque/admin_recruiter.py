"""Admin of the recruiter side of the CVthèque. Imported by ``cvtheque/admin.py``.

Staff update a spouse referral's status here; the change goes through ``SpouseReferral.change_status``
(checked transition, who and when recorded)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from .recruiter_models import CVSearch, SavedList, SpouseReferral


class SpouseReferralAdminForm(forms.ModelForm):
    class Meta:
        model = SpouseReferral
        fields = ["status"]


@admin.register(SpouseReferral)
class SpouseReferralAdmin(admin.ModelAdmin):
    form = SpouseReferralAdminForm
    list_display = ["__str__", "company", "presented_by", "status", "created_at", "status_changed_at"]
    list_filter = ["status"]
    search_fields = ["first_name", "last_name", "email", "company__name"]
    list_select_related = ["company", "presented_by"]
    readonly_fields = ["cv", "company", "presented_by", "first_name", "last_name", "email", "message",
                       "consent_at", "created_at", "status_changed_at", "status_changed_by"]
    fields = ["status", *readonly_fields]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            new_status = obj.status
            obj.status = form.initial["status"]
            try:
                obj.change_status(new_status, by=request.user)
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
            return
        super().save_model(request, obj, form, change)


@admin.register(SavedList)
class SavedListAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "is_default", "created_at"]
    search_fields = ["name", "company__name"]
    list_select_related = ["company"]
    readonly_fields = ["company", "is_default", "created_by", "created_at"]


@admin.register(CVSearch)
class CVSearchAdmin(admin.ModelAdmin):
    list_display = ["label", "user", "company", "is_favourite", "alert_frequency", "last_run_at", "last_alert_at"]
    list_filter = ["is_favourite", "alert_frequency"]
    search_fields = ["label", "user__email"]
    list_select_related = ["user", "company"]
    readonly_fields = ["user", "company", "params", "label", "last_run_at", "favourite_since", "last_alert_at"]
