from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _nazorgbeleid_na_flush(sender, using, **kwargs):
    """Put the standard nazorg policy back when its table is empty after a flush (tests)."""
    import importlib

    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    if (
        not recorder.has_table()
        or not recorder.migration_qs.filter(app="plan", name="0003_nazorg").exists()
    ):
        return
    from .models_nazorg import NazorgBeleid

    if NazorgBeleid.objects.using(using).exists():
        return
    migratie = importlib.import_module("plan.migrations.0003_nazorg")
    NazorgBeleid.objects.using(using).create(**migratie.STANDAARD)


class PlanConfig(AppConfig):
    name = "plan"
    label = "plan"
    verbose_name = _("Plan van aanpak")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bijstand.core.menu import registreer_portaal_menu, registreer_staff_menu
        from bijstand.dossiers.tabs import registreer_tab

        registreer_tab("plan", "plan.views.plan_tab")
        registreer_staff_menu(
            "plan_meldingen",
            _("Herinneringen"),
            "plan:meldingen",
            perm="plan.view_meldingen_scherm",
            volgorde=40,
        )
        registreer_portaal_menu("plan", _("Mijn plan"), "portaal:plan", volgorde=30)
        registreer_portaal_menu("nazorg_hulp", _("Hulp vragen"), "portaal:nazorg_hulp", volgorde=85)
        registreer_staff_menu(
            "plan_nazorg",
            _("Nazorg"),
            "plan:nazorg",
            perm="plan.view_meldingen_scherm",
            volgorde=41,
        )

        # Nazorg after uitstroom naar werk starts in the transaction that ends the dossier.
        from bijstand.dossiers.haken import registreer_bij_einde

        from .nazorg import start_bij_einde

        registreer_bij_einde("plan.nazorg", start_bij_einde)

        from django.db.models.signals import post_migrate

        post_migrate.connect(_nazorgbeleid_na_flush, sender=self, dispatch_uid="plan_nazorgbeleid")
