"""Forms of the werkcoach's perspectief screens and of the burger's self-assessment.

Input only: the services own the rules and their Dutch messages (the views put service errors
on the form with ``bijstand.core.forms.voeg_servicefout_toe``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijstand.dossiers.models import Route, Taalniveau

from .models import (
    Beroep,
    Doelscore,
    FysiekeBelasting,
    Leefgebied,
    Meting,
    MetingBron,
    Profiel,
    Segment,
    Trede,
    ZrmNiveau,
)
from .referentie import CERTIFICATEN, RIJBEWIJZEN

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _niveau_keuzes(leeg: str) -> list[tuple[str, str]]:
    return [("", leeg), *[(str(w), label) for w, label in ZrmNiveau.choices]]


@dataclass
class Groep:
    """The fields of one leefgebied, rendered as one fieldset."""

    leefgebied: Leefgebied
    velden: list[forms.BoundField]


class _PerLeefgebied(forms.Form):
    """A form with fields per leefgebied, grouped for the template (``groepen``)."""

    per_gebied: tuple[str, ...] = ()

    def __init__(self, *args: Any, leefgebieden: Iterable[Leefgebied], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.leefgebieden = list(leefgebieden)
        for lg in self.leefgebieden:
            self.maak_velden(lg)

    def maak_velden(self, lg: Leefgebied) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def groepen(self) -> list[Groep]:
        return [
            Groep(lg, [self[f"{prefix}_{lg.code}"] for prefix in self.per_gebied])
            for lg in self.leefgebieden
        ]

    @property
    def algemene_velden(self) -> list[forms.BoundField]:
        prefixen = tuple(f"{p}_" for p in self.per_gebied)
        return [self[n] for n in self.fields if not n.startswith(prefixen)]


class MetingForm(_PerLeefgebied):
    """A professional measurement: all 13 domains, the trede, the date."""

    per_gebied = ("score", "toelichting")

    datum = forms.DateField(
        label=_("Datum van de meting"),
        widget=DATUM,
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 27-03-2026.")},
    )
    bron = forms.ChoiceField(
        label=_("Soort meting"),
        choices=[
            (MetingBron.WERKCOACH, MetingBron.WERKCOACH.label),
            (MetingBron.HERONDERZOEK, MetingBron.HERONDERZOEK.label),
        ],
        initial=MetingBron.WERKCOACH,
    )
    trede = forms.TypedChoiceField(
        label=_("Trede op de participatieladder"),
        coerce=int,
        error_messages={"required": _("Kies de trede op de participatieladder.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting bij de meting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, vorige: Meting | None = None, **kwargs: Any):
        self.vorige = vorige
        super().__init__(*args, **kwargs)
        self.fields["trede"].choices = [("", _("Kies een trede")), *_trede_keuzes()]
        if not self.is_bound:
            self.fields["datum"].initial = timezone.localdate()
            if vorige is not None:
                self.fields["trede"].initial = vorige.trede

    def maak_velden(self, lg: Leefgebied) -> None:
        vorige = {}
        if self.vorige is not None:
            vorige = {s.leefgebied_id: s for s in self.vorige.scores.all()}
        self.fields[f"score_{lg.code}"] = forms.TypedChoiceField(
            label=_("Score %(naam)s") % {"naam": lg.naam},
            choices=_niveau_keuzes(str(_("Kies een score"))),
            coerce=int,
            initial=vorige[lg.pk].score if lg.pk in vorige else None,
            error_messages={
                "required": _("Geef een score voor %(naam)s.") % {"naam": lg.naam},
            },
        )
        self.fields[f"toelichting_{lg.code}"] = forms.CharField(
            label=_("Toelichting %(naam)s") % {"naam": lg.naam},
            required=False,
            max_length=2000,
            help_text=_("Verplicht bij score 1 of 2."),
            widget=forms.Textarea(attrs={"rows": 2}),
        )

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise ValidationError(_("Een meting kan niet in de toekomst liggen."))
        return datum

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "bron": d["bron"],
            "datum": d["datum"],
            "trede": d["trede"],
            "toelichting": d.get("toelichting") or "",
            "scores": {
                lg.code: (d[f"score_{lg.code}"], d.get(f"toelichting_{lg.code}") or "")
                for lg in self.leefgebieden
            },
        }


def _trede_keuzes() -> list[tuple[int, str]]:
    return [(t.nummer, str(t)) for t in Trede.objects.order_by("nummer")]


class DoelenForm(_PerLeefgebied):
    """Target scores for a date; an empty choice removes the target of that domain."""

    per_gebied = ("doel",)

    streefdatum = forms.DateField(
        label=_("Streefdatum"),
        help_text=_("De datum waarop u en de burger de doelen willen halen."),
        widget=DATUM,
        error_messages={
            "required": _("Kies de datum waarop u de doelen wilt halen."),
            "invalid": _("Vul een datum in, bijvoorbeeld 27-03-2026."),
        },
    )
    toelichting = forms.CharField(
        label=_("Afspraken met de burger"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, doelen: Iterable[Doelscore] = (), **kwargs: Any):
        self.huidige_doelen = {d.leefgebied_id: d for d in doelen}
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.huidige_doelen:
            eerste = next(iter(self.huidige_doelen.values()))
            self.fields["streefdatum"].initial = eerste.streefdatum
            self.fields["toelichting"].initial = eerste.toelichting

    def maak_velden(self, lg: Leefgebied) -> None:
        doel = self.huidige_doelen.get(lg.pk)
        self.fields[f"doel_{lg.code}"] = forms.TypedChoiceField(
            label=lg.naam,
            choices=_niveau_keuzes(str(_("Geen doel"))),
            coerce=int,
            empty_value=None,
            required=False,
            initial=doel.score if doel else None,
        )

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        doelen: dict[str, int | None] = {}
        for lg in self.leefgebieden:
            score = d.get(f"doel_{lg.code}")
            # An empty choice removes an existing target; elsewhere it means "no target".
            if score is not None or lg.pk in self.huidige_doelen:
                doelen[lg.code] = score
        return {
            "doelen": doelen,
            "streefdatum": d.get("streefdatum"),
            "toelichting": d.get("toelichting") or "",
        }


class BelemmeringForm(forms.Form):
    leefgebied = forms.ModelChoiceField(
        label=_("Leefgebied"),
        queryset=Leefgebied.objects.order_by("nummer"),
        to_field_name="code",
        empty_label=_("Kies een leefgebied"),
        error_messages={"required": _("Kies het leefgebied.")},
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beschrijf de belemmering.")},
    )
    blokkeert_werk = forms.BooleanField(
        label=_("Deze belemmering blokkeert werk op dit moment"), required=False
    )

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "belemmeringen": [
                {
                    "leefgebied": d["leefgebied"].code,
                    "omschrijving": d["omschrijving"],
                    "blokkeert_werk": d["blokkeert_werk"],
                }
            ]
        }


class VaardigheidForm(forms.Form):
    naam = forms.CharField(
        label=_("Vaardigheid of competentie"),
        max_length=200,
        help_text=_("Bijvoorbeeld: samenwerken, klantvriendelijk, plannen, voorraad bijhouden."),
        error_messages={"required": _("Vul de vaardigheid in.")},
    )
    bron = forms.CharField(
        label=_("Waar blijkt het uit?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: vrijwilligerswerk bij de voedselbank, mantelzorg, een cursus."),
    )


def _isco_keuzes() -> list[tuple[str, str]]:
    gezien: dict[str, str] = {}
    for isco, naam in (
        Beroep.objects.filter(actief=True, in_uitstroomperspectief=True)
        .order_by("naam")
        .values_list("isco_code", "naam")
    ):
        gezien.setdefault(isco, naam)
    return sorted(((isco, naam) for isco, naam in gezien.items()), key=lambda k: k[1])


class WerkprofielForm(forms.Form):
    """The facts matching uses (``perspectief.services.werk_profiel_bij``)."""

    taalniveau = forms.ChoiceField(label=_("Taalniveau Nederlands"), choices=Taalniveau.choices)
    certificaten = forms.MultipleChoiceField(
        label=_("Certificaten en diploma's"),
        required=False,
        choices=list(CERTIFICATEN.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    rijbewijzen = forms.MultipleChoiceField(
        label=_("Rijbewijzen"),
        required=False,
        choices=list(RIJBEWIJZEN.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    uren_per_week = forms.IntegerField(
        label=_("Beschikbare uren per week"),
        min_value=0,
        max_value=60,
        error_messages={"required": _("Vul het aantal uren in (0 tot 60).")},
    )
    max_fysieke_belasting = forms.ChoiceField(
        label=_("Maximale fysieke belasting"), choices=FysiekeBelasting.choices
    )
    max_reistijd_minuten = forms.IntegerField(
        label=_("Maximale reistijd (minuten, enkele reis)"), min_value=0, max_value=240
    )
    beroepen_ervaring = forms.MultipleChoiceField(
        label=_("Werkervaring (ook als vrijwilliger)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gewenste_beroepen = forms.MultipleChoiceField(
        label=_("Gewenst werk"), required=False, widget=forms.CheckboxSelectMultiple
    )
    zichtbaar_voor_werkgevers = forms.BooleanField(
        label=_("Werkprofiel zichtbaar voor werkgevers (met toestemming van de burger)"),
        required=False,
    )

    VELDEN = (
        "taalniveau",
        "certificaten",
        "rijbewijzen",
        "uren_per_week",
        "max_fysieke_belasting",
        "max_reistijd_minuten",
        "beroepen_ervaring",
        "gewenste_beroepen",
        "zichtbaar_voor_werkgevers",
    )

    def __init__(self, *args: Any, profiel: Profiel | None = None, **kwargs: Any):
        if profiel is not None and "initial" not in kwargs:
            kwargs["initial"] = {v: getattr(profiel, v) for v in self.VELDEN}
        super().__init__(*args, **kwargs)
        keuzes = _isco_keuzes()
        bekend = {k for k, _n in keuzes}
        # Keep codes the profile already has (e.g. an occupation switched off since).
        for veld in ("beroepen_ervaring", "gewenste_beroepen"):
            extra = [(c, c) for c in (getattr(profiel, veld, None) or []) if c not in bekend]
            self.fields[veld].choices = keuzes + extra

    def service_kwargs(self) -> dict[str, Any]:
        return {v: self.cleaned_data[v] for v in self.VELDEN}


class RouteBesluitForm(forms.Form):
    segment = forms.ChoiceField(
        label=_("Segment"),
        widget=forms.RadioSelect,
        choices=[(w, label) for w, label in Segment.choices if w != Segment.ONBEPAALD],
        error_messages={"required": _("Kies een segment.")},
    )
    route = forms.ChoiceField(
        label=_("Dienstverleningsroute"),
        choices=[("", _("Kies een route"))]
        + [(w, label) for w, label in Route.choices if w != Route.ONBEPAALD],
        error_messages={"required": _("Kies een dienstverleningsroute.")},
    )
    reden = forms.CharField(
        label=_("Waarom kiest u dit?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Leg uit waarom, zeker als u afwijkt van het voorstel."),
        error_messages={"required": _("Leg uit waarom u voor dit segment en deze route kiest.")},
    )


# --- burgerportaal ------------------------------------------------------------------------

B1_NIVEAUS = [
    ("5", _("Het gaat goed. Ik red me helemaal zelf.")),
    ("4", _("Het gaat goed genoeg. Ik red me meestal zelf.")),
    ("3", _("Het gaat niet altijd goed. Soms heb ik hulp nodig.")),
    ("2", _("Het gaat niet goed. Ik heb hulp nodig.")),
    ("1", _("Het gaat helemaal niet goed. Ik heb snel hulp nodig.")),
    ("", _("Dit sla ik over.")),
]


class ZelfbeoordelingForm(_PerLeefgebied):
    """The burger's own view on the 13 leefgebieden, in B1 with the plain labels.

    Each domain may be skipped (the self-assessment may be partial), but not all of them.
    """

    per_gebied = ("score",)

    toelichting = forms.CharField(
        label=_("Wilt u nog iets vertellen?"),
        help_text=_("Dit is niet verplicht. Uw werkcoach leest het."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def maak_velden(self, lg: Leefgebied) -> None:
        self.fields[f"score_{lg.code}"] = forms.TypedChoiceField(
            label=_("Hoe gaat het met: %(label)s?") % {"label": lg.burger_label},
            choices=B1_NIVEAUS,
            coerce=int,
            empty_value=None,
            required=False,
            initial="",
            widget=forms.RadioSelect,
        )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"score_{lg.code}") for lg in self.leefgebieden):
            raise ValidationError(_("Kies bij minstens één onderwerp hoe het gaat."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "scores": {
                lg.code: (d[f"score_{lg.code}"], "")
                for lg in self.leefgebieden
                if d.get(f"score_{lg.code}")
            },
            "toelichting": d.get("toelichting") or "",
        }
