"""Tables of the dashboards: cells with small-cell suppression, and export to CSV and Excel.

The table is the source of truth (the chart is drawn from it in the browser). Rules:

- **Primary suppression**: a cell about fewer than ``DREMPEL`` (10) people shows "<10" - also
  when the count is 0 - and carries no number (not in the chart, not in the export). A count
  of events, a sum of money or an average is suppressed by the number of people behind it.
- **Shares**: suppressed when the group counted, the group not counted or the whole is
  smaller than 10 people (so neither side of the share identifies a small group).
- **Secondary suppression**: in a row whose parts add up to a total that is shown, a single
  suppressed part could be computed back (total minus the others); then the smallest other
  part is suppressed too.
- **Derived cells** (a share or average computed from other cells) are suppressed when one
  of their sources is.
- Reference values (targets, baselines) are policy data, not people: never suppressed.

Known limit (documented for the privacy officer): suppression works per table; combining
tables with different filters or periods (differencing) can still narrow down small groups.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

DREMPEL = 10
ONDERDRUKT = "<10"


@dataclass(eq=False)
class Cel:
    tekst: str
    waarde: float | int | Decimal | None = None
    soort: str = "aantal"  # aantal, bedrag, procent, dagen, referentie, tekst
    onderdrukt: bool = False
    personen: int | None = None  # people behind the cell (secondary suppression)
    bronnen: tuple[Cel, ...] = ()

    def onderdruk(self) -> None:
        self.onderdrukt = True
        self.waarde = None
        self.tekst = ONDERDRUKT

    @property
    def numeriek(self) -> bool:
        return self.soort != "tekst"

    def html(self) -> SafeString:
        klasse = _NUMERIEK if self.numeriek else _CEL
        if self.onderdrukt:
            return format_html(
                '<td class="{}"><span class="dashboard-onderdrukt">&lt;10</span></td>', klasse
            )
        if self.waarde is None:
            return format_html('<td class="{}">{}</td>', klasse, self.tekst)
        return format_html(
            '<td class="{}" data-waarde="{}">{}</td>', klasse, self.waarde, self.tekst
        )


_CEL = "utrecht-table__cell"
_NUMERIEK = "utrecht-table__cell utrecht-table__cell--numeric-data"


def _getal(waarde, decimalen: int = 0) -> str:
    return number_format(waarde, decimalen, use_l10n=True, force_grouping=True)


def leeg() -> Cel:
    return Cel("–", None, soort="tekst")


def tekst(waarde: str) -> Cel:
    return Cel(str(waarde), None, soort="tekst")


def aantal(personen: int, waarde: int | None = None) -> Cel:
    """A count of people (or of events, ``waarde``, suppressed by the people behind them)."""
    getoond = personen if waarde is None else waarde
    cel = Cel(_getal(getoond), getoond, personen=personen)
    if personen < DREMPEL:
        cel.onderdruk()
    return cel


def bedrag(som: Decimal | None, personen: int) -> Cel:
    waarde = (som or Decimal(0)).quantize(Decimal("0.01"))
    cel = Cel("€ " + _getal(waarde, 2), waarde, soort="bedrag", personen=personen)
    if personen < DREMPEL:
        cel.onderdruk()
    return cel


def gemiddelde(som: Decimal | int | None, personen: int, *bronnen: Cel, decimalen=0) -> Cel:
    if not personen:
        return Cel("–", None, soort="dagen", personen=0, bronnen=bronnen)
    waarde = round(float(som or 0) / personen, decimalen)
    cel = Cel(_getal(waarde, decimalen), waarde, soort="dagen", personen=personen, bronnen=bronnen)
    if personen < DREMPEL:
        cel.onderdruk()
    return cel


def aandeel(teller: int, noemer: int, *bronnen: Cel) -> Cel:
    """``teller`` of ``noemer`` people as a percentage with one decimal."""
    if not noemer:
        return Cel("–", None, soort="procent", bronnen=bronnen)
    waarde = round(100 * teller / noemer, 1)
    cel = Cel(_getal(waarde, 1) + " %", waarde, soort="procent", bronnen=bronnen)
    if min(teller, noemer - teller, noemer) < DREMPEL:
        cel.onderdruk()
    return cel


def verhouding(waarde: float | None, decimalen: int = 1, *bronnen: Cel, eenheid="") -> Cel:
    """A ratio of aggregates (e.g. handovers per 100 dossiers); suppressed with its sources."""
    if waarde is None:
        return Cel("–", None, soort="procent", bronnen=bronnen)
    waarde = round(waarde, decimalen)
    return Cel(_getal(waarde, decimalen) + eenheid, waarde, soort="procent", bronnen=bronnen)


def referentie(waarde: float | int | Decimal | None, decimalen: int = 0, eenheid="") -> Cel:
    if waarde is None:
        return Cel("–", None, soort="referentie")
    if isinstance(waarde, Decimal):
        waarde = int(waarde) if waarde == waarde.to_integral_value() else float(waarde)
    elif isinstance(waarde, float):
        waarde = round(waarde, max(decimalen, 0))
    return Cel(_getal(waarde, decimalen) + eenheid, waarde, soort="referentie")


@dataclass
class Kolom:
    label: str
    soort: str = "aantal"
    # chart role: "" (not drawn), "lijn", "staaf", "doel" (dashed reference line)
    reeks: str = ""


@dataclass
class Rij:
    label: str
    cellen: list[Cel]
    kop: bool = False  # a summary row (e.g. "Totaal") shown in bold

    def html(self) -> SafeString:
        """The row's cells as HTML (a template loop over every cell was the slowest part of
        rendering a page). Suppressed cells carry no number."""
        return format_html(
            '<th scope="row" class="utrecht-table__header-cell">{}</th>{}',
            self.label,
            format_html_join("", "{}", ((c.html(),) for c in self.cellen)),
        )


@dataclass
class Tabel:
    sleutel: str
    titel: str
    kolommen: list[Kolom]
    rijen: list[Rij] = field(default_factory=list)
    rijkop: str = ""
    toelichting: str = ""
    grafiek: str = ""  # "" (none), "lijn", "staaf", "gestapeld"
    y_label: str = ""
    noten: list[str] = field(default_factory=list)
    # Secondary suppression: per row, (columns of the parts, column of their total) ...
    rij_optellingen: list[tuple[tuple[int, ...], int]] = field(default_factory=list)
    # ... and across rows: (rows of the parts, row of their total, columns this holds for)
    kolom_optellingen: list[tuple[tuple[int, ...], int, tuple[int, ...]]] = field(
        default_factory=list
    )

    def voeg_toe(self, label: str, cellen: list[Cel], kop: bool = False) -> None:
        if len(cellen) != len(self.kolommen):
            raise ValueError(f"{self.sleutel}: {len(cellen)} cellen, {len(self.kolommen)} kolommen")
        self.rijen.append(Rij(label, cellen, kop))

    def _relaties(self) -> list[tuple[list[Cel], Cel]]:
        """Every (parts, total) relation between the cells of this table."""
        uit = []
        for rij in self.rijen:
            for delen, totaal in self.rij_optellingen:
                uit.append(([rij.cellen[i] for i in delen], rij.cellen[totaal]))
        for rijen, totaalrij, kolommen in self.kolom_optellingen:
            for k in kolommen:
                uit.append(
                    ([self.rijen[r].cellen[k] for r in rijen], self.rijen[totaalrij].cellen[k])
                )
        return uit

    def sluit_af(self) -> Tabel:
        """Secondary suppression (until nothing changes), then derived cells."""
        relaties = self._relaties()
        veranderd = True
        while veranderd:
            veranderd = False
            for delen, totaal in relaties:
                if totaal.onderdrukt:
                    continue
                if sum(1 for c in delen if c.onderdrukt) != 1:
                    continue
                open_ = [c for c in delen if not c.onderdrukt]
                if open_:
                    min(open_, key=lambda c: c.personen or 0).onderdruk()
                    veranderd = True
            for rij in self.rijen:
                for cel in rij.cellen:
                    if not cel.onderdrukt and any(b.onderdrukt for b in cel.bronnen):
                        cel.onderdruk()
                        veranderd = True
        return self

    @property
    def heeft_onderdrukking(self) -> bool:
        return any(c.onderdrukt for r in self.rijen for c in r.cellen)

    @property
    def heeft_grafiek(self) -> bool:
        return bool(self.grafiek) and any(k.reeks for k in self.kolommen) and bool(self.rijen)


# --------------------------------------------------------------------------------------------
# export


def _exportwaarde(cel: Cel):
    if cel.onderdrukt or cel.waarde is None:
        return cel.tekst
    return cel.waarde


def als_csv(tabel: Tabel) -> bytes:
    """Semicolon-separated, decimal comma, UTF-8 with BOM: opens as-is in Dutch Excel."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([tabel.rijkop or _("Periode"), *(k.label for k in tabel.kolommen)])
    for rij in tabel.rijen:
        regel = [rij.label]
        for cel in rij.cellen:
            waarde = _exportwaarde(cel)
            if isinstance(waarde, float | Decimal):
                waarde = str(waarde).replace(".", ",")
            regel.append(waarde)
        schrijver.writerow(regel)
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def als_excel(tabel: Tabel, *, kop: list[tuple[str, str]]) -> bytes:
    """An .xlsx with the table on the first sheet and the context (peildatum, filters, the
    suppression rule) on a second sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    boek = Workbook()
    blad = boek.active
    blad.title = _("Tabel")[:31]
    blad.append([tabel.titel])
    blad["A1"].font = Font(bold=True)
    blad.append([])
    blad.append([tabel.rijkop or _("Periode"), *(k.label for k in tabel.kolommen)])
    for cel in blad[3]:
        cel.font = Font(bold=True)
    formaten: dict[str, str] = {
        "aantal": "#,##0",
        "bedrag": "#,##0.00",
        "procent": "0.0",
        "dagen": "0",
        "referentie": "#,##0.##",
    }
    for rij in tabel.rijen:
        blad.append([rij.label, *(_exportwaarde(c) for c in rij.cellen)])
        for kolom, cel in enumerate(rij.cellen, start=2):
            if not cel.onderdrukt and isinstance(cel.waarde, int | float | Decimal):
                blad.cell(row=blad.max_row, column=kolom).number_format = formaten.get(
                    cel.soort, "General"
                )
    blad.column_dimensions["A"].width = 28
    toelichting = boek.create_sheet(_("Toelichting")[:31])
    for sleutel, waarde in kop:
        toelichting.append([sleutel, waarde])
    toelichting.append(
        [
            _("Onderdrukking"),
            _(
                "Cellen met minder dan 10 personen staan als <10 (ook in totalen die ze zouden "
                "verraden)."
            ),
        ]
    )
    for noot in tabel.noten:
        toelichting.append([_("Noot"), noot])
    toelichting.column_dimensions["A"].width = 24
    toelichting.column_dimensions["B"].width = 100
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


Bouwer = Callable[..., Tabel]
