from django import forms

from cvtheque.cvs.enums import Availability, ContractType, CVSource, EducationLevel
from referentials.forms import PlaceField


class CVSearchForm(forms.Form):
    """The search form of « Trouvez le candidat idéal parmi nos CV » (GET); its data builds CVSearchParams."""

    q = forms.CharField(
        label="Pour quel poste cherchez-vous un candidat ?", required=False, max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "Tapez des métiers ou secteurs", "type": "search"}),
    )
    place = PlaceField(label="Où recrutez-vous ?", required=False, attrs={"placeholder": "Tapez un lieu"})
    rqth_only = forms.BooleanField(
        label="Reconnaissance de la qualité de travailleur handicapé (RQTH) uniquement", required=False
    )
    radius_km = forms.TypedChoiceField(
        label="Rayon autour de la commune", required=False, coerce=int, empty_value=None,
        choices=[("", "Commune seule"), (5, "5 km"), (10, "10 km"), (20, "20 km"), (30, "30 km"), (50, "50 km")],
    )
    contract_types = forms.MultipleChoiceField(
        label="Types de contrat", choices=ContractType.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    availability = forms.ChoiceField(
        label="Disponibilité", required=False, choices=[("", "Indifférente"), *Availability.choices]
    )
    # the B licence declared (checkbox) or written in the CV (``cvs.facts``), never a negated one
    driving_licence = forms.BooleanField(label="Permis de conduire B (déclaré ou écrit dans le CV)", required=False)
    education_level = forms.ChoiceField(
        label="Niveau de diplôme minimum", required=False, choices=[("", "Indifférent"), *EducationLevel.choices]
    )
    updated_within_months = forms.TypedChoiceField(
        label="CV mis à jour depuis", required=False, coerce=int, empty_value=None,
        choices=[("", "Indifférent"), (1, "moins d'1 mois"), (3, "moins de 3 mois"), (6, "moins de 6 mois"),
                 (12, "moins d'un an")],
    )
    source = forms.ChoiceField(
        label="Origine du CV", required=False, choices=[("", "Tous les CV"), *CVSource.choices]
    )
