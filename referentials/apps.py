from django.apps import AppConfig


class ReferentialsConfig(AppConfig):
    name = "referentials"
    verbose_name = "Référentiels"
