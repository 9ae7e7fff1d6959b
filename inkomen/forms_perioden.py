"""Forms of the periods screens (opschorten, opheffen, intrekken). Input only: the rules and
their Dutch messages are in :mod:`inkomen.perioden` (the views put a service error on the form
with ``voeg_servicefout_toe``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .perioden import MAX_TEKST

DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


def _datumveld(label: str, help_text: str, verplicht: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=DATUM_FORMATEN,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": verplicht,
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 15-01-2027."),
        },
    )


def _bevestiging(label: str, fout: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=True, error_messages={"required": fout})


class OpschortingForm(forms.Form):
    vanaf = _datumveld(
        _("Opgeschort vanaf"),
        _("Niet in de toekomst en niet vóór de eerste dag van deze maand."),
        _("Vul de datum in vanaf wanneer de uitkering is opgeschort."),
    )
    reden = forms.CharField(
        label=_("Reden van de opschorting"),
        help_text=_(
            "Welke gegevens, bewijsstukken of medewerking ontbreken (art. 54 Participatiewet)."
        ),
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Geef de reden van de opschorting."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    hersteltermijn_tot = _datumveld(
        _("Hersteltermijn tot en met"),
        _("Tot die dag kan de burger het verzuim herstellen."),
        _("Vul de laatste dag van de hersteltermijn in."),
    )
    bevestig = _bevestiging(
        _(
            "Ik begrijp dat de uitkering niet meer wordt betaald tot de opschorting is "
            "opgeheven of het recht is ingetrokken"
        ),
        _("Bevestig dat u de uitkering wilt opschorten."),
    )


class BesluitForm(forms.Form):
    """Opheffen or intrekken: a toelichting and a confirmation."""

    toelichting = forms.CharField(
        label=_("Toelichting"),
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Schrijf een toelichting."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    bevestig = _bevestiging(_("Ik bevestig dit besluit"), _("Bevestig het besluit."))

    def __init__(self, *args, toelichting_hulp: str, bevestig_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toelichting"].help_text = toelichting_hulp
        self.fields["bevestig"].label = bevestig_label
