"""Part months (art. 45 lid 3 PW, policy P8): the worked examples of ``levensloop.md`` §3.

Alleenstaande 27+, norm 1-1-2026 N = 1.401,50. June 2026 falls under the standard rule set of
1-1-2026 (the next one starts 1-7-2026), so the standard rule sets give 1.401,50 for June as
well; ``test_juni_2026_valt_onder_de_regelset_van_1_januari`` pins that, and no explicit rule
set is needed for the end-of-month examples.
"""

from __future__ import annotations

from datetime import date

import pytest

from inkomen.rekenregels import (
    Beleid,
    DeelmaandMethode,
    Maand,
    OngeldigeInvoer,
    bereken,
    naar_rato,
    regelset_voor,
    valideer,
    werkdagen,
)

from .hulp import REGELSETS, D, arbeid, gebruikt, invoer, persoon

MAART = Maand(2026, 3)
JUNI = Maand(2026, 6)
KALENDER = Beleid(p8_deelmaand=DeelmaandMethode.KALENDERDAGEN)
WERK = Beleid(p8_deelmaand=DeelmaandMethode.WERKDAGEN)


def reken(maand: Maand, beleid: Beleid, **kwargs):
    regelset = regelset_voor(maand.eerste_dag, REGELSETS)
    return bereken(invoer(maand, persoon(35, maand), **kwargs), regelset, beleid)


def test_juni_2026_valt_onder_de_regelset_van_1_januari():
    regelset = regelset_voor(JUNI.eerste_dag, REGELSETS)
    assert regelset.geldig_vanaf == date(2026, 1, 1)
    assert regelset.norm_alleenstaande == D("1401.50")


@pytest.mark.parametrize(
    ("maand", "beleid", "kwargs", "dagen", "norm", "bijstand", "vt", "uit"),
    [
        # start 17-3-2026, no income
        (MAART, KALENDER, {"recht_vanaf": date(2026, 3, 17)}, (15, 31),
         "678.15", "678.15", "33.91", "644.24"),
        (MAART, WERK, {"recht_vanaf": date(2026, 3, 17)}, (11, 22),
         "700.75", "700.75", "35.04", "665.71"),
        # start 17-3-2026, 300,00 netto earned 17-31 March, 2nd n-month (cap not prorated)
        (MAART, KALENDER, {"recht_vanaf": date(2026, 3, 17), "inkomsten": [arbeid("300.00")],
                           "vrijlating_maanden_gebruikt": gebruikt(n=1)}, (15, 31),
         "678.15", "453.15", "22.66", "430.49"),
        # end: last day with recht 10-6-2026, no income
        (JUNI, KALENDER, {"recht_tot": date(2026, 6, 10)}, (10, 30),
         "467.17", "467.17", "23.36", "443.81"),
        (JUNI, WERK, {"recht_tot": date(2026, 6, 10)}, (8, 22),
         "509.64", "509.64", "25.48", "484.16"),
    ],
)  # fmt: skip
def test_uitgewerkte_voorbeelden(maand, beleid, kwargs, dagen, norm, bijstand, vt, uit):
    r = reken(maand, beleid, **kwargs)
    assert (r.norm, r.bijstand, r.vakantietoeslag, r.uitbetaling) == (
        D(norm),
        D(bijstand),
        D(vt),
        D(uit),
    )
    assert r.deelmaand is not None
    assert (r.deelmaand.dagen, r.deelmaand.dagen_in_maand) == dagen
    assert r.deelmaand.volledige_norm == D("1401.50")
    [regel] = [g for g in r.regels if g.artikel == "art. 45 lid 3 Participatiewet"]
    assert regel.bedrag == D(norm)
    assert f"{dagen[0]} van de {dagen[1]}" in regel.omschrijving
    assert "beleidskeuze P8" in regel.omschrijving
    eenheid = "kalenderdagen" if beleid is KALENDER else "werkdagen"
    assert eenheid in regel.omschrijving


