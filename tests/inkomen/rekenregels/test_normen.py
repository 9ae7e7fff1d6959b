"""Norm tables §1.2-§1.4, the kostendelers table §2.1 and the §2.2 asymmetry example."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from inkomen.rekenregels import (
    STANDAARD_BELEID,
    STANDAARD_REGELSETS,
    Afronding,
    Beleid,
    Maand,
    OngeldigeInvoer,
    Regelset,
    VakantietoeslagSplitsing,
    kostendelersnorm,
    regelset_voor,
    standaard_beleid,
)
from tests.inkomen.rekenregels.hulp import (
    REGELSETS,
    D,
    gebruikt,
    invoer,
    kind,
    medebewoner,
    persoon,
    reken,
)

DATA = {
    "2025-01": date(2025, 1, 1),
    "2025-07": date(2025, 7, 1),
    "2026-01": date(2026, 1, 1),
    "2026-07": date(2026, 7, 1),
}


def maand(sleutel: str) -> Maand:
    return Maand.uit_tekst(sleutel)


# §1.2: (date, category) -> (incl. VT, excl. VT, VT part)
TABEL_1_2 = [
    ("2025-01", "alleenstaande", "1345.45", "1278.18", "67.27"),
    ("2025-01", "gehuwden", "1922.07", "1825.97", "96.10"),
    ("2025-07", "alleenstaande", "1369.06", "1300.61", "68.45"),
    ("2025-07", "gehuwden", "1955.80", "1858.01", "97.79"),
    ("2026-01", "alleenstaande", "1401.50", "1331.43", "70.07"),
    ("2026-01", "gehuwden", "2002.13", "1902.02", "100.11"),
    ("2026-07", "alleenstaande", "1419.46", "1348.49", "70.97"),
    ("2026-07", "gehuwden", "2027.79", "1926.40", "101.39"),
]


@pytest.mark.parametrize(("sleutel", "categorie", "incl", "excl", "vt"), TABEL_1_2)
def test_tabel_1_2_normen_en_splitsing(sleutel, categorie, incl, excl, vt):
    m = maand(sleutel)
    partner = persoon(35, m) if categorie == "gehuwden" else None
    beleid = Beleid(p2_vakantietoeslag_splitsing=VakantietoeslagSplitsing.EXCL_EERST)
    r = reken(invoer(maand=m, aanvrager=persoon(40, m), partner=partner), beleid)
    assert r.norm == D(incl)
    assert r.bijstand == D(incl)
    assert r.uitbetaling == D(excl)
    assert r.vakantietoeslag == D(vt)


@pytest.mark.parametrize(("sleutel", "categorie", "incl", "excl", "vt"), TABEL_1_2)
def test_tabel_1_2_vt_eerst_wijkt_alleen_af_bij_halve_cent(sleutel, categorie, incl, excl, vt):
    m = maand(sleutel)
    partner = persoon(35, m) if categorie == "gehuwden" else None
    r = reken(invoer(maand=m, aanvrager=persoon(40, m), partner=partner))
    if incl == "1401.50":  # 5 % is exactly 70,075
        assert (r.uitbetaling, r.vakantietoeslag) == (D("1331.42"), D("70.08"))
    else:
        assert (r.uitbetaling, r.vakantietoeslag) == (D(excl), D(vt))


@pytest.mark.parametrize(
    ("sleutel", "alleen", "gehuwd"),
    [
        ("2025-01", "1501.07", "2053.48"),
        ("2025-07", "1530.21", "2094.98"),
        ("2026-01", "1564.69", "2144.16"),
        ("2026-07", "1587.34", "2176.10"),
    ],
)
def test_tabel_1_3_aow_leeftijd(sleutel, alleen, gehuwd):
    m = maand(sleutel)
    assert reken(invoer(maand=m, aanvrager=persoon(70, m))).norm == D(alleen)
    beiden = reken(invoer(maand=m, aanvrager=persoon(70, m), partner=persoon(68, m)))
    assert beiden.norm == D(gehuwd)
    # art. 22 onder c: the aanvrager is under AOW age, the partner has reached it
    een = reken(invoer(maand=m, aanvrager=persoon(60, m), partner=persoon(68, m)))
    assert een.norm == D(gehuwd)
    assert een.regels[0].artikel == "art. 22 onder c Participatiewet"


def test_aow_leeftijd_67_op_de_eerste_van_de_maand():
    m = Maand(2026, 3)
    net_67 = invoer(maand=m, aanvrager=replace(persoon(), geboortedatum=date(1959, 3, 1)))
    bijna = invoer(maand=m, aanvrager=replace(persoon(), geboortedatum=date(1959, 3, 2)))
    assert reken(net_67).norm == D("1564.69")
    assert reken(bijna).norm == D("1401.50")


# §1.4: alleenstaande; both young (no kids / kids); one young (no kids / kids)
TABEL_1_4 = [
    ("2025-01", "332.17", "664.34", "1048.75", "1293.21", "1677.62"),
    ("2025-07", "337.98", "675.96", "1067.12", "1315.88", "1707.04"),
    ("2026-01", "345.99", "691.98", "1092.41", "1347.06", "1747.49"),
    ("2026-07", "350.42", "700.84", "1106.40", "1364.32", "1769.88"),
]


@pytest.mark.parametrize(("sleutel", "alleen", "jj", "jj_k", "jo", "jo_k"), TABEL_1_4)
def test_tabel_1_4_jongerennormen(sleutel, alleen, jj, jj_k, jo, jo_k):
    m = maand(sleutel)
    jong, oud = persoon(19, m), persoon(30, m)
    kinderen = [kind(1, m)]
    assert reken(invoer(maand=m, aanvrager=jong)).norm == D(alleen)
    assert reken(invoer(maand=m, aanvrager=jong, kinderen=kinderen)).norm == D(alleen)
    # the kostendelersnorm does not apply under 21
    r = reken(invoer(maand=m, aanvrager=jong, medebewoners=[medebewoner(45, m)]))
    assert (r.norm, r.kostendelersnorm_toegepast) == (D(alleen), False)
    assert reken(invoer(maand=m, aanvrager=jong, partner=persoon(20, m))).norm == D(jj)
    assert reken(
        invoer(maand=m, aanvrager=jong, partner=persoon(18, m), kinderen=kinderen)
    ).norm == D(jj_k)
    assert reken(invoer(maand=m, aanvrager=jong, partner=oud)).norm == D(jo)
    assert reken(invoer(maand=m, aanvrager=oud, partner=jong, kinderen=kinderen)).norm == D(jo_k)


@pytest.mark.parametrize(
    ("sleutel", "zonder", "met"),
    [
        ("2025-07", "1315.88", "1707.04"),  # 337,98 + 977,90 / 729,14 + 977,90
        ("2026-01", "1347.06", "1747.49"),
        ("2026-07", "1364.32", "1769.88"),
    ],
)
def test_art_22a_lid_3_jonge_partner_met_kostendelers(sleutel, zonder, met):
    m = maand(sleutel)
    basis = {"maand": m, "aanvrager": persoon(30, m), "partner": persoon(19, m)}
    kd = [medebewoner(50, m)]
    r = reken(invoer(**basis, medebewoners=kd))
    assert (r.norm, r.kostendelers) == (D(zonder), 2)
    assert reken(invoer(**basis, medebewoners=kd, kinderen=[kind(2, m)])).norm == D(met)
    # A = 3 for the older partner: young amount + 43 1/3 % of the gehuwdennorm
    drie = reken(invoer(**basis, medebewoners=[*kd, medebewoner(60, m)]))
    assert drie.norm < r.norm


def test_art_22a_lid_3_niet_vastgelegd_voor_1_1_2025():
    m = maand("2025-01")
    with pytest.raises(OngeldigeInvoer) as fout:
        reken(
            invoer(
                maand=m,
                aanvrager=persoon(30, m),
                partner=persoon(19, m),
                medebewoners=[medebewoner(50, m)],
            )
        )
    assert "medebewoners" in fout.value.fouten


# §2.1 table: A -> norm per date
TABEL_2_1 = {
    "2025-01": {2: "961.04", 3: "832.90", 4: "768.83", 5: "730.39"},
    "2025-07": {2: "977.90", 3: "847.51", 4: "782.32", 5: "743.20"},
    "2026-01": {2: "1001.07", 3: "867.59", 4: "800.85", 5: "760.81"},
    "2026-07": {2: "1013.90", 3: "878.71", 4: "811.12", 5: "770.56"},
}


@pytest.mark.parametrize(
    ("sleutel", "aantal", "bedrag"),
    [(s, a, b) for s, rij in TABEL_2_1.items() for a, b in rij.items()],
)
def test_tabel_2_1_kostendelersnorm(sleutel, aantal, bedrag):
    m = maand(sleutel)
    medebewoners = [medebewoner(30 + i, m) for i in range(aantal - 1)]
    r = reken(invoer(maand=m, aanvrager=persoon(35, m), medebewoners=medebewoners))
    assert (r.kostendelers, r.norm, r.kostendelersnorm_toegepast) == (aantal, D(bedrag), True)
    assert any(
        regel.artikel == "art. 22a lid 1 Participatiewet" and regel.bedrag == D(bedrag)
        for regel in r.regels
    )


def test_tabel_2_1_halve_centen_half_even():
    half_even = Beleid(p2_afronding=Afronding.HALF_EVEN)
    regelset_2026 = regelset_voor(date(2026, 1, 1), REGELSETS)
    regelset_2026_07 = regelset_voor(date(2026, 7, 1), REGELSETS)
    regelset_2025 = regelset_voor(date(2025, 1, 1), REGELSETS)
    assert kostendelersnorm(2, D("2002.13"), regelset_2026, half_even) == D("1001.06")
    # 1.013,895: §2.1 says banker's rounding gives 1.013,89, but the even neighbour of
    # 1.013,895 is 1.013,90 (half-even rounds 9 up to 0); both modes give 1.013,90.
    assert kostendelersnorm(2, D("2027.79"), regelset_2026_07, half_even) == D("1013.90")
    # 961,035: half-up and half-even agree
    assert kostendelersnorm(2, D("1922.07"), regelset_2025, half_even) == D("961.04")


def test_kostendelersnorm_exacte_breuk_gemeente_venray():
    regelset = regelset_voor(date(2026, 1, 1), REGELSETS)
    assert kostendelersnorm(3, D("1738.02"), regelset, Beleid()) == D("753.14")
    assert kostendelersnorm(6, D("1738.02"), regelset, Beleid()) == D("637.27")


def test_a_is_1_wordt_niet_afgeleid():
    r = reken(invoer())
    assert r.norm == D("1401.50")
    assert kostendelersnorm(1, D("2002.13"), REGELSETS[2], Beleid()) == D("1401.49")


def test_asymmetrie_2_2():
    m = maand("2026-03")
    a = reken(invoer(maand=m, aanvrager=persoon(50, m), medebewoners=[medebewoner(26, m)]))
    b = reken(invoer(maand=m, aanvrager=persoon(26, m), medebewoners=[medebewoner(50, m)]))
    assert (a.kostendelers, a.norm) == (1, D("1401.50"))
    assert (b.kostendelers, b.norm) == (2, D("1001.07"))


@pytest.mark.parametrize(
    ("kwargs", "telt"),
    [
        ({"student": True}, False),
        ({"commerciele_huur": True}, False),
        ({"commerciele_huur": True, "familie_eerste_of_tweede_graad": True}, True),
        ({"familie_eerste_of_tweede_graad": True}, True),
        ({}, True),
    ],
)
def test_uitzonderingen_art_19a(kwargs, telt):
    r = reken(invoer(medebewoners=[medebewoner(40, **kwargs)]))
    assert r.kostendelers == (2 if telt else 1)


def test_gehuwden_zonder_kostendelers_krijgen_de_gehuwdennorm():
    r = reken(invoer(partner=persoon(33)))
    assert (r.norm, r.kostendelers, r.kostendelersnorm_toegepast) == (D("2002.13"), 2, False)
    assert r.leefvorm == "gehuwden"


def test_gehuwden_met_kostendelers_som_per_partner():
    r = reken(invoer(partner=persoon(33), medebewoners=[medebewoner(30)]))
    assert (r.kostendelers, r.norm) == (3, D("1735.18"))  # 2 x 867,59 (art. 22a lid 2)


def test_gehuwden_afronding_per_persoon_of_over_de_som():
    m = maand("2025-01")
    inv = invoer(maand=m, aanvrager=persoon(40, m), partner=persoon(40, m))
    inv = replace(inv, medebewoners=(medebewoner(30, m),))
    assert reken(inv).norm == D("1665.80")  # 2 x 832,90
    over_som = Beleid(p2_kostendelersnorm_per_persoon_afronden=False)
    assert reken(inv, over_som).norm == D("1665.79")  # 2 x 832,8970 = 1.665,794


def test_partnerinkomen_telt_en_beide_partners_eigen_vrijlating():
    r = reken(
        invoer(
            partner=persoon(40),
            inkomsten=[arbeid_regel("400.00"), arbeid_regel("600.00", "partner")],
            vrijlating_maanden_gebruikt={"aanvrager": {"n": 0}, "partner": {"n": 3}},
        )
    )
    assert r.inkomsten == D("1000.00")
    assert r.vrijlating == D("250.00")
    assert r.bijstand == D("1252.13")
    assert {(v.persoon, v.bedrag, v.maandnummer) for v in r.vrijlatingen} == {
        ("aanvrager", D("100.00"), 1),
        ("partner", D("150.00"), 4),
    }
    assert any(regel.omschrijving.endswith("(partner)") for regel in r.regels)


def arbeid_regel(bedrag: str, wie: str = "aanvrager"):
    from tests.inkomen.rekenregels.hulp import arbeid

    return arbeid(bedrag, wie)


# regelsets as data


def test_regelset_voor_kiest_de_geldende():
    assert regelset_voor(date(2025, 6, 30), REGELSETS).geldig_vanaf == date(2025, 1, 1)
    assert regelset_voor(date(2025, 7, 1), REGELSETS).geldig_vanaf == date(2025, 7, 1)
    assert regelset_voor(date(2026, 3, 1), REGELSETS).geldig_vanaf == date(2026, 1, 1)
    assert regelset_voor(date(2031, 1, 1), REGELSETS).geldig_vanaf == date(2026, 7, 1)
    assert regelset_voor(date(2026, 3, 1), reversed(REGELSETS)).geldig_vanaf == date(2026, 1, 1)
    assert regelset_voor(date(2027, 1, 1), standaard_beleid()) == Beleid()


def test_regelset_voor_te_vroeg():
    with pytest.raises(OngeldigeInvoer) as fout:
        regelset_voor(date(2024, 12, 31), REGELSETS)
    assert list(fout.value.fouten) == ["maand"]


@pytest.mark.parametrize(
    ("sleutel", "n", "r", "y", "z"),
    [
        ("2025-01", "273.00", "170.61", "173.04", "170.18"),
        ("2025-07", "278.00", "173.87", "176.35", "176.35"),
        ("2026-01", "285.00", "177.66", "180.19", "180.19"),
        ("2026-07", "285.00", "177.66", "180.19", "180.19"),
    ],
)
def test_vrijlatingsmaxima(sleutel, n, r, y, z):
    regelset = regelset_voor(DATA[sleutel], REGELSETS)
    assert regelset.vrijlating("n").maximum == D(n)
    assert (regelset.vrijlating("n").percentage, regelset.vrijlating("n").max_maanden) == (25, 6)
    assert regelset.vrijlating("r").maximum == D(r)
    assert (regelset.vrijlating("r").percentage, regelset.vrijlating("r").max_maanden) == (
        D("12.5"),
        30,
    )
    assert regelset.vrijlating("y").maximum == D(y)
    assert regelset.vrijlating("y").max_maanden is None
    assert regelset.vrijlating("z").maximum == D(z)
    assert regelset.vrijlating("aa").maximum == D(z)
    assert regelset.vakantietoeslag_percentage == 5
    assert (
        regelset.kostendelers_basispercentage,
        regelset.kostendelers_percentage_per_persoon,
    ) == (
        40,
        30,
    )
    assert (regelset.vrijlating("34a") is not None) == sleutel.startswith("2026")


def test_standaarddata_is_platte_json_en_rondreis():
    json.dumps(STANDAARD_REGELSETS)
    json.dumps(STANDAARD_BELEID)
    for regelset in REGELSETS:
        assert Regelset.van_dict(json.loads(json.dumps(regelset.als_dict()))) == regelset
    beleid = Beleid(p1_vrijlating_boven_norm="b", p6_gedoog_34a_onder_27=True)
    assert Beleid.van_dict(beleid.als_dict()) == beleid
    assert [r.geldig_vanaf for r in REGELSETS] == list(DATA.values())


def test_regelset_van_dict_met_fouten():
    data = dict(STANDAARD_REGELSETS[0], onzin=1)
    with pytest.raises(OngeldigeInvoer) as fout:
        Regelset.van_dict(data)
    assert "onzin" in fout.value.fouten
    with pytest.raises(OngeldigeInvoer) as fout:
        Regelset.van_dict(dict(STANDAARD_REGELSETS[0], norm_alleenstaande="veel"))
    assert "norm_alleenstaande" in fout.value.fouten
    with pytest.raises(OngeldigeInvoer) as fout:
        Beleid.van_dict({"p1_vrijlating_boven_norm": "c", "p9": 1})
    assert set(fout.value.fouten) == {"p1_vrijlating_boven_norm", "p9"}


def test_gewijzigde_regelset_wordt_gebruikt():
    """A functioneel beheerder's edit (new data) is what the calculation uses."""
    regelset = replace(REGELSETS[2], norm_alleenstaande=D("1500.00"))
    r = reken(invoer(vrijlating_maanden_gebruikt=gebruikt(n=0)), regelset=regelset)
    assert r.norm == D("1500.00")
