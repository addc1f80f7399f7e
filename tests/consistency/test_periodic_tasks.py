"""Every periodic task of the beat schedule is a registered Celery task, scheduled once, declared by
the app that owns it; no app's ``schedule.py`` is left out of the merge."""

import importlib.util

import pytest

from terredemplois.celery import PROJECT_APPS, app, collect_beat_schedule

from .project import project_app_configs


def scheduled_tasks() -> list[str]:
    return [entry["task"] for entry in collect_beat_schedule().values()]


# Importing the tasks as the worker does runs Django's model checks (Celery's Django fix-up), and the check of
# a generated column (``Offer.head_vector``) asks the server's version: the database must be reachable.
@pytest.mark.django_db
def test_every_scheduled_task_is_a_registered_task():
    app.loader.import_default_modules()  # what the worker does at start: every app's tasks.py
    missing = [name for name in scheduled_tasks() if name not in app.tasks]
    assert not missing, f"scheduled but not registered as Celery tasks: {missing}"


def test_every_task_is_scheduled_once():
    tasks = scheduled_tasks()
    twice = sorted({name for name in tasks if tasks.count(name) > 1})
    assert not twice, f"scheduled more than once: {twice}"


def test_every_app_with_a_schedule_is_merged_into_the_beat_schedule():
    """``collect_beat_schedule`` reads ``<app>/schedule.py`` of the apps in PROJECT_APPS only: an app
    added to the settings with a schedule but not to that list would never run its periodic tasks."""
    with_schedule = {config.name for config in project_app_configs()
                     if importlib.util.find_spec(f"{config.name}.schedule") is not None}
    assert with_schedule, "no schedule.py found: is the lookup still right?"
    assert with_schedule <= set(PROJECT_APPS)
    assert set(PROJECT_APPS) <= {config.name for config in project_app_configs()}


def test_each_app_schedules_only_its_own_tasks_under_its_own_prefix():
    for name in PROJECT_APPS:
        if importlib.util.find_spec(f"{name}.schedule") is None:
            continue
        module = importlib.import_module(f"{name}.schedule")
        for key, entry in module.BEAT_SCHEDULE.items():
            assert key.startswith(f"{name}-"), f"{name}/schedule.py: entry {key!r} should start with {name}-"
            assert entry["task"].startswith(f"{name}."), f"{name}/schedule.py schedules another app's task"


@pytest.mark.django_db  # see above
def test_the_celery_app_runs_the_merged_schedule():
    app.loader.import_default_modules()
    assert set(app.conf.beat_schedule) == set(collect_beat_schedule())
