from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
