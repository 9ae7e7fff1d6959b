"""The loonkostensubsidie calculation (pure): WML minus loonwaarde, at most 70 % of the WML,
amounts rounded half-up to cents at each stated step, every step explained."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from instrumentenhuis.lks import LksInvoer, OngeldigeInvoer, bereken_lks

D = Decimal


def test_afronding_half_up_op_de_loonwaarde():
    # 14.06 x 1 x 52 / 12 = 60.9266.. -> 60.93; 50 % = 30.465 -> 30.47 (half-even would be 30.46)
    uitkomst = bereken_lks(LksInvoer(D("14.06"), D("1"), D("50")))
    assert uitkomst.wml_maand == D("60.93")
    assert uitkomst.loonwaarde_maand == D("30.47")
    assert uitkomst.subsidie_maand == D("30.46")
    assert uitkomst.maximum == D("42.65")  # 70 % of 60.93 = 42.651
    assert not uitkomst.begrensd


def test_begrensd_en_uitgelegd():
    uitkomst = bereken_lks(LksInvoer(D("14.71"), D("36"), D("10")))
    # 14.71 x 36 x 52 / 12 = 2294.76; 90 % difference = 2065.28 > 70 % = 1606.33
    assert uitkomst.wml_maand == D("2294.76")
    assert uitkomst.verschil == D("2065.28")
    assert uitkomst.subsidie_maand == D("1606.33")
    assert uitkomst.begrensd
    assert uitkomst.regels == [
        "WML per maand voor 36 uur per week: € 14,71 × 36 × 52 / 12 = € 2.294,76",
        "Loonwaarde 10% van € 2.294,76 = € 229,48",
        "Verschil WML min loonwaarde: € 2.294,76 - € 229,48 = € 2.065,28",
        "Maximum 70% van het WML: € 1.606,33 (art. 10d Participatiewet)",
        "Loonkostensubsidie per maand: het maximum, € 1.606,33",
    ]


def test_ander_maximum_uit_de_regels():
    uitkomst = bereken_lks(LksInvoer(D("14.71"), D("36"), D("10"), maximum_pct=D("65")))
    assert uitkomst.subsidie_maand == D("1491.59")  # 65 % of 2294.76 = 1491.594


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [
        (LksInvoer(D("0"), D("36"), D("50")), "wml_per_uur"),
        (LksInvoer(D("14.71"), D("0"), D("50")), "uren_per_week"),
        (LksInvoer(D("14.71"), D("41"), D("50")), "uren_per_week"),
        (LksInvoer(D("14.71"), D("36"), D("101")), "loonwaarde_pct"),
        (LksInvoer(D("14.71"), D("36"), D("-1")), "loonwaarde_pct"),
    ],
)
def test_ongeldige_invoer(invoer, veld):
    with pytest.raises(OngeldigeInvoer) as fout:
        bereken_lks(invoer)
    assert fout.value.veld == veld


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=200)
@given(
    wml=st.decimals(min_value=D("10.00"), max_value=D("20.00"), places=2),
    uren=st.integers(min_value=1, max_value=40),
    loonwaarde=st.decimals(min_value=D("0"), max_value=D("100"), places=2),
)
def test_eigenschappen(wml, uren, loonwaarde):
    u = bereken_lks(LksInvoer(wml, D(uren), loonwaarde))
    for bedrag in (u.wml_maand, u.loonwaarde_maand, u.subsidie_maand, u.maximum):
        assert bedrag == bedrag.quantize(D("0.01"))
    assert D("0") <= u.subsidie_maand <= u.maximum
    assert u.subsidie_maand <= u.wml_maand - u.loonwaarde_maand
    assert u.subsidie_maand == min(u.wml_maand - u.loonwaarde_maand, u.maximum)
    assert u.begrensd == (u.verschil > u.maximum)
    if loonwaarde >= 30:  # the difference is then at most 70 % of the WML
        assert not u.begrensd
    assert len(u.regels) == 5
