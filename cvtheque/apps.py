from django.apps import AppConfig


class CvthequeConfig(AppConfig):
    name = "cvtheque"
    verbose_name = "CVthèque"

    def ready(self):
        from .retention import personal_data  # noqa: F401 - « Mes données »: connects its receiver
        from .search import signals

        signals.connect()