def test_vrijlating_maximum_niet_naar_rato():
    # 25 % of 1.200,00 = 300,00, capped at the full 285,00 (not 285 x 15/31)
    r = reken(
        MAART,
        KALENDER,
        recht_vanaf=date(2026, 3, 17),
        inkomsten=[arbeid("600.00")],
        vrijlating_maanden_gebruikt=gebruikt(n=1),
    )
    assert r.vrijlating == D("150.00")
    assert r.bijstand == D("678.15") - (D("600.00") - D("150.00"))


def test_hele_maand_geen_deelmaand():
    r = reken(MAART, KALENDER, recht_vanaf=date(2026, 3, 1), recht_tot=date(2026, 3, 31))
    assert r.deelmaand is None
    assert r.norm == D("1401.50")
    assert not invoer(MAART, recht_vanaf=date(2026, 3, 1)).is_deelmaand
    assert invoer(MAART, recht_tot=date(2026, 3, 30)).is_deelmaand
    assert not any(g.artikel.startswith("art. 45 lid 3") for g in r.regels)


def test_standaardbeleid_is_kalenderdagen():
    assert Beleid().p8_deelmaand == DeelmaandMethode.KALENDERDAGEN
    assert Beleid.van_dict({}).p8_deelmaand == DeelmaandMethode.KALENDERDAGEN
    assert Beleid.van_dict({"p8_deelmaand": "werkdagen"}) == WERK
    assert Beleid().als_dict()["p8_deelmaand"] == "kalenderdagen"
    with pytest.raises(OngeldigeInvoer) as exc:
        Beleid.van_dict({"p8_deelmaand": "weken"})
    assert "p8_deelmaand" in exc.value.fouten


def test_begin_en_einde_in_dezelfde_maand():
    deel = naar_rato(D("1401.50"), MAART, date(2026, 3, 10), date(2026, 3, 19), KALENDER)
    assert deel is not None
    assert (deel.dagen, deel.norm) == (10, D("452.10"))  # 1.401,50 x 10 / 31 = 452,096..


def test_werkdagen_telt_maandag_tot_en_met_vrijdag():
    assert werkdagen(date(2026, 3, 1), date(2026, 3, 31)) == 22
    assert werkdagen(date(2026, 3, 17), date(2026, 3, 31)) == 11
    assert werkdagen(date(2026, 6, 1), date(2026, 6, 10)) == 8
    assert werkdagen(date(2026, 3, 7), date(2026, 3, 8)) == 0  # a weekend
    assert werkdagen(date(2026, 3, 8), date(2026, 3, 7)) == 0


def test_schatting_ook_naar_rato():
    r = reken(
        MAART,
        KALENDER,
        recht_vanaf=date(2026, 3, 17),
        inkomsten=[arbeid("300.00")],
        geschatte_inkomsten=[],
        vrijlating_maanden_gebruikt=gebruikt(n=1),
    )
    assert r.voorlopig is not None and r.voorlopig.bijstand == D("678.15")
    assert r.correctie == D("453.15") - D("678.15")


@pytest.mark.parametrize(
    ("kwargs", "veld", "tekst"),
    [
        ({"recht_vanaf": date(2026, 2, 28)}, "recht_vanaf", "maart 2026"),
        ({"recht_tot": date(2026, 4, 1)}, "recht_tot", "maart 2026"),
        ({"recht_vanaf": date(2026, 3, 20), "recht_tot": date(2026, 3, 10)}, "recht_tot", "vóór"),
        ({"recht_vanaf": "2026-03-17"}, "recht_vanaf", "geldige datum"),
    ],
)
def test_ongeldige_data_geweigerd(kwargs, veld, tekst):
    regelset = regelset_voor(MAART.eerste_dag, REGELSETS)
    with pytest.raises(OngeldigeInvoer) as exc:
        valideer(invoer(MAART, **kwargs), regelset, KALENDER)
    assert list(exc.value.fouten) == [veld]
    assert tekst in exc.value.fouten[veld][0]
