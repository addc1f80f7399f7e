from celery.schedules import crontab

BEAT_SCHEDULE = {
    "mailing-send-pending": {"task": "mailing.tasks.send_pending_emails", "schedule": 60.0},
    "mailing-purge-sent": {"task": "mailing.tasks.purge_sent_emails", "schedule": crontab(hour=3, minute=30)},
}
