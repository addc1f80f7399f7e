"""The offers' filter sets (django-filter): the public « Offres » search and the recruiter's « Mes offres ».

The public one only declares and validates its fields: its ``qs`` is ``search.search_offers`` (the one offer
search, shared with job alerts and « Offres pour vous ») of ``search.OfferCriteria.from_form``, in
``search.ordered`` order."""

import django_filters
from django import forms

from referentials.forms import MetierField, PlaceField, RadiusField
from toolkit.filters import CheckboxFilter, FrenchFilterSet, field_filter

from .enums import ContractType, OfferStatus
from .forms import EuroAmountField, keywords_input
from .models import Offer
from .search import RECENT_DAYS, OfferCriteria, Sort, ordered, search_offers


class _PlaceField(PlaceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("attrs", {"placeholder": "Ville, code postal, département, région"})
        super().__init__(**kwargs)


class _MetierField(MetierField):
    def __init__(self, **kwargs):
        kwargs.setdefault("attrs", {"placeholder": "Par exemple boulanger, aide-soignant"})
        super().__init__(**kwargs)


class _SalaryField(EuroAmountField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs["placeholder"] = "Par exemple 1 800"


class OfferFilterSet(FrenchFilterSet):
    """« Offres »: keywords, métier, place and radius, contract types, minimum salary, freshness, seasonal
    offers, sort."""

    q = django_filters.CharFilter(label="Quoi ?", max_length=200,
                                  widget=keywords_input("Métier, mot-clé, entreprise"))
    metier = field_filter(_MetierField)(label="Métier")
    ou = field_filter(_PlaceField)(label="Où ?")
    rayon = field_filter(RadiusField)(label="Dans un rayon de")
    contrat = django_filters.MultipleChoiceFilter(label="Type de contrat", choices=ContractType.choices,
                                                  widget=forms.CheckboxSelectMultiple)
    salaire = field_filter(_SalaryField)(label="Salaire minimum (brut mensuel, en €)")
    recentes = CheckboxFilter(label=f"Publiées depuis moins de {RECENT_DAYS} jours")
    saisonnier = CheckboxFilter(label="Offre saisonnière")
    tri = django_filters.ChoiceFilter(label="Trier par", choices=Sort.CHOICES, empty_label=None,
                                      null_label=None)

    class Meta:
        model = Offer
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset if queryset is not None else Offer.objects.visible_to_public(), **kwargs)

    @property
    def criteria(self) -> OfferCriteria:
        return OfferCriteria.from_form(self.cleaned_data)

    def filter_queryset(self, queryset):
        criteria = self.criteria
        return ordered(search_offers(criteria, queryset), criteria)


class MyOffersFilterSet(FrenchFilterSet):
    """« Vos offres d'emploi »: a title search and a status filter (« Supprimées » included)."""

    DELETED = "deleted"

    q = django_filters.CharFilter(label="Titre", max_length=200, method="filter_title", widget=forms.TextInput(
        attrs={"placeholder": "Veuillez saisir un titre", "type": "search"}))
    statut = django_filters.ChoiceFilter(label="Statut", method="filter_status", empty_label="Toutes les offres",
                                         choices=[*OfferStatus.choices, (DELETED, "Supprimées")])

    class Meta:
        model = Offer
        fields = []

    def filter_title(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(title__unaccent__icontains=value) if value else queryset

    def filter_status(self, queryset, name, value):
        if value == self.DELETED:
            return queryset.filter(deleted_at__isnull=False)
        return queryset.filter(status=value, deleted_at__isnull=True) if value else queryset
