"""Forms of the werkcoach's agenda screens. Input only: the services own the rules and their
Dutch messages (the views put them on the form with ``voeg_servicefout_toe``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from perspectief.models import Beroep

from . import selectors, uren
from .models import (
    Aanwezigheid,
    ActiviteitSoort,
    Component,
    Herhaling,
    Trainingsgroep,
    TrajectSoort,
    Weekdag,
)

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIJD = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATUM_FOUT = {"invalid": _("Vul een datum in, bijvoorbeeld 02-03-2026.")}
TIJD_FOUT = {"invalid": _("Vul een tijd in, bijvoorbeeld 09:00.")}


def _uren_veld(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0"),
        localize=True,
        error_messages={"invalid": _("Vul een aantal uren in, bijvoorbeeld 3 of 2,5.")},
        **kwargs,
    )


class ActiviteitForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    soort = forms.ChoiceField(label=_("Soort activiteit"), choices=ActiviteitSoort.choices)
    component = forms.ChoiceField(
        label=_("Hoort bij"),
        choices=Component.choices,
        initial=Component.OVERIG,
        widget=forms.RadioSelect,
        help_text=_("Het werk- en trainingsonderdeel van Werkloont, of Iedereen doet mee."),
    )
    herhaling = forms.ChoiceField(
        label=_("Herhaling"),
        choices=Herhaling.choices,
        initial=Herhaling.EENMALIG,
        widget=forms.RadioSelect,
    )
    startdatum = forms.DateField(
        label=_("Datum (bij elke week: de eerste datum)"), widget=DATUM, error_messages=DATUM_FOUT
    )
    einddatum = forms.DateField(
        label=_("Laatste datum (alleen bij elke week)"),
        required=False,
        widget=DATUM,
        error_messages=DATUM_FOUT,
    )
    weekdagen = forms.TypedMultipleChoiceField(
        label=_("Op welke dagen (alleen bij elke week)"),
        choices=Weekdag.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Op een feestdag gaat een wekelijkse activiteit niet door."),
    )
    begintijd = forms.TimeField(
        label=_("Begintijd"), required=False, widget=TIJD, error_messages=TIJD_FOUT
    )
    eindtijd = forms.TimeField(
        label=_("Eindtijd"), required=False, widget=TIJD, error_messages=TIJD_FOUT
    )
    uren = _uren_veld(
        _("Of: aantal uren zonder vaste tijd"),
        required=False,
        help_text=_("Bijvoorbeeld huiswerk of vrijwilligerswerk op eigen tijd."),
    )
    plek = forms.ModelChoiceField(
        label=_("Werkactiviteit en locatie"),
        queryset=selectors.actieve_plekken(),
        required=False,
        help_text=_("Alleen bij een werkactiviteit van de gemeente."),
    )
    beroep = forms.ModelChoiceField(
        label=_("Beroep waar het werk bij hoort"),
        queryset=Beroep.objects.filter(actief=True).order_by("naam"),
        required=False,
        help_text=_("Bij vrijwilligerswerk: bepaalt of het past bij het uitstroomperspectief."),
    )
    afwijkingsreden = forms.CharField(
        label=_("Reden als het niet past bij het uitstroomperspectief"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    locatie = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    verantwoordelijke = forms.CharField(
        label=_("Verantwoordelijke (begeleider, docent, contactpersoon)"),
        max_length=200,
        required=False,
    )
    huiswerk = forms.CharField(
        label=_("Huiswerk"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    vertrouwelijk = forms.BooleanField(
        label=_("Vertrouwelijk (alleen de werkcoach ziet de details)"),
        required=False,
        help_text=_("Gezondheid is altijd vertrouwelijk."),
    )

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        minuten = None
        if d.get("uren") and not d.get("begintijd"):
            minuten = uren.minuten(d["uren"])
        return {
            "titel": d["titel"],
            "soort": d["soort"],
            "component": d["component"],
            "herhaling": d["herhaling"],
            "startdatum": d["startdatum"],
            "einddatum": d.get("einddatum"),
            "weekdagen": d.get("weekdagen") or [],
            "begintijd": d.get("begintijd"),
            "eindtijd": d.get("eindtijd"),
            "minuten": minuten,
            "plek": d.get("plek"),
            "beroep": d.get("beroep"),
            "afwijkingsreden": d.get("afwijkingsreden") or "",
            "locatie": d.get("locatie") or "",
            "verantwoordelijke": d.get("verantwoordelijke") or "",
            "huiswerk": d.get("huiswerk") or "",
            "omschrijving": d.get("omschrijving") or "",
            "vertrouwelijk": bool(d.get("vertrouwelijk")),
        }


# service field -> form field
ACTIVITEIT_VELDEN = {"minuten": "uren"}


class TrajectForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Programma"), choices=TrajectSoort.choices, widget=forms.RadioSelect
    )
    startdatum = forms.DateField(label=_("Startdatum"), widget=DATUM, error_messages=DATUM_FOUT)
    einddatum = forms.DateField(
        label=_("Einddatum"),
        required=False,
        widget=DATUM,
        error_messages=DATUM_FOUT,
        help_text=_(
            "Werkloont: leeg laten voor de maximale duur. Iedereen doet mee: leeg laten als er "
            "geen einddatum is."
        ),
    )
    trainingsgroep = forms.ModelChoiceField(
        label=_("Trainingsgroep (Werkloont)"),
        queryset=Trainingsgroep.objects.filter(actief=True).order_by("-startdatum", "naam"),
        required=False,
        help_text=_("De trainingen en het huiswerk van de groep komen meteen in de agenda."),
    )


class NormForm(forms.Form):
    uren_per_week = _uren_veld(
        _("Persoonlijke norm naar vermogen (uur per week)"),
        required=False,
        help_text=_("Leeg laten: de standaardnorm van het programma geldt weer."),
    )
    reden = forms.CharField(
        label=_("Reden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom past deze norm bij wat de persoon kan?"),
    )


class BeeindigForm(forms.Form):
    datum = forms.DateField(
        label=_("Laatste dag van het programma"), widget=DATUM, error_messages=DATUM_FOUT
    )
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))


class StopForm(forms.Form):
    per = forms.DateField(
        label=_("Stoppen vanaf (deze datum gaat al niet meer door)"),
        widget=DATUM,
        error_messages=DATUM_FOUT,
    )


class AanwezigheidForm(forms.Form):
    aanwezigheid = forms.ChoiceField(
        label=_("Aanwezigheid"),
        choices=[(w, label) for w, label in Aanwezigheid.choices if w != Aanwezigheid.ONBEKEND],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies aanwezig, afwezig of ziek.")},
    )
    reden = forms.CharField(
        label=_("Reden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij afwezig met reden."),
    )
    gerealiseerde_uren = _uren_veld(
        _("Gewerkte uren (alleen bij aanwezig)"),
        required=False,
        help_text=_("Leeg laten: de geplande uren."),
    )

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        gerealiseerd = d.get("gerealiseerde_uren")
        return {
            "aanwezigheid": d["aanwezigheid"],
            "reden": d.get("reden") or "",
            "gerealiseerde_minuten": uren.minuten(gerealiseerd)
            if gerealiseerd is not None
            else None,
        }


class AnnuleerForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), max_length=300)


class CompetentiesForm(forms.Form):
    competenties = forms.CharField(
        label=_("Competenties (één per regel)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bijvoorbeeld: samenwerken, op tijd komen, klanten te woord staan."),
    )
    als_werkervaring = forms.BooleanField(
        label=_("Telt als werkervaring in het gekoppelde beroep"), required=False
    )

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "competenties": self.cleaned_data["competenties"].splitlines(),
            "als_werkervaring": self.cleaned_data.get("als_werkervaring", False),
        }


class LijstFilterForm(forms.Form):
    van = forms.DateField(label=_("Van"), required=False, widget=DATUM, error_messages=DATUM_FOUT)
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=DATUM, error_messages=DATUM_FOUT
    )
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("Alle soorten")), *ActiviteitSoort.choices],
    )
    aanwezigheid = forms.ChoiceField(
        label=_("Aanwezigheid"),
        required=False,
        choices=[("", _("Alles")), *Aanwezigheid.choices],
    )
