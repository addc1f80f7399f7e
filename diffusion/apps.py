from django.apps import AppConfig


class DiffusionConfig(AppConfig):
    name = "diffusion"
    verbose_name = "Multidiffusion"

    def ready(self):
        from . import hooks  # registers the offer form's « diffusion » section and « Mes offres »' column

        hooks.register()
