from django import forms

from .enums import RejectionReason


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label="Motif du refus", choices=[("", "— Choisir un motif —"), *RejectionReason.choices],
                               error_messages={"required": "Choisissez le motif du refus."})
    text = forms.CharField(label="Précisions pour le recruteur", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="Le recruteur lit ce texte dans l'e-mail et dans « Mes offres ».")

    def clean(self):
        data = super().clean()
        if data.get("reason") == RejectionReason.OTHER and not (data.get("text") or "").strip():
            self.add_error("text", "Précisez le motif du refus quand vous choisissez « Autre ».")
        return data
