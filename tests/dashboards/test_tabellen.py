"""Small-cell suppression (primary, shares, secondary, derived) and the exports."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from bijstand.dashboards import tabellen as t


def test_counts_below_ten_are_suppressed_including_zero():
    for n in (0, 1, 9):
        cel = t.aantal(n)
        assert cel.onderdrukt and cel.tekst == "<10" and cel.waarde is None
    cel = t.aantal(10)
    assert not cel.onderdrukt and cel.waarde == 10


def test_events_and_money_follow_the_people_behind_them():
    assert t.aantal(4, 250).onderdrukt  # 250 handovers of 4 dossiers
    assert t.aantal(12, 250).tekst == "250"
    assert t.bedrag(Decimal("5000"), 9).onderdrukt
    assert t.bedrag(Decimal("1234.5"), 10).tekst == "€ 1.234,50"
    assert t.gemiddelde(Decimal(900), 9).onderdrukt
    assert t.gemiddelde(Decimal(905), 10).waarde == 90.0  # 90.5 rounded half to even


def test_shares_need_ten_on_both_sides():
    assert t.aandeel(9, 100).onderdrukt  # the counted group is small
    assert t.aandeel(91, 100).onderdrukt  # the group not counted is small
    assert t.aandeel(5, 8).onderdrukt  # the whole is small
    cel = t.aandeel(20, 100)
    assert not cel.onderdrukt and cel.tekst == "20,0 %"


def _tabel(rijen):
    tabel = t.Tabel("x", "X", [t.Kolom("a"), t.Kolom("b"), t.Kolom("c"), t.Kolom("totaal")])
    tabel.rij_optellingen.append(((0, 1, 2), 3))
    for label, waarden in rijen:
        tabel.voeg_toe(label, [t.aantal(n) for n in waarden])
    return tabel


def test_secondary_suppression_in_a_row():
    tabel = _tabel([("r", (5, 30, 40, 75))]).sluit_af()
    a, b, c, totaal = tabel.rijen[0].cellen
    assert a.onderdrukt  # primary
    assert b.onderdrukt  # secondary: the smallest other part, else 75 - 30 - 40 = 5
    assert not c.onderdrukt and not totaal.onderdrukt


def test_no_secondary_suppression_when_two_parts_are_hidden_already():
    tabel = _tabel([("r", (5, 3, 40, 48))]).sluit_af()
    assert [c.onderdrukt for c in tabel.rijen[0].cellen] == [True, True, False, False]


def test_secondary_suppression_across_rows_and_columns():
    tabel = t.Tabel("x", "X", [t.Kolom("n"), t.Kolom("m")])
    for n in (4, 20, 30):
        tabel.voeg_toe("r", [t.aantal(n), t.aantal(100)])
    tabel.voeg_toe("totaal", [t.aantal(54), t.aantal(300)], kop=True)
    tabel.kolom_optellingen.append(((0, 1, 2), 3, (0, 1)))
    tabel.sluit_af()
    kolom = [r.cellen[0].onderdrukt for r in tabel.rijen]
    assert kolom == [True, True, False, False]


def test_derived_cells_of_suppressed_sources_are_suppressed():
    deel = t.aantal(5)
    totaal = t.aantal(100)
    aandeel = t.aandeel(60, 100, deel)  # would pass on its own numbers
    tabel = t.Tabel("x", "X", [t.Kolom("a"), t.Kolom("b"), t.Kolom("c", "procent")])
    tabel.voeg_toe("r", [deel, totaal, aandeel])
    tabel.sluit_af()
    assert aandeel.onderdrukt


def test_reference_values_are_never_suppressed():
    assert not t.referentie(3).onderdrukt
    assert t.referentie(Decimal("20.00"), 0, " %").tekst == "20 %"


def test_exports_keep_the_suppression():
    tabel = _tabel([("jan 2026", (5, 30, 40, 75)), ("feb 2026", (12, 30, 40, 82))]).sluit_af()
    regels = list(csv.reader(io.StringIO(t.als_csv(tabel).decode("utf-8-sig")), delimiter=";"))
    assert regels[0] == ["Periode", "a", "b", "c", "totaal"]
    assert regels[1] == ["jan 2026", "<10", "<10", "40", "75"]
    assert regels[2] == ["feb 2026", "12", "30", "40", "82"]

    boek = load_workbook(io.BytesIO(t.als_excel(tabel, kop=[("Peildatum", "15 juni 2026")])))
    blad = boek.worksheets[0]
    assert [c.value for c in blad[4]] == ["jan 2026", "<10", "<10", 40, 75]
    assert [c.value for c in blad[5]] == ["feb 2026", 12, 30, 40, 82]
    toelichting = [r[0].value for r in boek.worksheets[1].iter_rows()]
    assert "Peildatum" in toelichting and "Onderdrukking" in toelichting


def test_row_html_escapes_texts_and_hides_suppressed_numbers():
    rij = t.Rij(
        "Wijk <b>&</b>",
        [t.aantal(12), t.aantal(3), t.Cel("<script>", None, soort="tekst")],
    )
    html = rij.html()
    assert html.startswith(
        '<th scope="row" class="utrecht-table__header-cell">Wijk &lt;b&gt;&amp;&lt;/b&gt;</th>'
    )
    assert 'data-waarde="12">12</td>' in html
    assert '<span class="dashboard-onderdrukt">&lt;10</span>' in html
    assert 'data-waarde="3"' not in html  # a suppressed cell carries no number
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert hasattr(html, "__html__")  # safe for the template as it is
