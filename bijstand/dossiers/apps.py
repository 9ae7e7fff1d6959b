from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _wijken_na_flush(sender, using, **kwargs):
    """Put Rotterdam's wijken back after a flush (transactional tests), like the other seeds."""
    import importlib

    from django.apps import apps
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    if (
        not recorder.has_table()
        or not recorder.migration_qs.filter(app="dossiers", name="0002_wijken").exists()
    ):
        return
    from .models import Wijk

    if Wijk.objects.using(using).exists():
        return
    importlib.import_module("bijstand.dossiers.migrations.0002_wijken").forwards(apps, None)
    # and their postcode areas (0005), which the melding needs to find the wijk and its team
    importlib.import_module("bijstand.dossiers.migrations.0005_wijk_postcodes_data").vul(apps, None)


class DossiersConfig(AppConfig):
    name = "bijstand.dossiers"
    label = "dossiers"
    verbose_name = "Dossiers"

    def ready(self) -> None:
        post_migrate.connect(_wijken_na_flush, sender=self, dispatch_uid="dossiers_wijken")

        # The log's BSN filter finds persons through the hub (logboek imports no dossiers).
        from bijstand.logboek.betrokkenen import registreer_subject_zoeker

        from .selectors import subject_voor_bsn

        registreer_subject_zoeker(subject_voor_bsn)

        # Wijzigingen (issue 14): the burger reports, the consulenten work the list.
        from django.utils.translation import gettext_lazy as _

        from bijstand.core.menu import registreer_portaal_menu, registreer_staff_menu

        registreer_portaal_menu(
            "wijziging", _("Wijziging doorgeven"), "portaal:wijziging", volgorde=32
        )
        registreer_staff_menu(
            "wijzigingen",
            _("Wijzigingen"),
            "dossiers:wijzigingen",
            perm="dossiers.view_wijzigingen",
            volgorde=15,
        )
