from django import forms

from .enums import REFUSAL_MESSAGES, RejectionReason, rejection_reason_for


class RejectForm(forms.Form):
    """« Refuser »: a reason and the text the recruiter reads, both prefilled from the blocking findings (the
    reason) and the reason (the text: ``REFUSAL_MESSAGES``, changed in the page as the reason changes); an empty
    text gets the reason's message, so a refusal can take one click."""

    reason = forms.ChoiceField(label="Motif du refus", choices=[("", "— Choisir un motif —"), *RejectionReason.choices],
                               error_messages={"required": "Choisissez le motif du refus."})
    text = forms.CharField(label="Précisions pour le recruteur", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="Le recruteur lit ce texte dans l'e-mail et dans « Mes offres ». Il est "
                                     "prérempli selon le motif : modifiez-le à votre guise.")

    def __init__(self, *args, blocking_codes: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        reason = rejection_reason_for(blocking_codes or [])
        if reason and not self.is_bound:
            self.initial.setdefault("reason", reason)
            self.initial.setdefault("text", REFUSAL_MESSAGES.get(reason, ""))

    def clean(self):
        data = super().clean()
        reason = data.get("reason")
        if reason == RejectionReason.OTHER and not (data.get("text") or "").strip():
            self.add_error("text", "Précisez le motif du refus quand vous choisissez « Autre ».")
        elif reason and not (data.get("text") or "").strip():
            data["text"] = REFUSAL_MESSAGES.get(reason, "")
        return data
