from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _standaardregels_na_flush(sender, using, **kwargs):
    """Put the standard rules back when the tables are empty after a flush (tests).

    A database with any rule set is left alone: a functioneel beheerder may have edited it.
    """
    import importlib

    from django.apps import apps
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    if (
        not recorder.has_table()
        or not recorder.migration_qs.filter(app="inkomen", name__startswith="0002_").exists()
    ):
        return
    from .models import Beleidsinstelling, Regelset

    if Regelset.objects.exists() or Beleidsinstelling.objects.exists():
        return
    naam = recorder.migration_qs.get(app="inkomen", name__startswith="0002_").name
    importlib.import_module(f"inkomen.migrations.{naam}").forwards(apps, None)


class InkomenConfig(AppConfig):
    name = "inkomen"
    label = "inkomen"
    verbose_name = _("Inkomen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Invalidate the per-process cache of the rules when a beheerder edits them.
        # Render the "Inkomen" tab of the dossier page (the hub knows only this dotted path).
        from bijstand.dossiers.tabs import registreer_tab

        from . import selectors  # noqa: F401

        registreer_tab("inkomen", "inkomen.views.inkomen_tab")

        # Ending the dossier ends the uitkering, in the same transaction (issue 10).
        from bijstand.dossiers.haken import registreer_bij_einde

        from .einde import beeindig_bij_dossier

        registreer_bij_einde("inkomen.uitkering", beeindig_bij_dossier)

        from bijstand.core.menu import registreer_portaal_menu, registreer_staff_menu

        registreer_portaal_menu(
            "werk_gevonden", _("Werk gevonden"), "portaal:werk_gevonden", volgorde=30
        )

        registreer_staff_menu(
            "betaalruns",
            _("Betaalruns"),
            "inkomen:betaalruns",
            perm="inkomen.view_betaalruns",
            volgorde=60,
        )
        registreer_staff_menu(
            "signalen",
            _("Signalen"),
            "inkomen:signalen",
            perm="inkomen.view_signalen",
            volgorde=59,
        )
        registreer_staff_menu(
            "herberekeningen",
            _("Herberekeningen"),
            "inkomen:herberekeningen",
            perm="inkomen.view_herberekeningen",
            volgorde=62,
        )
        registreer_staff_menu(
            "voorschotten",
            _("Voorschotten"),
            "inkomen:voorschotten",
            perm="inkomen.download_betaalbestand",
            volgorde=61,
        )

        post_migrate.connect(
            _standaardregels_na_flush, sender=self, dispatch_uid="inkomen_standaardregels"
        )
