from django.contrib import admin, messages

from .models import Company, Membership, MembershipError


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "company"
    extra = 0
    raw_id_fields = ["user", "decided_by"]
    readonly_fields = ["requested_at", "decided_at", "decided_by"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "siret", "size", "is_online", "offline_by_staff", "created_at"]
    list_filter = ["size", "is_online", "offline_by_staff"]
    search_fields = ["name", "siret"]
    list_select_related = ["sector"]
    raw_id_fields = ["sector", "commune"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "role", "status", "requested_at", "decided_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "company__name", "company__siret"]
    list_select_related = ["user", "company"]
    raw_id_fields = ["user", "company", "decided_by"]
    readonly_fields = ["requested_at", "decided_at", "decided_by"]
    actions = ["accept_selected", "refuse_selected"]

    def _decide(self, request, queryset, method, label):
        done = 0
        for membership in queryset.select_related("company", "user"):
            try:
                getattr(membership, method)(by=request.user)
                done += 1
            except MembershipError as exc:
                self.message_user(request, f"{membership} : {exc}", messages.WARNING)
        self.message_user(request, f"{done} demande(s) {label}.")

    @admin.action(description="Accepter les demandes sélectionnées")
    def accept_selected(self, request, queryset):
        self._decide(request, queryset, "accept", "acceptée(s)")

    @admin.action(description="Refuser les demandes sélectionnées")
    def refuse_selected(self, request, queryset):
        self._decide(request, queryset, "refuse", "refusée(s)")
