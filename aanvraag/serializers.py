"""API representations of the front door (``aanvraag/api.py``).

Input serializers check shape and type only (lengths, dates, the BSN's 11-proef); the rules
are in the services and in the step forms of ``aanvraag.forms`` (the same as on the screens).
Output serializers name their fields explicitly: never a BSN, never a file name, never the
bytes of a beschikking, never what the BRP said.

Codes (status, soort, ...) are plain text with their values in the help text: an enum named
"status" or "soort" would collide with the other apps' enums in the one OpenAPI schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from bijstand.core import tijd
from bijstand.core.validators import (
    normaliseer_bsn,
    normaliseer_postcode,
    validate_bsn,
    validate_postcode,
)

from . import selectors, services
from .forms import (
    STAP_FORMS,
    HuishoudenForm,
    KindForm,
    KindFormSet,
    MedebewonerForm,
    MedebewonerFormSet,
    huishouden_gegevens,
)
from .models import TE_BESLISSEN, Aanvraag
from .stappen import CHECKLIST, STAP_SLUGS, STAPPEN

DATUM_FOUTEN = {
    "invalid": _("Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2026-03-17."),
    "datetime": _("Vul een datum in als JJJJ-MM-DD, zonder tijd."),
}
TEKST_FOUTEN = {
    "invalid": _("Vul een tekst in."),
    "max_length": _("Gebruik hoogstens {max_length} tekens."),
    "blank": _("Vul dit veld in."),
    "required": _("Vul dit veld in."),
    "null": _("Vul dit veld in."),
}
VROEGSTE_GEBOORTEDATUM = date(1900, 1, 1)


def _tekst(max_length: int, **kwargs) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, error_messages=TEKST_FOUTEN, **kwargs)


def _datum(**kwargs) -> serializers.DateField:
    return serializers.DateField(error_messages=DATUM_FOUTEN, **kwargs)


# --- input -----------------------------------------------------------------------------------


class MeldingPersoonSerializer(serializers.Serializer):
    """A person the BRP does not supply (or whom the caller registers itself)."""

    voornamen = _tekst(200)
    tussenvoegsel = _tekst(20, required=False, allow_blank=True, default="")
    achternaam = _tekst(200)
    geboortedatum = _datum(help_text="JJJJ-MM-DD")
    straat = _tekst(200, required=False, allow_blank=True, default="")
    huisnummer = _tekst(20, required=False, allow_blank=True, default="")
    postcode = _tekst(7, required=False, allow_blank=True, default="", help_text="3011 AB")
    woonplaats = _tekst(100, required=False, allow_blank=True, default="Rotterdam")

    def validate_geboortedatum(self, waarde: date) -> date:
        if waarde > tijd.vandaag() or waarde < VROEGSTE_GEBOORTEDATUM:
            raise serializers.ValidationError(_("Deze geboortedatum kan niet kloppen."))
        return waarde

    def validate_postcode(self, waarde: str) -> str:
        if not waarde:
            return waarde
        try:
            validate_postcode(waarde)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return normaliseer_postcode(waarde)


class MeldingInvoerSerializer(serializers.Serializer):
    bsn = serializers.CharField(
        max_length=20,
        write_only=True,
        error_messages=TEKST_FOUTEN,
        help_text="Burgerservicenummer (9 cijfers). Alleen in de body; nooit in een antwoord.",
    )
    persoon = MeldingPersoonSerializer(
        required=False,
        allow_null=True,
        default=None,
        help_text=(
            "Nodig voor iemand die nog niet bekend is en die de BRP niet levert. Zonder dit "
            "veld worden de gegevens van een nieuwe persoon uit de BRP gehaald."
        ),
    )
    melddatum = _datum(
        required=False,
        allow_null=True,
        default=None,
        help_text="JJJJ-MM-DD, niet in de toekomst; leeg = vandaag",
    )

    def validate_bsn(self, waarde: str) -> str:
        try:
            validate_bsn(waarde)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return normaliseer_bsn(waarde)


VOORBEELD_MELDING = {
    "bsn": "111222333",
    "persoon": {
        "voornamen": "Anna",
        "achternaam": "Jansen",
        "geboortedatum": "1990-04-01",
        "straat": "Coolsingel",
        "huisnummer": "40",
        "postcode": "3011 AD",
        "woonplaats": "Rotterdam",
    },
}


class AanvraagWerklijstFilterSerializer(serializers.Serializer):
    weergave = serializers.ChoiceField(
        choices=[
            ("open", "Open (ingediend of wacht op gegevens)"),
            ("eigen", "Eigen aanvragen"),
            ("pool", "Nog niet in behandeling genomen"),
            ("concept", "Nog niet ingediend"),
            ("afgehandeld", "Afgehandeld"),
        ],
        required=False,
        default="open",
        error_messages={"invalid_choice": _("Kies open, eigen, pool, concept of afgehandeld.")},
    )
    zoek = _tekst(100, required=False, allow_blank=True, default="", help_text="Deel van de naam")


class AanvraagStukInvoerSerializer(serializers.Serializer):
    soort = _tekst(
        20,
        help_text="identiteit, bankrekening, huur, inkomen, vermogen, huishouden of overig",
    )
    omschrijving = _tekst(200, required=False, allow_blank=True, default="")
    bestand = serializers.FileField(
        help_text="PDF, PNG of JPEG (op inhoud gecontroleerd), hoogstens 10 MB",
        error_messages={
            "required": _("Kies een bestand."),
            "invalid": _("Stuur het bestand als multipart/form-data."),
            "no_name": _("Kies een bestand."),
            "empty": _("Het bestand is leeg."),
            "max_length": _("De bestandsnaam is te lang."),
        },
    )


class AanvraagBesluitInvoerSerializer(serializers.Serializer):
    soort = _tekst(30, help_text="toekenning, afwijzing of buiten_behandeling")
    ingangsdatum = _datum(
        required=False, allow_null=True, default=None, help_text="Verplicht bij toekenning"
    )
    motivering = _tekst(
        5000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Verplicht bij afwijzing en buiten behandeling",
    )


# --- output ----------------------------------------------------------------------------------

STATUS_HULP = (
    "concept, ingediend, opgeschort, toegekend, afgewezen, buiten_behandeling of ingetrokken"
)


class AanvraagSamenvattingSerializer(serializers.Serializer):
    """What a melding returns: no name (the caller may not see the whole aanvraag)."""

    id = serializers.IntegerField()
    dossier = serializers.IntegerField(source="dossier_id")
    status = serializers.CharField(help_text=STATUS_HULP)
    kanaal = serializers.CharField(help_text="portaal of loket")
    melddatum = serializers.DateField()
    ontvangen_op = serializers.DateField(allow_null=True)
    indienen_vanaf = serializers.DateField(
        allow_null=True, help_text="Jongeren onder 27: versturen kan vanaf deze dag"
    )


class AanvraagLijstSerializer(AanvraagSamenvattingSerializer):
    naam = serializers.CharField(source="dossier.werkzoekende.naam")
    inkomensconsulent = serializers.IntegerField(
        source="dossier.inkomensconsulent_id",
        allow_null=True,
        help_text="null: nog niet in behandeling genomen (pool)",
    )
    beslissen_uiterlijk = serializers.DateField(allow_null=True)
    dagen_over = serializers.IntegerField(
        allow_null=True, help_text="Dagen tot het einde van de beslistermijn; negatief: te laat"
    )
    opgeschort_tot = serializers.DateField(
        allow_null=True, help_text="Een hersteltermijn loopt tot deze dag"
    )
    heeft_voorschot = serializers.BooleanField()


class AanvraagTermijnenSerializer(serializers.Serializer):
    peildatum = serializers.DateField()
    beslissen_uiterlijk = serializers.DateField(allow_null=True)
    dagen_over = serializers.IntegerField(allow_null=True)
    te_laat = serializers.BooleanField()
    opgeschort_tot = serializers.DateField(allow_null=True)
    buiten_behandeling_uiterlijk = serializers.DateField(allow_null=True)
    dwangsom_vanaf = serializers.DateField(allow_null=True)
    voorschot_signaal = serializers.BooleanField(
        help_text="Dag 14 bereikt zonder voorschot en zonder besluit daarover"
    )
    voorschot_uiterlijk = serializers.DateField(allow_null=True)


class AanvraagStapSerializer(serializers.Serializer):
    stap = serializers.CharField(help_text=", ".join(STAP_SLUGS))
    titel = serializers.CharField()
    verplicht = serializers.BooleanField()
    ingevuld = serializers.BooleanField()


class AanvraagChecklistSerializer(serializers.Serializer):
    code = serializers.CharField()
    omschrijving = serializers.CharField()
    uitkomst = serializers.CharField(allow_null=True, help_text="akkoord, niet_akkoord of null")


class AanvraagBesluitSerializer(serializers.Serializer):
    soort = serializers.CharField(help_text="toekenning, afwijzing of buiten_behandeling")
    ingangsdatum = serializers.DateField(allow_null=True)
    genomen_op = serializers.DateTimeField()
    verzendwijze = serializers.CharField(help_text="post of elektronisch (art. 2:14 Awb)")
    verzonden_op = serializers.DateField(allow_null=True)
    bezwaar_tot = serializers.DateField(
        allow_null=True, help_text="Bezwaar mogelijk tot en met (art. 6:7, 6:8 Awb)"
    )


class AanvraagVoorschotSerializer(serializers.Serializer):
    bedrag = serializers.DecimalField(max_digits=10, decimal_places=2)
    norm = serializers.DecimalField(max_digits=10, decimal_places=2)
    percentage = serializers.DecimalField(max_digits=5, decimal_places=2)
    status = serializers.CharField(help_text="betaald, verrekend of teruggevorderd")
    aangemaakt_op = serializers.DateTimeField()


class AanvraagDetailSerializer(AanvraagLijstSerializer):
    elektronisch = serializers.BooleanField(help_text="Besluiten digitaal (art. 2:14 Awb)")
    ingebrekestelling_op = serializers.DateField(allow_null=True)
    termijnen = AanvraagTermijnenSerializer()
    stappen = AanvraagStapSerializer(many=True)
    ontbrekende_stappen = serializers.ListField(child=serializers.CharField())
    checklist = AanvraagChecklistSerializer(many=True)
    checklist_compleet = serializers.BooleanField()
    aantal_stukken = serializers.IntegerField()
    besluit = AanvraagBesluitSerializer(allow_null=True)
    voorschot = AanvraagVoorschotSerializer(allow_null=True)


def of_none(aanvraag: Aanvraag, relatie: str) -> Any:
    """A reverse one-to-one (``besluit``, ``voorschot``) or None."""
    try:
        return getattr(aanvraag, relatie)
    except ObjectDoesNotExist:
        return None


def dagen_over(aanvraag: Aanvraag, vandaag: date) -> int | None:
    """Days until the end of the beslistermijn of an aanvraag still to be decided."""
    if aanvraag.status not in TE_BESLISSEN or aanvraag.beslissen_uiterlijk is None:
        return None
    return (aanvraag.beslissen_uiterlijk - vandaag).days


def detail_gegevens(aanvraag: Aanvraag, vandaag: date) -> dict[str, Any]:
    """What ``AanvraagDetailSerializer`` shows, from an aanvraag loaded with its dossier,
    person, besluit, voorschot, hersteltermijnen and ``aantal_stukken``."""
    besluit = of_none(aanvraag, "besluit")
    voorschot = of_none(aanvraag, "voorschot")
    termijnen = selectors.termijnen_van(aanvraag, vandaag, heeft_voorschot=voorschot is not None)
    voortgang = selectors.voortgang(aanvraag)
    velden = ("status", "kanaal", "melddatum", "ontvangen_op", "indienen_vanaf")
    velden += ("beslissen_uiterlijk", "elektronisch", "ingebrekestelling_op", "aantal_stukken")
    return {
        **{veld: getattr(aanvraag, veld) for veld in velden},
        "id": aanvraag.pk,
        "dossier_id": aanvraag.dossier_id,
        "dossier": aanvraag.dossier,
        "dagen_over": dagen_over(aanvraag, vandaag),
        "opgeschort_tot": termijnen.opgeschort_tot,
        "heeft_voorschot": voorschot is not None,
        "termijnen": termijnen,
        "stappen": [
            {
                "stap": s.slug,
                "titel": str(s.titel),
                "verplicht": s.verplicht,
                "ingevuld": voortgang["stappen"][s.slug],
            }
            for s in STAPPEN
        ],
        "ontbrekende_stappen": services.ontbrekende_stappen(aanvraag),
        "checklist": [
            {"code": code, "omschrijving": str(label), "uitkomst": voortgang["checklist"][code]}
            for code, label in CHECKLIST
        ],
        "checklist_compleet": voortgang["checklist_compleet"],
        "besluit": besluit,
        "voorschot": voorschot,
    }


class AanvraagStukSerializer(serializers.Serializer):
    """A bewijsstuk without its file name (it may hold personal data) and without the file."""

    id = serializers.IntegerField()
    soort = serializers.CharField()
    omschrijving = serializers.CharField()
    bestandstype = serializers.CharField(help_text="pdf, png of jpeg")
    grootte = serializers.IntegerField(help_text="Bytes")
    geupload_op = serializers.DateTimeField()


# --- the steps: JSON through the step forms of the screens -----------------------------------

MAX_RIJEN = 15  # KindFormSet / MedebewonerFormSet max_num
ONBEKEND_VELD = _("Onbekend veld in deze stap.")
GEEN_WAARDE = _("Vul een tekst, een getal of true/false in.")
GEEN_OBJECT = _("Stuur een JSON-object.")
GEEN_LIJST = _("Stuur een lijst (JSON-array).")
TE_VEEL_VELDEN = _("Dit zijn meer velden dan deze stap heeft.")
MAX_VELDEN = 20  # no step has more fields


def _formfouten(form_fouten, prefix: str = "", namen: dict[str, str] | None = None) -> dict:
    """A form's errors under their JSON names (``prefix`` for rows, ``namen`` to rename)."""
    uit: dict[str, list[str]] = {}
    for veld, meldingen in form_fouten.items():
        naam = "non_field_errors" if veld == "__all__" else (namen or {}).get(veld, veld)
        uit[f"{prefix}{naam}"] = [str(m) for m in meldingen]
    return uit


