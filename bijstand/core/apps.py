from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bijstand.core"
    label = "core"
    verbose_name = "Kern"
