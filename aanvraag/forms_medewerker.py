"""Forms of the staff screens of the front door (melding at the loket, worklist, the actions on
the aanvraag page). The step forms the loket fills for the burger are in ``aanvraag.forms``.

Forms only check the input (types, lengths, required fields); the rules (terms, checklist,
who may decide) are the services', whose ValidationError is put on the form by the view.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bijstand.core import tijd
from bijstand.core.validators import normaliseer_bsn, normaliseer_postcode, validate_bsn
from bijstand.core.validators import validate_postcode as _validate_postcode

from .forms import KindForm, MedebewonerForm
from .stappen import Uitkomst

DATUM_FOUT = _("Vul een datum in, bijvoorbeeld 31-01-2026.")
TE_LANG = _("Gebruik hoogstens %(limit_value)d tekens.")
TEKST_KORT = 2000
TEKST_LANG = 5000


def datumveld(label, *, error_messages: dict | None = None, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={
            "invalid": DATUM_FOUT,
            "required": _("Vul de datum in."),
            **(error_messages or {}),
        },
        **kwargs,
    )


def tekstvak(label, *, max_length: int, required: bool = True, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": TE_LANG,
            **kwargs.pop("error_messages", {}),
        },
        **kwargs,
    )


def _niet_na_vandaag(d: date | None) -> date | None:
    if d and d > tijd.vandaag():
        raise ValidationError(_("Deze datum ligt in de toekomst."))
    return d


# --- melding at the loket -------------------------------------------------------------------


class BsnZoekForm(forms.Form):
    """Step 1: the BSN (posted, never in a URL), checked with the 11-proef."""

    bsn = forms.CharField(
        label=_("Burgerservicenummer (BSN)"),
        max_length=20,
        help_text=_("9 cijfers. Controleer het nummer op het identiteitsbewijs."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        error_messages={"required": _("Vul het BSN in.")},
    )

    def clean_bsn(self) -> str:
        waarde = self.cleaned_data["bsn"].strip()
        validate_bsn(waarde)
        return normaliseer_bsn(waarde)


class BevestigForm(forms.Form):
    """Confirming the person found (nothing to fill in; the POST itself is the confirmation)."""


class HandmatigPersoonForm(forms.Form):
    """The person typed by the consulent when the BRP does not know the BSN or is down."""

    voornamen = forms.CharField(
        label=_("Voornamen"),
        max_length=200,
        error_messages={"required": _("Vul de voornamen in, zoals op het identiteitsbewijs.")},
    )
    tussenvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=20, required=False)
    achternaam = forms.CharField(
        label=_("Achternaam"),
        max_length=200,
        error_messages={"required": _("Vul de achternaam in, zoals op het identiteitsbewijs.")},
    )
    geboortedatum = datumveld(
        _("Geboortedatum"), error_messages={"required": _("Vul de geboortedatum in.")}
    )
    straat = forms.CharField(label=_("Straat"), max_length=200, required=False)
    huisnummer = forms.CharField(label=_("Huisnummer"), max_length=20, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    woonplaats = forms.CharField(
        label=_("Woonplaats"),
        max_length=100,
        initial="Rotterdam",
        error_messages={"required": _("Vul de woonplaats in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            if isinstance(veld, forms.CharField):
                veld.error_messages["max_length"] = TE_LANG

    def clean_geboortedatum(self) -> date:
        return _niet_na_vandaag(self.cleaned_data["geboortedatum"])

    def clean_postcode(self) -> str:
        waarde = normaliseer_postcode(self.cleaned_data["postcode"].strip())
        if waarde:
            _validate_postcode(waarde)
        return waarde

    def persoon(self) -> dict[str, Any]:
        """The keyword arguments of a new Werkzoekende (``services.registreer_melding``)."""
        return {k: v.strip() if isinstance(v, str) else v for k, v in self.cleaned_data.items()}


# --- the worklist ---------------------------------------------------------------------------

WEERGAVEN = (
    ("open", _("Open")),
    ("eigen", _("Eigen")),
    ("pool", _("Pool")),
    ("concept", _("Concept")),
    ("afgehandeld", _("Afgehandeld")),
)
# a run of 5 digits or more looks like a BSN: the worklist searches names only (GET)
CIJFERS = re.compile(r"\d{5,}")


class WerklijstForm(forms.Form):
    weergave = forms.ChoiceField(choices=WEERGAVEN, required=False)
    zoek = forms.CharField(
        label=_("Zoek op naam"),
        max_length=100,
        required=False,
        help_text=_("Een deel van de voor- of achternaam. Zoek niet op BSN."),
    )

    def clean_zoek(self) -> str:
        waarde = self.cleaned_data["zoek"].strip()
        if CIJFERS.search(waarde):
            raise ValidationError(
                _("Zoek hier op naam. Een BSN zoekt u via 'Melding aan het loket'.")
            )
        return waarde


# --- actions on the aanvraag page -----------------------------------------------------------


class StukkenOpvragenForm(forms.Form):
    gevraagd = tekstvak(
        _("Welke stukken of gegevens zijn nodig?"),
        max_length=TEKST_KORT,
        help_text=_("De burger krijgt deze tekst in een bericht in het portaal."),
        error_messages={"required": _("Schrijf op welke stukken of gegevens nodig zijn.")},
    )
    termijn_tot = datumveld(_("Uiterlijk aanleveren op"))


class StukkenOntvangenForm(forms.Form):
    ontvangen_op = datumveld(_("Aangevuld op"))


class ChecklistForm(forms.Form):
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=Uitkomst.KEUZES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies 'in orde' of 'niet in orde'.")},
    )
    toelichting = tekstvak(
        _("Toelichting"),
        max_length=TEKST_KORT,
        required=False,
        help_text=_("Verplicht bij 'niet in orde'."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("uitkomst") == Uitkomst.NIET_AKKOORD
            and not (data.get("toelichting") or "").strip()
        ):
            self.add_error("toelichting", _("Leg uit wat niet in orde is."))
        return data


class IngebrekestellingForm(forms.Form):
    ontvangen_op = datumveld(_("Ingebrekestelling ontvangen op"))


class ToekennenForm(forms.Form):
    ingangsdatum = datumveld(
        _("Ingangsdatum"),
        help_text=_(
            "Standaard de datum van de melding. Eerder kan tot 3 maanden voor de melding, "
            "alleen met een motivering (art. 44 lid 5 Participatiewet)."
        ),
    )
    motivering = tekstvak(_("Motivering"), max_length=TEKST_LANG, required=False)


class AfwijzenForm(forms.Form):
    motivering = tekstvak(
        _("Reden van de afwijzing"),
        max_length=TEKST_LANG,
        help_text=_("Deze tekst komt in de beschikking. Schrijf in eenvoudige taal."),
        error_messages={"required": _("Schrijf de reden van het besluit op.")},
    )


class BuitenBehandelingForm(forms.Form):
    motivering = tekstvak(
        _("Welke gegevens ontbreken en waarom"),
        max_length=TEKST_LANG,
        help_text=_("Deze tekst komt in de beschikking. Schrijf in eenvoudige taal."),
        error_messages={"required": _("Schrijf de reden van het besluit op.")},
    )


class GeenVoorschotForm(forms.Form):
    reden = tekstvak(
        _("Waarom is het recht niet aannemelijk?"),
        max_length=TEKST_KORT,
        error_messages={"required": _("Schrijf op waarom er geen voorschot komt.")},
    )


class VoorschotForm(forms.Form):
    """Pay the voorschot (nothing to fill in)."""


class InBehandelingForm(forms.Form):
    """Take up the aanvraag (nothing to fill in)."""


# --- the steps at the loket -----------------------------------------------------------------

# Rows can be removed and one empty row is offered (the portal's formsets add rows with JS).
KindLoketFormSet = forms.formset_factory(
    KindForm, extra=1, max_num=15, validate_max=True, can_delete=True
)
MedebewonerLoketFormSet = forms.formset_factory(
    MedebewonerForm, extra=1, max_num=15, validate_max=True, can_delete=True
)
