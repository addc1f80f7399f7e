"""Admin of the recruiters' tools (saved lists, searches): read-only views for support."""

from django.contrib import admin

from cvtheque.recruiting.models import CVAlertSent, CVSearch, SavedCV, SavedList


@admin.register(SavedList)
class SavedListAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "is_default", "created_at"]
    search_fields = ["name", "company__name"]
    list_select_related = ["company"]
    readonly_fields = ["company", "is_default", "created_by", "created_at"]

    def has_add_permission(self, request):  # a list belongs to a company: recruiters create them
        return False


@admin.register(CVSearch)
class CVSearchAdmin(admin.ModelAdmin):
    list_display = ["label", "user", "company", "is_favourite", "alert_frequency", "last_run_at", "last_alert_at"]
    list_filter = ["is_favourite", "alert_frequency"]
    search_fields = ["label", "user__email"]
    list_select_related = ["user", "company"]
    readonly_fields = ["user", "company", "params", "label", "last_run_at", "favourite_since", "last_alert_at"]

    def has_add_permission(self, request):  # searches are recorded by the search page only
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the recruiters' actions only: staff read them, never add or edit them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SavedCV)
class SavedCVAdmin(ReadOnlyAdmin):
    list_display = ["cv", "saved_list", "saved_by", "saved_at"]
    list_select_related = ["cv", "saved_list", "saved_by"]
    search_fields = ["saved_list__name", "saved_list__company__name"]


@admin.register(CVAlertSent)
class CVAlertSentAdmin(ReadOnlyAdmin):
    list_display = ["search", "cv", "sent_at"]
    list_select_related = ["search", "cv"]
    date_hierarchy = "sent_at"
