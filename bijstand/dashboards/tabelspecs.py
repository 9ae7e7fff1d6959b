"""Declarative specifications of the dashboard tables, and the builder that runs them.

A ``TabelSpec`` is data: the table's key and title, its columns (``Kolom``; ``Klassen`` is one
column per class), explanation, chart and row header, the suppression relations between its
columns (``optellingen``: parts and their total in a row), the figures it needs (when the
latest build delivered none of them the table says "not available" instead of showing zeros)
and whether its target or baseline is city-wide (a note when a filter is set). Its ``rijen``
fill the rows with cells (``tabellen``) for a page's ``Context``.

The shapes that recur are generic: ``verdeling`` (a column per class per period, the total,
optionally a share), ``stand`` (a row per class at the peildatum) and ``grootboek`` (ledger
entries per period against the baseline and the target). ``bouw`` turns any spec into a table
and applies secondary suppression (``tabellen.Tabel.sluit_af``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from bijstand.core.tijd import maand_plus

from . import tabellen as t
from .models import Doeltraject, Peildag, PeriodeSoort, ReferentieCode
from .selectors import Cijfers, Filters, perioden_tussen

TERUGKEER_DAGEN = 365
NIET_BEREKEND = gettext_lazy("Niet beschikbaar bij de laatste berekening.")
MENSEN = gettext_lazy("mensen")


@dataclass
class Context:
    peildag: Peildag
    filters: Filters
    cijfers: Cijfers
    referenties: dict[str, Decimal]
    doeltraject: Doeltraject | None
    leefgebieden: list[tuple[str, str]] = field(default_factory=list)

    @property
    def perioden(self) -> list[date]:
        return perioden_tussen(self.filters.van, self.filters.tot, self.filters.per)

    @property
    def stap(self) -> int:
        return 1 if self.filters.per == PeriodeSoort.MAAND else 3

    def einde(self, p: date) -> date:
        """The first day after period p."""
        return maand_plus(p, self.stap)

    def volledig(self, p: date) -> bool:
        return self.einde(p) <= self.peildag.peildatum + timedelta(days=1)

    def cohort_afgerond(self, p: date) -> bool:
        """Have 12 months (365 days) passed since the last day of period p?"""
        laatste_dag = self.einde(p) - timedelta(days=1)
        return laatste_dag + timedelta(days=TERUGKEER_DAGEN) <= self.peildag.peildatum

    def meetdag(self, p: date) -> date:
        return min(self.einde(p) - timedelta(days=1), self.peildag.peildatum)

    def label(self, p: date) -> str:
        if self.filters.per == PeriodeSoort.MAAND:
            tekst = date_format(p, "M Y")
        else:
            tekst = gettext("K%(k)s %(jaar)s") % {"k": (p.month - 1) // 3 + 1, "jaar": p.year}
        if not self.volledig(p):
            tekst += " " + gettext("(lopend)")
        return tekst

    def ref(self, code: str) -> Decimal | None:
        return self.referenties.get(code)

    @property
    def laatste(self) -> date:
        return self.perioden[-1]

    @property
    def laatste_volledige(self) -> date:
        volledig = [p for p in self.perioden if self.volledig(p)]
        return volledig[-1] if volledig else self.perioden[-1]

    @property
    def huidig(self) -> date:
        """The period (month or quarter) of the peildatum: where states are measured."""
        huidig = date(self.peildag.peildatum.year, self.peildag.peildatum.month, 1)
        if self.filters.per == PeriodeSoort.KWARTAAL:
            huidig = date(huidig.year, 3 * ((huidig.month - 1) // 3) + 1, 1)
        return huidig

    def op_peildatum(self, tekst: str) -> str:
        """``tekst`` with ``%(datum)s`` filled in with the peildatum."""
        return tekst % {"datum": date_format(self.peildag.peildatum, "j F Y")}


Tekst = str | Promise | Callable[[Context], str]
Klasse = tuple[str, str | Promise]  # (code in the snapshot, label)


def tekst(waarde: Tekst, ctx: Context) -> str:
    """A spec's text for this context: translated now, or computed from the context."""
    if isinstance(waarde, Promise):
        return str(waarde)
    if callable(waarde):
        return waarde(ctx)
    return waarde


@dataclass(frozen=True)
class Kolom:
    label: str | Promise
    soort: str = "aantal"
    reeks: str = ""  # chart role: "" (not drawn), "lijn", "staaf", "doel"


