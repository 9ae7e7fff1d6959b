"""Forms of the werkcoach's plan screens. Input only: the services own the rules (and their
Dutch messages, which the views put on the form with ``voeg_servicefout_toe``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perspectief.models import Beroep, Leefgebied

from .models import ActieStatus, Doel, DoelSoort, Eigenaar, PlanSjabloon

EIGEN_OMSCHRIJVING = "uitstroom"

# What the werkcoach's status form calls each target status.
OVERGANG_LABELS = {
    ActieStatus.ACCORDERING: _("Klaar melden"),
    ActieStatus.AFGEROND: _("Afronden (klaar bevestigd)"),
    ActieStatus.OPEN: _("Terug naar open (nog niet klaar)"),
    ActieStatus.VERVALLEN: _("Laten vervallen"),
}


def _datum_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DoelForm(forms.Form):
    prefix = "doel"

    titel = forms.CharField(
        label=_("Doel"),
        max_length=200,
        help_text=_("Wat wil de burger bereiken? Bijvoorbeeld: schulden onder controle."),
        error_messages={"required": _("Beschrijf het doel.")},
    )
    koppeling = forms.ChoiceField(
        label=_("Gekoppeld aan"),
        help_text=_("Een leefgebied, of het uitstroomperspectief (een beroep)."),
        error_messages={"required": _("Kies een leefgebied of het uitstroomperspectief.")},
    )
    uitstroom_tekst = forms.CharField(
        label=_("Uitstroomperspectief in eigen woorden"),
        required=False,
        max_length=200,
        help_text=_("Alleen als u bij 'Gekoppeld aan' de eigen omschrijving kiest."),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, doel: Doel | None = None, **kwargs: Any):
        if doel is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "titel": doel.titel,
                "toelichting": doel.toelichting,
                "uitstroom_tekst": doel.uitstroom_tekst,
                "koppeling": self.koppeling_van(doel),
            }
        super().__init__(*args, **kwargs)
        self._leefgebieden = {lg.code: lg for lg in Leefgebied.objects.order_by("nummer")}
        self._beroepen = {
            str(b.pk): b
            for b in Beroep.objects.filter(actief=True, in_uitstroomperspectief=True).order_by(
                "naam"
            )
        }
        if doel is not None and doel.beroep_id and str(doel.beroep_id) not in self._beroepen:
            self._beroepen[str(doel.beroep_id)] = doel.beroep
        self.fields["koppeling"].choices = [
            ("", _("Kies ...")),
            (
                _("Leefgebied"),
                [(f"lg:{code}", lg.naam) for code, lg in self._leefgebieden.items()],
            ),
            (
                _("Uitstroomperspectief"),
                [
                    *((f"beroep:{pk}", b.naam) for pk, b in self._beroepen.items()),
                    (EIGEN_OMSCHRIJVING, _("Eigen omschrijving (vul hieronder in)")),
                ],
            ),
        ]

    @staticmethod
    def koppeling_van(doel: Doel) -> str:
        if doel.soort == DoelSoort.LEEFGEBIED and doel.leefgebied_id:
            return f"lg:{doel.leefgebied.code}"
        if doel.beroep_id:
            return f"beroep:{doel.beroep_id}"
        return EIGEN_OMSCHRIJVING

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        koppeling = d["koppeling"]
        kwargs: dict[str, Any] = {
            "titel": d["titel"],
            "toelichting": d.get("toelichting") or "",
            "leefgebied": None,
            "beroep": None,
            "uitstroom_tekst": "",
        }
        if koppeling.startswith("lg:"):
            kwargs.update(soort=DoelSoort.LEEFGEBIED, leefgebied=self._leefgebieden[koppeling[3:]])
        elif koppeling.startswith("beroep:"):
            kwargs.update(soort=DoelSoort.UITSTROOM, beroep=self._beroepen[koppeling[7:]])
        else:
            kwargs.update(soort=DoelSoort.UITSTROOM, uitstroom_tekst=d.get("uitstroom_tekst") or "")
        return kwargs


class DoelKeuzeVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj: Doel) -> str:
        return obj.titel


class ActieForm(forms.Form):
    prefix = "actie"

    titel = forms.CharField(
        label=_("Actie"),
        max_length=200,
        help_text=_("Wat moet er gebeuren? Bijvoorbeeld: afspraak maken bij de schuldhulp."),
        error_messages={"required": _("Beschrijf de actie.")},
    )
    doel = DoelKeuzeVeld(
        label=_("Hoort bij doel"),
        required=False,
        queryset=Doel.objects.none(),
        empty_label=_("Geen doel (losse actie)"),
    )
    eigenaar = forms.ChoiceField(
        label=_("Wie doet het?"),
        choices=Eigenaar.choices,
        initial=Eigenaar.BURGER,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie de actie uitvoert.")},
    )
    partner_naam = forms.CharField(
        label=_("Naam partnerorganisatie"),
        required=False,
        max_length=200,
        help_text=_("Alleen als een partnerorganisatie de actie uitvoert."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=_datum_widget(),
        error_messages={
            "required": _("Vul een deadline in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 31-03-2026."),
        },
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, doelen=None, actie=None, **kwargs: Any):
        if actie is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "titel": actie.titel,
                "doel": actie.doel_id,
                "eigenaar": actie.eigenaar,
                "partner_naam": actie.partner_naam,
                "deadline": actie.deadline,
                "toelichting": actie.toelichting,
            }
        super().__init__(*args, **kwargs)
        if doelen is not None:
            self.fields["doel"].queryset = doelen

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "titel": d["titel"],
            "doel": d.get("doel"),
            "eigenaar": d["eigenaar"],
            "partner_naam": d.get("partner_naam") or "",
            "deadline": d["deadline"],
            "toelichting": d.get("toelichting") or "",
        }


class StatusForm(forms.Form):
    naar = forms.ChoiceField(
        label=_("Nieuwe status"),
        error_messages={"required": _("Kies de nieuwe status.")},
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    reden = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=1000,
        help_text=_("Verplicht bij terug naar open en bij vervallen."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )

    def __init__(self, *args: Any, toegestaan: list[str], actie=None, **kwargs: Any):
        prefix = kwargs.pop("prefix", None) or (f"status-{actie.pk}" if actie is not None else None)
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields["naar"].choices = [(s, OVERGANG_LABELS[s]) for s in toegestaan]
        if actie is not None:
            # Unique accessible names when many forms are on one page.
            self.fields["naar"].label = _("Nieuwe status van actie: %(titel)s") % {
                "titel": actie.titel
            }
            self.fields["reden"].label = _("Reden bij actie: %(titel)s") % {"titel": actie.titel}


class SjabloonForm(forms.Form):
    prefix = "sjabloon"

    sjabloon = forms.ModelChoiceField(
        label=_("Sjabloon"),
        queryset=PlanSjabloon.objects.none(),
        error_messages={"required": _("Kies een sjabloon.")},
    )
    startdatum = forms.DateField(
        label=_("Startdatum"),
        widget=_datum_widget(),
        help_text=_("De deadlines van de acties tellen vanaf deze datum."),
        error_messages={
            "required": _("Vul een startdatum in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 31-03-2026."),
        },
    )

    def __init__(
        self, *args: Any, sjablonen: list[PlanSjabloon], verplicht: bool = True, **kwargs: Any
    ):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("startdatum", timezone.localdate())
        if sjablonen and verplicht:
            kwargs["initial"].setdefault("sjabloon", sjablonen[0].pk)
        super().__init__(*args, **kwargs)
        veld = self.fields["sjabloon"]
        veld.queryset = PlanSjabloon.objects.filter(pk__in=[s.pk for s in sjablonen])
        veld.required = verplicht
        veld.empty_label = None if verplicht else _("Geen sjabloon: begin met een leeg plan")
        # Keep the order of `sjablonen` (the dossier's route first) and show the route.
        keuzes = [(s.pk, f"{s.naam} ({s.get_route_display()})") for s in sjablonen]
        veld.choices = keuzes if verplicht else [("", veld.empty_label), *keuzes]
        if not verplicht:
            self.fields["startdatum"].required = False
