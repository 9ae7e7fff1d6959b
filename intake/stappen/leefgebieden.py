"""The forms of the steps about the person's situation, one per leefgebied of the brede intake:
persoon en huishouden, inkomen, huisvesting, gezondheid, taal (with the 1F taaleis),
opleiding, werkervaring, certificaten, kinderopvang, mobiliteit, netwerk, justitie, wensen and
beschikbaarheid. All fields optional (a concept may be incomplete)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bijstand.dossiers.models import Inburgering, Instroombron, Leefvorm, Taalniveau
from perspectief.models import TAALNIVEAU_RANG, FysiekeBelasting
from perspectief.referentie import CERTIFICATEN, RIJBEWIJZEN

from .basis import RegelsVeld, StapForm

# --- field helpers -------------------------------------------------------------------------


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
