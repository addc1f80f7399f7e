"""Forms of the spouse referrals: the recruiter's presentation and the partner's corrections."""

from django import forms

from cvtheque.cvs.enums import Availability, ContractType
from cvtheque.cvs.extraction import validate_document
from referentials.forms import CommuneField, MetierMultipleField


class SpouseReferralForm(forms.Form):
    """« Présenter le conjoint d'une recrue »."""

    first_name = forms.CharField(label="Prénom du conjoint", max_length=100)
    last_name = forms.CharField(label="Nom du conjoint", max_length=100)
    email = forms.EmailField(label="E-mail du conjoint")
    phone = forms.CharField(label="Téléphone du conjoint", max_length=30, required=False)
    headline = forms.CharField(label="Poste recherché", max_length=200,
                               help_text="Par exemple : Aide-soignante, Comptable, Vendeur en boulangerie.")
    metiers = MetierMultipleField(label="Métiers recherchés", required=False,
                                  help_text="Un ou plusieurs métiers, séparés par des virgules.",
                                  attrs={"placeholder": "Tapez des métiers"})
    place = CommuneField(label="Lieu souhaité", help_text="Le nom de la commune ou son code postal.",
                         attrs={"placeholder": "Tapez un lieu"})
    mobility_km = forms.IntegerField(label="Rayon de recherche (km)", min_value=0, max_value=200, initial=20)
    contract_types = forms.MultipleChoiceField(label="Types de contrat souhaités", choices=ContractType.choices,
                                               required=False, widget=forms.CheckboxSelectMultiple)
    availability = forms.ChoiceField(label="Disponibilité", choices=Availability.choices)
    document = forms.FileField(label="CV (PDF, DOCX ou ODT, 5 Mo maximum)", required=False)
    message = forms.CharField(label="Message", required=False, max_length=3000, widget=forms.Textarea(
        attrs={"rows": 4}), help_text="Quelques mots sur le parcours du conjoint et son arrivée sur le territoire.")
    consent = forms.BooleanField(label="Je confirme que le conjoint a accepté d'être présenté aux recruteurs du "
                                       "territoire et que son profil soit visible dans la CVthèque.")

    def clean_document(self):
        """The same checks as the candidate's « Mon CV » (content, size, encryption, bombs)."""
        document = self.cleaned_data.get("document")
        self.document_kind = validate_document(document) if document else None
        return document


class PartnerProfileForm(forms.Form):
    """What the presented partner may correct on their profile."""

    headline = forms.CharField(label="Poste recherché", max_length=200)
    phone = forms.CharField(label="Téléphone", max_length=30, required=False)
    mobility_km = forms.IntegerField(label="Rayon de recherche (km)", min_value=0, max_value=200)
    contract_types = forms.MultipleChoiceField(label="Types de contrat souhaités", choices=ContractType.choices,
                                               required=False, widget=forms.CheckboxSelectMultiple)
    availability = forms.ChoiceField(label="Disponibilité", choices=Availability.choices)
