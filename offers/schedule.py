from celery.schedules import crontab

BEAT_SCHEDULE = {
    "offers-expire": {"task": "offers.tasks.expire_offers", "schedule": crontab(minute=5)},
    "offers-job-alerts": {"task": "offers.tasks.send_job_alerts", "schedule": crontab(hour=7, minute=0)},
    "offers-warn-expiring": {"task": "offers.tasks.warn_offers_expiring_soon", "schedule": crontab(hour=8, minute=0)},
}
