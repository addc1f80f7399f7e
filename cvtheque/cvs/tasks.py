"""Celery tasks of the candidates' CVs: the analysis of an uploaded document, and the sweep that
analyses the documents whose task never ran (broker down at upload, worker killed)."""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from cvtheque.cvs.enums import ExtractionStatus
from cvtheque.cvs.extraction import run_extraction
from cvtheque.cvs.models import CV


@shared_task(name="cvtheque.cvs.tasks.extract_cv_text", soft_time_limit=60, time_limit=90, acks_late=True)
def extract_cv_text(cv_id: int) -> str:
    """Read the text of a CV's document (bounded in size and time) and refresh its search columns."""
    return run_extraction(cv_id)


@shared_task(name="cvtheque.cvs.tasks.extract_pending_cvs")
def extract_pending_cvs(older_than_seconds: int = 120, limit: int = 100) -> int:
    """Sweep: CVs left « Analyse en cours » (broker down at upload, worker killed) are analysed again."""
    threshold = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        CV.objects.filter(extraction_status=ExtractionStatus.PENDING, updated_at__lt=threshold)
        .values_list("pk", flat=True)[:limit]
    )
    for cv_id in ids:
        with transaction.atomic():
            run_extraction(cv_id)
    return len(ids)
