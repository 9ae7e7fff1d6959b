from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "bijstand.dashboards"
    label = "dashboards"
