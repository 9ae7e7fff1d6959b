from django.apps import AppConfig


class LogboekConfig(AppConfig):
    name = "bijstand.logboek"
    label = "logboek"
    verbose_name = "Logboek dataverwerkingen"
