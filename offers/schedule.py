from celery.schedules import crontab

BEAT_SCHEDULE = {
    "offers-expire": {"task": "offers.tasks.expire_offers", "schedule": crontab(minute=5)},
    "offers-warn-expiring": {"task": "offers.tasks.warn_offers_expiring_soon", "schedule": crontab(hour=8, minute=0)},
}
