from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacaturesConfig(AppConfig):
    name = "vacatures"
    label = "vacatures"
    verbose_name = _("Vacatures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bijstand.core.menu import registreer_portaal_menu, registreer_staff_menu

        registreer_staff_menu(
            "vacatures",
            _("Vacatures"),
            "vacatures:lijst",
            perm="vacatures.view_vacatures",
            volgorde=40,
        )
        registreer_portaal_menu("vacatures", _("Vacatures"), "portaal:vacatures", volgorde=40)
