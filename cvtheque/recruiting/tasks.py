"""Celery tasks of the recruiter side of the CVthèque. Imported by ``cvtheque/schedule.py`` (which
the Celery app loads in the worker and in beat) so that the task is registered without editing
``cvtheque/tasks.py``; the imports inside the task keep this module free of Django models."""

from celery import shared_task


@shared_task(bind=True, max_retries=3, default_retry_delay=300)
def send_cv_alerts(self):
    from .alerts import send_due_alerts

    return send_due_alerts()
