"""The CVthèque's periodic tasks, merged into Celery beat's schedule by ``terredemplois.celery``. Tasks are
named by their module path (``name=`` on each task; ``tests/terredemplois/test_celery_schedule.py`` checks
that every one exists)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "cvtheque-send-cv-alerts": {
        "task": "cvtheque.recruiting.tasks.send_cv_alerts",
        "schedule": crontab(hour=7, minute=15),
    },
    # CNIL retention: hide, warn and delete what is kept too long (idempotent)
    "cvtheque-apply-retention": {
        "task": "cvtheque.retention.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
    # Uploads made while the broker was down wait in « Analyse en cours »: this sweep extracts them.
    "cvtheque-extract-pending": {"task": "cvtheque.cvs.tasks.extract_pending_cvs", "schedule": 300.0},
}
