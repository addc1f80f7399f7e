"""The candidate's « Mon CV » form."""

from django import forms

from cvtheque.cvs import extraction
from cvtheque.cvs.enums import ContractType
from cvtheque.cvs.models import CV
from cvtheque.cvs.services import attach_document, remove_document
from cvtheque.search.documents import update_search_columns
from referentials.forms import CommuneField, MetierMultipleField

RQTH_HELP = (
    "La RQTH est une donnée de santé : elle n'est enregistrée que si vous la déclarez, et n'est montrée aux "
    "recruteurs que si vous cochez la case suivante. Elle leur permet de trouver les candidats pour les postes "
    "qu'ils réservent ou adaptent aux travailleurs handicapés. Vous pouvez la retirer à tout moment."
)


class CVForm(forms.ModelForm):
    commune = CommuneField(label="Commune", help_text="Le nom de votre commune ou son code postal.",
                           attrs={"placeholder": "Tapez un lieu"})
    metiers = MetierMultipleField(
        label="Métier(s) recherché(s)", required=False,
        help_text="Un ou plusieurs métiers, séparés par des virgules : « Vendeur, Caissier ».",
        attrs={"placeholder": "Tapez des métiers"},
    )
    contract_types = forms.MultipleChoiceField(
        label="Types de contrat souhaités", choices=ContractType.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    document = forms.FileField(
        label="Mon CV (PDF, DOCX ou ODT, 5 Mo maximum)", required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.odt"}),
        help_text="Le fichier est vérifié puis analysé : son texte permet aux recruteurs de vous trouver.",
    )
    remove_document = forms.BooleanField(label="Supprimer mon document", required=False)

    class Meta:
        model = CV
        fields = [
            "first_name", "last_name", "email", "phone", "headline", "metiers", "commune", "mobility_km",
            "contract_types", "availability", "driving_licence", "education_level", "summary", "skills", "experience",
            "is_visible", "rqth", "rqth_visible",
        ]
        labels = {
            "headline": "Titre",
            "mobility_km": "Mobilité (km autour de ma commune)",
            "driving_licence": "Permis de conduire B",
            "summary": "Présentation",
            "skills": "Compétences",
            "experience": "Expériences professionnelles",
            "is_visible": "Rendre mon CV visible dans la CVthèque des recruteurs",
            "rqth": "Je bénéficie d'une reconnaissance de la qualité de travailleur handicapé (RQTH)",
            "rqth_visible": "J'accepte que les recruteurs voient ma RQTH",
        }
        help_texts = {
            "headline": "Par exemple : Préparatrice de commandes",
            "is_visible": "Tant que cette case n'est pas cochée, aucun recruteur ne voit votre CV.",
            "rqth": RQTH_HELP,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "skills": forms.Textarea(attrs={"rows": 3}),
            "experience": forms.Textarea(attrs={"rows": 6}),
            "mobility_km": forms.NumberInput(attrs={"min": 0, "max": 200}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["metiers"] = list(self.instance.metiers.all())
        self.fields["education_level"].required = False
        self.document_kind = None
        self.was_visible = self.instance.is_visible
        self.order_fields([*self.Meta.fields[:-3], "document", "remove_document", *self.Meta.fields[-3:]])
        if not self.instance.document:
            del self.fields["remove_document"]

    def clean_mobility_km(self):
        value = self.cleaned_data.get("mobility_km") or 0
        if value > 200:
            raise forms.ValidationError("La mobilité ne peut pas dépasser 200 km.")
        return value

    def clean_document(self):
        uploaded = self.cleaned_data.get("document")
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload (not the stored file)
            self.document_kind = extraction.validate_document(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rqth_visible") and not cleaned.get("rqth"):
            self.add_error("rqth_visible", "Cochez d'abord la case RQTH si vous souhaitez la montrer aux recruteurs.")
        return cleaned

    def save(self, commit=True):
        cv = super().save(commit=False)
        cv.is_visible = self.was_visible
        cv.set_visibility(self.cleaned_data.get("is_visible", False))
        cv.save()
        cv.metiers.set(self.cleaned_data.get("metiers") or [])
        uploaded = self.cleaned_data.get("document")
        if uploaded and self.document_kind:
            attach_document(cv, uploaded, self.document_kind)
        elif self.cleaned_data.get("remove_document") and cv.document:
            remove_document(cv)
        update_search_columns([cv.pk])
        return cv
