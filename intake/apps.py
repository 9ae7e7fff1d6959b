from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    label = "intake"
    verbose_name = _("Intake")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Register dossier tabs (bijstand.dossiers.views.registreer_tab), menu entries
        # (bijstand.core.menu) and signal handlers here.
        pass
