from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = "Entreprises"

    def ready(self):
        from . import receivers  # noqa: F401  (connects companies to the signals of accounts)
