"""The instrument: the steps of the brede intake, their fields and what is confidential.

Each step is a Django form (``StapForm``) that serves three purposes:

- the consulent's step page renders it (crispy, template pack ``nlds``);
- ``intake.services`` validates every write with it, also the API's plain JSON
  (``StapForm.als_data`` turns stored answers into form data, ``StapForm.antwoorden`` the
  cleaned data back into JSON values);
- read-only pages and the heronderzoek comparison take labels and choice labels from it
  (``weergave``, ``verschillen``).

All fields are optional: a concept may be incomplete. Finalising checks completeness
(``intake.services.controleer_volledig``). Error messages name the field in Dutch.

Confidential (``Leefgebied.vertrouwelijk``): the steps gezondheid and justitie as a whole, the
ZRM score and explanation on a confidential leefgebied, and barriers tied to one. ``splits``
separates them so they are stored in ``Intake.vertrouwelijke_antwoorden``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from bijstand.dossiers.models import Inburgering, Instroombron, Leefvorm, Taalniveau
from perspectief.models import (
    TAALNIVEAU_RANG,
    Beroep,
    FysiekeBelasting,
    Leefgebied,
    Trede,
    ZrmNiveau,
)
from perspectief.referentie import CERTIFICATEN, RIJBEWIJZEN
from perspectief.services import valideer_scores

LEEG = "—"
JA_NEE = {True: _("Ja"), False: _("Nee")}

# --- reference data (loaded once per request) ----------------------------------------------


@dataclass(frozen=True)
class Referentie:
    """Leefgebieden, treden and occupations the forms need: 3 queries per request."""

    leefgebieden: tuple[Leefgebied, ...]
    treden: tuple[tuple[int, str], ...]
    beroepen: tuple[tuple[str, str], ...]  # (ISCO code, name), active occupations

    @cached_property
    def vertrouwelijke_codes(self) -> frozenset[str]:
        return frozenset(lg.code for lg in self.leefgebieden if lg.vertrouwelijk)

    @cached_property
    def leefgebied_namen(self) -> dict[str, str]:
        return {lg.code: lg.naam for lg in self.leefgebieden}

    @cached_property
    def beroep_namen(self) -> dict[str, str]:
        return dict(self.beroepen)


def laad_referentie() -> Referentie:
    beroepen: dict[str, str] = {}
    for isco, naam in (
        Beroep.objects.filter(actief=True).order_by("naam").values_list("isco_code", "naam")
    ):
        beroepen.setdefault(isco, naam)
    return Referentie(
        leefgebieden=tuple(Leefgebied.objects.order_by("nummer")),
        treden=tuple(Trede.objects.order_by("nummer").values_list("nummer", "naam")),
        beroepen=tuple(sorted(beroepen.items(), key=lambda kv: kv[1])),
    )


# --- display helpers -----------------------------------------------------------------------


@dataclass(frozen=True)
class Regel:
    """One answer for display: field name, label and the value as text."""

    naam: str
    label: str
    tekst: str


@dataclass(frozen=True)
class Verschil:
    """One change since the previous intake (heronderzoek)."""

    naam: str
    label: str
    oud: str
    nieuw: str
    richting: str = ""  # for scores: "hoger" / "lager"


def _leeg(waarde: Any) -> bool:
    return waarde is None or waarde == "" or waarde == []


def waarde_tekst(veld: forms.Field, waarde: Any) -> str:
    """An answer as text, with the labels of its choices."""
    if isinstance(veld, forms.BooleanField):
        return str(JA_NEE[bool(waarde)]) if waarde is not None else LEEG
    if _leeg(waarde):
        return LEEG
    keuzes = {str(k): v for k, v in getattr(veld, "choices", ()) if not isinstance(v, list | tuple)}
    if isinstance(waarde, list):
        return ", ".join(str(keuzes.get(str(w), w)) for w in waarde)
    if keuzes:
        return str(keuzes.get(str(waarde), waarde))
    return str(waarde)


# --- fields --------------------------------------------------------------------------------


class RegelsVeld(forms.CharField):
    """A list of short texts, typed one per line; stored as a JSON list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *args, max_regels: int = 50, **kwargs):
        self.max_regels = max_regels
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            value = "\n".join(str(v) for v in value)
        tekst = super().to_python(value) or ""
        regels = list(dict.fromkeys(r.strip()[:200] for r in tekst.splitlines() if r.strip()))
        if len(regels) > self.max_regels:
            raise ValidationError(
                _g("%(label)s: schrijf hoogstens %(max)s regels.")
                % {"label": self.label, "max": self.max_regels}
            )
        return regels

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


def _keuze(choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(choices=[("", _("Kies ...")), *choices], required=False, **kwargs)


def _meerkeuze(choices=(), **kwargs) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=list(choices), required=False, widget=forms.CheckboxSelectMultiple, **kwargs
    )


def _tekst(label, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        **kwargs,
    )


def _janee(label, **kwargs) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, **kwargs)


def _getal(label, minimum: int, maximum: int, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=minimum, max_value=maximum, **kwargs
    )


