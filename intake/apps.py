from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    label = "intake"
    verbose_name = _("Intake")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bijstand.core.menu import registreer_portaal_menu
        from bijstand.dossiers.tabs import registreer_tab

        # The "Intake" tab of the dossier page (the hub knows only this dotted path).
        registreer_tab("intake", "intake.views.intake_tab")
        registreer_portaal_menu(
            "intake", _("Intake voorbereiden"), "portaal:intake_voorbereiden", volgorde=15
        )
