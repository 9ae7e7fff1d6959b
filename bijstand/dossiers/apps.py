from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "bijstand.dossiers"
    label = "dossiers"
    verbose_name = "Dossiers"
