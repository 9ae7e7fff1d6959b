"""Every worked example of §8 of domain/verrekening.md, with the exact figures of the file."""

from __future__ import annotations

from datetime import date

import pytest

from inkomen.rekenregels import (
    Afronding,
    Beleid,
    Kind,
    Maand,
    Regel,
    VakantietoeslagSplitsing,
    VierWekenOmrekening,
    VrijlatingBovenNorm,
)
from tests.inkomen.rekenregels.hulp import (
    REGELSETS,
    D,
    arbeid,
    gebruikt,
    invoer,
    kind,
    medebewoner,
    persoon,
    reken,
)

N = D("1401.50")
REGELSET_2026 = next(r for r in REGELSETS if r.geldig_vanaf == date(2026, 1, 1))


def test_voorbeeld_1_geen_inkomen():
    r = reken(invoer())
    assert r.norm == N
    assert r.kostendelers == 1
    assert r.inkomsten == D("0.00")
    assert r.bijstand == D("1401.50")
    assert r.vakantietoeslag == D("70.08")
    assert r.uitbetaling == D("1331.42")
    assert r.correctie is None


def test_voorbeeld_1_alternatieve_afronding_excl_eerst():
    beleid = Beleid(p2_vakantietoeslag_splitsing=VakantietoeslagSplitsing.EXCL_EERST)
    r = reken(invoer(), beleid)
    assert (r.uitbetaling, r.vakantietoeslag) == (D("1331.43"), D("70.07"))


def test_voorbeeld_2_onder_het_maximum():
    r = reken(invoer(inkomsten=[arbeid("600.00")], vrijlating_maanden_gebruikt=gebruikt(n=1)))
    assert r.vrijlating == D("150.00")
    assert r.vrijlating_per_soort == {"n": D("150.00")}
    assert r.in_aanmerking_genomen_inkomen == D("450.00")
    assert r.bijstand == D("951.50")
    assert r.vakantietoeslag == D("47.58")
    assert r.uitbetaling == D("903.92")
    assert D("600.00") + r.bijstand == N + D("150.00")
    (v,) = r.vrijlatingen
    assert (v.soort, v.maandnummer, v.max_maanden) == ("n", 2, 6)
    assert (
        Regel(
            "art. 31 lid 2 onder n Participatiewet", "25% van 600,00, maximaal 285,00", D("150.00")
        )
        in r.regels
    )


def test_voorbeeld_2_als_contract_response():
    r = reken(invoer(inkomsten=[arbeid("600.00")], vrijlating_maanden_gebruikt=gebruikt(n=1)))
    data = r.als_dict()
    assert {k: data[k] for k in ("norm", "kostendelers", "inkomsten", "vrijlating")} == {
        "norm": "1401.50",
        "kostendelers": 1,
        "inkomsten": "600.00",
        "vrijlating": "150.00",
    }
    assert (data["bijstand"], data["vakantietoeslag"], data["uitbetaling"]) == (
        "951.50",
        "47.58",
        "903.92",
    )
    assert data["correctie"] is None
    assert {
        "artikel": "art. 31 lid 2 onder n Participatiewet",
        "omschrijving": "25% van 600,00, maximaal 285,00",
        "bedrag": "150.00",
    } in data["regels"]


def test_voorbeeld_3_boven_het_maximum():
    r = reken(invoer(inkomsten=[arbeid("1300.00")], vrijlating_maanden_gebruikt=gebruikt(n=1)))
    assert r.vrijlating == D("285.00")
    assert r.in_aanmerking_genomen_inkomen == D("1015.00")
    assert r.bijstand == D("386.50")
    assert r.vakantietoeslag == D("19.33")
    assert r.uitbetaling == D("367.17")


def test_voorbeeld_4_vrijlating_verlopen_zevende_maand():
    r = reken(invoer(inkomsten=[arbeid("600.00")], vrijlating_maanden_gebruikt=gebruikt(n=6)))
    assert r.vrijlating == D("0.00")
    assert r.vrijlatingen == ()
    assert r.bijstand == D("801.50")
    assert r.vakantietoeslag == D("40.08")
    assert r.uitbetaling == D("761.42")


def test_voorbeeld_5_inkomen_boven_de_norm_klif():
    r = reken(invoer(inkomsten=[arbeid("1450.00")], vrijlating_maanden_gebruikt=gebruikt(n=2)))
    assert r.bijstand == D("0.00")
    assert r.vrijlating == D("0.00")
    assert r.vrijlatingen == ()
    assert (r.vakantietoeslag, r.uitbetaling) == (D("0.00"), D("0.00"))
    assert any(regel.artikel == "art. 19 lid 1 Participatiewet" for regel in r.regels)