def _formdata(
    body: Any, velden: Iterable[str], prefix: str = ""
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A JSON object as form data: scalars as text (booleans stay booleans), null as absent.
    Unknown keys and nested values are field errors (a form would take ``[1]`` as text)."""
    if not isinstance(body, dict):
        return {}, {prefix.rstrip(".") or "non_field_errors": [str(GEEN_OBJECT)]}
    toegestaan = set(velden)
    if len(body) > MAX_VELDEN:
        return {}, {prefix.rstrip(".") or "non_field_errors": [str(TE_VEEL_VELDEN)]}
    data: dict[str, Any] = {}
    fouten: dict[str, list[str]] = {}
    for sleutel, waarde in body.items():
        if sleutel not in toegestaan:
            fouten[f"{prefix}{sleutel}"[:100]] = [str(ONBEKEND_VELD)]  # a key is user text
        elif waarde is None:
            continue
        elif isinstance(waarde, bool):
            data[sleutel] = waarde
        elif isinstance(waarde, str | int | float | Decimal):
            data[sleutel] = str(waarde)
        else:
            fouten[f"{prefix}{sleutel}"] = [str(GEEN_WAARDE)]
    return data, fouten


def _rijen(
    formset_cls, sleutel: str, rijen: Any, velden: Iterable[str]
) -> tuple[forms.BaseFormSet | None, dict[str, list[str]]]:
    if rijen is None:
        rijen = []
    if not isinstance(rijen, list):
        return None, {sleutel: [str(GEEN_LIJST)]}
    if len(rijen) > MAX_RIJEN:
        return None, {sleutel: [_("Vul hoogstens %(n)s in.") % {"n": MAX_RIJEN}]}
    data = {f"{sleutel}-TOTAL_FORMS": str(len(rijen)), f"{sleutel}-INITIAL_FORMS": "0"}
    fouten: dict[str, list[str]] = {}
    for i, rij in enumerate(rijen):
        rijdata, rijfouten = _formdata(rij, velden, prefix=f"{sleutel}.{i}.")
        fouten.update(rijfouten)
        data.update({f"{sleutel}-{i}-{veld}": waarde for veld, waarde in rijdata.items()})
    formset = formset_cls(data, prefix=sleutel, form_kwargs={"empty_permitted": False})
    if not formset.is_valid():
        for i, form_fouten in enumerate(formset.errors):
            fouten.update(_formfouten(form_fouten, prefix=f"{sleutel}.{i}."))
        if formset.non_form_errors():
            fouten[sleutel] = [str(m) for m in formset.non_form_errors()]
    return formset, fouten


def _huishouden(body: dict[str, Any]) -> dict[str, Any]:
    """``{partner: {naam, geboortedatum} | null, kinderen: [...], medebewoners: [...]}``."""
    fouten = {
        f"{sleutel}"[:100]: [str(ONBEKEND_VELD)]
        for sleutel in body
        if sleutel not in ("partner", "kinderen", "medebewoners")
    }
    form_data: dict[str, Any] = {}
    partner = body.get("partner")
    if partner is not None:
        pdata, pfouten = _formdata(partner, ("naam", "geboortedatum"), prefix="partner.")
        fouten.update(pfouten)
        form_data = {
            "heeft_partner": True,
            "partner_naam": pdata.get("naam", ""),
            "partner_geboortedatum": pdata.get("geboortedatum", ""),
        }
    form = HuishoudenForm(form_data)
    if not form.is_valid():
        namen = {"partner_naam": "partner.naam", "partner_geboortedatum": "partner.geboortedatum"}
        fouten.update(_formfouten(form.errors, namen=namen))
    kinderen, kfouten = _rijen(KindFormSet, "kinderen", body.get("kinderen"), KindForm.base_fields)
    medebewoners, mfouten = _rijen(
        MedebewonerFormSet, "medebewoners", body.get("medebewoners"), MedebewonerForm.base_fields
    )
    fouten.update(kfouten)
    fouten.update(mfouten)
    if fouten:
        raise serializers.ValidationError(fouten)
    return huishouden_gegevens(form, kinderen, medebewoners)


def stap_gegevens_uit_json(stap: str, body: Any) -> dict[str, Any]:
    """The JSON-safe data of step ``stap`` from a request body, validated by the same form
    as on the screens (``aanvraag.forms``); a DRF ValidationError (-> 400) otherwise.

    The step "stukken" has no fields (its stukken are sent to ``/stukken/``): ``{}``."""
    if not isinstance(body, dict):
        raise serializers.ValidationError({"non_field_errors": [str(GEEN_OBJECT)]})
    if len(body) > MAX_VELDEN:
        raise serializers.ValidationError({"non_field_errors": [str(TE_VEEL_VELDEN)]})
    if stap == "huishouden":
        return _huishouden(body)
    form_cls = STAP_FORMS.get(stap)
    data, fouten = _formdata(body, form_cls.base_fields if form_cls else ())
    if fouten:
        raise serializers.ValidationError(fouten)
    if form_cls is None:
        return {}
    form = form_cls(data)
    if not form.is_valid():
        raise serializers.ValidationError(_formfouten(form.errors))
    return form.gegevens()