# Error messages (gettext at use); %(label)s is the field's label, %%(limit_value)s Django's.
MELDINGEN = {
    "required": gettext_noop("%(label)s: vul dit in."),
    "invalid": gettext_noop("%(label)s: vul een heel getal in."),
    "invalid_choice": gettext_noop("%(label)s: kies een van de mogelijkheden."),
    "min_value": gettext_noop("%(label)s: vul een getal in van minstens %%(limit_value)s."),
    "max_value": gettext_noop("%(label)s: vul een getal in van hoogstens %%(limit_value)s."),
    "max_length": gettext_noop("%(label)s: gebruik hoogstens %%(limit_value)d tekens."),
    "invalid_list": gettext_noop("%(label)s: kies een of meer van de mogelijkheden."),
}
B1_MELDINGEN = {
    "required": gettext_noop("Vul dit in."),
    "invalid": gettext_noop("Vul een getal in. Bijvoorbeeld 20."),
    "invalid_choice": gettext_noop("Kies een van de mogelijkheden."),
    "min_value": gettext_noop("Vul een getal in van %(limit_value)s of meer."),
    "max_value": gettext_noop("Vul een getal in van %(limit_value)s of minder."),
    "max_length": gettext_noop("Dit is te lang. Gebruik minder tekens."),
    "invalid_list": gettext_noop("Kies een of meer van de mogelijkheden."),
}


# --- the base form -------------------------------------------------------------------------


