"""Celery application. Each app declares its periodic tasks in ``<app>/schedule.py``
as a ``BEAT_SCHEDULE`` dict; they are merged here so that no app edits another's file."""

import importlib
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terredemplois.settings")

# Every task retries when the database is down (toolkit.tasks.DatabaseRetryTask).
app = Celery("terredemplois", task_cls="toolkit.tasks:DatabaseRetryTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

PROJECT_APPS = ["mailing", "referentials", "accounts", "companies", "offers", "moderation", "cvtheque"]


def collect_beat_schedule() -> dict:
    schedule: dict = {}
    for name in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{name}.schedule")
        except ModuleNotFoundError as exc:
            if exc.name != f"{name}.schedule":
                raise
            continue
        for key, entry in module.BEAT_SCHEDULE.items():
            if key in schedule:
                raise RuntimeError(f"Periodic task {key!r} declared twice")
            schedule[key] = entry
    return schedule


@app.on_after_configure.connect
def _setup_beat(sender, **kwargs):
    sender.conf.beat_schedule = collect_beat_schedule()
