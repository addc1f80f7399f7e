from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django_ckeditor_5.widgets import CKEditor5Widget

from companies.services import companies_of
from referentials.forms import AutocompleteInput, CommuneField, MetierField, PlaceField
from toolkit.richtext import clean_rich_text

from .alert_models import JobAlertFrequency
from .enums import ApplicationStatus, ContractType, RefusalReason, SalaryPeriod
from .models import Offer, SupportOrganisation
from .validators import (
    OFFER_LIFETIME_DAYS,
    normalize_french_phone,
    validate_description_length,
    validate_removal_date,
    validate_salary,
)


class EuroAmountField(forms.DecimalField):
    """Accepts « 1 900 », « 1900,50 », « 1 900 € »."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=9, decimal_places=2, min_value=Decimal("0.01"), localize=False, **kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
        try:
            return super().to_python(value)
        except (ValidationError, InvalidOperation) as exc:
            raise ValidationError("Saisissez un montant en euros, par exemple 1 900 ou 12,50.", code="invalid") from exc


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class VerificationRequestForm(forms.Form):
    """« Demander une vérification par l'équipe »: sends an offer with a « Bloquant » finding anyway, with the
    recruiter's reason, which the moderator reads next to the finding. Not ``required`` in the HTML: the same
    page's « Ajouter l'offre » (after a fix) must submit without it."""

    use_required_attribute = False

    justification = forms.CharField(
        label="Pourquoi pensez-vous que cette formulation est correcte ?", min_length=10, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Une ou deux phrases pour l'équipe de modération (10 caractères au moins).",
        error_messages={"required": "Expliquez en une phrase pourquoi la formulation vous semble correcte.",
                        "min_length": "Expliquez en une phrase (10 caractères au moins)."})


class OfferForm(forms.ModelForm):
    """« Mon offre d'emploi ». ``draft=True`` (« Sauvegarder le brouillon ») only requires a title;
    otherwise (« Ajouter l'offre ») every field marked * is required. Format rules always apply."""

    company = forms.ModelChoiceField(queryset=None, label="Entreprise", empty_label="Choisissez l'entreprise")
    salary_min = EuroAmountField(label="Montant ou minimum", required=False,
                                 help_text="Montant brut ; pour une fourchette, indiquez aussi le maximum.")
    salary_max = EuroAmountField(label="Maximum (fourchette, facultatif)", required=False)

    class Meta:
        model = Offer
        fields = [
            "wants_support", "title", "metier", "commune", "company", "salary_min", "salary_max", "salary_period",
            "contact_name", "contact_phone", "contact_email", "start_date", "is_seasonal", "contract_type",
            "description", "removal_date",
        ]
        labels = {
            "title": "Titre de l'annonce",
            "metier": "Métier",
            "commune": "Lieu du poste",
            "salary_period": "Le salaire est",
            "contact_name": "Nom du contact",
            "contact_phone": "Téléphone du contact",
            "contact_email": "E-mail du contact",
            "start_date": "Date de début souhaitée",
            "is_seasonal": "Offre saisonnière",
            "contract_type": "Type de contrat",
            "description": "Description du poste",
            "removal_date": "Sélectionner une date d'expiration",
        }
        help_texts = {
            "title": "Par exemple « Vendeur / Vendeuse H/F en boulangerie ». Pensez à la mention H/F.",
            "removal_date": f"Facultatif : après aujourd'hui et dans les {OFFER_LIFETIME_DAYS} jours.",
        }
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel",
                                                    "placeholder": "04 68 12 34 56"}),
            "start_date": DateInput(),
            "removal_date": DateInput(),
            "description": CKEditor5Widget(config_name="default"),
        }

    def __init__(self, *args, user, draft=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.draft = draft
        organisation = SupportOrganisation.get()
        self.fields["wants_support"].label = (
            f"Pour mes recrutements, je souhaite être accompagné par {organisation.name} qui propose une "
            "organisation matérielle des sessions de recrutements."
        )
        companies = companies_of(user)
        self.fields["company"].queryset = companies
        if not self.instance.pk and not self.is_bound:
            only = list(companies[:2])
            if len(only) == 1:
                self.initial["company"] = only[0].pk
            self.initial.setdefault("contact_email", user.email)
        self.fields["metier"] = MetierField(label="Métier", required=False,
                                            attrs={"placeholder": "Tapez un métier, par exemple vendeur"})
        self.fields["commune"] = CommuneField(label="Lieu du poste", required=False,
                                              attrs={"placeholder": "Tapez une ville ou un code postal"})
        self.fields["contract_type"].choices = [("", "Choisissez le type de contrat"), *ContractType.choices]
        self.fields["salary_period"].choices = [("", "—"), *SalaryPeriod.choices]
        self.fields["contact_email"].help_text = "Ces informations ne seront pas visibles pour les candidats"
        for name in ("title", "metier", "commune", "contact_phone", "contract_type"):
            self.fields[name].required = not draft
        self.fields["title"].required = True

    def clean_contact_phone(self):
        value = self.cleaned_data.get("contact_phone", "").strip()
        return normalize_french_phone(value) if value else ""

    def clean_removal_date(self):
        value = self.cleaned_data.get("removal_date")
        validate_removal_date(value)
        return value

    def clean_description(self):
        description = clean_rich_text(self.cleaned_data.get("description", ""))
        validate_description_length(description)
        return description

    def clean(self):
        data = super().clean()
        try:
            validate_salary(data.get("salary_min"), data.get("salary_max"), data.get("salary_period", ""))
        except ValidationError as exc:
            self.add_error("salary_min", exc)
        return data


def keywords_input(placeholder: str) -> AutocompleteInput:
    """The keywords' input: free text, with the métiers of the referential suggested as one types."""
    return AutocompleteInput(reverse_lazy("referentials:metiers"), attrs={
        "placeholder": placeholder, "type": "search"})


class HomeSearchForm(forms.Form):
    """The home page's search, sent to the public « Offres » page (the same field names)."""

    q = forms.CharField(label="Quel métier ?", required=False, max_length=200,
                        widget=keywords_input("Par exemple boulanger, aide-soignante"))
    ou = PlaceField(label="Où ?", required=False, attrs={"placeholder": "Ville, code postal, département"})


class ApplicationForm(forms.Form):
    message = forms.CharField(
        label="Votre message au recruteur", max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Présentez-vous en quelques lignes : votre expérience, vos disponibilités, comment vous joindre.",
    )


class RefusalForm(forms.Form):
    """The reason of a refusal (one application or a selection)."""

    reason = forms.ChoiceField(label="Motif du refus", choices=[("", "Choisissez le motif"), *RefusalReason.choices])
    text = forms.CharField(label="Précisez (pour « Autre »)", required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("reason") == RefusalReason.OTHER and not (data.get("text") or "").strip():
            self.add_error("text", "Précisez le motif du refus.")
        return data


class ApplicationFilterForm(forms.Form):
    statut = forms.ChoiceField(label="Statut", required=False,
                               choices=[("", "Tous les statuts"), *ApplicationStatus.choices])


class JobAlertFrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label="Fréquence", choices=JobAlertFrequency.choices, initial=JobAlertFrequency.DAILY,
                                  widget=forms.RadioSelect)
