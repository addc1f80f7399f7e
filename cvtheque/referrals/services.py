"""« Rapprochement de conjoints »: a recruiter presents the partner of a person they hire; the
partner becomes a visible CVthèque CV (source « spouse ») and receives a signed link to claim,
correct or delete their profile."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cvtheque.cvs.enums import CVSource
from cvtheque.cvs.models import CV
from cvtheque.cvs.services import attach_document, delete_cv
from cvtheque.referrals.models import SpouseReferral
from mailing.services import queue_email
from toolkit.tokens import sign, unsign

PARTNER_SALT = "cvtheque.spouse-partner"
PARTNER_LINK_MAX_AGE = 90 * 24 * 3600


def partner_token(referral: SpouseReferral) -> str:
    return sign({"r": referral.pk, "e": referral.email}, PARTNER_SALT)


def referral_from_token(token: str) -> SpouseReferral | None:
    """The referral of a partner's signed link, or None (tampered with, or too old)."""
    data = unsign(token, PARTNER_SALT, max_age=PARTNER_LINK_MAX_AGE)
    if not data:
        return None
    return SpouseReferral.objects.select_related("cv", "company").filter(pk=data.get("r"), email=data.get("e")).first()


@transaction.atomic
def present_partner(company, user, data: dict) -> SpouseReferral:
    """Create the partner's CV (visible, source « spouse »), the referral, and queue the partner's e-mail."""
    now = timezone.now()
    cv = CV(
        source=CVSource.SPOUSE, first_name=data["first_name"].strip(), last_name=data["last_name"].strip(),
        email=data["email"], phone=data.get("phone", ""), headline=data["headline"].strip(),
        commune=data["place"], mobility_km=data["mobility_km"], contract_types=list(data.get("contract_types", [])),
        availability=data["availability"], summary=data.get("message", ""), updated_at=now,
    )
    cv.set_visibility(True)
    cv.save()
    cv.metiers.set(data.get("metiers") or [])
    if data.get("document"):
        attach_document(cv, data["document"], data["document_kind"])  # text extracted in the background
    cv.refresh_search()
    referral = SpouseReferral.objects.create(
        cv=cv, company=company, presented_by=user, first_name=cv.first_name, last_name=cv.last_name,
        email=cv.email, message=data.get("message", ""), consent_at=now, created_at=now,
    )
    queue_email(
        referral.email, "cvtheque/emails/spouse_referral",
        {"referral": referral, "company": company, "recruiter": user,
         "profile_url": reverse("cvtheque:spouse_partner_profile", args=[partner_token(referral)])},
        reason="spouse_referral", dedup_key=f"spouse-referral-{referral.pk}",
    )
    return referral


def correct_profile(referral: SpouseReferral, data: dict) -> None:
    cv = referral.cv
    if not referral.link_is_open:
        return
    for name in ("headline", "phone", "mobility_km", "availability"):
        setattr(cv, name, data[name])
    cv.contract_types = list(data.get("contract_types", []))
    cv.updated_at = timezone.now()
    cv.save()
    cv.refresh_search()


@transaction.atomic
def delete_profile(referral: SpouseReferral) -> None:
    """The partner deletes their profile: the CV (and its file) is gone, the referral stays without it."""
    if referral.cv_id:
        delete_cv(referral.cv)
        referral.cv = None


@transaction.atomic
def claim_profile(referral: SpouseReferral, user) -> bool:
    """Attach the profile to the partner's candidate account (if that account has no CV yet). Once: the row
    is locked and claimed only while it has no owner, and the partner's link stops working afterwards."""
    cv = referral.cv
    if cv is None or not referral.link_is_open or CV.objects.filter(owner=user).exists():
        return False
    locked = CV.objects.select_for_update().filter(pk=cv.pk, owner__isnull=True).first()
    if locked is None:
        return False
    locked.owner = user
    locked.save(update_fields=["owner"])
    cv.owner = user
    return True
