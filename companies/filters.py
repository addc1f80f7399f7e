"""« Entreprises »: the public list's filter set (django-filter)."""

import django_filters

from referentials.forms import PlaceField
from referentials.models import Sector
from toolkit.filters import FrenchFilterSet, field_filter

from .models import Company


class CompanyFilterSet(FrenchFilterSet):
    """Name (accents and case ignored, every word), NAF section, place."""

    q = django_filters.CharFilter(label="Nom de l'entreprise", max_length=100, method="filter_name")
    sector = django_filters.ModelChoiceFilter(
        label="Secteur d'activité", queryset=Sector.objects.filter(section__isnull=True).order_by("label"),
        to_field_name="code", empty_label="Tous les secteurs", method="filter_sector")
    place = field_filter(PlaceField)(
        label="Lieu", method="filter_place",
        help_text="Une ville, un code postal, une intercommunalité, un département ou une région.")

    class Meta:
        model = Company
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.name_matches(value)

    def filter_sector(self, queryset, name, value):
        return queryset.in_sector(value)

    def filter_place(self, queryset, name, value):
        return queryset.in_place(value)
