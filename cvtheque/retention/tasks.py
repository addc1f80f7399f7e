from celery import shared_task

from .services import apply_retention


@shared_task(name="cvtheque.retention.tasks.apply_retention")
def apply_retention_task() -> dict:
    """Daily: hide, warn and delete what retention says (idempotent)."""
    return apply_retention()
