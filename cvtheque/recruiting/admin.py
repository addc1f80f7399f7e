"""Admin of the recruiters' tools (saved lists, searches): read-only views for support."""

from django.contrib import admin

from cvtheque.recruiting.models import CVSearch, SavedList


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
