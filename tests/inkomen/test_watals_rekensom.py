"""Issue 13 §4: "Wat als ik meer ga werken?" shows the sum as it is done, and every written sum
gives the amount beside it (the page read "norm 1.419,46 min inkomsten 800,00 min vrijlating
200,00 = 600,00" beside 819,46).

A property test over the calculation core (households, four-weekly wages, part months, caps,
kostendelers, every policy variant) and page tests that read the sums back from the HTML.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bijstand.dossiers.models import HuishoudenLid
from bijstand.portaal.rekensom_uitleg import Inkomen, Stap, stappen_van
from inkomen.rekenregels import (
    Beleid,
    DeelmaandMethode,
    Inkomstenregel,
    Invoer,
    Maand,
    Periode,
    PersoonRol,
    Resultaat,
    VierWekenOmrekening,
    regelset_voor,
)
from inkomen.rekenregels.opmaak import afronden, bedrag_nl
from tests.inkomen.rekenregels.hulp import D, persoon
from tests.inkomen.rekenregels.test_eigenschappen import REGELSETS, beleiden, invoeren, reken

from . import test_proefberekening_portaal as portaal
from .test_proefberekening_portaal import URL, lid, tekst

# the page fixtures of the portal tests (March 2026, a burger of 35 with a dossier)
_maart_2026 = portaal._maart_2026
dossier = portaal.dossier
burger = portaal.burger
burger_client = portaal.burger_client

BEDRAG = r"€\s?-?[\d.]+,\d{2}"
OPERATOR = {"+", "\u2212", "×", "/"}


def waarde(tekst: str) -> Decimal:
    return Decimal(re.sub(r"[€\s.]", "", tekst).replace(",", "."))


def reken_na(links: str) -> Decimal:
    """Evaluate the left side of a written sum, exactly (no rounding)."""
    links = re.sub(r"\s+", " ", links).strip()
    with localcontext() as ctx:
        ctx.prec = 40
        procent = re.fullmatch(rf"(\d+(?:,\d+)?)% van ({BEDRAG})", links)
        if procent:
            return waarde(procent[2]) * Decimal(procent[1].replace(",", ".")) / 100
        tokens = re.findall(rf"{BEDRAG}|[+\u2212×/]|\d+", links)
        assert re.sub(r"\s", "", "".join(tokens)) == re.sub(r"\s", "", links), links
        totaal = waarde(tokens[0])
        for operator, getal in zip(tokens[1::2], tokens[2::2], strict=True):
            assert operator in OPERATOR, links
            x = waarde(getal) if "€" in getal else Decimal(getal)
            if operator == "+":
                totaal += x
            elif operator == "\u2212":
                totaal -= x
            elif operator == "×":
                totaal *= x
            else:
                totaal /= x
        return totaal


def klopt(links: str, uitkomst: Decimal, afgerond: bool) -> bool:
    exact = reken_na(links)
    if not afgerond:
        return exact == uitkomst
    return uitkomst == uitkomst.quantize(Decimal("0.01")) and abs(exact - uitkomst) <= Decimal(
        "0.005"
    )


def inkomens(invoer: Invoer, beleid: Beleid) -> list[Inkomen]:
    """The income lines as the burger knows them, per month as the core counts them."""
    delen = []
    for regel in invoer.inkomsten:
        bedrag = Decimal(regel.bedrag)
        vier = Periode(regel.periode) == Periode.VIER_WEKEN
        per_maand = bedrag
        if vier and beleid.p3_vier_weken == VierWekenOmrekening.DERTIEN_TWAALFDE:
            per_maand = afronden(bedrag * 13 / 12, beleid.p2_afronding)
        wie = "uw loon" if regel.persoon == PersoonRol.AANVRAGER else "het loon van uw partner"
        delen.append(Inkomen(wie, per_maand, bedrag if vier else None))
    return delen


def bedragen_in(links: str) -> list[Decimal]:
    return [waarde(b) for b in re.findall(BEDRAG, links)]


def controleer(stappen: list[Stap], r: Resultaat) -> None:
    """Every written sum is true, each step starts from what an earlier step gave, and the
    sum ends in what the gemeente pays."""
    assert stappen[-1].eind and stappen[-1].uitkomst == r.uitbetaling
    assert [s for s in stappen if s.eind] == [stappen[-1]]
    for stap in stappen:
        if stap.links:
            assert klopt(stap.links, stap.uitkomst, stap.afgerond), stap
    per_soort: dict[str, list[Stap]] = {}
    for stap in stappen:
        per_soort.setdefault(stap.soort, []).append(stap)
    [norm] = per_soort["norm"]
    if r.deelmaand is not None:
        [deelmaand] = per_soort["deelmaand"]
        assert norm.uitkomst == r.deelmaand.volledige_norm
        assert deelmaand.uitkomst == r.norm
        if deelmaand.links:
            assert bedragen_in(deelmaand.links) == [norm.uitkomst]
    else:
        assert norm.uitkomst == r.norm and "deelmaand" not in per_soort
    [bijstand] = per_soort["bijstand"]
    assert bijstand.uitkomst == r.bijstand
    if r.bijstand and r.inkomsten:
        inkomsten = per_soort.get("inkomsten") or per_soort["inkomen"]
        assert inkomsten[-1].uitkomst == r.inkomsten
        if r.vrijlating:
            vrijlating = (
                per_soort.get("vrijlating_samen")
                or per_soort.get("maximum")
                or per_soort["vrijlating"]
            )
            assert vrijlating[-1].uitkomst == r.vrijlating
            [meegeteld] = per_soort["meegeteld"]
            assert bedragen_in(meegeteld.links) == [r.inkomsten, r.vrijlating]
            assert meegeteld.uitkomst == r.in_aanmerking_genomen_inkomen
        else:
            assert "meegeteld" not in per_soort
        # norm - counted income = bijstand, with the numbers of the steps before it
        assert bedragen_in(bijstand.links) == [r.norm, r.inkomsten - r.vrijlating]
    if r.vakantietoeslag:
        [uitbetaling] = per_soort["uitbetaling"]
        assert uitbetaling.uitkomst == r.uitbetaling
        assert bedragen_in(uitbetaling.links) in ([r.bijstand, r.vakantietoeslag], [r.bijstand])


@settings(max_examples=300, deadline=None)
@given(invoeren(met_schatting=False), beleiden, st.data())
def test_elke_som_klopt_en_eindigt_in_de_uitbetaling(invoer, beleid, data):
    if data.draw(st.booleans()):  # a part month (art. 45 lid 3, P8 either way)
        laatste = invoer.maand.laatste_dag.day
        vanaf = data.draw(st.integers(1, laatste))
        tot = data.draw(st.integers(vanaf, laatste))
        invoer = replace(
            invoer,
            recht_vanaf=invoer.maand.eerste_dag + timedelta(days=vanaf - 1),
            recht_tot=invoer.maand.eerste_dag + timedelta(days=tot - 1),
        )
        methode = data.draw(st.sampled_from(list(DeelmaandMethode)))
        beleid = replace(beleid, p8_deelmaand=methode)
    r = reken(invoer, beleid)
    procent = regelset_voor(invoer.maand.eerste_dag, REGELSETS).vakantietoeslag_percentage
    stappen = stappen_van(r, inkomens(invoer, beleid), vakantiegeld_procent=procent)
    controleer(stappen, r)
    # every amount a sum starts from was shown before it (or is an income line as reported,
    # or the wage a vrijlating is a percentage of)
    getoond = {Decimal(i.bedrag) for i in invoer.inkomsten}
    getoond |= {v.inkomsten_uit_arbeid for v in r.vrijlatingen}
    for stap in stappen:
        for bedrag in bedragen_in(stap.links):
            assert bedrag in getoond, (stap, getoond)
        getoond.add(stap.uitkomst)
    if r.vakantietoeslag:
        [vakantiegeld] = [s for s in stappen if s.soort == "vakantiegeld"]
        assert vakantiegeld.uitkomst == r.vakantietoeslag and vakantiegeld.links


def test_het_voorbeeld_uit_het_issue():
    """July 2026: norm 1.419,46, wage 800,00, vrijlating 200,00 - the page said "norm 1.419,46
    min inkomsten 800,00 min vrijlating 200,00 = 600,00" beside 819,46."""
    juli = Maand(2026, 7)
    invoer = Invoer(maand=juli, aanvrager=persoon(35, juli), inkomsten=(_regel("800.00"),))
    r = reken(invoer, Beleid())
    assert (r.norm, r.vrijlating, r.bijstand) == (D("1419.46"), D("200.00"), D("819.46"))
    stappen = stappen_van(r, [Inkomen("uw loon", D("800.00"))], vakantiegeld_procent=D("5"))
    sommen = [s.som.replace("\u00a0", " ") for s in stappen if s.links]
    assert sommen == [
        "25% van € 800,00 = € 200,00",
        "€ 800,00 \u2212 € 200,00 = € 600,00",
        "€ 1.419,46 \u2212 € 600,00 = € 819,46",
        "5% van € 819,46 = € 40,97",
        "€ 819,46 \u2212 € 40,97 = € 778,49",
    ]
    controleer(stappen, r)


