from celery import shared_task

from . import services


@shared_task(name="cvtheque.retention.tasks.apply_retention")
def apply_retention() -> dict:
    """Daily: hide, warn and delete what retention says (idempotent)."""
    return services.apply_retention()
