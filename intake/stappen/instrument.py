"""The instrument: the steps of the brede intake in their order, each with its form, whether
it is confidential as a whole, and what the burger may fill in beforehand in the portal (B1
labels and choices); plus the navigation between steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .basis import Referentie, StapForm
from .beoordeling import BelemmeringenForm, ScoresForm, VaardighedenForm
from .leefgebieden import (
    BeschikbaarheidForm,
    CertificatenForm,
    GezondheidForm,
    HuisvestingForm,
    InkomenForm,
    JustitieForm,
    KinderopvangForm,
    MobiliteitForm,
    NetwerkForm,
    OpleidingForm,
    PersoonForm,
    TaalForm,
    WensenForm,
    WerkervaringForm,
)


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
