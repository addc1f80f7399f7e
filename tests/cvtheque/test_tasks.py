"""The CVthèque's Celery tasks keep the name of their module path, whatever imports them first
(``cvtheque/schedule.py`` and the workers' queues refer to them by that name)."""

import pytest

from cvtheque import tasks
from terredemplois.celery import app


@pytest.mark.parametrize("name", tasks.__all__)
def test_every_task_is_registered_under_its_module_path(name):
    task = getattr(tasks, name)
    assert task.name == f"{task.run.__module__}.{name}"
    assert task.name in app.tasks