@pytest.mark.parametrize(
    ("inkomen", "bijstand"),
    [("1401.49", "285.01"), ("1401.50", "0.00"), ("1401.51", "0.00")],
)
def test_voorbeeld_5_grens_p1a(inkomen, bijstand):
    r = reken(invoer(inkomsten=[arbeid(inkomen)], vrijlating_maanden_gebruikt=gebruikt(n=2)))
    assert r.bijstand == D(bijstand)


@pytest.mark.parametrize(
    ("inkomen", "bijstand"),
    [("1450.00", "236.50"), ("1686.49", "0.01"), ("1686.50", "0.00"), ("1700.00", "0.00")],
)
def test_voorbeeld_5_p1b_tot_norm_plus_maximum(inkomen, bijstand):
    beleid = Beleid(p1_vrijlating_boven_norm=VrijlatingBovenNorm.ZOLANG_BIJSTAND)
    r = reken(
        invoer(inkomsten=[arbeid(inkomen)], vrijlating_maanden_gebruikt=gebruikt(n=2)), beleid
    )
    assert r.bijstand == D(bijstand)
    assert r.vrijlating == (D("285.00") if r.bijstand > 0 else D("0.00"))


def test_voorbeeld_6_kostendelersnorm_twee_volwassenen():
    r = reken(
        invoer(
            aanvrager=persoon(35),
            medebewoners=[medebewoner(40, familie_eerste_of_tweede_graad=True)],
            inkomsten=[arbeid("400.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=2),
        )
    )
    assert r.kostendelers == 2
    assert r.norm == D("1001.07")
    assert r.vrijlating == D("100.00")
    assert r.bijstand == D("701.07")
    assert r.vakantietoeslag == D("35.05")
    assert r.uitbetaling == D("666.02")


def test_voorbeeld_6_half_even_geeft_een_cent_minder():
    beleid = Beleid(p2_afronding=Afronding.HALF_EVEN)
    r = reken(invoer(medebewoners=[medebewoner(40)]), beleid)
    assert r.norm == D("1001.06")


def test_voorbeeld_6a_zus_van_25_is_geen_kostendeler():
    r = reken(
        invoer(
            medebewoners=[medebewoner(25)],
            inkomsten=[arbeid("400.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=2),
        )
    )
    assert r.kostendelers == 1
    assert r.norm == N
    assert r.bijstand == D("1101.50")


def test_voorbeeld_7_kostendelersnorm_drie_volwassenen():
    r = reken(invoer(aanvrager=persoon(50), medebewoners=[medebewoner(28), medebewoner(31)]))
    assert r.kostendelers == 3
    assert r.norm == D("867.59")
    assert r.norm != D("867.52")  # 43,33 % instead of the exact 130/3 %


def test_voorbeeld_7a_geen_inkomen():
    r = reken(invoer(aanvrager=persoon(50), medebewoners=[medebewoner(28), medebewoner(31)]))
    assert r.bijstand == D("867.59")
    assert r.vakantietoeslag == D("43.38")
    assert r.uitbetaling == D("824.21")


def _ouder(**kwargs):
    return invoer(kinderen=[kind(6)], inkomsten=[arbeid("900.00")], **kwargs)


def test_voorbeeld_8a_alleenstaande_ouder_maand_3_n():
    r = reken(_ouder(vrijlating_maanden_gebruikt=gebruikt(n=2)))
    assert r.leefvorm == "alleenstaande ouder"
    assert r.norm == N
    assert r.vrijlating_per_soort == {"n": D("225.00")}
    assert r.bijstand == D("726.50")
    assert r.vakantietoeslag == D("36.33")
    assert r.uitbetaling == D("690.17")


def test_voorbeeld_8b_alleenstaande_ouder_r_na_n():
    # Not worked out in the file ("8b" is missing); by hand: 12,5 % x 900 = 112,50 <= 177,66,
    # bijstand = 1.401,50 - 787,50 = 614,00; VT 30,70; maand 583,30.
    r = reken(_ouder(vrijlating_maanden_gebruikt=gebruikt(n=6, r=0)))
    (v,) = r.vrijlatingen
    assert (v.soort, v.bedrag, v.maandnummer, v.max_maanden) == ("r", D("112.50"), 1, 30)
    assert r.bijstand == D("614.00")
    assert (r.vakantietoeslag, r.uitbetaling) == (D("30.70"), D("583.30"))
    assert any(regel.omschrijving == "12,5% van 900,00, maximaal 177,66" for regel in r.regels)


def test_voorbeeld_8c_maand_37_r_uitgeput():
    r = reken(_ouder(vrijlating_maanden_gebruikt=gebruikt(n=6, r=30)))
    assert r.vrijlating == D("0.00")
    assert r.bijstand == D("501.50")
    assert r.vakantietoeslag == D("25.08")
    assert r.uitbetaling == D("476.42")


def test_voorbeeld_8d_r_stopt_als_jongste_kind_12_wordt():
    kinderen = [Kind(date(2014, 3, 15))]  # turns 12 on 15 March 2026
    teller = gebruikt(n=6, r=10)
    maart = reken(
        invoer(kinderen=kinderen, inkomsten=[arbeid("900.00")], vrijlating_maanden_gebruikt=teller)
    )
    april_maand = Maand(2026, 4)
    april = reken(
        invoer(
            maand=april_maand,
            aanvrager=persoon(35, april_maand),
            kinderen=kinderen,
            inkomsten=[arbeid("900.00")],
            vrijlating_maanden_gebruikt=teller,
        )
    )
    assert maart.vrijlating_per_soort == {"r": D("112.50")}  # 11 on the peildatum 1 March
    assert april.vrijlating == D("0.00")
    assert april.bijstand == D("501.50")


def _vier_weken(maand: int, aantal_betaaldagen: int, beleid: Beleid):
    m = Maand(2026, maand)
    regels = [arbeid("520.00", periode="vier_weken")] * aantal_betaaldagen
    return reken(
        invoer(
            maand=m,
            aanvrager=persoon(35, m),
            inkomsten=regels,
            vrijlating_maanden_gebruikt=gebruikt(n=6),
        ),
        beleid,
        regelset=REGELSET_2026,  # §8 10: the 1-1-2026 norm for the whole year
    )


BETAALDAGEN_2026 = {1: 2, **{m: 1 for m in range(2, 13)}}  # 2 and 30 January


def test_voorbeeld_10a_maandsystematiek():
    beleid = Beleid(p3_vier_weken=VierWekenOmrekening.ALS_ONTVANGEN)
    januari = _vier_weken(1, 2, beleid)
    assert januari.inkomsten == D("1040.00")
    assert (januari.bijstand, januari.vakantietoeslag, januari.uitbetaling) == (
        D("361.50"),
        D("18.08"),
        D("343.42"),
    )
    februari = _vier_weken(2, 1, beleid)
    assert (februari.bijstand, februari.vakantietoeslag, februari.uitbetaling) == (
        D("881.50"),
        D("44.08"),
        D("837.42"),
    )
    totaal = sum(_vier_weken(m, n, beleid).bijstand for m, n in BETAALDAGEN_2026.items())
    assert totaal == D("10058.00")


def test_voorbeeld_10b_dertien_twaalfde():
    beleid = Beleid()  # 13/12 is the default
    maart = _vier_weken(3, 1, beleid)
    assert maart.inkomsten == D("563.33")
    assert (maart.bijstand, maart.vakantietoeslag, maart.uitbetaling) == (
        D("838.17"),
        D("41.91"),
        D("796.26"),
    )
    assert any("520,00 × 13 / 12" in regel.omschrijving for regel in maart.regels)
    # the 13th payment (30 January) is not set off again: one line per month
    totaal = sum(_vier_weken(m, 1, beleid).bijstand for m in range(1, 13))
    assert totaal == D("10058.04")


def test_voorbeeld_11_schatting_te_laag():
    r = reken(
        invoer(
            inkomsten=[arbeid("450.00")],
            geschatte_inkomsten=[arbeid("300.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6),
        )
    )
    assert r.voorlopig is not None
    assert r.voorlopig.bijstand == D("1101.50")
    assert r.bijstand == D("951.50")
    assert r.correctie == D("-150.00")
    assert r.als_dict()["correctie"] == "-150.00"
    assert r.regels[-1].artikel == "art. 58 lid 4 Participatiewet"
    assert r.correctie == (r.uitbetaling - r.voorlopig.uitbetaling) + r.correctie_vakantietoeslag


def test_schatting_te_hoog_geeft_nabetaling():
    r = reken(
        invoer(
            inkomsten=[arbeid("300.00")],
            geschatte_inkomsten=[arbeid("450.00")],
            vrijlating_maanden_gebruikt=gebruikt(n=6),
        )
    )
    assert r.correctie == D("150.00")
    assert "nabetaling" in r.regels[-1].omschrijving