class StapForm(forms.Form):
    """One step. Subclasses declare fields; all optional (a concept may be incomplete)."""

    def __init__(self, *args, ref: Referentie, b1: bool = False, **kwargs):
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        self.ref = ref
        self.b1 = b1
        self.pas_keuzes_aan()
        self.benoem_foutmeldingen()

    def pas_keuzes_aan(self) -> None:
        """Set choices that come from the database (occupations, leefgebieden)."""

    def benoem_foutmeldingen(self) -> None:
        """Every message names its field (staff) or is plain B1 Dutch (portal).

        Field.run_validators uses these for the validators' codes (min/max) too.
        """
        if self.b1:
            meldingen = {code: _g(tekst) for code, tekst in B1_MELDINGEN.items()}
            for veld in self.fields.values():
                veld.error_messages.update(meldingen)
            return
        sjablonen = {code: _g(tekst) for code, tekst in MELDINGEN.items()}  # translated once
        for veld in self.fields.values():
            label = {"label": str(veld.label or "").replace("%", "%%")}
            veld.error_messages.update({code: t % label for code, t in sjablonen.items()})

    # --- stored answers <-> form -----------------------------------------------------------

    @classmethod
    def als_data(cls, antwoorden: Mapping[str, Any]) -> dict[str, Any]:
        """Stored (or API) answers as data to bind the form with."""
        return {k: v for k, v in antwoorden.items() if v is not None}

    @classmethod
    def als_initial(cls, antwoorden: Mapping[str, Any]) -> dict[str, Any]:
        return dict(antwoorden)

    @classmethod
    def prefill(cls, dossier) -> dict[str, Any]:
        """Initial values from the case record when the step has no answers yet."""
        return {}

    def antwoorden(self) -> dict[str, Any]:
        """The cleaned data as JSON values (call after is_valid)."""
        return {naam: self.cleaned_data.get(naam) for naam in self.fields}

    def onbekende_velden(self, antwoorden: Mapping[str, Any]) -> list[str]:
        return sorted(set(antwoorden) - set(self.fields))

    def fout_dict(self) -> dict[str, list[str]]:
        """Errors keyed by field name (``__all__`` for the form), for a ValidationError."""
        return {k: list(v) for k, v in self.errors.items()}

    def foutregels(self) -> list[tuple[str, str]]:
        """(anchor id, message) per error, for the error summary at the top of the page."""
        regels = []
        for naam, fouten in self.errors.items():
            anker = self.anker(naam) if naam in self.fields else ""
            regels.extend((anker, str(f)) for f in fouten)
        return regels

    def anker(self, naam: str) -> str:
        bound = self[naam]
        if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{bound.auto_id}_0"
        return bound.id_for_label or bound.auto_id

    # --- confidentiality -------------------------------------------------------------------

    @classmethod
    def vertrouwelijke_velden(cls, ref: Referentie) -> frozenset[str]:
        """Fields whose answers are confidential (steps marked confidential: all of them)."""
        return frozenset()

    @classmethod
    def splits(
        cls, antwoorden: Mapping[str, Any], ref: Referentie, *, stap_vertrouwelijk: bool
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """(open, vertrouwelijk) parts of a step's answers."""
        if stap_vertrouwelijk:
            return {}, dict(antwoorden)
        geheim = cls.vertrouwelijke_velden(ref)
        return (
            {k: v for k, v in antwoorden.items() if k not in geheim},
            {k: v for k, v in antwoorden.items() if k in geheim},
        )

    @classmethod
    def voeg_samen(cls, open_: Mapping[str, Any], geheim: Mapping[str, Any]) -> dict[str, Any]:
        return {**open_, **geheim}

    # --- display ---------------------------------------------------------------------------

    def weergave(self, antwoorden: Mapping[str, Any], *, verberg: frozenset[str]) -> list[Regel]:
        return [
            Regel(naam, str(veld.label), waarde_tekst(veld, antwoorden.get(naam)))
            for naam, veld in self.fields.items()
            if naam not in verberg
        ]

    def verschillen(
        self, oud: Mapping[str, Any], nieuw: Mapping[str, Any], *, verberg: frozenset[str]
    ) -> list[Verschil]:
        uit = []
        for naam, veld in self.fields.items():
            if naam in verberg:
                continue
            a, b = oud.get(naam), nieuw.get(naam)
            if (_leeg(a) and _leeg(b)) or a == b:
                continue
            if isinstance(a, list) and isinstance(b, list) and sorted(a) == sorted(b):
                continue
            richting = ""
            if naam.startswith("score_") and isinstance(a, int) and isinstance(b, int):
                richting = str(_("hoger")) if b > a else str(_("lager"))
            uit.append(
                Verschil(
                    naam, str(veld.label), waarde_tekst(veld, a), waarde_tekst(veld, b), richting
                )
            )
        return uit


# --- the steps' forms ----------------------------------------------------------------------


class PersoonForm(StapForm):
    """Persoon en huishouden: the case record's facts read-only, plus a check by the consulent.

    The read-only (disabled) fields are a snapshot of the dossier at the time the step is saved,
    taken by the service; at a heronderzoek they show what changed in the household.
    """

    leefvorm = forms.ChoiceField(
        label=_("Leefvorm"), choices=Leefvorm.choices, required=False, disabled=True
    )
    partner = _janee(_("Partner"), disabled=True)
    aantal_kinderen = forms.IntegerField(
        label=_("Kinderen ten laste"), required=False, disabled=True
    )
    aantal_medebewoners = forms.IntegerField(label=_("Medebewoners"), required=False, disabled=True)
    wijk = forms.CharField(label=_("Wijk"), required=False, disabled=True)
    inburgering = forms.ChoiceField(
        label=_("Inburgering"), choices=Inburgering.choices, required=False, disabled=True
    )
    instroombron = _keuze(
        Instroombron.choices,
        label=_("Instroom via"),
        help_text=_("Hoe kwam de aanvraag binnen?"),
    )
    gegevens_gecontroleerd = _janee(_("De gegevens uit het dossier zijn met de burger nagelopen"))
    wijzigingen = _tekst(
        _("Wat klopt er niet of is veranderd?"),
        help_text=_(
            "Bijvoorbeeld een nieuwe huisgenoot. Geef wijzigingen ook door in het dossier."
        ),
    )

    @classmethod
    def prefill(cls, dossier) -> dict[str, Any]:
        persoon = dossier.werkzoekende
        huishouden = getattr(persoon, "huishouden", None)
        leden = list(huishouden.leden.all()) if huishouden is not None else []
        return {
            "leefvorm": huishouden.leefvorm if huishouden is not None else "",
            "partner": any(lid.rol == "partner" for lid in leden),
            "aantal_kinderen": sum(lid.rol == "kind" for lid in leden),
            "aantal_medebewoners": sum(lid.rol == "medebewoner" for lid in leden),
            "wijk": persoon.wijk.naam if persoon.wijk_id else "",
            "inburgering": persoon.inburgering,
            "instroombron": dossier.instroombron,
        }


class InkomenForm(StapForm):
    inkomsten_naast_uitkering = _janee(_("Heeft inkomsten naast de uitkering"))
    inkomsten_toelichting = _tekst(_("Welke inkomsten?"))
    schulden = _keuze(
        [
            ("geen", _("Geen schulden")),
            ("onder_controle", _("Schulden, met een regeling die loopt")),
            ("problematisch", _("Problematische schulden")),
            ("onbekend", _("Onbekend")),
        ],
        label=_("Schulden"),
    )
    schuldhulp = _keuze(
        [
            ("nee", _("Geen schuldhulpverlening")),
            ("aangemeld", _("Aangemeld")),
            ("loopt", _("Loopt")),
            ("afgerond", _("Afgerond")),
        ],
        label=_("Schuldhulpverlening"),
        help_text=_("Wgs: eerste gesprek binnen 4 weken, bij dreigende schulden binnen 3 dagen."),
    )
    beslag = _janee(_("Er ligt beslag op inkomen of bankrekening"))
    toelichting = _tekst(_("Toelichting inkomen en schulden"))


class HuisvestingForm(StapForm):
    woonsituatie = _keuze(
        [
            ("huur", _("Huurwoning")),
            ("koop", _("Koopwoning")),
            ("kamer", _("Kamer")),
            ("inwonend", _("Inwonend bij familie of vrienden")),
            ("opvang", _("Opvang of beschermd wonen")),
            ("dakloos", _("Dak- of thuisloos")),
            ("anders", _("Anders")),
        ],
        label=_("Woonsituatie"),
    )
    huurachterstand = _janee(_("Huurachterstand"))
    dreigende_uitzetting = _janee(_("Dreigende uitzetting"))
    toelichting = _tekst(_("Toelichting huisvesting"))


class GezondheidForm(StapForm):
    lichamelijke_klachten = _tekst(_("Lichamelijke klachten"))
    psychische_klachten = _tekst(_("Psychische klachten"))
    middelengebruik = _keuze(
        [
            ("geen", _("Geen")),
            ("verleden", _("In het verleden")),
            ("actueel", _("Op dit moment")),
            ("onbekend", _("Onbekend")),
        ],
        label=_("Middelengebruik (verslaving)"),
    )
    in_behandeling = _janee(_("Is onder behandeling (huisarts, GGZ, verslavingszorg)"))
    beperkingen_werk = _tekst(_("Beperkingen voor werk door de gezondheid"))


class TaalForm(StapForm):
    taalniveau = _keuze(
        Taalniveau.choices,
        label=_("Taalniveau Nederlands"),
        help_text=_("De taaleis (art. 18b Participatiewet) is Nederlands op niveau 1F."),
    )
    moedertaal = forms.CharField(label=_("Moedertaal"), required=False, max_length=100)
    taaltraject = _keuze(
        [
            ("niet_nodig", _("Niet nodig")),
            ("nodig", _("Nodig")),
            ("loopt", _("Loopt")),
            ("afgerond", _("Afgerond")),
        ],
        label=_("Taaltraject"),
    )
    toelichting = _tekst(_("Toelichting taal"))

    @classmethod
    def prefill(cls, dossier) -> dict[str, Any]:
        niveau = dossier.werkzoekende.taalniveau
        return {"taalniveau": niveau} if niveau and niveau != Taalniveau.ONBEKEND else {}


def taaleis_voldaan(niveau: str | None) -> bool | None:
    """Does the level meet the 1F taaleis? None when the level is unknown."""
    if not niveau or niveau == Taalniveau.ONBEKEND:
        return None
    return TAALNIVEAU_RANG.get(niveau, 0) >= TAALNIVEAU_RANG[Taalniveau.NIVEAU_1F]


class OpleidingForm(StapForm):
    hoogste_opleiding = _keuze(
        [
            ("geen", _("Geen of basisonderwijs niet afgemaakt")),
            ("basis", _("Basisonderwijs")),
            ("vmbo", _("Vmbo / mavo")),
            ("mbo1", _("Mbo 1 (entree)")),
            ("mbo2_4", _("Mbo 2 tot en met 4")),
            ("havo_vwo", _("Havo / vwo")),
            ("hbo_wo", _("Hbo / wo")),
        ],
        label=_("Hoogste opleiding"),
    )
    diploma = _janee(_("Diploma behaald"))
    buitenland = _janee(_("Opleiding in het buitenland gevolgd"))
    diploma_gewaardeerd = _janee(_("Buitenlands diploma gewaardeerd (IDW)"))
    toelichting = _tekst(_("Toelichting opleiding"))


class WerkervaringForm(StapForm):
    laatste_werk = _tekst(_("Werkervaring"), help_text=_("Welk werk, waar en hoe lang."))
    jaren_werkervaring = _getal(_("Jaren werkervaring"), 0, 60)
    beroepen_ervaring = _meerkeuze(label=_("Ervaring in beroepen"))
    vrijwilligerswerk = _tekst(_("Vrijwilligerswerk"))
    competenties = RegelsVeld(
        label=_("Competenties uit werk en vrijwilligerswerk"),
        required=False,
        help_text=_("Eén per regel, bijvoorbeeld: klantcontact, samenwerken, op tijd komen."),
    )
    toelichting = _tekst(_("Toelichting werkervaring"))

    def pas_keuzes_aan(self) -> None:
        self.fields["beroepen_ervaring"].choices = list(self.ref.beroepen)


class CertificatenForm(StapForm):
    certificaten = _meerkeuze(CERTIFICATEN.items(), label=_("Certificaten"))
    rijbewijzen = _meerkeuze(RIJBEWIJZEN.items(), label=_("Rijbewijzen"))
    overige = _tekst(_("Andere certificaten of diploma's"))


class KinderopvangForm(StapForm):
    zorg_voor_kinderen = _janee(_("Zorgt voor kinderen"))
    kinderopvang = _keuze(
        [
            ("nvt", _("Niet nodig")),
            ("geregeld", _("Geregeld")),
            ("deels", _("Deels geregeld")),
            ("niet_geregeld", _("Niet geregeld")),
        ],
        label=_("Kinderopvang"),
    )
    toelichting = _tekst(_("Toelichting kinderopvang"))


VERVOER = [
    ("fiets", _("Fiets")),
    ("ov", _("Openbaar vervoer")),
    ("auto", _("Auto")),
    ("scooter", _("Scooter of brommer")),
    ("lopen", _("Lopend")),
]


class MobiliteitForm(StapForm):
    vervoer = _meerkeuze(VERVOER, label=_("Vervoer"))
    max_reistijd_minuten = _getal(_("Maximale reistijd (minuten, enkele reis)"), 0, 180)
    toelichting = _tekst(_("Toelichting mobiliteit"))


class NetwerkForm(StapForm):
    steun = _keuze(
        [
            ("voldoende", _("Voldoende steun van familie of vrienden")),
            ("beperkt", _("Beperkte steun")),
            ("geen", _("Geen steun")),
        ],
        label=_("Steun uit het netwerk"),
    )
    mantelzorg = _janee(_("Geeft mantelzorg"))
    toelichting = _tekst(_("Toelichting sociaal netwerk"))


class JustitieForm(StapForm):
    justitie = _keuze(
        [
            ("geen", _("Geen contact met justitie")),
            ("verleden", _("In het verleden")),
            ("lopend", _("Lopende zaak of straf")),
        ],
        label=_("Contact met justitie"),
    )
    reclassering = _janee(_("Reclassering betrokken"))
    vog_belemmering = _janee(_("Verklaring omtrent het gedrag (VOG) kan een probleem zijn"))
    toelichting = _tekst(_("Toelichting justitie"))


MOTIVATIE = [
    ("laag", _("Laag")),
    ("gemiddeld", _("Gemiddeld")),
    ("hoog", _("Hoog")),
]


class WensenForm(StapForm):
    gewenste_beroepen = _meerkeuze(label=_("Gewenste beroepen"))
    wensen = _tekst(_("Wensen voor werk"))
    motivatie = _keuze(MOTIVATIE, label=_("Motivatie om te gaan werken"))
    toelichting = _tekst(_("Toelichting wensen en motivatie"))

    def pas_keuzes_aan(self) -> None:
        self.fields["gewenste_beroepen"].choices = list(self.ref.beroepen)


class BeschikbaarheidForm(StapForm):
    uren_per_week = _getal(_("Beschikbare uren per week"), 0, 60)
    max_fysieke_belasting = _keuze(FysiekeBelasting.choices, label=_("Maximale fysieke belasting"))
    toelichting = _tekst(_("Toelichting beschikbaarheid"))


class ScoresForm(StapForm):
    """ZRM 2017: a score 1-5 on each of the 13 leefgebieden, and the participatieladder."""

    trede = forms.TypedChoiceField(
        label=_("Trede op de participatieladder"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[],
    )

    def pas_keuzes_aan(self) -> None:
        trede = self.fields.pop("trede")
        trede.choices = [("", _("Nog niet bepaald"))] + [
            (n, f"{n}. {naam}") for n, naam in self.ref.treden
        ]
        keuzes = [("", _("Nog niet gescoord")), *ZrmNiveau.choices]
        for lg in self.ref.leefgebieden:
            extra = f" ({_g('vertrouwelijk')})" if lg.vertrouwelijk else ""
            score = forms.TypedChoiceField(
                label=_g("Score %(naam)s") % {"naam": lg.naam} + extra,
                coerce=int,
                empty_value=None,
                required=False,
                choices=keuzes,
            )
            self.fields[f"score_{lg.code}"] = score
            self.fields[f"toelichting_{lg.code}"] = forms.CharField(
                label=_g("Toelichting %(naam)s") % {"naam": lg.naam} + extra,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Verplicht bij score 1 of 2."),
            )
        self.fields["trede"] = trede

    def benoem_foutmeldingen(self) -> None:
        super().benoem_foutmeldingen()
        for lg in self.ref.leefgebieden:
            self.fields[f"score_{lg.code}"].error_messages["invalid_choice"] = _g(
                "De score voor %(naam)s moet 1, 2, 3, 4 of 5 zijn."
            ) % {"naam": lg.naam}
        self.fields["trede"].error_messages["invalid_choice"] = _g(
            "De trede op de participatieladder moet 1 tot en met 6 zijn."
        )

    def clean(self):
        data = super().clean()
        scores = {
            lg.code: (data.get(f"score_{lg.code}"), data.get(f"toelichting_{lg.code}") or "")
            for lg in self.ref.leefgebieden
            if data.get(f"score_{lg.code}") is not None
        }
        if scores:
            try:
                valideer_scores(scores, volledig=False)
            except ValidationError as fout:
                for veld, meldingen in fout.message_dict.items():
                    if veld in self.fields and not self.has_error(veld):
                        self.add_error(veld, meldingen)
        return data

    @classmethod
    def vertrouwelijke_velden(cls, ref: Referentie) -> frozenset[str]:
        return frozenset(
            f"{prefix}_{code}"
            for code in ref.vertrouwelijke_codes
            for prefix in ("score", "toelichting")
        )

    def groepen(self) -> list[tuple[Leefgebied, forms.BoundField, forms.BoundField]]:
        """(leefgebied, score field, explanation field) per domain, for the template."""
        return [
            (lg, self[f"score_{lg.code}"], self[f"toelichting_{lg.code}"])
            for lg in self.ref.leefgebieden
        ]


class BelemmeringForm(forms.Form):
    leefgebied = forms.ChoiceField(label=_("Leefgebied"), choices=[])
    omschrijving = forms.CharField(
        label=_("Omschrijving"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    blokkeert_werk = forms.BooleanField(label=_("Blokkeert werk op dit moment"), required=False)

    def __init__(self, *args, ref: Referentie, nummer: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leefgebied"].choices = [("", _("Kies het leefgebied"))] + [
            (lg.code, lg.naam + (f" ({_g('vertrouwelijk')})" if lg.vertrouwelijk else ""))
            for lg in ref.leefgebieden
        ]
        for veld in self.fields.values():
            veld.label = _g("Belemmering %(nr)s: %(label)s") % {"nr": nummer, "label": veld.label}
        self.fields["leefgebied"].error_messages.update(
            required=_g("Belemmering %(nr)s: kies het leefgebied.") % {"nr": nummer},
            invalid_choice=_g("Belemmering %(nr)s: kies een bestaand leefgebied.") % {"nr": nummer},
        )
        self.fields["omschrijving"].error_messages.update(
            required=_g("Belemmering %(nr)s: beschrijf de belemmering.") % {"nr": nummer},
            max_length=_g("Belemmering %(nr)s: gebruik hoogstens 1000 tekens.") % {"nr": nummer},
        )


class _BelemmeringFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        return {**kwargs, "nummer": (index or 0) + 1, "use_required_attribute": False}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _g("Belemmering %(nr)s verwijderen") % {
                "nr": (index or 0) + 1
            }


BelemmeringFormSet = forms.formset_factory(
    BelemmeringForm,
    formset=_BelemmeringFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)
BELEMMERING_VELDEN = ("leefgebied", "omschrijving", "blokkeert_werk")


class BelemmeringenForm(StapForm):
    """Barriers to work, each tied to a leefgebied, with whether it blocks work now.

    The form has no fields of its own: it wraps a formset (prefix ``belemmeringen``). Stored as
    ``{"belemmeringen": [{"leefgebied", "omschrijving", "blokkeert_werk"}, ...]}``.
    """

    PREFIX = "belemmeringen"

    def __init__(self, data=None, *args, ref: Referentie, initial=None, **kwargs):
        super().__init__(data, *args, ref=ref, initial=initial, **kwargs)
        items = (initial or {}).get("belemmeringen") or []
        self.formset = BelemmeringFormSet(
            data,
            initial=None if data is not None else items,
            prefix=self.PREFIX,
            form_kwargs={"ref": ref},
        )

    @classmethod
    def als_data(cls, antwoorden: Mapping[str, Any]) -> dict[str, Any]:
        items = antwoorden.get("belemmeringen") or []
        if not isinstance(items, list) or not all(isinstance(b, dict) for b in items):
            raise ValidationError(
                {"belemmeringen": [_g("Belemmeringen: geef een lijst van belemmeringen.")]}
            )
        data: dict[str, Any] = {
            f"{cls.PREFIX}-TOTAL_FORMS": str(len(items)),
            f"{cls.PREFIX}-INITIAL_FORMS": "0",
            f"{cls.PREFIX}-MIN_NUM_FORMS": "0",
            f"{cls.PREFIX}-MAX_NUM_FORMS": "1000",
        }
        fouten = {}
        for i, b in enumerate(items):
            onbekend = set(b) - set(BELEMMERING_VELDEN)
            if onbekend:
                fouten[f"belemmeringen.{i}"] = [
                    _g("Belemmering %(nr)s: onbekend veld %(veld)s.")
                    % {"nr": i + 1, "veld": ", ".join(sorted(onbekend))}
                ]
            data[f"{cls.PREFIX}-{i}-leefgebied"] = b.get("leefgebied") or ""
            data[f"{cls.PREFIX}-{i}-omschrijving"] = b.get("omschrijving") or ""
            if b.get("blokkeert_werk"):
                data[f"{cls.PREFIX}-{i}-blokkeert_werk"] = "on"
        if fouten:
            raise ValidationError(fouten)
        return data

    def is_valid(self) -> bool:
        # Both must be validated (no short-circuit): the formset's errors are shown too.
        eigen = super().is_valid()
        return self.formset.is_valid() and eigen

    def antwoorden(self) -> dict[str, Any]:
        items = []
        for f in self.formset.forms:
            d = getattr(f, "cleaned_data", None) or {}
            if not d or d.get("DELETE") or not d.get("leefgebied"):
                continue
            items.append(
                {
                    "leefgebied": d["leefgebied"],
                    "omschrijving": d["omschrijving"].strip(),
                    "blokkeert_werk": bool(d.get("blokkeert_werk")),
                }
            )
        return {"belemmeringen": items}

    def onbekende_velden(self, antwoorden: Mapping[str, Any]) -> list[str]:
        return sorted(set(antwoorden) - {"belemmeringen"})

    def fout_dict(self) -> dict[str, list[str]]:
        fouten = super().fout_dict()
        for i, errors in enumerate(self.formset.errors if self.formset.is_bound else []):
            for veld, meldingen in errors.items():
                fouten[f"belemmeringen.{i}.{veld}"] = list(meldingen)
        for melding in self.formset.non_form_errors() if self.formset.is_bound else []:
            fouten.setdefault("belemmeringen", []).append(str(melding))
        return fouten

    def foutregels(self) -> list[tuple[str, str]]:
        regels = super().foutregels()
        if not self.formset.is_bound:
            return regels
        for melding in self.formset.non_form_errors():
            regels.append(("", str(melding)))
        for f in self.formset.forms:
            for veld, meldingen in f.errors.items():
                anker = f[veld].id_for_label if veld in f.fields else ""
                regels.extend((anker, str(m)) for m in meldingen)
        return regels

    @classmethod
    def splits(cls, antwoorden, ref, *, stap_vertrouwelijk):
        items = antwoorden.get("belemmeringen") or []
        geheim = [b for b in items if b.get("leefgebied") in ref.vertrouwelijke_codes]
        open_ = [b for b in items if b.get("leefgebied") not in ref.vertrouwelijke_codes]
        return {"belemmeringen": open_}, ({"belemmeringen": geheim} if geheim else {})

    @classmethod
    def voeg_samen(cls, open_, geheim):
        return {
            "belemmeringen": list(open_.get("belemmeringen") or [])
            + list(geheim.get("belemmeringen") or [])
        }

    def _tekst(self, b: Mapping[str, Any]) -> str:
        naam = self.ref.leefgebied_namen.get(b.get("leefgebied"), b.get("leefgebied"))
        blokkeert = (
            _g("blokkeert werk nu") if b.get("blokkeert_werk") else _g("blokkeert werk niet")
        )
        return f"{naam}: {b.get('omschrijving', '')} ({blokkeert})"

    def weergave(self, antwoorden, *, verberg):
        items = antwoorden.get("belemmeringen") or []
        if not items:
            return [Regel("belemmeringen", _g("Belemmeringen"), _g("Geen"))]
        return [
            Regel(f"belemmeringen.{i}", _g("Belemmering %(nr)s") % {"nr": i + 1}, self._tekst(b))
            for i, b in enumerate(items)
        ]

    def verschillen(self, oud, nieuw, *, verberg):
        def sleutel(b):
            return (b.get("leefgebied"), (b.get("omschrijving") or "").strip().lower())

        oude = {sleutel(b): b for b in oud.get("belemmeringen") or []}
        nieuwe = {sleutel(b): b for b in nieuw.get("belemmeringen") or []}
        uit = []
        for k, b in nieuwe.items():
            if k not in oude:
                uit.append(Verschil("belemmeringen", _g("Belemmering"), LEEG, self._tekst(b)))
            elif bool(oude[k].get("blokkeert_werk")) != bool(b.get("blokkeert_werk")):
                uit.append(
                    Verschil(
                        "belemmeringen", _g("Belemmering"), self._tekst(oude[k]), self._tekst(b)
                    )
                )
        for k, b in oude.items():
            if k not in nieuwe:
                uit.append(Verschil("belemmeringen", _g("Belemmering"), self._tekst(b), LEEG))
        return uit


class VaardighedenForm(StapForm):
    vaardigheden = RegelsVeld(
        label=_("Vaardigheden"),
        required=False,
        help_text=_("Eén per regel, bijvoorbeeld: kan goed plannen, werkt nauwkeurig."),
    )


# --- the steps -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Stap:
    slug: str
    titel: Promise
    form_class: type[StapForm]
    vertrouwelijk: bool = False
    # The burger may fill in these fields in the portal beforehand ("Intake voorbereiden").
    burger_velden: tuple[str, ...] = ()
    burger_titel: Promise | str = ""
    burger_uitleg: Promise | str = ""
    burger_labels: dict[str, Any] = field(default_factory=dict)
    burger_keuzes: dict[str, list] = field(default_factory=dict)

    @property
    def voor_burger(self) -> bool:
        return bool(self.burger_velden)

    def form(self, *args, ref: Referentie, **kwargs) -> StapForm:
        return self.form_class(*args, ref=ref, **kwargs)

    def burger_form(self, *args, ref: Referentie, **kwargs) -> StapForm:
        """The step's form with only the burger's fields, B1 labels and B1 messages."""
        form = self.form_class(*args, ref=ref, b1=True, **kwargs)
        for naam in list(form.fields):
            if naam not in self.burger_velden:
                del form.fields[naam]
        for naam, (label, hulp) in self.burger_labels.items():
            form.fields[naam].label = label
            form.fields[naam].help_text = hulp
        for naam, keuzes in self.burger_keuzes.items():
            form.fields[naam].choices = keuzes
        form.benoem_foutmeldingen()
        return form


STAPPEN: tuple[Stap, ...] = (
    Stap("persoon", _("Persoon en huishouden"), PersoonForm),
    Stap("inkomen", _("Inkomen en schulden"), InkomenForm),
    Stap("huisvesting", _("Huisvesting"), HuisvestingForm),
    Stap("gezondheid", _("Gezondheid"), GezondheidForm, vertrouwelijk=True),
    Stap("taal", _("Taal"), TaalForm),
    Stap("opleiding", _("Opleiding"), OpleidingForm),
    Stap(
        "werkervaring",
        _("Werkervaring en vrijwilligerswerk"),
        WerkervaringForm,
        burger_velden=("laatste_werk", "beroepen_ervaring", "vrijwilligerswerk", "competenties"),
        burger_titel=_("Uw werk"),
        burger_uitleg=_("Vertel welk werk u heeft gedaan. Ook vrijwilligerswerk telt mee."),
        burger_labels={
            "laatste_werk": (
                _("Welk werk heeft u gedaan?"),
                _("Schrijf op wat voor werk het was, waar en hoe lang."),
            ),
            "beroepen_ervaring": (_("In welke van deze beroepen heeft u gewerkt?"), ""),
            "vrijwilligerswerk": (
                _("Doet u vrijwilligerswerk? Of deed u dat vroeger?"),
                _("Schrijf op wat u doet of deed. Bijvoorbeeld: helpen bij de voedselbank."),
            ),
            "competenties": (
                _("Wat kunt u goed?"),
                _("Schrijf elk ding op een nieuwe regel. Bijvoorbeeld: goed met mensen omgaan."),
            ),
        },
    ),
    Stap("certificaten", _("Certificaten en rijbewijs"), CertificatenForm),
    Stap(
        "kinderopvang",
        _("Kinderopvang"),
        KinderopvangForm,
        burger_velden=("zorg_voor_kinderen", "kinderopvang", "toelichting"),
        burger_titel=_("Opvang voor uw kinderen"),
        burger_uitleg=_("Als u gaat werken, wie past er dan op uw kinderen?"),
        burger_labels={
            "zorg_voor_kinderen": (_("Ik zorg voor kinderen"), ""),
            "kinderopvang": (_("Is er opvang voor uw kinderen als u werkt?"), ""),
            "toelichting": (_("Wilt u nog iets vertellen over de opvang?"), ""),
        },
        burger_keuzes={
            "kinderopvang": [
                ("", _("Kies ...")),
                ("nvt", _("Ik heb geen opvang nodig")),
                ("geregeld", _("Ja, dat is geregeld")),
                ("deels", _("Voor een deel")),
                ("niet_geregeld", _("Nee, dat is nog niet geregeld")),
            ]
        },
    ),
    Stap(
        "mobiliteit",
        _("Mobiliteit"),
        MobiliteitForm,
        burger_velden=("vervoer", "max_reistijd_minuten", "toelichting"),
        burger_titel=_("Reizen naar uw werk"),
        burger_uitleg=_("Hoe kunt u naar uw werk gaan?"),
        burger_labels={
            "vervoer": (_("Hoe kunt u reizen?"), _("U mag meer dan één ding kiezen.")),
            "max_reistijd_minuten": (
                _("Hoe lang mag de reis naar uw werk duren?"),
                _("Schrijf het aantal minuten op. Bijvoorbeeld 30."),
            ),
            "toelichting": (_("Wilt u nog iets vertellen over reizen?"), ""),
        },
    ),
    Stap("netwerk", _("Sociaal netwerk"), NetwerkForm),
    Stap("justitie", _("Justitie"), JustitieForm, vertrouwelijk=True),
    Stap(
        "wensen",
        _("Wensen en motivatie"),
        WensenForm,
        burger_velden=("gewenste_beroepen", "wensen", "motivatie"),
        burger_titel=_("Wat wilt u graag?"),
        burger_uitleg=_("Vertel wat voor werk u graag wilt doen."),
        burger_labels={
            "gewenste_beroepen": (
                _("Welk werk wilt u graag doen?"),
                _("U mag meer dan één ding kiezen."),
            ),
            "wensen": (_("Wat wilt u nog meer vertellen over werk dat u wilt doen?"), ""),
            "motivatie": (_("Hoe graag wilt u aan het werk?"), ""),
        },
        burger_keuzes={
            "motivatie": [
                ("", _("Kies ...")),
                ("laag", _("Ik wil nog niet zo graag")),
                ("gemiddeld", _("Ik wil wel, maar ik twijfel")),
                ("hoog", _("Ik wil heel graag")),
            ]
        },
    ),
    Stap(
        "beschikbaarheid",
        _("Uren beschikbaar per week"),
        BeschikbaarheidForm,
        burger_velden=("uren_per_week", "toelichting"),
        burger_titel=_("Hoeveel uur kunt u werken?"),
        burger_uitleg=_("Denk aan de zorg voor uw kinderen of uw gezondheid."),
        burger_labels={
            "uren_per_week": (
                _("Hoeveel uur per week kunt u werken?"),
                _("Schrijf het aantal uren op. Bijvoorbeeld 20."),
            ),
            "toelichting": (
                _("Is er iets waardoor u minder uren kunt werken?"),
                _("U hoeft dit niet in te vullen."),
            ),
        },
    ),
    Stap("scores", _("Zelfredzaamheid en participatieladder"), ScoresForm),
    Stap("belemmeringen", _("Belemmeringen"), BelemmeringenForm),
    Stap("vaardigheden", _("Vaardigheden"), VaardighedenForm),
)

STAP_PER_SLUG: dict[str, Stap] = {s.slug: s for s in STAPPEN}
BURGER_STAPPEN: tuple[Stap, ...] = tuple(s for s in STAPPEN if s.voor_burger)


def stap_van_veld(veld: str) -> str | None:
    """Which step a field (or a service error key) belongs to."""
    if veld.startswith(("score_", "toelichting_")) or veld == "trede":
        return "scores"
    if veld.startswith("belemmeringen"):
        return "belemmeringen"
    for stap in STAPPEN:
        if veld in stap.form_class.base_fields:
            return stap.slug
    return None


def volgende_stap(slug: str) -> Stap | None:
    slugs = [s.slug for s in STAPPEN]
    i = slugs.index(slug)
    return STAPPEN[i + 1] if i + 1 < len(STAPPEN) else None


def vorige_stap(slug: str) -> Stap | None:
    slugs = [s.slug for s in STAPPEN]
    i = slugs.index(slug)
    return STAPPEN[i - 1] if i > 0 else None
