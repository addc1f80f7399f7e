from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = "Offres"

    def ready(self):
        from . import receivers  # connects offers to the signals and hooks of the apps below it

        receivers.register_company_offers()
