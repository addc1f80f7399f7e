"""What a CVthèque CV brings to an application: a copy of its profile and of its document."""

from django.core.files.base import ContentFile

from accounts.views import RESUME_SESSION_KEY
from cvtheque.cvs import extraction
from cvtheque.cvs.models import CV
from offers.models import Application, Offer
from offers.services import apply_to_offer

# The session key of the message a visitor wrote before logging in or signing up, per offer
DRAFT_KEY = "application-draft-{pk}"
# Where « connexion/suite/ » sends the user back (read by accounts.views.after_login)
RESUME_KEY = RESUME_SESSION_KEY


def candidate_cv(user) -> CV | None:
    return CV.objects.filter(owner=user).select_related("commune").prefetch_related("metiers").first()


def cv_profile(cv: CV) -> dict:
    """The CV's profile as the recruiter reads it on the application (labels and values in French)."""
    facts = [
        ("Métiers", ", ".join(metier.name for metier in cv.metiers.all())),
        ("Commune", f"{cv.commune.name}" + (f" (mobilité {cv.mobility_km} km)" if cv.mobility_km else "")
         if cv.commune_id else ""),
        ("Contrats souhaités", ", ".join(cv.contract_type_labels)),
        ("Disponibilité", cv.get_availability_display()),
        ("Permis de conduire", "Oui" if cv.driving_licence else "Non"),
        ("Niveau de diplôme", cv.get_education_level_display()),
        ("Téléphone", cv.phone),
    ]
    return {
        "headline": cv.headline,
        "facts": [[label, value] for label, value in facts if value],
        "summary": cv.summary, "skills": cv.skills, "experience": cv.experience,
    }


def apply_with(offer: Offer, candidate, message: str, *, cv: CV | None = None, uploaded=None,
               kind: str = "") -> Application:
    """Apply with the CVthèque CV (its profile and a copy of its document) or with an uploaded document
    (already checked by ``extraction.validate_document``, whose kind is ``kind``)."""
    if uploaded is not None:
        name = (getattr(uploaded, "name", "") or f"cv.{kind}")[-255:]
        return apply_to_offer(offer, candidate, message, document=uploaded, document_name=name,
                              document_type=extraction.CONTENT_TYPES[kind])
    if cv is None:
        return apply_to_offer(offer, candidate, message)
    document, name, content_type = None, "", ""
    if cv.document:
        kind = cv.document.name.rsplit(".", 1)[-1].lower()
        if kind in extraction.CONTENT_TYPES:
            with cv.document.open("rb") as stored:
                document = ContentFile(stored.read())
            name = cv.document_name or f"cv.{kind}"
            if not name.lower().endswith(f".{kind}"):
                name = f"{name}.{kind}"
            content_type = extraction.CONTENT_TYPES[kind]
    return apply_to_offer(offer, candidate, message, document=document, document_name=name,
                          document_type=content_type, profile=cv_profile(cv))
