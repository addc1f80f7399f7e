"""Admin of the candidates' CVs, their search entries (read-only: written by triggers) and the
consultation log (read-only)."""

from django.contrib import admin

from cvtheque.cvs.models import CV, CVSearchEntry, CVView


@admin.register(CV)
class CVAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "commune", "is_visible", "extraction_status", "updated_at"]
    list_filter = ["source", "is_visible", "extraction_status", "availability", "education_level"]
    search_fields = ["first_name", "last_name", "email", "headline", "external_id"]
    list_select_related = ["commune"]
    raw_id_fields = ["owner", "commune"]
    filter_horizontal = ["metiers"]
    readonly_fields = ["created_at", "updated_at", "visible_since", "document", "document_name", "extraction_status",
                       "extraction_error", "extracted_text", "search_document", "licences", "caces", "diplomas"]
    exclude = ["search_vector", "fulltext_vector"]
    # RQTH is a health datum that only the candidate sets: the back-office shows it but never edits it.
    fieldsets = [
        ("Identité", {"fields": ["owner", "source", "external_id", "first_name", "last_name", "email", "phone"]}),
        ("Profil", {"fields": ["headline", "metiers", "commune", "mobility_km", "contract_types", "availability",
                               "driving_licence", "education_level", "summary", "skills", "experience"]}),
        ("Consentements", {"fields": ["is_visible", "visible_since", "rqth", "rqth_visible"]}),
        ("Document", {"fields": ["document", "document_name", "extraction_status", "extraction_error",
                                 "extracted_text"]}),
        ("Faits écrits dans le CV", {"fields": ["licences", "caces", "diplomas"]}),
        ("Recherche", {"classes": ["collapse"], "fields": ["search_document", "created_at", "updated_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "rqth", "rqth_visible"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search()


@admin.register(CVView)
class CVViewAdmin(admin.ModelAdmin):
    list_display = ["cv", "company", "recruiter", "viewed_at"]
    list_select_related = ["cv", "company", "recruiter"]
    readonly_fields = ["cv", "company", "recruiter", "viewed_at"]
    date_hierarchy = "viewed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CVSearchEntry)
class CVSearchEntryAdmin(admin.ModelAdmin):
    list_display = ["cv", "source", "commune_id", "updated_at"]
    list_select_related = ["cv"]
    list_filter = ["source"]
    exclude = ["title_vector", "search_vector", "fulltext_vector"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
