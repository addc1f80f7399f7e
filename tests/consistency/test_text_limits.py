"""Every text a person can type is bounded: each editable ``TextField`` of the project's models has a
``max_length`` (enforced by every form built on it), unless it is written by the code itself (listed below
with the reason). A request never stores, checks or renders an unbounded text."""

from django.db import models

from cvtheque.cvs.forms import CVForm
from cvtheque.cvs.models import SUMMARY_MAX_CHARS
from tests.consistency.test_admin import project_models

# Texts written by the code, never typed in a form: bounded where they are produced.
WRITTEN_BY_THE_CODE = {
    "mailing.OutgoingEmail.body_text",  # rendered from our templates
    "mailing.OutgoingEmail.body_html",
    "mailing.OutgoingEmail.last_error",  # the SMTP error message
    "cvtheque.CV.extracted_text",  # bounded by the extraction (MAX_TEXT_CHARS)
}


def test_every_text_a_person_can_type_has_a_maximum_length():
    unbounded = sorted(
        f"{model._meta.label}.{field.name}"
        for model in project_models() for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and field.editable and field.max_length is None
        and f"{model._meta.label}.{field.name}" not in WRITTEN_BY_THE_CODE
    )
    assert not unbounded, f"give these a max_length (or list them with the reason): {unbounded}"


def test_the_cv_form_refuses_a_presentation_over_its_maximum_in_french():
    form = CVForm(data={"summary": "a" * (SUMMARY_MAX_CHARS + 1)})
    form.is_valid()
    assert "Assurez-vous que cette valeur comporte au plus" in " ".join(form.errors.get("summary", []))
