from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _referentiedata_na_flush(sender, using, **kwargs):
    """Put the standard hour norms and werkactiviteiten back after a flush (transactional
    tests). A database with any norm is left alone: a functioneel beheerder may have edited it.
    """
    from django.apps import apps
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    if (
        not recorder.has_table()
        or not recorder.migration_qs.filter(app="werkloont", name__startswith="0002_").exists()
    ):
        return
    from .models import Urennorm

    if Urennorm.objects.using(using).exists():
        return
    from .referentie import zaai

    zaai(apps)


class WerkloontConfig(AppConfig):
    name = "werkloont"
    label = "werkloont"
    verbose_name = _("Werkloont")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bijstand.core.menu import registreer_portaal_menu, registreer_staff_menu
        from bijstand.dossiers.tabs import registreer_tab

        registreer_tab("agenda", "werkloont.views.agenda_tab")
        registreer_staff_menu(
            "werkloont_groepen",
            _("Werkloont-groepen"),
            "werkloont:groepen",
            perm="werkloont.view_groepen",
            volgorde=40,
        )
        registreer_staff_menu(
            "werkloont_signalen",
            _("Agendasignalen"),
            "werkloont:signalen",
            perm="werkloont.view_signalen",
            volgorde=41,
        )
        registreer_portaal_menu("mijn_week", _("Mijn week"), "portaal:mijn_week", volgorde=30)
        post_migrate.connect(
            _referentiedata_na_flush, sender=self, dispatch_uid="werkloont_referentiedata"
        )
