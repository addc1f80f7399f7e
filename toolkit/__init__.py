"""The shared toolkit: what every app uses and that knows none of them (text folding, rich text,
images, per-process memo, background connections, the resilient cache, queuing a task).

It sits below every app and imports none of them (``tests/test_architecture.py`` checks it); the
project package ``terredemplois`` (settings, URLs, Celery app, home page) sits on top of them all."""
