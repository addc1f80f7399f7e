"""Worker processes of a batch job (``concurrent.futures.ProcessPoolExecutor`` with the "spawn" context: a
process that has threads and open connections must not fork)."""

import importlib

import django


def django_worker(prepare: str, *args) -> None:
    """A pool's ``initializer``: set Django up in the new process, then call ``prepare(*args)`` (a dotted path,
    imported once Django is ready: a module with models cannot be imported before)."""
    django.setup()
    module, name = prepare.rsplit(".", 1)
    getattr(importlib.import_module(module), name)(*args)
