from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _beleid_na_flush(sender, using, **kwargs) -> None:
    """Put the first aanvraagbeleid (migration 0002) back after a flush (transactional tests,
    browser tests). A database with any version is left alone: beheer may have edited it."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    if (
        not recorder.has_table()
        or not recorder.migration_qs.filter(app="aanvraag", name="0002_beleid").exists()
    ):
        return
    from datetime import date

    from .beleid import STANDAARD
    from .models import Aanvraagbeleid

    if not Aanvraagbeleid.objects.using(using).exists():
        Aanvraagbeleid.objects.using(using).create(
            geldig_vanaf=date(2025, 1, 1),
            data=STANDAARD,
            toelichting="Eerste versie (ADR 0008), teruggezet na het legen van de database.",
        )


class AanvraagConfig(AppConfig):
    name = "aanvraag"
    label = "aanvraag"
    verbose_name = _("Aanvraag en besluit")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bijstand.core.menu import registreer_portaal_menu, registreer_staff_menu
        from bijstand.dossiers import tabs

        # The "Aanvraag" tab of the dossier page (the hub knows only this dotted path).
        tabs.registreer_tab("aanvraag", "aanvraag.views.aanvraag_tab")

        registreer_portaal_menu("aanvraag", _("Mijn aanvraag"), "portaal:aanvraag", volgorde=5)
        registreer_portaal_menu("besluiten", _("Mijn brieven"), "portaal:besluiten", volgorde=6)
        registreer_staff_menu(
            "aanvragen",
            _("Aanvragen"),
            "aanvraag:werklijst",
            perm="aanvraag.view_werklijst",
            volgorde=12,
        )
        registreer_staff_menu(
            "melding",
            _("Melding aan het loket"),
            "aanvraag:melding",
            perm="aanvraag.melding_scherm",
            volgorde=14,
        )
        post_migrate.connect(_beleid_na_flush, sender=self, dispatch_uid="aanvraag_beleid")
