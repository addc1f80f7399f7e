"""Actions on a CV shared by the candidate's pages, the spouse referrals and the search page: its
document (attached, removed, analysed in the background), its consultations and its deletion."""

from django.db import transaction
from django.utils import timezone

from cvtheque.cvs.enums import ExtractionStatus
from cvtheque.cvs.models import CV, CVView
from cvtheque.cvs.tasks import extract_cv_text
from cvtheque.search.documents import update_search_columns
from toolkit.tasks import delay_or_defer


def enqueue_extraction(cv_id: int) -> bool:
    """Hand the extraction to Celery; a broker outage is logged, the sweep retries later."""
    return delay_or_defer(extract_cv_text, cv_id, what=f"CV {cv_id} extraction")


def attach_document(cv: CV, uploaded, kind: str) -> None:
    """Store a new (already validated) document; its text is extracted in the background after commit."""
    if cv.document:
        cv.document.delete(save=False)
    cv.document.save(f"cv.{kind}", uploaded, save=False)
    cv.document_name = (getattr(uploaded, "name", "") or f"cv.{kind}")[-255:]
    cv.extraction_status = ExtractionStatus.PENDING
    cv.extraction_error = ""
    cv.extracted_text = ""
    cv.save()
    transaction.on_commit(lambda: enqueue_extraction(cv.pk))


def remove_document(cv: CV) -> None:
    if cv.document:
        cv.document.delete(save=False)
    cv.document_name = ""
    cv.extracted_text = ""
    cv.extraction_status = ExtractionStatus.NONE
    cv.extraction_error = ""
    cv.save()
    update_search_columns([cv.pk])


def record_view(cv: CV, recruiter, company) -> CVView:
    """Every consultation of a CV by a recruiter is logged (the candidate sees the companies and dates)."""
    return CVView.objects.create(cv=cv, recruiter=recruiter, company=company, viewed_at=timezone.now())


def views_for_candidate(cv: CV):
    """« Qui a consulté mon CV » : companies and dates, newest first."""
    return cv.views.select_related("company").order_by("-viewed_at")[:100]


def delete_cv(cv: CV) -> None:
    """The candidate deletes their CV: the row, its text and its file (post_delete) disappear."""
    cv.delete()