def test_geen_som_die_niet_klopt():
    """Income parts that do not add up to the counted income are never summed."""
    invoer = Invoer(maand=Maand(2026, 3), aanvrager=persoon(35), inkomsten=(_regel("300.00"),))
    r = reken(invoer, Beleid())
    stappen = stappen_van(r, [Inkomen("uw loon", D("250.00"))])  # wrong on purpose
    assert all("250,00" not in s.som for s in stappen)
    controleer(stappen, r)


def _regel(bedrag: str, periode: str = "maand") -> Inkomstenregel:
    return Inkomstenregel("aanvrager", "arbeid", D(bedrag), periode)


# --- the page ---------------------------------------------------------------------------------


def rekensom_van_pagina(html: str) -> list[tuple[str, Decimal, bool]]:
    """(left side, result, rounded) of every step in the page's "Zo rekenen we het uit"."""
    lijst = re.search(r'<ol[^>]*id="rekensom"[^>]*>(.*?)</ol>', html, re.S)
    assert lijst, "no rekensom on the page"
    stappen = []
    for item in re.findall(r"<li[^>]*>(.*?)</li>", lijst[1], re.S):
        som = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item.split("</p>")[1])).strip()
        afgerond = "(afgerond op hele centen)" in som
        som = som.replace("(afgerond op hele centen)", "").strip()
        links, _, rechts = som.rpartition(" = ")
        stappen.append((links, waarde(rechts), afgerond))
    return stappen


