"""Forms of the inkomensconsulent screens. Input only; the services own the rules (and their
Dutch messages, which the views put on the form with ``voeg_servicefout_toe``)."""

from __future__ import annotations

import re
import secrets
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
from .opgaven import Betaaldag
from .opgavetelling import NieuwBedrag
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


SCHERMSLEUTEL_RE = re.compile(r"^[A-Za-z0-9_-]{16,60}$")


def nieuwe_sleutel() -> str:
    """A random idempotency key for a form (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)


class IdempotenteForm(forms.Form):
    """A form with a hidden random key (issue 13 §1): generated when the empty form is
    rendered and sent back with it, so a resubmission (back + resubmit, a double click, a
    re-render after errors) carries the same key and the service stores nothing twice. A
    missing or malformed key (a tampered or very old page) is replaced by a fresh one: at
    worst the form behaves as without a key; the burger or consulent never sees an error."""

    idempotentiesleutel = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["idempotentiesleutel"] = nieuwe_sleutel()

    def clean_idempotentiesleutel(self) -> str:
        waarde = self.cleaned_data.get("idempotentiesleutel") or ""
        if not SCHERMSLEUTEL_RE.match(waarde):
            waarde = self.vernieuw_sleutel()
        return waarde

    def vernieuw_sleutel(self) -> str:
        """A fresh key in the re-rendered form (after 'this key was used for other data': a
        new submission then stores a new opgave, deliberately)."""
        waarde = nieuwe_sleutel()
        self.data = self.data.copy()
        self.data[self.add_prefix("idempotentiesleutel")] = waarde
        return waarde


def _geld(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        localize=True,
        **kwargs,
    )


def _dag(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


class ConsulentOpgaveForm(IdempotenteForm):
    """An opgave registered by the inkomensconsulent on behalf of the burger (bron consulent).

    Monthly wage: one amount for the month. Four-weekly wage (issue 13 §4): one amount per
    payday, one or two paydays in the month; stored as one opgave per payday
    (:func:`inkomen.opgaven.registreer_vierwekenloon`). Which fields belong to which kind is
    checked here, so the page works without JavaScript (both groups are visible).
    """

    MAANDLOON_VELDEN = ("bedrag",)
    VIERWEKEN_VELDEN = ("betaaldatum_1", "bedrag_1", "betaaldatum_2", "bedrag_2")

    maand = MaandVeld(label=_("Maand"), help_text=_("JJJJ-MM, bijvoorbeeld 2026-03."))
    persoon = forms.ChoiceField(label=_("Van wie"), choices=Persoon.choices)
    soort = forms.ChoiceField(label=_("Soort inkomsten"), choices=InkomstenSoort.choices)
    status = forms.ChoiceField(
        label=_("Geschat of definitief"),
        choices=OpgaveStatus.choices,
        widget=forms.RadioSelect,
        initial=OpgaveStatus.DEFINITIEF,
    )
    periode = forms.ChoiceField(
        label=_("Hoe vaak wordt het loon betaald?"),
        choices=[
            (InkomstenPeriode.MAAND, _("Per maand: vul het bedrag over de maand in")),
            (InkomstenPeriode.VIER_WEKEN, _("Per vier weken: vul het bedrag per betaaldag in")),
        ],
        widget=forms.RadioSelect,
        initial=InkomstenPeriode.MAAND,
    )
    bedrag = _geld(_("Netto bedrag over de maand (euro)"))
    betaaldatum_1 = _dag(_("Eerste betaaldag in de maand"))
    bedrag_1 = _geld(_("Netto bedrag op de eerste betaaldag (euro)"))
    betaaldatum_2 = _dag(
        _("Tweede betaaldag in dezelfde maand"),
        help_text=_("Alleen als er in deze maand twee keer vierwekenloon is betaald."),
    )
    bedrag_2 = _geld(_("Netto bedrag op de tweede betaaldag (euro)"))
    vakantiegeld = _geld(
        _("Netto vakantiegeld (euro)"),
        help_text=_(
            "Apart van de bedragen hierboven. Telt mee als inkomsten uit arbeid; bij "
            "vierwekenloon maakt het niet uit bij welke betaaldag het is betaald."
        ),
    )
    uren = forms.DecimalField(
        label=_("Gewerkte uren"), required=False, max_digits=6, decimal_places=2, localize=True
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
        help_text=_("Bij vierwekenloon vervangen de betaaldagen hierboven samen deze opgave."),
    )

    def __init__(self, *args, vervangbaar=None, met_partner: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if vervangbaar is not None:
            self.fields["vervangt"].queryset = vervangbaar
        if not met_partner:
            self.fields["persoon"].choices = [
                c for c in Persoon.choices if c[0] == Persoon.AANVRAGER
            ]

    @property
    def vier_weken(self) -> bool:
        return self.cleaned_data.get("periode") == InkomstenPeriode.VIER_WEKEN

    def clean(self):
        data = super().clean()
        periode = data.get("periode")
        ingevuld = {
            v for v in (*self.MAANDLOON_VELDEN, *self.VIERWEKEN_VELDEN) if data.get(v) is not None
        }
        if periode == InkomstenPeriode.MAAND:
            if "bedrag" not in ingevuld and not self.has_error("bedrag"):
                self.add_error("bedrag", _("Vul het netto bedrag over de maand in."))
            for veld in self.VIERWEKEN_VELDEN:
                if veld in ingevuld:
                    self.add_error(
                        veld,
                        _(
                            "Dit veld hoort bij vierwekenloon. Kies 'Per vier weken' of maak "
                            "het veld leeg."
                        ),
                    )
        elif periode == InkomstenPeriode.VIER_WEKEN:
            if "bedrag" in ingevuld:
                self.add_error(
                    "bedrag",
                    _(
                        "Bij vierwekenloon vult u het bedrag per betaaldag in, niet over de "
                        "maand. Maak dit veld leeg."
                    ),
                )
            for n in (1, 2):
                dag, geld = f"betaaldatum_{n}", f"bedrag_{n}"
                verplicht = n == 1 or dag in ingevuld or geld in ingevuld
                if not verplicht:
                    continue
                if dag not in ingevuld and not self.has_error(dag):
                    self.add_error(dag, _("Vul de betaaldag in."))
                if geld not in ingevuld and not self.has_error(geld):
                    self.add_error(geld, _("Vul het netto bedrag op deze betaaldag in."))
        return data

    def betaaldagen(self) -> list[Betaaldag]:
        d = self.cleaned_data
        return [
            Betaaldag(datum=d[f"betaaldatum_{n}"], bedrag=d[f"bedrag_{n}"])
            for n in (1, 2)
            if d.get(f"betaaldatum_{n}") is not None
        ]

    def service_kwargs(self) -> dict:
        """Arguments of ``registreer_inkomstenopgave`` (monthly) or ``registreer_vierwekenloon``
        (four-weekly, see :attr:`vier_weken`)."""
        d = self.cleaned_data
        kwargs = {
            "maand": d["maand"],
            "persoon": d["persoon"],
            "soort": d["soort"],
            "vakantiegeld": d.get("vakantiegeld") or Decimal("0.00"),
            "uren": d.get("uren"),
            "status": d["status"],
            "loonstrook": d.get("loonstrook"),
            "vervangt": d.get("vervangt"),
            "idempotentiesleutel": d.get("idempotentiesleutel") or "",
        }
        if self.vier_weken:
            kwargs["betaaldagen"] = self.betaaldagen()
        else:
            kwargs.update(bedrag=d["bedrag"], periode=InkomstenPeriode.MAAND)
        return kwargs

    def nieuwe_bedragen(self) -> list[NieuwBedrag]:
        """The amounts of this form for the month total (:mod:`inkomen.opgavetelling`)."""
        d = self.cleaned_data
        vakantiegeld = d.get("vakantiegeld") or Decimal("0.00")
        if not self.vier_weken:
            return [NieuwBedrag(bedrag=d["bedrag"], vakantiegeld=vakantiegeld)]
        return [
            NieuwBedrag(
                bedrag=dag.bedrag,
                vakantiegeld=vakantiegeld if n == 0 else Decimal("0.00"),
                betaaldatum=dag.datum,
            )
            for n, dag in enumerate(self.betaaldagen())
        ]


class DienstverbandForm(forms.Form):
    """The consulent's "Dienstverband registreren": a werkgever from the register (by its
    KvK-nummer, found with the search on the page) or a new one (naam + KvK-nummer), the start
    date, hours per week and the expected netto pay per month. The portal's "Werk gevonden"
    subclasses it with B1 labels."""

    kvk_nummer = forms.CharField(
        label=_("KvK-nummer van de werkgever"),
        max_length=20,
        help_text=_("8 cijfers. Staat de werkgever in het register, dan wordt die gebruikt."),
        error_messages={"required": _("Vul het KvK-nummer van de werkgever in (8 cijfers).")},
    )
    naam = forms.CharField(
        label=_("Naam van de werkgever"),
        max_length=200,
        required=False,
        help_text=_("Alleen nodig als de werkgever nog niet in het register staat."),
    )
    van = forms.DateField(
        label=_("Eerste werkdag"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de eerste werkdag in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 01-04-2026."),
        },
    )
    uren_per_week = forms.DecimalField(
        label=_("Uren per week"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.5"),
        max_value=Decimal("80"),
        localize=True,
        error_messages={
            "required": _("Vul het aantal uren per week in."),
            "invalid": _("Vul een aantal uren in, bijvoorbeeld 24 of 24,5."),
        },
    )
    verwacht_netto_loon = _geld(
        _("Verwacht netto loon per maand (€)"),
        error_messages={"invalid": _("Vul een bedrag in, bijvoorbeeld 1200 of 1200,50.")},
    )

    def clean_kvk_nummer(self) -> str:
        from .validators import validate_kvk_nummer

        waarde = (self.cleaned_data.get("kvk_nummer") or "").replace(" ", "").strip()
        validate_kvk_nummer(waarde)
        return waarde

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "kvk_nummer": d["kvk_nummer"],
            "werkgever_naam": d.get("naam") or "",
            "van": d["van"],
            "uren_per_week": d["uren_per_week"],
            "verwacht_netto_loon": d.get("verwacht_netto_loon"),
        }


class WerkgeverZoekForm(forms.Form):
    zoek = forms.CharField(label=_("Zoek in het register (naam of KvK-nummer)"), max_length=100)
