from django.apps import AppConfig


class TerredemploisConfig(AppConfig):
    """The project on top of every app: its management commands span them all (``load_demo_data``,
    ``run_benchmarks``), and it watches what makes the cached public pages stale (``pagecache``)."""

    name = "terredemplois"
    verbose_name = "Terre d'Emplois"

    def ready(self):
        from . import pagecache

        pagecache.connect()
