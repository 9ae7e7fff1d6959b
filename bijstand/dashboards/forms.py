"""The filter form of the dashboards (GET: period type, range, team, wijk, route, doelgroep)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from bijstand.core.tijd import eerste_van_maand, maand_plus
from bijstand.dossiers.models import Doelgroep, Route

from .models import Peildag, PeriodeSoort
from .selectors import Filters, periode_begin

SELECTED = mark_safe(" selected")
STANDAARD_MAANDEN = 12
STANDAARD_KWARTALEN = 8


def _maand(waarde: str) -> date:
    jaar, maand = waarde.split("-")
    return date(int(jaar), int(maand), 1)


class FilterForm(forms.Form):
    per = forms.ChoiceField(
        label=_("Per"),
        choices=[(PeriodeSoort.MAAND, _("Maand")), (PeriodeSoort.KWARTAAL, _("Kwartaal"))],
        required=False,
    )
    van = forms.ChoiceField(label=_("Vanaf"), required=False)
    tot = forms.ChoiceField(label=_("Tot en met"), required=False)
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    wijk = forms.TypedChoiceField(label=_("Wijk"), required=False, coerce=int, empty_value=None)
    route = forms.ChoiceField(label=_("Dienstverleningsroute"), required=False)
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), required=False)

    def __init__(self, *args, peildag: Peildag, keuzes: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.peildag = peildag
        laatste = eerste_van_maand(peildag.peildatum)
        eerste = peildag.van or maand_plus(laatste, -36)
        maanden, d = [], eerste
        while d <= laatste:
            maanden.append((f"{d:%Y-%m}", date_format(d, "F Y")))
            d = maand_plus(d, 1)
        self.fields["van"].choices = maanden
        self.fields["tot"].choices = maanden
        alle = [("", _("Alle"))]
        self.fields["team"].choices = alle + [(str(pk), naam) for pk, naam in keuzes["teams"]]
        self.fields["wijk"].choices = alle + [(str(pk), naam) for pk, naam in keuzes["wijken"]]
        self.fields["route"].choices = alle + list(Route.choices)
        self.fields["doelgroep"].choices = alle + list(Doelgroep.choices)
        self.eerste, self.laatste = eerste, laatste

    def velden(self) -> list[dict]:
        """The fields with their options as ready HTML (rendering ~250 options through the
        widget templates cost more than the rest of the page). The selected option is what
        the page shows: the choice made, or the default."""
        f = self.filters()
        gekozen = {
            "per": f.per,
            "van": f"{f.van:%Y-%m}",
            "tot": f"{f.tot:%Y-%m}",
            "team": "" if f.team is None else str(f.team),
            "wijk": "" if f.wijk is None else str(f.wijk),
            "route": f.route,
            "doelgroep": f.doelgroep,
        }
        if self.is_bound and self.is_valid() and self.cleaned_data.get("tot"):
            gekozen["tot"] = self.cleaned_data["tot"]
        uit = []
        for naam, veld in self.fields.items():
            bound = self[naam]
            opties = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (k, SELECTED if str(k) == gekozen[naam] else "", label)
                    for k, label in veld.choices
                ),
            )
            uit.append(
                {
                    "id": bound.auto_id,
                    "naam": naam,
                    "label": veld.label,
                    "opties": opties,
                    "fouten": list(bound.errors),
                }
            )
        return uit

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and _maand(van) > _maand(tot):
            self.add_error("tot", _("Kies een eindmaand die na de beginmaand ligt."))
        return data

    def filters(self) -> Filters:
        """The chosen filters, or the defaults (last 12 months, whole city) where none or
        invalid ones were given."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        per = data.get("per") or PeriodeSoort.MAAND
        tot = _maand(data["tot"]) if data.get("tot") else self.laatste
        if data.get("van"):
            van = _maand(data["van"])
        elif per == PeriodeSoort.MAAND:
            van = maand_plus(tot, -(STANDAARD_MAANDEN - 1))
        else:
            van = maand_plus(periode_begin(tot, per), -3 * (STANDAARD_KWARTALEN - 1))
        van = max(periode_begin(van, per), periode_begin(self.eerste, per))
        if van < self.eerste:
            van = maand_plus(van, 3)
        return Filters(
            per=per,
            van=van,
            tot=periode_begin(tot, per),
            team=data.get("team"),
            wijk=data.get("wijk"),
            route=data.get("route") or "",
            doelgroep=data.get("doelgroep") or "",
        )