def dd(html: str, label: str) -> Decimal:
    treffer = re.search(rf"<dt>{re.escape(label)}</dt>\s*<dd><strong>({BEDRAG})</strong>", html)
    assert treffer, label
    return waarde(treffer[1])


def uitkomst_invoer(data: dict) -> set[Decimal]:
    """The amounts the burger typed in (the inputs of the sums)."""
    return {waarde(data[v]) for v in ("bedrag", "partner_bedrag") if data.get(v)}


def _geval(rng: random.Random) -> dict:
    vier = rng.random() < 0.3
    return {
        "bedrag": f"{rng.randint(0, 250_000) / 100:.2f}".replace(".", ","),
        "periode": "vier_weken" if vier else "maand",
    }


@pytest.mark.parametrize("zaad", [1, 2, 3])
@pytest.mark.parametrize("huishouden", ["alleen", "partner", "kostendeler"])
def test_pagina_sommen_kloppen_met_de_bedragen(burger_client, dossier, huishouden, zaad):
    if huishouden == "partner":
        lid(dossier, HuishoudenLid.Rol.PARTNER, date(1988, 1, 1))
    elif huishouden == "kostendeler":
        lid(dossier, HuishoudenLid.Rol.MEDEBEWONER, date(1970, 2, 2))
    rng = random.Random(f"{huishouden}-{zaad}")
    for _ in range(4):
        data = _geval(rng)
        if huishouden == "partner" and rng.random() < 0.7:
            data["partner_bedrag"] = str(rng.randint(1, 1500))
        response = burger_client.post(URL, data)
        assert response.status_code == 200
        html = response.content.decode()
        uitkomst = response.context["uitkomst"]
        stappen = rekensom_van_pagina(html)
        for links, rechts, afgerond in stappen:
            if links:
                assert klopt(links, rechts, afgerond), (data, links, rechts)
        resultaten = [r for _, r, _ in stappen]
        # each sum starts from amounts the page showed before it (or the wage typed in)
        getoond = uitkomst_invoer(data)
        for links, rechts, _ in stappen:
            for bedrag in re.findall(BEDRAG, links):
                assert waarde(bedrag) in getoond, (data, links)
            getoond.add(rechts)
        assert uitkomst.van_gemeente in resultaten
        if uitkomst.geen_bijstand:
            assert resultaten[-1] == 0
            continue
        # the amounts in the box above are the results of the sums below
        assert dd(html, "Van de gemeente krijgt u") == uitkomst.van_gemeente
        assert dd(html, "Deel van uw loon dat u extra mag houden") == uitkomst.extra_houden
        assert dd(html, "Uw geld in totaal (loon en geld van de gemeente)") == resultaten[-1]
        assert stappen[-1][0]  # loon + van de gemeente, written out
        if uitkomst.extra_houden:
            assert uitkomst.extra_houden in resultaten


def test_pagina_voorbeeld_800(burger_client):
    """The issue's case in words: the vrijlating is taken off the income, not off the norm."""
    inhoud = tekst(burger_client.post(URL, {"bedrag": "800", "periode": "maand"}))
    assert "Zo rekenen we het uit" in inhoud
    assert "min inkomsten" not in inhoud and "min vrijlating" not in inhoud
    assert "25% van € 800,00 = € 200,00" in inhoud
    assert "€ 800,00 \u2212 € 200,00 = € 600,00" in inhoud
    assert "Dit deel telt mee. Dat halen we van uw norm af" in inhoud
    norm = re.search(r"Uw norm per maand is: (€ [\d.,]+)", inhoud)[1]
    bijstand = waarde(norm) - Decimal("600.00")
    assert f"{norm} \u2212 € 600,00 = € {bedrag_nl(bijstand)}" in inhoud
    assert f"Van de gemeente krijgt u € {bedrag_nl(bijstand - afronden(bijstand / 20))}" in inhoud
