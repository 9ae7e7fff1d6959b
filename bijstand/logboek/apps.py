from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _herstel_triggers(sender, using, plan=None, **kwargs):
    """Re-create the append-only triggers after migrate.

    On SQLite, a later migration that alters a log table rebuilds it (new table, copy, drop),
    which silently drops its triggers; this puts them back. Only once migration 0003 is applied.
    """
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from .triggers import installeer

    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return
    if recorder.migration_qs.filter(app="logboek", name="0003_append_only_triggers").exists():
        installeer(connection)


def _zorg_voor_register(sender, using, **kwargs):
    """Keep the register of processing activities in place after every migrate or flush."""
    from django.db.migrations.recorder import MigrationRecorder

    from .models import Verwerkingsactiviteit
    from .register import zorg_voor_register

    recorder = MigrationRecorder(connections[using])
    if (
        recorder.has_table()
        and recorder.migration_qs.filter(app="logboek", name="0002_register").exists()
    ):
        zorg_voor_register(Verwerkingsactiviteit)


class LogboekConfig(AppConfig):
    name = "bijstand.logboek"
    label = "logboek"
    verbose_name = "Logboek dataverwerkingen"

    def ready(self):
        post_migrate.connect(_herstel_triggers, sender=self, dispatch_uid="logboek_triggers")
        post_migrate.connect(_zorg_voor_register, sender=self, dispatch_uid="logboek_register")
