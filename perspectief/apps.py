from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _referentiedata_na_flush(sender, using, **kwargs):
    """Put the leefgebieden, treden and occupations back after a flush (transactional tests)."""
    from django.apps import apps
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    if (
        not recorder.has_table()
        or not recorder.migration_qs.filter(app="perspectief", name="0002_referentiedata").exists()
    ):
        return
    from .models import Leefgebied

    if Leefgebied.objects.using(using).count() == 13:
        return
    from .referentie import zaai

    zaai(apps)


class PerspectiefConfig(AppConfig):
    name = "perspectief"
    label = "perspectief"
    verbose_name = _("Perspectief")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The "Perspectief" tab of the dossier page (the hub knows only the dotted path) and
        # "Mijn perspectief" in the burgerportaal menu.
        from bijstand.core.menu import registreer_portaal_menu
        from bijstand.dossiers.tabs import registreer_tab

        registreer_tab("perspectief", "perspectief.views.perspectief_tab")
        registreer_portaal_menu(
            "perspectief", _("Mijn perspectief"), "portaal:perspectief", volgorde=20
        )
        post_migrate.connect(
            _referentiedata_na_flush, sender=self, dispatch_uid="perspectief_referentiedata"
        )