@dataclass(frozen=True)
class Klassen:
    """One column per class, labelled with the class; ``buiten_grafiek``: classes not drawn."""

    klassen: Sequence[Klasse]
    reeks: str = ""
    buiten_grafiek: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TabelSpec:
    """One table of a page (module doc). Calling it with a context builds the table."""

    sleutel: str
    titel: Tekst
    kolommen: tuple[Kolom | Klassen, ...]
    rijen: Callable[[Context, t.Tabel], None]
    toelichting: Tekst = ""
    rijkop: Tekst = ""
    grafiek: str = ""  # "" (none), "lijn", "staaf", "gestapeld"
    y_label: Tekst = ""
    # secondary suppression within each row: (columns of the parts, column of their total)
    optellingen: tuple[tuple[tuple[int, ...], int], ...] = ()
    # shown when the latest build delivered at least one of these figures (none: always)
    figuren: tuple[str, ...] = ()
    ontbreekt: Tekst = NIET_BEREKEND
    # target and baseline hold for the whole city: a note when the selection is filtered
    stadsbreed: bool = False

    def __call__(self, ctx: Context) -> t.Tabel:
        return bouw(self, ctx)


def _kolommen(spec: TabelSpec) -> list[t.Kolom]:
    uit = []
    for kolom in spec.kolommen:
        if isinstance(kolom, Klassen):
            uit += [
                t.Kolom(str(label), reeks="" if code in kolom.buiten_grafiek else kolom.reeks)
                for code, label in kolom.klassen
            ]
        else:
            uit.append(t.Kolom(str(kolom.label), kolom.soort, kolom.reeks))
    return uit


def niet_beschikbaar(sleutel: str, titel: str, reden: str) -> t.Tabel:
    tabel = t.Tabel(
        sleutel, titel, [t.Kolom(gettext("Status"), "tekst")], rijkop=gettext("Onderdeel")
    )
    tabel.voeg_toe(titel, [t.tekst(reden)])
    return tabel


def stadsbreed_noot() -> str:
    return gettext(
        "Doel en nulmeting gelden voor de hele stad en staan daarom niet bij een gefilterde "
        "selectie."
    )


def bouw(spec: TabelSpec, ctx: Context) -> t.Tabel:
    """The table of ``spec`` for ``ctx``, suppressed."""
    titel = tekst(spec.titel, ctx)
    if spec.figuren and not any(f in ctx.peildag.figuren for f in spec.figuren):
        return niet_beschikbaar(spec.sleutel, titel, tekst(spec.ontbreekt, ctx))
    tabel = t.Tabel(
        spec.sleutel,
        titel,
        _kolommen(spec),
        rijkop=tekst(spec.rijkop, ctx),
        toelichting=tekst(spec.toelichting, ctx),
        grafiek=spec.grafiek,
        y_label=tekst(spec.y_label, ctx),
    )
    tabel.rij_optellingen.extend(spec.optellingen)
    spec.rijen(ctx, tabel)
    if spec.stadsbreed and ctx.filters.gefilterd:
        tabel.noten.append(stadsbreed_noot())
    return tabel.sluit_af()


# --------------------------------------------------------------------------------------------
# the generic shapes


def verdeling(
    *,
    sleutel: str,
    titel: Tekst,
    figuur: str,
    klassen: Sequence[Klasse],
    toelichting: Tekst,
    y_label: Tekst = MENSEN,
    gebeurtenissen: bool = False,
    aandeel: tuple[Tekst, tuple[str, ...]] | None = None,
    figuren: tuple[str, ...] = (),
) -> TabelSpec:
    """Per period a (stacked) column per class and the total; ``gebeurtenissen`` counts events
    instead of people (suppressed by the people behind them); ``aandeel`` adds the share of
    some classes in the total (label, class codes), suppressed with the classes."""
    n = len(klassen)
    kolommen: tuple[Kolom | Klassen, ...] = (
        Klassen(klassen, reeks="staaf"),
        Kolom(gettext_lazy("Totaal")),
    )
    if aandeel is not None:
        kolommen += (Kolom(aandeel[0], "procent"),)

    def tel(m) -> int:
        return m.aantal if gebeurtenissen else m.personen

    def cel(m) -> t.Cel:
        return t.aantal(m.personen, m.aantal) if gebeurtenissen else t.aantal(m.personen)

    def rijen(ctx: Context, tabel: t.Tabel) -> None:
        for p in ctx.perioden:
            delen = [ctx.cijfers.meting(figuur, p, code) for code, _l in klassen]
            totaal = ctx.cijfers.som(figuur, p)
            cellen = [cel(m) for m in delen]
            cellen.append(cel(totaal))
            if aandeel is not None:
                paren = zip(klassen, delen, strict=True)
                teller = sum(tel(m) for (code, _l), m in paren if code in aandeel[1])
                cellen.append(t.aandeel(teller, tel(totaal), *cellen[:n]))
            tabel.voeg_toe(ctx.label(p), cellen)

    return TabelSpec(
        sleutel=sleutel,
        titel=titel,
        kolommen=kolommen,
        rijen=rijen,
        toelichting=toelichting,
        grafiek="gestapeld",
        y_label=y_label,
        optellingen=((tuple(range(n)), n),),
        figuren=figuren,
    )


