from celery.schedules import crontab

from . import tasks_recruiter  # noqa: F401 - registers the tasks in the worker and in beat

BEAT_SCHEDULE = {
    "cvtheque-send-cv-alerts": {
        "task": "cvtheque.tasks_recruiter.send_cv_alerts",
        "schedule": crontab(hour=7, minute=15),
    },
}
