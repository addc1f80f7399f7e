import logging

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html

from . import alert_admin  # noqa: F401 - registers the job alerts' admin pages
from .models import Application, Offer, SupportOrganisation
from .views import private_document_response

logger = logging.getLogger(__name__)


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
    """What a moderator sees of the applications: everything, read only. The statuses are the recruiter's
    (one checked method per transition, with its e-mails), never set here; nothing is added or deleted
    by hand (retention and the candidate's account deletion delete them). The document is never a link to
    a file: it is streamed by ``document_view``, an admin page (staff only), as the recruiter's download is
    for the members of the offer's company. The recruiter's own pages stay theirs: staff get the wrong-role
    page there (tests/offers/test_applications.py pins both)."""

    list_display = ["offer", "candidate", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["offer", "candidate"]
    search_fields = ["offer__title", "candidate__email"]
    fields = ["offer", "candidate", "created_at", "status", "status_changed_at", "status_changed_by",
              "refusal_reason", "refusal_text", "message", "profile", "document_link"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="document")
    def document_link(self, obj):
        if not obj.document:
            return "—"
        url = reverse("admin:offers_application_document", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.document_name or "Télécharger le document")

    def get_urls(self):
        return [path("<int:pk>/document/", self.admin_site.admin_view(self.document_view),
                     name="offers_application_document"), *super().get_urls()]

    def document_view(self, request, pk):
        """The application's document for staff (``admin_view``: staff only; the view permission too)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        application = get_object_or_404(Application, pk=pk)
        if not application.document:
            raise Http404("Document introuvable")
        logger.info("Application %s: document opened by staff %s", application.pk, request.user.pk)
        return private_document_response(application.document, application.document_name or "cv",
                                         application.document_type or "application/octet-stream")
