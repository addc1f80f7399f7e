from django.conf import settings
from django.contrib import admin, messages

from .models import OfferChoice, Partner, PartnerRead


class PartnerReadInline(admin.TabularInline):
    """The latest reads of the partner's feed (the full log: « Lectures des flux »)."""

    model = PartnerRead
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["read_at", "offer_count"]
    readonly_fields = fields
    ordering = ["-read_at"]

    def get_queryset(self, request):
        latest = PartnerRead.objects.order_by("-read_at").values("pk")[:20]
        return super().get_queryset(request).filter(pk__in=latest)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "feed_format", "scope", "is_active", "created_at"]
    list_filter = ["is_active", "feed_format", "scope"]
    search_fields = ["name"]
    readonly_fields = ["feed_url", "created_at"]
    fields = ["name", "slug", "feed_format", "scope", "is_active", "feed_url", "created_at"]
    inlines = [PartnerReadInline]
    actions = ["regenerate_tokens"]

    @admin.display(description="adresse du flux (secrète : à transmettre au partenaire seulement)")
    def feed_url(self, partner):
        return settings.SITE_URL + partner.feed_path() if partner.pk else "Enregistrez le partenaire pour la voir."

    @admin.action(description="Changer le jeton secret (l'ancienne adresse du flux cesse de fonctionner)")
    def regenerate_tokens(self, request, queryset):
        for partner in queryset:
            partner.regenerate_token()
        messages.success(request, f"{queryset.count()} jeton(s) changé(s) : transmettez la nouvelle adresse.")


@admin.register(PartnerRead)
class PartnerReadAdmin(admin.ModelAdmin):
    list_display = ["partner", "read_at", "offer_count"]
    list_filter = ["partner"]
    list_select_related = ["partner"]
    date_hierarchy = "read_at"
    readonly_fields = ["partner", "read_at", "offer_count"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OfferChoice)
class OfferChoiceAdmin(admin.ModelAdmin):
    list_display = ["offer", "partner", "allowed", "changed_at", "changed_by"]
    list_filter = ["partner", "allowed"]
    list_select_related = ["offer", "partner", "changed_by"]
    raw_id_fields = ["offer", "changed_by"]
    search_fields = ["offer__title"]
