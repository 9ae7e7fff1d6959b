from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _referenties_na_flush(sender, using, **kwargs):
    """Put the policy's baselines and trajectory back when their tables are empty after a
    flush (tests); a database with any of them is left alone (beheer may have edited them)."""
    import importlib

    from django.apps import apps
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return
    migratie = recorder.migration_qs.filter(app="dashboards", name__startswith="0002_").first()
    if migratie is None:
        return
    from .models import Doeltraject, Referentiewaarde

    if Referentiewaarde.objects.exists() or Doeltraject.objects.exists():
        return
    module = importlib.import_module(f"bijstand.dashboards.migrations.{migratie.name}")
    module.maak_referenties(apps, None)


class DashboardsConfig(AppConfig):
    name = "bijstand.dashboards"
    label = "dashboards"
    verbose_name = _("Managementdashboards")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(
            _referenties_na_flush, sender=self, dispatch_uid="dashboards_referenties"
        )
