from django import forms
from django.utils.translation import gettext_lazy as _

from bijstand.dossiers.forms import BerichtForm as _MedewerkerBerichtForm


class BerichtForm(_MedewerkerBerichtForm):
    """A message or reply of the burger (B1), with the hidden key against sending twice."""

    def __init__(self, *args, met_onderwerp: bool = True, **kwargs):
        super().__init__(*args, met_onderwerp=met_onderwerp, **kwargs)
        if met_onderwerp:
            self.fields["onderwerp"].help_text = _("Waar gaat uw bericht over? Dit hoeft niet.")
        tekst = self.fields["tekst"]
        tekst.label = _("Uw bericht") if met_onderwerp else _("Uw antwoord")
        tekst.help_text = _("Schrijf hier uw vraag of bericht voor uw werkcoach.")
        tekst.error_messages["required"] = _("Schrijf eerst uw bericht.")
        tekst.error_messages["max_length"] = _(
            "Uw bericht is te lang. Gebruik maximaal %(limit_value)d tekens."
        )

    def clean_tekst(self):
        tekst = (self.cleaned_data.get("tekst") or "").strip()
        if not tekst:
            raise forms.ValidationError(_("Schrijf eerst uw bericht."))
        return tekst
