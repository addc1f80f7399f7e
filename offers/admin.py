from django.contrib import admin

from . import alert_admin  # noqa: F401 - registers the job alerts' admin pages
from .models import Application, Offer, SupportOrganisation


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    """Browsing offers (moderation decisions are made in the moderation app's queue)."""

    list_display = ["title", "company", "status", "commune", "contract_type", "created_at", "published_at",
                    "expires_at", "deleted_at"]
    list_filter = ["status", "contract_type", "is_seasonal", "wants_support"]
    search_fields = ["title", "company__name", "company__siret"]
    list_select_related = ["company", "commune"]
    raw_id_fields = ["company", "author", "metier", "commune", "revision_of"]
    readonly_fields = ["status", "slug", "submitted_at", "submitted_by", "published_at", "approved_by", "expires_at",
                       "expired_at", "refused_at", "refused_by", "refused_reason", "status_before_delete",
                       "deleted_at", "deleted_by", "support_notified_at", "expiry_warning_sent_at", "created_at",
                       "updated_at"]
    date_hierarchy = "created_at"


@admin.register(SupportOrganisation)
class SupportOrganisationAdmin(admin.ModelAdmin):
    """The one organisation named in « je souhaite être accompagné par … » (a singleton)."""

    list_display = ["name", "email", "updated_at"]

    def has_add_permission(self, request):
        return not SupportOrganisation.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["offer", "candidate", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["offer", "candidate"]
    raw_id_fields = ["offer", "candidate", "status_changed_by"]
    search_fields = ["offer__title", "candidate__email"]
