"""Vrijlatingen art. 31 lid 2 n, r, y, z, aa, art. 31 lid 5 and art. 34a (P6)."""

from __future__ import annotations

from datetime import date

import pytest

from inkomen.rekenregels import Beleid, Maand, regelset_voor
from tests.inkomen.rekenregels.hulp import (
    REGELSETS,
    D,
    arbeid,
    gebruikt,
    invoer,
    kind,
    overig,
    persoon,
    reken,
)


def soorten(r):
    return {str(v.soort): v.bedrag for v in r.vrijlatingen}


def test_n_niet_onder_27():
    r = reken(invoer(aanvrager=persoon(26), inkomsten=[arbeid("600.00")]))
    assert r.vrijlating == D("0.00")
    assert r.bijstand == D("801.50")
    assert any(regel.artikel == "art. 31 lid 5 Participatiewet" for regel in r.regels)


def test_n_alleen_voor_inkomsten_uit_arbeid():
    r = reken(invoer(inkomsten=[overig("600.00")]))
    assert (r.vrijlating, r.bijstand) == (D("0.00"), D("801.50"))


def test_n_zonder_termijn_op_aow_leeftijd():
    r = reken(
        invoer(
            aanvrager=persoon(70),
            inkomsten=[arbeid("600.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=40),
        )
    )
    (v,) = r.vrijlatingen
    assert (v.soort, v.bedrag, v.max_maanden, v.maandnummer) == ("n", D("150.00"), None, 41)
    assert r.bijstand == D("1564.69") - D("450.00")


@pytest.mark.parametrize(
    ("maand", "maximum"),
    [("2025-01", "273.00"), ("2025-07", "278.00"), ("2026-01", "285.00"), ("2026-07", "285.00")],
)
def test_n_maximum_per_datum(maand, maximum):
    m = Maand.uit_tekst(maand)
    r = reken(invoer(maand=m, aanvrager=persoon(40, m), inkomsten=[arbeid("1200.00")]))
    assert soorten(r) == {"n": D(maximum)}


def test_vrijlating_afgerond_voor_het_maximum():
    r = reken(invoer(inkomsten=[arbeid("0.02")]))  # 25 % = 0,005 -> 0,01 half-up
    assert r.vrijlating == D("0.01")


def test_y_medisch_urenbeperkt_na_n():
    aanvrager = persoon(40, medisch_urenbeperkt=True)
    tijdens_n = reken(invoer(aanvrager=aanvrager, inkomsten=[arbeid("600.00")]))
    assert soorten(tijdens_n) == {"n": D("150.00")}
    na_n = reken(
        invoer(
            aanvrager=aanvrager,
            inkomsten=[arbeid("600.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6, y=50),
        )
    )
    assert soorten(na_n) == {"y": D("90.00")}
    assert na_n.vrijlatingen[0].max_maanden is None
    boven_max = reken(
        invoer(
            aanvrager=aanvrager,
            inkomsten=[arbeid("1300.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6),
        )
    )
    assert soorten(boven_max) == {"y": D("180.19")}
    assert boven_max.bijstand == D("1401.50") - (D("1300.00") - D("180.19"))


def test_y_onder_27_vanaf_het_begin():
    r = reken(invoer(aanvrager=persoon(24, medisch_urenbeperkt=True), inkomsten=[arbeid("600.00")]))
    assert soorten(r) == {"y": D("90.00")}


def test_y_gaat_voor_r():
    r = reken(
        invoer(
            aanvrager=persoon(40, medisch_urenbeperkt=True),
            kinderen=[kind(5)],
            inkomsten=[arbeid("900.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6),
        )
    )
    assert soorten(r) == {"y": D("135.00")}


def test_r_maximum_en_niet_met_partner():
    r = reken(
        invoer(
            kinderen=[kind(3)],
            inkomsten=[arbeid("1600.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6),
        )
    )
    assert r.bijstand == D("0.00")  # 1.600 >= norm: P1(a)
    r = reken(
        invoer(
            kinderen=[kind(3)],
            inkomsten=[arbeid("1400.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6),
        )
    )
    assert soorten(r) == {"r": D("175.00")}
    r = reken(
        invoer(
            maand=Maand(2025, 3),
            aanvrager=persoon(40, Maand(2025, 3)),
            kinderen=[kind(3, Maand(2025, 3))],
            inkomsten=[arbeid("1400.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6),
        ),
        # the r-cap 170,61 needs 1.364,88 > norm 1.345,45: only reachable under P1(b)
        Beleid(p1_vrijlating_boven_norm="b"),
    )
    assert soorten(r) == {"r": D("170.61")}
    assert r.bijstand == D("116.06")
    gehuwd = reken(
        invoer(
            partner=persoon(40),
            kinderen=[kind(3)],
            inkomsten=[arbeid("900.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6),
        )
    )
    assert gehuwd.vrijlating == D("0.00")


def test_r_niet_onder_27():
    r = reken(invoer(aanvrager=persoon(25), kinderen=[kind(3)], inkomsten=[arbeid("900.00")]))
    assert r.vrijlating == D("0.00")


def test_z_en_aa_doelgroep_loonkostensubsidie():
    lks = persoon(40, doelgroep_loonkostensubsidie=True)
    z = reken(
        invoer(
            aanvrager=lks,
            inkomsten=[arbeid("600.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6, z=3),
        )
    )
    assert soorten(z) == {"z": D("90.00")}
    assert z.vrijlatingen[0].maandnummer == 4
    op = reken(
        invoer(
            aanvrager=lks,
            inkomsten=[arbeid("600.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6, z=12),
        )
    )
    assert op.vrijlating == D("0.00")
    aa_persoon = persoon(40, doelgroep_loonkostensubsidie=True, urenuitbreiding_niet_mogelijk=True)
    aa = reken(
        invoer(
            aanvrager=aa_persoon,
            inkomsten=[arbeid("1300.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6, z=12),
        )
    )
    assert soorten(aa) == {"aa": D("180.19")}


def test_p6_gedoog_34a_onder_27_in_2026():
    jong = persoon(24)
    uit = reken(invoer(aanvrager=jong, inkomsten=[arbeid("1300.00")]))
    assert uit.vrijlating == D("0.00")
    aan = Beleid(p6_gedoog_34a_onder_27=True)
    r = reken(invoer(aanvrager=jong, inkomsten=[arbeid("1300.00")]), aan)
    assert soorten(r) == {"34a": D("195.00")}  # 15 %, no cap found [U]
    assert "gedoogregeling" in r.vrijlatingen[0].artikel
    op = reken(
        invoer(
            aanvrager=jong,
            inkomsten=[arbeid("600.00")],
            vrijlating_maanden_gebruikt=gebruikt(**{"34a": 12}),
        ),
        aan,
    )
    assert op.vrijlating == D("0.00")
    m = Maand(2025, 9)
    in_2025 = reken(invoer(maand=m, aanvrager=persoon(24, m), inkomsten=[arbeid("600.00")]), aan)
    assert in_2025.vrijlating == D("0.00")


def test_vakantietoeslag_daalt_mee_met_inkomen():
    zonder = reken(invoer())
    met = reken(invoer(inkomsten=[arbeid("600.00")], vrijlating_maanden_gebruikt=gebruikt(n=6)))
    assert met.vakantietoeslag < zonder.vakantietoeslag


def test_regelset_uit_latere_periode_past_niet_op_eerdere_maand():
    from inkomen.rekenregels import OngeldigeInvoer

    with pytest.raises(OngeldigeInvoer) as fout:
        reken(invoer(), regelset=regelset_voor(date(2026, 7, 1), REGELSETS))
    assert "maand" in fout.value.fouten
