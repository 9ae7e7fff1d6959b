from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _catalogus_na_flush(sender, using, **kwargs):
    """Put the seed catalogue back after a flush (transactional and browser tests).

    Only when the catalogue is empty: a catalogue a beheerder has edited is never touched.
    """
    from django.apps import apps
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    if (
        not recorder.has_table()
        or not recorder.migration_qs.filter(app="instrumentenhuis", name="0002_zaaiset").exists()
    ):
        return
    from .models import Instrument, Minimumloon

    if Instrument.objects.using(using).exists() and Minimumloon.objects.using(using).exists():
        return
    from .referentie import zaai

    zaai(apps)


class InstrumentenhuisConfig(AppConfig):
    name = "instrumentenhuis"
    label = "instrumentenhuis"
    verbose_name = _("Instrumentenhuis")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bijstand.core.menu import registreer_staff_menu
        from bijstand.dossiers.tabs import registreer_tab

        registreer_tab("instrumenten", "instrumentenhuis.views.instrumenten_tab")
        registreer_staff_menu(
            "instrumentenhuis",
            _("Instrumentenhuis"),
            "instrumentenhuis:catalogus",
            perm="instrumentenhuis.view_catalogus",
            volgorde=30,
        )
        post_migrate.connect(
            _catalogus_na_flush, sender=self, dispatch_uid="instrumentenhuis_catalogus"
        )
