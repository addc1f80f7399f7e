"""Celery task of the search: the CVs' stored search columns written again when the métiers they hold change."""

from celery import shared_task

from cvtheque.cvs.models import CV

from .documents import update_search_columns


@shared_task(name="cvtheque.search.tasks.refresh_metier_cvs", acks_late=True)
def refresh_metier_cvs(metier_ids: list[int]) -> int:
    """The CVs of these métiers get their search document and vectors written again: their titre holds the
    métiers' names, their profile the other names (``documents.document_parts``), which an edit in the admin
    or ``load_referentials`` changed. Writing them again gives the same columns: run twice, it changes
    nothing more. Returns how many CVs."""
    ids = list(CV.objects.filter(metiers__in=metier_ids).order_by("pk").values_list("pk", flat=True).distinct())
    update_search_columns(ids)
    return len(ids)
