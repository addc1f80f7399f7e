from django.apps import AppConfig


class CvthequeConfig(AppConfig):
    name = "cvtheque"
    verbose_name = "CVthèque"

    def ready(self):
        from .search import signals

        signals.connect()
