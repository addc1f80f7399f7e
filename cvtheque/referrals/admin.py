"""Admin of the spouse referrals. Staff update a referral's status here; the change goes through
``SpouseReferral.change_status`` (checked transition, who and when recorded)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from cvtheque.referrals.models import SpouseReferral


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
