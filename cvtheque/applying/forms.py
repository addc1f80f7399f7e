from django import forms

from cvtheque.cvs import extraction
from offers.forms import ApplicationForm

WITH_CV = "cv"
WITH_DOCUMENT = "document"


class ApplyForm(ApplicationForm):
    """The message, and the CVthèque CV or another document (checked as the CVthèque checks its documents)."""

    source = forms.ChoiceField(label="Mon CV", widget=forms.RadioSelect, choices=[
        (WITH_CV, "Mon CV de la CVthèque"), (WITH_DOCUMENT, "Un autre document pour cette candidature"),
    ])
    document = forms.FileField(
        label="Document (PDF, DOCX ou ODT, 5 Mo maximum)", required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.odt"}),
    )

    def __init__(self, *args, has_cv: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.document_kind = ""
        self.order_fields(["source", "document", "message"])
        if has_cv:
            self.fields["source"].initial = WITH_CV
        else:
            self.fields["source"].choices = [(WITH_DOCUMENT, "Un document pour cette candidature")]
            self.fields["source"].initial = WITH_DOCUMENT
            self.fields["source"].help_text = "Vous n'avez pas encore de CV dans la CVthèque : joignez un document."

    def clean_document(self):
        uploaded = self.cleaned_data.get("document")
        if uploaded:
            self.document_kind = extraction.validate_document(uploaded)
        return uploaded

    def clean(self):
        data = super().clean()
        if data.get("source") == WITH_DOCUMENT and not data.get("document") and "document" not in self.errors:
            self.add_error("document", "Joignez votre CV (PDF, DOCX ou ODT).")
        return data