def stand(
    *,
    sleutel: str,
    titel: Tekst,
    figuur: str,
    klassen: Sequence[Klasse],
    kolom: Tekst,
    toelichting: Tekst,
) -> TabelSpec:
    """The state at the peildatum: a row per class with its number and share, and the total."""

    def rijen(ctx: Context, tabel: t.Tabel) -> None:
        huidig = ctx.huidig
        totaal = ctx.cijfers.som(figuur, huidig).personen
        totaal_cel = t.aantal(totaal)
        for code, label in klassen:
            n = ctx.cijfers.meting(figuur, huidig, code).personen
            cel = t.aantal(n)
            tabel.voeg_toe(str(label), [cel, t.aandeel(n, totaal, cel, totaal_cel)])
        tabel.voeg_toe(
            gettext("Totaal"), [totaal_cel, t.referentie(100 if totaal else None, 0, " %")], True
        )
        tabel.kolom_optellingen.append((tuple(range(len(klassen))), len(klassen), (0,)))

    return TabelSpec(
        sleutel=sleutel,
        titel=titel,
        kolommen=(Kolom(kolom, reeks="staaf"), Kolom(gettext_lazy("Aandeel"), "procent")),
        rijen=rijen,
        rijkop=gettext_lazy("Klasse"),
        toelichting=toelichting,
        grafiek="staaf",
        y_label=gettext_lazy("dossiers"),
    )


def _reductie(ctx: Context) -> Decimal:
    return ctx.ref(ReferentieCode.REDUCTIE_VORDERINGEN) or Decimal(80)


def grootboek(
    *, sleutel: str, titel: Tekst, figuur: str, code_aantal: str, code_bedrag: str, soort: Tekst
) -> TabelSpec:
    """Ledger entries booked per period, against the baseline (from before the automatic
    offsetting, ``code_aantal`` and ``code_bedrag``) and the target reduction."""

    def toelichting(ctx: Context) -> str:
        return gettext(
            "%(soort)s geboekt in de periode (grootboek van de uitkering), tegen de nulmeting "
            "van voor de automatische verrekening. Het doel is %(reductie)s %% minder."
        ) % {
            "soort": tekst(soort, ctx),
            "reductie": t._getal(ctx.ref(ReferentieCode.REDUCTIE_VORDERINGEN) or 80),
        }

    def rijen(ctx: Context, tabel: t.Tabel) -> None:
        stadsbreed = not ctx.filters.gefilterd
        nul_aantal = ctx.ref(code_aantal) if stadsbreed else None
        nul_bedrag = ctx.ref(code_bedrag) if stadsbreed else None
        reductie = _reductie(ctx)
        for p in ctx.perioden:
            m = ctx.cijfers.som(figuur, p)
            n = t.aantal(m.personen, m.aantal)
            som = m.som or Decimal(0)
            basis = nul_aantal * ctx.stap if nul_aantal is not None else None
            doel = basis * (100 - reductie) / 100 if basis is not None else None
            minder = (
                t.verhouding(100 * (1 - m.aantal / float(basis)), 1, n, eenheid=" %")
                if basis
                else t.leeg()
            )
            cellen = [n, t.aantal(m.personen), t.bedrag(som, m.personen), t.referentie(basis)]
            cellen += [
                t.referentie(doel),
                t.referentie(nul_bedrag * ctx.stap if nul_bedrag else None),
            ]
            cellen.append(minder)
            tabel.voeg_toe(ctx.label(p), cellen)
        if stadsbreed and nul_aantal is None:
            tabel.noten.append(
                gettext(
                    "De nulmeting is nog niet ingevoerd. De functioneel beheerder voert haar in "
                    "bij Beheer > Referentiewaarden."
                )
            )

    return TabelSpec(
        sleutel=sleutel,
        titel=titel,
        kolommen=(
            Kolom(gettext_lazy("Aantal"), reeks="lijn"),
            Kolom(gettext_lazy("Mensen")),
            Kolom(gettext_lazy("Bedrag"), "bedrag"),
            Kolom(gettext_lazy("Nulmeting (aantal)"), "referentie", reeks="doel"),
            Kolom(gettext_lazy("Doel (aantal)"), "referentie", reeks="doel"),
            Kolom(gettext_lazy("Nulmeting (bedrag)"), "referentie"),
            Kolom(gettext_lazy("Minder dan de nulmeting"), "procent"),
        ),
        rijen=rijen,
        toelichting=toelichting,
        grafiek="lijn",
        y_label=gettext_lazy("aantal"),
        figuren=(figuur,),
        stadsbreed=True,
    )
