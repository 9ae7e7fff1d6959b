"""The step forms of the aanvraag, shared by the portal, the loket screens and the API.

Each step form's ``gegevens()`` returns the JSON-safe data that ``services.sla_stap_op`` stores;
``initial_voor(stap, aanvraag)`` gives the initial values (what was saved, else the BRP prefill).
Every text field has a maximum length and is stripped; amounts are Decimal in whole cents.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.nl import postcode as stdnum_postcode

from bijstand.core import tijd

from .models import Aanvraag, StukSoort

BEDRAG = {
    "max_digits": 10,
    "decimal_places": 2,
    # "850,00" as a Dutch person types it (and "850.00" from an API client) both work
    "localize": True,
    "min_value": Decimal("0"),
    "error_messages": {
        "invalid": _("Vul een bedrag in, bijvoorbeeld 850,00."),
        "max_decimal_places": _("Vul een bedrag in hele centen in."),
        "min_value": _("Het bedrag kan niet negatief zijn."),
        "max_digits": _("Dit bedrag is te groot."),
    },
}


def _datum(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        # ISO in the value: a type="date" input shows nothing in another format
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 31-01-1990.")},
        **kwargs,
    )


def _geen_toekomst(d):
    if d and d > tijd.vandaag():
        raise ValidationError(_("Deze datum ligt in de toekomst."))
    return d


class StapForm(forms.Form):
    """Base: ``gegevens()`` is the cleaned data as JSON-safe values."""

    def gegevens(self) -> dict[str, Any]:
        def jsonbaar(v):
            if isinstance(v, Decimal):
                return f"{v:.2f}"
            if hasattr(v, "isoformat"):
                return v.isoformat()
            if isinstance(v, list):
                return [jsonbaar(x) for x in v]
            if isinstance(v, dict):
                return {k: jsonbaar(x) for k, x in v.items()}
            return v

        return {k: jsonbaar(v) for k, v in self.cleaned_data.items()}

    def clean(self):
        data = super().clean()
        for k, v in list(data.items()):
            if isinstance(v, str):
                data[k] = v.strip()
        return data


class PersoonForm(StapForm):
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        help_text=_("Wij sturen u een e-mail als er een nieuw bericht voor u is."),
    )
    telefoon = forms.CharField(label=_("Telefoonnummer"), required=False, max_length=20)
    elektronisch = forms.BooleanField(
        label=_("Ik wil brieven en besluiten digitaal ontvangen in het burgerportaal"),
        required=False,
        help_text=_("Kiest u dit niet, dan krijgt u ze per post."),
    )
    adres_gewijzigd = forms.BooleanField(
        label=_("Ik woon op een ander adres dan hierboven staat"), required=False
    )
    straat = forms.CharField(label=_("Straat"), required=False, max_length=200)
    huisnummer = forms.CharField(label=_("Huisnummer"), required=False, max_length=20)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    woonplaats = forms.CharField(label=_("Woonplaats"), required=False, max_length=100)

    def clean_telefoon(self):
        t = self.cleaned_data["telefoon"].strip()
        if t and not all(c.isdigit() or c in "+ -()" for c in t):
            raise ValidationError(_("Gebruik alleen cijfers, spaties en + - ( )."))
        return t

    def clean(self):
        data = super().clean()
        if data.get("adres_gewijzigd"):
            for veld in ("straat", "huisnummer", "postcode", "woonplaats"):
                if not data.get(veld):
                    self.add_error(veld, _("Vul uw nieuwe adres helemaal in."))
            pc = data.get("postcode")
            if pc:
                if not stdnum_postcode.is_valid(pc):
                    self.add_error("postcode", _("Vul een postcode in zoals 3011 AB."))
                else:
                    data["postcode"] = stdnum_postcode.compact(pc)
        return data


class WonenForm(StapForm):
    WOONSITUATIE = [
        ("huur", _("Ik huur een woning of kamer")),
        ("koop", _("Ik heb een koopwoning")),
        ("inwonend", _("Ik woon in bij iemand anders")),
        ("dakloos", _("Ik heb geen vaste woonplek")),
        ("anders", _("Anders")),
    ]
    woonsituatie = forms.ChoiceField(
        label=_("Hoe woont u?"),
        choices=WOONSITUATIE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe u woont.")},
    )
    woonkosten = forms.DecimalField(
        label=_("Woonkosten per maand (huur of hypotheek)"), required=False, **BEDRAG
    )
    toelichting = forms.CharField(
        label=_("Wilt u nog iets vertellen over hoe u woont?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("woonsituatie") in ("huur", "koop")
            and data.get("woonkosten") is None
            and "woonkosten" not in self.errors  # one message per field is enough
        ):
            self.add_error("woonkosten", _("Vul uw woonkosten per maand in."))
        return data


class HuishoudenForm(StapForm):
    heeft_partner = forms.BooleanField(
        label=_("Ik ben getrouwd of woon samen met een partner"), required=False
    )
    partner_naam = forms.CharField(label=_("Naam van uw partner"), required=False, max_length=200)
    partner_geboortedatum = _datum(_("Geboortedatum van uw partner"), required=False)

    def clean_partner_geboortedatum(self):
        return _geen_toekomst(self.cleaned_data.get("partner_geboortedatum"))

    def clean(self):
        data = super().clean()
        if data.get("heeft_partner"):
            if not data.get("partner_naam"):
                self.add_error("partner_naam", _("Vul de naam van uw partner in."))
            if not data.get("partner_geboortedatum"):
                self.add_error("partner_geboortedatum", _("Vul de geboortedatum in."))
        return data


class KindForm(StapForm):
    naam = forms.CharField(label=_("Naam van het kind"), max_length=200)
    geboortedatum = _datum(_("Geboortedatum"))

    def clean_geboortedatum(self):
        return _geen_toekomst(self.cleaned_data.get("geboortedatum"))


class MedebewonerForm(StapForm):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    geboortedatum = _datum(_("Geboortedatum"))
    familie = forms.BooleanField(
        label=_("Familie (ouder, kind, broer, zus, opa, oma)"), required=False
    )
    student = forms.BooleanField(label=_("Studeert met studiefinanciering"), required=False)
    commerciele_huur = forms.BooleanField(
        label=_("Betaalt mij huur met een schriftelijk contract"), required=False
    )

    def clean_geboortedatum(self):
        return _geen_toekomst(self.cleaned_data.get("geboortedatum"))


KindFormSet = forms.formset_factory(KindForm, extra=0, max_num=15, validate_max=True)
MedebewonerFormSet = forms.formset_factory(MedebewonerForm, extra=0, max_num=15, validate_max=True)


def _zonder_delete(rij: dict[str, Any]) -> dict[str, Any]:
    """A formset with ``can_delete`` (the portal's) adds DELETE: not part of the stored row."""
    return {k: v for k, v in rij.items() if k != "DELETE"}


def huishouden_gegevens(
    form: HuishoudenForm, kinderen: forms.BaseFormSet, medebewoners: forms.BaseFormSet
) -> dict[str, Any]:
    """The stored shape of the household step (see ``services._huishouden_uit``)."""
    d = form.gegevens()
    return {
        "partner": (
            {"naam": d["partner_naam"], "geboortedatum": d["partner_geboortedatum"]}
            if d.get("heeft_partner")
            else None
        ),
        "kinderen": [
            _zonder_delete(f.gegevens())
            for f in kinderen.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ],
        "medebewoners": [
            _zonder_delete(f.gegevens())
            for f in medebewoners.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ],
    }


class InkomenForm(StapForm):
    heeft_inkomen = forms.BooleanField(
        label=_("Ik (of mijn partner) heb nu inkomen"),
        required=False,
        help_text=_("Bijvoorbeeld loon, een uitkering, alimentatie of inkomsten uit een bedrijf."),
    )
    soort = forms.CharField(label=_("Wat voor inkomen?"), required=False, max_length=200)
    bedrag = forms.DecimalField(label=_("Netto per maand"), required=False, **BEDRAG)
    andere_uitkering_aangevraagd = forms.BooleanField(
        label=_("Ik heb ook een andere uitkering of studiefinanciering aangevraagd"),
        required=False,
        help_text=_("Bijvoorbeeld WW, WIA of studiefinanciering."),
    )

    def clean(self):
        data = super().clean()
        if data.get("heeft_inkomen"):
            if not data.get("soort"):
                self.add_error("soort", _("Vul in wat voor inkomen u hebt."))
            if data.get("bedrag") is None and "bedrag" not in self.errors:
                self.add_error("bedrag", _("Vul het bedrag per maand in."))
        return data


class VermogenForm(StapForm):
    bank_saldo = forms.DecimalField(
        label=_("Geld op al uw bankrekeningen samen"),
        **{
            **BEDRAG,
            "error_messages": {
                **BEDRAG["error_messages"],
                "required": _("Vul het bedrag in. Hebt u niets? Vul dan 0 in."),
            },
        },
    )
    auto_waarde = forms.DecimalField(
        label=_("Waarde van uw auto, motor of boot"), required=False, **BEDRAG
    )
    eigen_woning = forms.BooleanField(label=_("Ik heb een eigen huis"), required=False)
    overig = forms.CharField(
        label=_("Ander bezit of schulden"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BankrekeningForm(StapForm):
    iban = forms.CharField(
        label=_("Uw rekeningnummer (IBAN)"),
        max_length=42,
        help_text=_("Bijvoorbeeld NL91 ABNA 0417 1643 00. Op dit nummer krijgt u uw uitkering."),
        error_messages={"required": _("Vul uw rekeningnummer in.")},
    )
    tenaamstelling = forms.CharField(
        label=_("Op naam van"),
        max_length=70,
        error_messages={"required": _("Vul in op wiens naam de rekening staat.")},
    )

    def clean_iban(self):
        waarde = stdnum_iban.compact(self.cleaned_data["iban"] or "")
        if not stdnum_iban.is_valid(waarde):
            raise ValidationError(_("Dit IBAN klopt niet. Controleer het rekeningnummer."))
        return waarde


class StukForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Wat voor bewijsstuk is het?"),
        choices=StukSoort.choices,
        error_messages={"required": _("Kies wat voor bewijsstuk het is.")},
    )
    omschrijving = forms.CharField(label=_("Omschrijving"), required=False, max_length=200)
    bestand = forms.FileField(
        label=_("Bestand (PDF, PNG of JPG, hoogstens 10 MB)"),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )


class VerklaringForm(StapForm):
    akkoord = forms.BooleanField(
        label=_(
            "Ik heb alles naar waarheid ingevuld. Ik weet dat ik wijzigingen meteen moet doorgeven."
        ),
        error_messages={"required": _("Vink aan dat u alles naar waarheid hebt ingevuld.")},
    )


STAP_FORMS: dict[str, type[StapForm]] = {
    "persoon": PersoonForm,
    "wonen": WonenForm,
    "huishouden": HuishoudenForm,
    "inkomen": InkomenForm,
    "vermogen": VermogenForm,
    "bankrekening": BankrekeningForm,
    "verklaring": VerklaringForm,
}


def initial_voor(stap: str, aanvraag: Aanvraag) -> dict[str, Any]:
    """What was saved for the step, else the prefill from the BRP and the person record."""
    opgeslagen = (aanvraag.gegevens.get(stap) or {}).get("data")
    if opgeslagen is not None:
        if stap == "huishouden":
            partner = opgeslagen.get("partner") or {}
            return {
                "heeft_partner": bool(partner),
                "partner_naam": partner.get("naam", ""),
                "partner_geboortedatum": partner.get("geboortedatum"),
            }
        return dict(opgeslagen)
    persoon = aanvraag.dossier.werkzoekende
    brp = aanvraag.brp or {}
    if stap == "persoon":
        return {"email": persoon.email, "telefoon": persoon.telefoon}
    if stap == "huishouden" and brp.get("partners"):
        p = brp["partners"][0]
        return {
            "heeft_partner": True,
            "partner_naam": p.get("naam", ""),
            "partner_geboortedatum": p.get("geboortedatum"),
        }
    if stap == "bankrekening" and persoon.iban:
        return {"iban": persoon.iban, "tenaamstelling": persoon.naam}
    return {}


def formset_initial(stap_data: dict[str, Any] | None, brp: dict[str, Any], sleutel: str) -> list:
    """Initial rows of the kinderen/medebewoners formsets: saved, else from the BRP."""
    if stap_data is not None:
        return list(stap_data.get(sleutel) or [])
    if sleutel == "kinderen":
        return [
            {"naam": k.get("naam", ""), "geboortedatum": k.get("geboortedatum")}
            for k in brp.get("kinderen") or []
        ]
    return []
