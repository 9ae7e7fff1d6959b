"""Impossible input gives OngeldigeInvoer with Dutch messages per field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from inkomen.rekenregels import (
    Inkomstenregel,
    Kind,
    Maand,
    Medebewoner,
    OngeldigeInvoer,
    Persoon,
    standaard_regelsets,
)
from tests.inkomen.rekenregels.hulp import D, arbeid, invoer, kind, persoon, reken


def fouten_van(inv) -> dict[str, list[str]]:
    with pytest.raises(OngeldigeInvoer) as fout:
        reken(inv, regelset=standaard_regelsets()[0])
    assert str(fout.value)
    return fout.value.fouten


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"inkomsten": [arbeid("-1.00")]}, "inkomsten[0].bedrag"),
        ({"inkomsten": [arbeid("1.001")]}, "inkomsten[0].bedrag"),
        ({"inkomsten": [Inkomstenregel("aanvrager", "arbeid", 1.5)]}, "inkomsten[0].bedrag"),
        (
            {"inkomsten": [Inkomstenregel("aanvrager", "arbeid", Decimal("NaN"))]},
            "inkomsten[0].bedrag",
        ),
        ({"inkomsten": [Inkomstenregel("aanvrager", "loterij", D("1.00"))]}, "inkomsten[0].soort"),
        ({"inkomsten": [Inkomstenregel("buurman", "arbeid", D("1.00"))]}, "inkomsten[0].persoon"),
        (
            {"inkomsten": [Inkomstenregel("aanvrager", "arbeid", D("1.00"), "week")]},
            "inkomsten[0].periode",
        ),
        ({"inkomsten": [arbeid("1.00", "partner")]}, "inkomsten[0].persoon"),
        ({"geschatte_inkomsten": [arbeid("-5.00")]}, "geschatte_inkomsten[0].bedrag"),
        ({"kinderen": [kind(18)]}, "kinderen[0].geboortedatum"),
        ({"kinderen": [Kind(date(2026, 4, 1))]}, "kinderen[0].geboortedatum"),
        ({"aanvrager": persoon(17)}, "aanvrager.geboortedatum"),
        ({"partner": persoon(16)}, "partner.geboortedatum"),
        (
            {"medebewoners": [Medebewoner(date(1990, 1, 1), student="ja")]},
            "medebewoners[0].student",
        ),
        (
            {"vrijlating_maanden_gebruikt": {"aanvrager": {"q": 1}}},
            "vrijlating_maanden_gebruikt.aanvrager.q",
        ),
        (
            {"vrijlating_maanden_gebruikt": {"aanvrager": {"n": -1}}},
            "vrijlating_maanden_gebruikt.aanvrager.n",
        ),
        (
            {"vrijlating_maanden_gebruikt": {"partner": {"n": 1}}},
            "vrijlating_maanden_gebruikt.partner",
        ),
        ({"vrijlating_maanden_gebruikt": {"kind": {"n": 1}}}, "vrijlating_maanden_gebruikt.kind"),
    ],
)
def test_onmogelijke_invoer(kwargs, veld):
    fouten = fouten_van(invoer(**kwargs))
    assert veld in fouten
    assert all(isinstance(m, str) and m for m in fouten[veld])


def test_maand_buiten_elke_regelset():
    m = Maand(2024, 12)
    fouten = fouten_van(invoer(maand=m, aanvrager=persoon(40, m)))
    assert list(fouten) == ["maand"]


def test_alle_fouten_tegelijk():
    fouten = fouten_van(
        invoer(kinderen=[kind(19)], inkomsten=[arbeid("-1.00"), Inkomstenregel("x", "y", D("1"))])
    )
    assert set(fouten) == {
        "kinderen[0].geboortedatum",
        "inkomsten[0].bedrag",
        "inkomsten[1].persoon",
        "inkomsten[1].soort",
    }


def test_maand_uit_tekst():
    assert Maand.uit_tekst("2026-03") == Maand(2026, 3)
    assert str(Maand(2026, 3)) == "2026-03"
    assert Maand(2026, 12).volgende() == Maand(2027, 1)
    for fout in ("2026-13", "2026-3-1", "maart", "26-03"):
        with pytest.raises(ValueError):
            Maand.uit_tekst(fout)


def test_jong_met_aow_partner_niet_in_de_tabel():
    fouten = fouten_van(invoer(aanvrager=persoon(19), partner=persoon(70)))
    assert "aanvrager.geboortedatum" in fouten


def test_persoon_invoer_als_lijsten_wordt_tuple():
    inv = invoer(kinderen=[kind(3)], inkomsten=[arbeid("1.00")], geschatte_inkomsten=[])
    assert isinstance(inv.kinderen, tuple)
    assert inv.geschatte_inkomsten == ()
    assert isinstance(Persoon(date(1990, 1, 1)).medisch_urenbeperkt, bool)
