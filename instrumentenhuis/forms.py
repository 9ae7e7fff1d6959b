"""Forms of the instrumentenhuis screens. Input only: the services own the rules and their
Dutch messages (the views put them on the form with ``voeg_servicefout_toe``)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from perspectief.models import Leefgebied
from perspectief.referentie import CERTIFICATEN

from .models import (
    Categorie,
    Instrument,
    JobcoachSoort,
    RapportageSoort,
    Resultaat,
    Stopreden,
    WerkgeversinstrumentSoort,
)
from .selectors import CatalogusFilters


def _datumveld(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


CERTIFICAAT_KEUZES = [("", _("Kies een certificaat")), *sorted(CERTIFICATEN.items())]
TREDE_KEUZES = [("", _("Alle treden")), *[(str(t), str(t)) for t in range(1, 7)]]


class CatalogusFilterForm(forms.Form):
    zoek = forms.CharField(
        label=_("Zoek op naam, aanbieder of doelgroep"), required=False, max_length=100
    )
    categorie = forms.ChoiceField(
        label=_("Categorie"),
        required=False,
        choices=[("", _("Alle categorieën")), *Categorie.choices],
    )
    leefgebied = forms.ChoiceField(label=_("Leefgebied"), required=False)
    trede = forms.TypedChoiceField(
        label=_("Trede participatieladder"),
        required=False,
        choices=TREDE_KEUZES,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leefgebied"].choices = [
            ("", _("Alle leefgebieden")),
            *Leefgebied.objects.order_by("nummer").values_list("code", "naam"),
        ]

    def filters(self) -> CatalogusFilters:
        if not self.is_valid():
            return CatalogusFilters()
        d = self.cleaned_data
        return CatalogusFilters(
            categorie=d.get("categorie") or "",
            leefgebied=d.get("leefgebied") or "",
            trede=d.get("trede"),
            zoek=(d.get("zoek") or "").strip(),
        )


class InstrumentKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Instrument) -> str:
        return f"{obj.naam} ({obj.get_categorie_display()}, {obj.aanbieder.naam})"


class AanvraagForm(forms.Form):
    instrument = InstrumentKeuze(
        label=_("Instrument"),
        queryset=Instrument.objects.filter(actief=True)
        .select_related("aanbieder")
        .order_by("categorie", "naam"),
        empty_label=_("Kies een instrument"),
        error_messages={"required": _("Kies een instrument.")},
    )
    begindatum = _datumveld(_("Beoogde startdatum"))
    uren_per_week = forms.IntegerField(
        label=_("Uren per week"),
        required=False,
        min_value=0,
        max_value=40,
        help_text=_("Leeg: de uren van het instrument."),
    )
    toelichting = forms.CharField(
        label=_("Motivatie"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom past dit instrument nu? Dit komt in het journaal."),
    )


class StartForm(forms.Form):
    datum = _datumveld(_("Gestart op"))
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=1000)


class AfrondForm(forms.Form):
    resultaat = forms.ChoiceField(
        label=_("Resultaat"),
        choices=Resultaat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies het resultaat van de inzet.")},
    )
    certificaat = forms.ChoiceField(
        label=_("Behaald certificaat"),
        required=False,
        choices=CERTIFICAAT_KEUZES,
        help_text=_("Bij resultaat 'certificaat behaald'. Het komt in het profiel."),
    )
    trede = forms.TypedChoiceField(
        label=_("Nieuwe trede"),
        required=False,
        choices=[("", _("Kies de nieuwe trede")), *[(str(t), str(t)) for t in range(2, 7)]],
        coerce=int,
        empty_value=None,
        help_text=_("Bij resultaat 'trede omhoog'."),
    )
    datum = _datumveld(_("Afgerond op"))
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StopForm(forms.Form):
    reden = forms.ChoiceField(
        label=_("Reden"),
        choices=[("", _("Kies een reden")), *Stopreden.choices],
        error_messages={"required": _("Kies de reden van stoppen.")},
    )
    datum = _datumveld(_("Datum"))
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RapportageForm(forms.Form):
    """The werkcoach records what the provider reported (by mail, phone, a form)."""

    soort = forms.ChoiceField(
        label=_("Wat meldt de aanbieder?"),
        choices=RapportageSoort.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort rapportage.")},
    )
    datum = _datumveld(_("Datum"))
    aanwezigheid_pct = forms.IntegerField(
        label=_("Aanwezigheid (%)"), required=False, min_value=0, max_value=100
    )
    tekst = forms.CharField(
        label=_("Rapportage"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    resultaat = forms.ChoiceField(
        label=_("Resultaat (bij afgerond)"),
        required=False,
        choices=[("", _("Kies het resultaat")), *Resultaat.choices],
    )
    certificaat = forms.ChoiceField(
        label=_("Certificaat (bij certificaat behaald)"), required=False, choices=CERTIFICAAT_KEUZES
    )
    stopreden = forms.ChoiceField(
        label=_("Reden (bij gestopt)"),
        required=False,
        choices=[("", _("Kies een reden")), *Stopreden.choices],
    )


class WerkgeversafspraakForm(forms.Form):
    werkgever_naam = forms.CharField(label=_("Werkgever"), max_length=200)
    plaatsing_id = forms.IntegerField(
        label=_("Nummer van de plaatsing"),
        required=False,
        min_value=1,
        help_text=_("Uit werkgeversdienstverlening (vacatures), als die er is."),
    )
    ingangsdatum = _datumveld(_("Ingangsdatum"))
    einddatum = _datumveld(_("Einddatum"), required=False)
    beoogd_contract_maanden = forms.IntegerField(
        label=_("Beoogd contract na de proefplaatsing (maanden)"), required=False, min_value=1
    )
    jobcoach_soort = forms.ChoiceField(
        label=_("Soort jobcoaching"),
        required=False,
        choices=[("", _("Kies de soort")), *JobcoachSoort.choices],
    )
    loonwaarde_pct = forms.DecimalField(
        label=_("Loonwaarde (% van het WML)"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        localize=True,
        error_messages={
            "min_value": _("De loonwaarde ligt tussen 0 en 100 procent."),
            "max_value": _("De loonwaarde ligt tussen 0 en 100 procent."),
        },
    )
    loonwaardemeting_datum = _datumveld(_("Datum loonwaardemeting"), required=False)
    uren_per_week = forms.DecimalField(
        label=_("Contracturen per week"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("40"),
        max_digits=4,
        decimal_places=1,
        localize=True,
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    VELDEN_PER_SOORT = {
        WerkgeversinstrumentSoort.LOONKOSTENSUBSIDIE: {
            "loonwaarde_pct",
            "loonwaardemeting_datum",
            "uren_per_week",
        },
        WerkgeversinstrumentSoort.PROEFPLAATSING: {"beoogd_contract_maanden"},
        WerkgeversinstrumentSoort.JOBCOACHING: {"jobcoach_soort"},
    }
    ALLE_SPECIFIEKE = {"loonwaarde_pct", "loonwaardemeting_datum", "uren_per_week",
                       "beoogd_contract_maanden", "jobcoach_soort"}  # fmt: skip

    def __init__(self, *args, soort: str, **kwargs):
        super().__init__(*args, **kwargs)
        houden = self.VELDEN_PER_SOORT.get(soort, set())
        for naam in self.ALLE_SPECIFIEKE - houden:
            del self.fields[naam]
        if soort == WerkgeversinstrumentSoort.PROEFPLAATSING:
            self.fields["einddatum"].help_text = _("Maximaal 2 maanden na de ingangsdatum.")

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "werkgever_naam": d["werkgever_naam"],
            "plaatsing_id": d.get("plaatsing_id"),
            "ingangsdatum": d["ingangsdatum"],
            "einddatum": d.get("einddatum"),
            "beoogd_contract_maanden": d.get("beoogd_contract_maanden"),
            "jobcoach_soort": d.get("jobcoach_soort") or "",
            "loonwaarde_pct": d.get("loonwaarde_pct"),
            "loonwaardemeting_datum": d.get("loonwaardemeting_datum"),
            "uren_per_week": d.get("uren_per_week"),
            "toelichting": d.get("toelichting") or "",
        }
