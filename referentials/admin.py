from django import forms
from django.contrib import admin
from django.db.models import Count

from .models import Commune, Departement, Epci, Metier, MetierFamily, ReferentialImport, Region, Sector
from .search_text import normalize


class FoldedSearchMixin:
    """Admin search that ignores accents and case, on the folded ``search_field``."""

    folded_search_field = "search_name"

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        folded = normalize(search_term)
        if folded:
            results |= queryset.filter(**{f"{self.folded_search_field}__contains": folded})
        return results, may_have_duplicates


class ReadOnlyReferentialAdmin(admin.ModelAdmin):
    """Geography comes from the official files (``load_referentials``): staff read it, they do not edit it."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(FoldedSearchMixin, ReadOnlyReferentialAdmin):
    list_display = ["name", "code", "population"]
    search_fields = ["name", "code"]


@admin.register(Departement)
class DepartementAdmin(FoldedSearchMixin, ReadOnlyReferentialAdmin):
    list_display = ["code", "name", "region", "chef_lieu", "population"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name", "code"]


@admin.register(Epci)
class EpciAdmin(FoldedSearchMixin, ReadOnlyReferentialAdmin):
    list_display = ["name", "code", "kind", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(Commune)
class CommuneAdmin(FoldedSearchMixin, ReadOnlyReferentialAdmin):
    list_display = ["name", "insee", "postal_codes", "departement", "epci", "population", "approximate_location"]
    list_filter = ["kind", "approximate_location", "departement__region"]
    list_select_related = ["departement", "epci"]
    search_fields = ["name", "insee", "postal_search"]
    show_full_result_count = False


class MetierAdminForm(forms.ModelForm):
    synonyms_text = forms.CharField(
        label="Synonymes", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Séparés par des virgules, par exemple : Conseiller de vente, Vendeur en magasin.",
    )

    class Meta:
        model = Metier
        fields = ["name", "name_feminine", "family"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["synonyms_text"].initial = ", ".join(self.instance.synonyms or [])

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if "," in name:
            raise forms.ValidationError("Un intitulé ne peut pas contenir de virgule.")
        return name

    def save(self, commit=True):
        self.instance.synonyms = [s.strip() for s in self.cleaned_data["synonyms_text"].split(",") if s.strip()]
        return super().save(commit=commit)


@admin.register(Metier)
class MetierAdmin(FoldedSearchMixin, admin.ModelAdmin):
    form = MetierAdminForm
    folded_search_field = "search_text"
    list_display = ["name", "name_feminine", "family", "synonyms_list"]
    list_filter = ["family"]
    list_select_related = ["family"]
    search_fields = ["name", "name_feminine"]
    fields = ["name", "name_feminine", "synonyms_text", "family"]

    @admin.display(description="synonymes")
    def synonyms_list(self, obj):
        return ", ".join(obj.synonyms or [])


@admin.register(MetierFamily)
class MetierFamilyAdmin(admin.ModelAdmin):
    list_display = ["name", "metier_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(metier_count=Count("metiers"))

    @admin.display(description="métiers", ordering="metier_count")
    def metier_count(self, obj):
        return obj.metier_count


@admin.register(Sector)
class SectorAdmin(FoldedSearchMixin, ReadOnlyReferentialAdmin):
    folded_search_field = "search_text"
    list_display = ["code", "label", "section"]
    list_filter = ["section"]
    list_select_related = ["section"]
    search_fields = ["code", "label"]


@admin.register(ReferentialImport)
class ReferentialImportAdmin(ReadOnlyReferentialAdmin):
    list_display = ["dataset", "rows", "loaded_at", "checksum"]
