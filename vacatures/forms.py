"""Forms of the werkgeversdienstverlening screens. Input only; the services own the rules and
their Dutch messages (views put them on the form with ``voeg_servicefout_toe``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijstand.dossiers.models import Taalniveau, Wijk
from perspectief.models import Beroep, FysiekeBelasting
from perspectief.referentie import CERTIFICATEN, RIJBEWIJZEN

from .models import Afwijzingsreden, Vacature, VacatureStatus, Werkgever
from .selectors import VacatureFilters, WerkgeverFilters

# WCAG 2.2 target size: checkboxes at least 24 x 24 px (app.css sizes this class; a style
# attribute would be blocked by the Content-Security-Policy).
GROOT_VINKJE = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
JA_NEE = [("", _("Alle")), ("ja", _("Ja")), ("nee", _("Nee"))]


def _ja_nee(waarde: str) -> bool | None:
    return {"ja": True, "nee": False}.get(waarde or "")


class WerkgeverFilterForm(forms.Form):
    zoek = forms.CharField(label=_("Naam of KvK-nummer"), required=False, max_length=100)
    inclusief = forms.ChoiceField(label=_("Inclusieve werkgever"), required=False, choices=JA_NEE)
    sroi = forms.ChoiceField(label=_("Met SROI-afspraak"), required=False, choices=JA_NEE)
    ook_inactief = forms.BooleanField(
        label=_("Ook werkgevers die niet actief zijn"),
        required=False,
        widget=forms.CheckboxInput(attrs=GROOT_VINKJE),
    )

    def filters(self) -> WerkgeverFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return WerkgeverFilters(
            zoek=data.get("zoek") or "",
            inclusief=_ja_nee(data.get("inclusief")),
            met_sroi=_ja_nee(data.get("sroi")),
            actief=None if data.get("ook_inactief") else True,
        )


class WerkgeverForm(forms.ModelForm):
    class Meta:
        model = Werkgever
        fields = ["naam", "kvk_nummer", "sector", "plaats", "inclusief", "toelichting", "actief"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"kvk_nummer": _("8 cijfers, bijvoorbeeld 24123456.")}

    def _post_clean(self):
        # The service validates (Dutch messages, uniqueness); skip the model's own full_clean.
        pass

    def service_kwargs(self) -> dict[str, Any]:
        return {naam: self.cleaned_data[naam] for naam in self.Meta.fields}


class ContactpersoonForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    functie = forms.CharField(label=_("Functie"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    telefoon = forms.CharField(label=_("Telefoonnummer"), max_length=20, required=False)


class SroiAfspraakForm(forms.Form):
    omschrijving = forms.CharField(label=_("Opdracht of afspraak"), max_length=300)
    aantal_plaatsingen = forms.IntegerField(
        label=_("Afgesproken aantal plaatsingen"), min_value=1, max_value=1000
    )
    van = forms.DateField(
        label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    tot = forms.DateField(
        label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class VacatureFilterForm(forms.Form):
    """Filters of the vacancies list (GET: no personal data in them)."""

    zoek = forms.CharField(label=_("Titel of werkgever"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *VacatureStatus.choices],
        initial=VacatureStatus.OPEN,
    )
    beroep = forms.ModelChoiceField(
        label=_("Beroep"),
        required=False,
        queryset=Beroep.objects.filter(actief=True),
        empty_label=_("Alle"),
    )
    wijk = forms.ModelChoiceField(
        label=_("Wijk"), required=False, queryset=Wijk.objects.all(), empty_label=_("Alle")
    )
    garantiebaan = forms.ChoiceField(label=_("Garantiebaan"), required=False, choices=JA_NEE)

    def filters(self, *, werkgever: int | None = None) -> VacatureFilters:
        data = self.cleaned_data if self.is_valid() else {}
        beroep = data.get("beroep")
        wijk = data.get("wijk")
        return VacatureFilters(
            status=data.get("status") or "",
            beroep=beroep.pk if beroep else None,
            wijk=wijk.pk if wijk else None,
            werkgever=werkgever,
            garantiebaan=_ja_nee(data.get("garantiebaan")),
            zoek=data.get("zoek") or "",
        )


class VacatureForm(forms.ModelForm):
    certificaten = forms.MultipleChoiceField(
        label=_("Vereiste certificaten"),
        required=False,
        choices=list(CERTIFICATEN.items()),
        widget=forms.CheckboxSelectMultiple(attrs=GROOT_VINKJE),
        help_text=_("Leeg laten: de certificaten die bij het beroep horen."),
    )
    rijbewijzen = forms.MultipleChoiceField(
        label=_("Vereiste rijbewijzen"),
        required=False,
        choices=list(RIJBEWIJZEN.items()),
        widget=forms.CheckboxSelectMultiple(attrs=GROOT_VINKJE),
    )

    class Meta:
        model = Vacature
        fields = [
            "werkgever",
            "titel",
            "beroep",
            "aantal_plaatsen",
            "omschrijving",
            "certificaten",
            "rijbewijzen",
            "taalniveau",
            "fysieke_belasting",
            "uren_per_week_min",
            "uren_per_week_max",
            "wijk",
            "locatie",
            "garantiebaan",
            "sluitdatum",
        ]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 4}),
            "sluitdatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, nieuw: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.nieuw = nieuw
        self.fields["beroep"].queryset = Beroep.objects.filter(actief=True)
        if nieuw:
            self.fields["werkgever"].queryset = Werkgever.objects.filter(actief=True)
            keuzes = {
                "taalniveau": Taalniveau.choices,
                "fysieke_belasting": FysiekeBelasting.choices,
            }
            for naam, opties in keuzes.items():
                self.fields[naam] = forms.ChoiceField(
                    label=self.fields[naam].label,
                    required=False,
                    choices=[("", _("Zoals bij het beroep")), *opties],
                )
        else:
            del self.fields["werkgever"]
            del self.fields["beroep"]

    def _post_clean(self):
        pass

    def service_kwargs(self) -> dict[str, Any]:
        velden = [f for f in self.Meta.fields if f in self.fields and f != "werkgever"]
        uit = {naam: self.cleaned_data.get(naam) for naam in velden}
        if self.nieuw:
            for naam in ("certificaten", "rijbewijzen", "taalniveau", "fysieke_belasting"):
                if not uit.get(naam):
                    uit.pop(naam)  # the occupation's default
        uit["locatie"] = uit.get("locatie") or ""
        uit["omschrijving"] = uit.get("omschrijving") or ""
        return uit


class IntrekkenForm(forms.Form):
    reden = forms.CharField(
        label=_("Waarom vervalt de vacature?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VoordragenForm(forms.Form):
    dossier = forms.IntegerField(widget=forms.HiddenInput)
    toelichting = forms.CharField(
        label=_("Toelichting voor de werkgever (niet verplicht)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GesprekForm(forms.Form):
    prefix = "gesprek"
    datum = forms.DateField(
        label=_("Datum van het gesprek"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tijd = forms.TimeField(
        label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def moment(self) -> datetime:
        return timezone.make_aware(
            datetime.combine(self.cleaned_data["datum"], self.cleaned_data["tijd"])
        )


class PlaatsingForm(forms.Form):
    prefix = "plaatsing"
    startdatum = forms.DateField(
        label=_("Startdatum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    contracturen = forms.IntegerField(label=_("Contracturen per week"), min_value=1, max_value=40)
    contract_maanden = forms.IntegerField(
        label=_("Duur van het contract in maanden"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Leeg laten bij een contract voor onbepaalde tijd."),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AfwijzenForm(forms.Form):
    prefix = "afwijzen"
    reden = forms.ChoiceField(
        label=_("Reden"),
        choices=[(w, label) for w, label in Afwijzingsreden.choices if w != "vacature_gesloten"],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de reden.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij 'Overig'."),
    )
