"""The tables of the page "Bestand": people in the bijstand against the target trajectory, how
long they have been in it and how old they are (stocks at the end of each period)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import tabellen as t
from ..models import ReferentieCode
from ..tabelspecs import Context, Klassen, Kolom, TabelSpec, verdeling
from .figuren import BESTAND_DUUR, BESTAND_LEEFTIJD

DUURKLASSEN = [
    ("lt1", _("Korter dan 1 jaar")),
    ("1_2", _("1 tot 2 jaar")),
    ("2_5", _("2 tot 5 jaar")),
    ("5_10", _("5 tot 10 jaar")),
    ("ge10", _("10 jaar of langer")),
]
LANGDURIG = ("5_10", "ge10")
LEEFTIJDSKLASSEN = [
    ("lt27", _("Jonger dan 27")),
    ("27_34", _("27 tot 35")),
    ("35_44", _("35 tot 45")),
    ("45_54", _("45 tot 55")),
    ("ge55", _("55 of ouder")),
]


def _bestand_rijen(ctx: Context, tabel: t.Tabel) -> None:
    for p in ctx.perioden:
        n = ctx.cijfers.som(BESTAND_DUUR, p).personen
        cel = t.aantal(n)
        doel = None
        if ctx.doeltraject and not ctx.filters.gefilterd:
            doel = ctx.doeltraject.waarde_op(ctx.meetdag(p))
        verschil = t.verhouding(n - doel, 0, cel) if doel is not None else t.leeg()
        tabel.voeg_toe(ctx.label(p), [cel, t.referentie(doel), verschil])
    if ctx.doeltraject and not ctx.filters.gefilterd:
        tabel.noten.append(
            gettext(
                "Doeltraject: van %(van)s op %(start)s naar %(naar)s op %(eind)s (rechte lijn)."
            )
            % {
                "van": t._getal(ctx.doeltraject.startwaarde),
                "start": date_format(ctx.doeltraject.startdatum, "j F Y"),
                "naar": t._getal(ctx.doeltraject.eindwaarde),
                "eind": date_format(ctx.doeltraject.einddatum, "j F Y"),
            }
        )


TABEL_BESTAND = TabelSpec(
    sleutel="bestand",
    titel=_("Mensen in de bijstand tegen het doeltraject"),
    kolommen=(
        Kolom(_("In de bijstand"), reeks="lijn"),
        Kolom(_("Doeltraject"), "referentie", reeks="doel"),
        Kolom(_("Verschil met het doel"), "aantal"),
    ),
    rijen=_bestand_rijen,
    toelichting=_(
        "Aantal mensen met een lopende of heropende uitkering aan het einde van de periode "
        "(bij de lopende periode: op de peildatum)."
    ),
    grafiek="lijn",
    y_label=_("mensen"),
    stadsbreed=True,
)


def _duur_rijen(ctx: Context, tabel: t.Tabel) -> None:
    nulmeting = None if ctx.filters.gefilterd else ctx.ref(ReferentieCode.LANGDURIG)
    for p in ctx.perioden:
        delen = [t.aantal(ctx.cijfers.meting(BESTAND_DUUR, p, c).personen) for c, _l in DUURKLASSEN]
        totaal = ctx.cijfers.som(BESTAND_DUUR, p).personen
        lang = ctx.cijfers.som(BESTAND_DUUR, p, LANGDURIG).personen
        cellen = [*delen, t.aantal(totaal), t.aandeel(lang, totaal, delen[3], delen[4])]
        cellen.append(t.referentie(nulmeting, 0, " %"))
        tabel.voeg_toe(ctx.label(p), cellen)


TABEL_DUUR = TabelSpec(
    sleutel="duur",
    titel=_("Duur in de bijstand en aandeel langer dan 5 jaar"),
    kolommen=(
        Klassen(DUURKLASSEN),
        Kolom(_("Totaal")),
        Kolom(_("Aandeel 5 jaar of langer"), "procent", reeks="lijn"),
        Kolom(_("Nulmeting (2018)"), "referentie", reeks="doel"),
    ),
    rijen=_duur_rijen,
    toelichting=_("Duur sinds de startdatum van de uitkering, aan het einde van de periode."),
    grafiek="lijn",
    y_label=_("procent"),
    optellingen=(((0, 1, 2, 3, 4), 5),),
    stadsbreed=True,
)

TABEL_LEEFTIJD = verdeling(
    sleutel="leeftijd",
    titel=_("Leeftijd van de mensen in de bijstand"),
    figuur=BESTAND_LEEFTIJD,
    klassen=LEEFTIJDSKLASSEN,
    toelichting=_("Leeftijd aan het einde van de periode."),
)
