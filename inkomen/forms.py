"""Forms of the inkomensconsulent screens. Input only; the services own the rules (and their
Dutch messages, which the views put on the form with ``voeg_servicefout_toe``)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import (
    Beoordeling,
    Inkomstenopgave,
    InkomstenPeriode,
    InkomstenSoort,
    OpgaveStatus,
    Persoon,
)
from .rekenregels.opmaak import bedrag_nl

MAAND_RE = re.compile(r"^(\d{4})-(\d{2})$")


def maand_uit_tekst(tekst: str) -> date | None:
    """``2026-03`` -> date(2026, 3, 1); None when it is not a month."""
    m = MAAND_RE.match((tekst or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1900:
        return None
    return date(int(m.group(1)), int(m.group(2)), 1)


class MaandVeld(forms.CharField):
    """A month typed as JJJJ-MM (a browser with ``type=month`` sends exactly that)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "JJJJ-MM"})

    def to_python(self, value):
        tekst = super().to_python(value)
        if not tekst:
            return None
        maand = maand_uit_tekst(tekst)
        if maand is None:
            raise ValidationError(_("Geef de maand op als JJJJ-MM, bijvoorbeeld 2026-03."))
        return maand


class BeoordelingForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        widget=forms.RadioSelect,
        choices=[
            (Beoordeling.GEACCEPTEERD, _("Accepteren")),
            (Beoordeling.AFGEWEZEN, _("Afwijzen")),
        ],
        error_messages={"required": _("Kies accepteren of afwijzen.")},
    )
    reden = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij afwijzen."),
    )

    def __init__(self, *args, huidige: str = Beoordeling.OPEN, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the transitions the model allows from the current beoordeling.
        from .models import BEOORDELING_OVERGANGEN

        toegestaan = BEOORDELING_OVERGANGEN.get(huidige, frozenset())
        self.fields["besluit"].choices = [
            (w, label) for w, label in self.fields["besluit"].choices if w in toegestaan
        ]


def _opgave_label(opgave: Inkomstenopgave) -> str:
    return _("Opgave %(pk)s: %(maand)s, %(persoon)s, € %(bedrag)s (%(status)s)") % {
        "pk": opgave.pk,
        "maand": f"{opgave.maand:%m-%Y}",
        "persoon": opgave.get_persoon_display().lower(),
        "bedrag": bedrag_nl(opgave.bedrag),
        "status": opgave.get_status_display().lower(),
    }


class OpgaveKeuzeVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _opgave_label(obj)


class ConsulentOpgaveForm(forms.Form):
    """An opgave registered by the inkomensconsulent on behalf of the burger (bron consulent)."""

    maand = MaandVeld(label=_("Maand"), help_text=_("JJJJ-MM, bijvoorbeeld 2026-03."))
    persoon = forms.ChoiceField(label=_("Van wie"), choices=Persoon.choices)
    soort = forms.ChoiceField(label=_("Soort inkomsten"), choices=InkomstenSoort.choices)
    bedrag = forms.DecimalField(
        label=_("Netto bedrag (euro)"),
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        localize=True,
    )
    vakantiegeld = forms.DecimalField(
        label=_("Waarvan netto vakantiegeld apart (euro)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        localize=True,
    )
    uren = forms.DecimalField(
        label=_("Gewerkte uren"), required=False, max_digits=6, decimal_places=2, localize=True
    )
    status = forms.ChoiceField(
        label=_("Geschat of definitief"),
        choices=OpgaveStatus.choices,
        widget=forms.RadioSelect,
        initial=OpgaveStatus.DEFINITIEF,
    )
    periode = forms.ChoiceField(
        label=_("Periode"),
        choices=InkomstenPeriode.choices,
        widget=forms.RadioSelect,
        initial=InkomstenPeriode.MAAND,
    )
    betaaldatum_1 = forms.DateField(
        label=_("Betaaldatum (vierwekenloon)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    betaaldatum_2 = forms.DateField(
        label=_("Tweede betaaldatum in dezelfde maand"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    loonstrook = forms.FileField(
        label=_("Loonstrook"),
        required=False,
        help_text=_("PDF, PNG of JPEG, ten hoogste 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    vervangt = OpgaveKeuzeVeld(
        label=_("Correctie op opgave"),
        required=False,
        queryset=Inkomstenopgave.objects.none(),
        empty_label=_("Geen: dit is een nieuwe opgave"),
    )

    def __init__(self, *args, vervangbaar=None, met_partner: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if vervangbaar is not None:
            self.fields["vervangt"].queryset = vervangbaar
        if not met_partner:
            self.fields["persoon"].choices = [
                c for c in Persoon.choices if c[0] == Persoon.AANVRAGER
            ]

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "maand": d["maand"],
            "persoon": d["persoon"],
            "soort": d["soort"],
            "bedrag": d["bedrag"],
            "vakantiegeld": d.get("vakantiegeld") or Decimal("0.00"),
            "uren": d.get("uren"),
            "status": d["status"],
            "periode": d["periode"],
            "betaaldata": [x for x in (d.get("betaaldatum_1"), d.get("betaaldatum_2")) if x],
            "loonstrook": d.get("loonstrook"),
            "vervangt": d.get("vervangt"),
        }
