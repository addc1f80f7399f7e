"""Celery task of the recruiters' tools: the daily run of the favourite searches' e-mail alerts
(scheduled in ``cvtheque/schedule.py``)."""

from celery import shared_task

from cvtheque.recruiting.alerts import send_due_alerts


@shared_task(name="cvtheque.recruiting.tasks.send_cv_alerts")
def send_cv_alerts() -> dict:
    """Send every due favourite's digest (idempotent: a rerun sends nothing twice)."""
    return send_due_alerts()
