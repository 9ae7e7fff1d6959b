"""The tables of the page "Ontwikkeling" (every step counts): steps on the participatieladder,
improvements per leefgebied, the outcome of Werkloont, instruments and placements. Each reads
the figures of one app and says so when that app delivered none in the latest build."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .. import snapshot
from .. import tabellen as t
from ..models import ReferentieCode
from ..tabelspecs import Context, Klassen, Kolom, TabelSpec
from .figuren import (
    INSTRUMENTEN_EINDE,
    INSTRUMENTEN_GESTART,
    LEEFGEBIED,
    PLAATSINGEN,
    TREDE,
    WERKLOONT,
)

TREDEKLASSEN = [
    ("omhoog", _("Stap omhoog")),
    ("gelijk", _("Gelijk")),
    ("omlaag", _("Stap omlaag")),
    ("eerste", _("Eerste meting")),
]
LEEFGEBIEDKLASSEN = [
    ("beter", _("Verbeterd")),
    ("gelijk", _("Gelijk")),
    ("slechter", _("Verslechterd")),
]
INSTRUMENTUITKOMSTEN = ("resultaat", "geen_resultaat", "gestopt")


def _in_laatste_periode(tekst: Promise) -> Callable[[Context], str]:
    """A title naming the latest period of the selection (``%(periode)s``)."""
    return lambda ctx: str(tekst) % {"periode": ctx.label(ctx.laatste)}


def _trede_rijen(ctx: Context, tabel: t.Tabel) -> None:
    for p in ctx.perioden:
        delen = [t.aantal(ctx.cijfers.meting(TREDE, p, c).personen) for c, _l in TREDEKLASSEN]
        totaal = ctx.cijfers.som(TREDE, p).personen
        omhoog = ctx.cijfers.meting(TREDE, p, "omhoog")
        vergeleken = totaal - ctx.cijfers.meting(TREDE, p, "eerste").personen
        cellen = [t.aantal(totaal), *delen, t.aandeel(omhoog.personen, vergeleken, *delen[:3])]
        stappen = int(omhoog.som or 0)
        cellen.append(t.aantal(omhoog.personen, stappen))
        tabel.voeg_toe(ctx.label(p), cellen)


TABEL_TREDE = TabelSpec(
    sleutel="trede",
    titel=_("Participatieladder: stappen per periode"),
    kolommen=(
        Kolom(_("Mensen gemeten")),
        Klassen(TREDEKLASSEN, reeks="staaf", buiten_grafiek=("eerste",)),
        Kolom(_("Aandeel een stap omhoog"), "procent"),
        Kolom(_("Treden omhoog (som)")),
    ),
    rijen=_trede_rijen,
    toelichting=_(
        "Metingen van de werkcoach (geen zelfbeoordeling) met een trede op de "
        "participatieladder, vergeleken met de vorige meting van hetzelfde dossier."
    ),
    grafiek="gestapeld",
    y_label=_("mensen"),
    optellingen=(((1, 2, 3, 4), 0),),
    figuren=(TREDE,),
)


def _leefgebied_rijen(ctx: Context, tabel: t.Tabel) -> None:
    p = ctx.laatste
    for code, naam in ctx.leefgebieden:
        metingen = [ctx.cijfers.meting(LEEFGEBIED, p, code, c) for c, _l in LEEFGEBIEDKLASSEN]
        delen = [t.aantal(m.personen) for m in metingen]
        totaal = sum(m.personen for m in metingen)
        beter = ctx.cijfers.meting(LEEFGEBIED, p, code, "beter").personen
        cellen = [*delen, t.aantal(totaal), t.aandeel(beter, totaal, *delen)]
        tabel.voeg_toe(naam, cellen)


TABEL_LEEFGEBIEDEN = TabelSpec(
    sleutel="leefgebieden",
    titel=_in_laatste_periode(_("Leefgebieden: verbeteringen in %(periode)s")),
    kolommen=(
        Klassen(LEEFGEBIEDKLASSEN, reeks="staaf"),
        Kolom(_("Totaal vergeleken")),
        Kolom(_("Aandeel verbeterd"), "procent"),
    ),
    rijen=_leefgebied_rijen,
    rijkop=_("Leefgebied"),
    toelichting=_(
        "Per leefgebied (zelfredzaamheidsmatrix): mensen van wie de score in deze periode "
        "is vergeleken met hun vorige meting. Alleen tellingen; geen inhoud."
    ),
    grafiek="gestapeld",
    y_label=_("mensen"),
    optellingen=(((0, 1, 2), 3),),
    figuren=(LEEFGEBIED,),
)


def _werkloont_rijen(ctx: Context, tabel: t.Tabel) -> None:
    """Per period: ended trajectories, of which to paid work ("betaald_werk"), and the share."""
    nulmeting = None if ctx.filters.gefilterd else ctx.ref(ReferentieCode.WERKLOONT)
    for p in ctx.perioden:
        totaal = ctx.cijfers.som(WERKLOONT, p).personen
        werk = ctx.cijfers.meting(WERKLOONT, p, "betaald_werk").personen
        w, a = t.aantal(werk), t.aantal(totaal - werk)
        cellen = [t.aantal(totaal), w, a, t.aandeel(werk, totaal, w, a)]
        cellen.append(t.referentie(nulmeting, 0, " %"))
        tabel.voeg_toe(ctx.label(p), cellen)


TABEL_WERKLOONT = TabelSpec(
    sleutel="werkloont",
    titel=_("Werkloont: uitkomst van afgeronde trajecten"),
    kolommen=(
        Kolom(_("Afgerond")),
        Kolom(_("Naar betaald werk")),
        Kolom(_("Andere uitkomst")),
        Kolom(_("Aandeel naar betaald werk"), "procent", reeks="lijn"),
        Kolom(_("Nulmeting"), "referentie", reeks="doel"),
    ),
    rijen=_werkloont_rijen,
    grafiek="lijn",
    y_label=_("procent"),
    optellingen=(((1, 2), 0),),
    figuren=(WERKLOONT,),
    ontbreekt=_("Nog niet beschikbaar: Werkloont levert (nog) geen cijfers."),
)


def _instrument_rijen(ctx: Context, tabel: t.Tabel) -> None:
    p = ctx.laatste
    for code, label in snapshot.labels(INSTRUMENTEN_GESTART):
        start = ctx.cijfers.som(INSTRUMENTEN_GESTART, p, (code,))
        einde = ctx.cijfers.som(INSTRUMENTEN_EINDE, p, (code,))
        delen = [
            t.aantal(ctx.cijfers.meting(INSTRUMENTEN_EINDE, p, code, sub).personen)
            for sub in INSTRUMENTUITKOMSTEN
        ]
        met = ctx.cijfers.meting(INSTRUMENTEN_EINDE, p, code, "resultaat").personen
        cellen = [t.aantal(start.personen), t.bedrag(start.som, start.personen)]
        cellen += [t.aantal(einde.personen), *delen, t.aandeel(met, einde.personen, *delen)]
        tabel.voeg_toe(str(label), cellen)


TABEL_INSTRUMENTEN = TabelSpec(
    sleutel="instrumenten",
    titel=_in_laatste_periode(
        _("Instrumenten: inzet, budget en resultaat per categorie in %(periode)s")
    ),
    kolommen=(
        Kolom(_("Gestart"), reeks="staaf"),
        Kolom(_("Budget gereserveerd bij de start"), "bedrag"),
        Kolom(_("Beëindigd")),
        Kolom(_("Met resultaat")),
        Kolom(_("Zonder formeel resultaat")),
        Kolom(_("Gestopt")),
        Kolom(_("Aandeel met resultaat"), "procent"),
    ),
    rijen=_instrument_rijen,
    rijkop=_("Categorie"),
    toelichting=_(
        "Mensen met een inzet die in deze periode startte of eindigde. Resultaat: een "
        "certificaat, een trede hoger op de participatieladder of werk."
    ),
    grafiek="staaf",
    y_label=_("mensen"),
    optellingen=(((3, 4, 5), 2),),
    figuren=(INSTRUMENTEN_GESTART, INSTRUMENTEN_EINDE),
    ontbreekt=_("Nog niet beschikbaar: het instrumentenhuis levert (nog) geen cijfers."),
)


def _plaatsing_rijen(ctx: Context, tabel: t.Tabel) -> None:
    for p in ctx.perioden:
        m = ctx.cijfers.som(PLAATSINGEN, p)
        vast = t.aantal(ctx.cijfers.som(PLAATSINGEN, p, ("onbepaald",)).personen)
        tijdelijk = t.aantal(ctx.cijfers.som(PLAATSINGEN, p, ("bepaald",)).personen)
        inclusief = t.aantal(ctx.cijfers.som(PLAATSINGEN, p, sub="inclusief").personen)
        cellen = [t.aantal(m.personen), vast, tijdelijk, inclusief]
        cellen.append(t.gemiddelde(m.som, m.aantal, decimalen=1))
        tabel.voeg_toe(ctx.label(p), cellen)


TABEL_PLAATSINGEN = TabelSpec(
    sleutel="plaatsingen",
    titel=_("Plaatsingen op vacatures"),
    kolommen=(
        Kolom(_("Geplaatst"), reeks="staaf"),
        Kolom(_("Vast contract")),
        Kolom(_("Tijdelijk contract")),
        Kolom(_("Bij een inclusieve werkgever")),
        Kolom(_("Gemiddeld uren per week"), "dagen"),
    ),
    rijen=_plaatsing_rijen,
    toelichting=_("Mensen die in de periode begonnen aan werk via een vacature."),
    grafiek="staaf",
    y_label=_("mensen"),
    optellingen=(((1, 2), 0),),
    figuren=(PLAATSINGEN,),
    ontbreekt=_("Nog niet beschikbaar: vacatures levert (nog) geen cijfers."),
)
