from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanvraagConfig(AppConfig):
    name = "aanvraag"
    label = "aanvraag"
    verbose_name = _("Aanvraag en besluit")
    default_auto_field = "django.db.models.BigAutoField"
