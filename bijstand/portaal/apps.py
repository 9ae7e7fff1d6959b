from django.apps import AppConfig


class PortaalConfig(AppConfig):
    name = "bijstand.portaal"
    label = "portaal"
