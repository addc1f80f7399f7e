from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Modération"

    def ready(self):
        from . import signals

        signals.connect(self)
