from django.apps import AppConfig


class TerredemploisConfig(AppConfig):
    """The project on top of every app: its management commands span them all (``load_demo_data``,
    ``run_benchmarks``)."""

    name = "terredemplois"
    verbose_name = "Terre d'Emplois"
