"""The vakantietoeslag when the bijstand ends (art. 45 lid 1 PW; services rule 7, ADR 0005).

"...dan wel binnen drie maanden volgend op de maand waarin de algemene bijstand is
beëindigd": the payment run of month(einddatum) .. month(einddatum) + 3 pays a positive VT
reservation once (with any nabetaling still open); a negative reservation becomes a vordering
once. The run of the end month pays its (prorated, art. 45 lid 3) bijstand and the VT in one
payment. Both paths of the run (bulk and per dossier) give the same figures.

Worked example (alleenstaande of 25, norm 1.401,50 of the 2026-01-01 regelset, no vrijlating n:
art. 31 lid 5): income 450,00 a month -> bijstand 951,50 incl. VT 47,58, paid 903,92. January,
February and March paid: reservation 3 x 47,58 = 142,74.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import transaction

from inkomen import betaalrun, deelmaand, selectors, services
from inkomen.models import (
    Betaalrun,
    Betaling,
    BetalingStatus,
    Boeking,
    BoekingSoort,
    RedenCode,
)

from .conftest import D

VIJFENTWINTIG = date(2000, 6, 1)  # 25 in 2026: no vrijlating (art. 31 lid 5)
JANUARI, FEBRUARI = date(2026, 1, 1), date(2026, 2, 1)
MAART, APRIL, MEI = date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)
JUNI, JULI, AUGUSTUS = date(2026, 6, 1), date(2026, 7, 1), date(2026, 8, 1)
OMSCHRIJVING = "Vakantietoeslag (einde uitkering)"


@pytest.fixture(params=[True, False], ids=["bulk", "per_dossier"])
def bulk(request, settings):
    settings.INKOMEN_BETAALRUN_BULK = request.param
    settings.INKOMEN_BETAALRUN_CHUNK = 3
    return request.param


def run(maand: date, vandaag) -> Betaalrun:
    vandaag(maand.replace(day=20))
    return betaalrun.voer_uit(maand=maand)


def betaald(dossier) -> dict[date, tuple]:
    return {
        b.maand: (b.bedrag, b.status)
        for b in Betaling.objects.filter(dossier=dossier).order_by("maand")
    }


def vt_uitbetalingen(dossier) -> list[tuple]:
    return list(
        Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VAKANTIETOESLAG_UITBETALING)
        .order_by("pk")
        .values_list("betaalmaand", "bedrag", "vakantietoeslag", "omschrijving")
    )


def beeindig(dossier, einddatum: date) -> None:
    services.wijzig_uitkering_status(
        uitkering=dossier.uitkering, naar="beeindigd", reden="werk", door=None, einddatum=einddatum
    )


@pytest.fixture
def drie_maanden(maak_dossier, opgave, vandaag):
    """A dossier from January 2026 with 450,00 income in January, February and March, with
    a colleague that keeps running (the bulk path must still pay it the ordinary way)."""
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=JANUARI)
    collega = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=JANUARI)

    def betaal_drie_maanden() -> None:
        for maand in (JANUARI, FEBRUARI, MAART):
            vandaag(maand.replace(day=5))
            opgave(dossier, maand, "450.00")
            run(maand, vandaag)
        assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == D("142.74")

    return dossier, collega, betaal_drie_maanden


@pytest.mark.django_db
class TestUitbetalingNaEinde:
    def test_einde_voor_de_run_van_de_laatste_maand(self, drie_maanden, vandaag, bulk):
        dossier, collega, betaal_drie_maanden = drie_maanden
        betaal_drie_maanden()
        vandaag(date(2026, 4, 10))
        beeindig(dossier, date(2026, 4, 15))

        april = run(APRIL, vandaag)

        # April prorated (art. 45 lid 3): 15/30 of 1.401,50 = 700,75, VT 35,04, cash 665,71;
        # with it the reservation 142,74 + 35,04 = 177,78
        assert betaald(dossier) == {
            JANUARI: (D("903.92"), BetalingStatus.OPGENOMEN),
            FEBRUARI: (D("903.92"), BetalingStatus.OPGENOMEN),
            MAART: (D("903.92"), BetalingStatus.OPGENOMEN),
            APRIL: (D("843.49"), BetalingStatus.OPGENOMEN),
        }
        assert vt_uitbetalingen(dossier) == [(APRIL, D("0.00"), D("-177.78"), OMSCHRIJVING)]
        uitbetaling = Boeking.objects.get(
            dossier=dossier, maand=APRIL, soort=BoekingSoort.UITBETALING_VOORLOPIG
        )
        assert (uitbetaling.bedrag, uitbetaling.vakantietoeslag) == (D("700.75"), D("35.04"))
        assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0
        assert april.totaal_bedrag == D("843.49") + D("1331.42")  # + the colleague
        assert april.aantal_betalingen == 2

        # rerun of the finished month, its chunk delivered again, the rest of the window
        # (May is also the ordinary VT month) and the month after it: nothing paid again
        boekingen = Boeking.objects.filter(dossier=dossier).count()
        betaalrun.voer_uit(maand=APRIL)
        betaalrun.verwerk_chunk(betaalrun_id=april.pk, dossier_ids=[dossier.pk], nummer=0)
        for maand in (MEI, JUNI, JULI, AUGUSTUS):
            run(maand, vandaag)
            assert dossier.pk not in betaalrun.te_betalen_dossiers(maand)
        assert set(betaald(dossier)) == {JANUARI, FEBRUARI, MAART, APRIL}
        assert Boeking.objects.filter(dossier=dossier).count() == boekingen
        assert len(vt_uitbetalingen(dossier)) == 1
        # the colleague got the ordinary May payout (4 x 70,08 reserved January-April + May)
        assert Betaling.objects.get(dossier=collega, maand=MEI).bedrag == D("1331.42") + 5 * D(
            "70.08"
        )

    def test_einde_per_het_einde_van_de_maand_betaalt_die_maand_nog(
        self, drie_maanden, vandaag, bulk
    ):
        dossier, _collega, betaal_drie_maanden = drie_maanden
        betaal_drie_maanden()
        vandaag(date(2026, 4, 10))
        beeindig(dossier, date(2026, 4, 30))  # registered ahead: April is fully covered

        run(APRIL, vandaag)

        # April is paid as bijstand (no income reported: 1.401,50 incl. VT 70,08) and, being
        # the end month, with the reservation incl. April: 142,74 + 70,08 = 212,82
        assert betaald(dossier)[APRIL] == (D("1331.42") + D("212.82"), BetalingStatus.OPGENOMEN)
        assert vt_uitbetalingen(dossier) == [(APRIL, D("0.00"), D("-212.82"), OMSCHRIJVING)]
        assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0

        for maand in (MEI, JUNI, JULI):
            run(maand, vandaag)
        assert set(betaald(dossier)) == {JANUARI, FEBRUARI, MAART, APRIL}

    def test_einde_na_de_run_van_de_laatste_maand(self, drie_maanden, vandaag, bulk):
        dossier, _collega, betaal_drie_maanden = drie_maanden
        betaal_drie_maanden()
        vandaag(date(2026, 3, 28))  # after the March run
        beeindig(dossier, date(2026, 3, 31))

        run(APRIL, vandaag)  # month(einddatum) + 1

        assert betaald(dossier)[APRIL] == (D("142.74"), BetalingStatus.OPGENOMEN)
        assert vt_uitbetalingen(dossier) == [(APRIL, D("0.00"), D("-142.74"), OMSCHRIJVING)]
        run(MEI, vandaag)
        assert MEI not in betaald(dossier)

    @pytest.mark.parametrize(
        ("maand", "betaalt"), [(JUNI, True), (JULI, False)], ids=["plus_3", "plus_4"]
    )
    def test_binnen_drie_maanden_na_de_maand_van_het_einde(
        self, drie_maanden, vandaag, bulk, maand, betaalt
    ):
        """No run between the end and ``maand``: the last month of the window still pays,
        the month after it does not (the reservation stays, for a consulent)."""
        dossier, _collega, betaal_drie_maanden = drie_maanden
        betaal_drie_maanden()
        vandaag(date(2026, 3, 28))
        beeindig(dossier, date(2026, 3, 31))

        run(maand, vandaag)

        if betaalt:
            assert betaald(dossier)[maand] == (D("142.74"), BetalingStatus.OPGENOMEN)
            assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0
        else:
            assert maand not in betaald(dossier)
            assert dossier.pk not in betaalrun.te_betalen_dossiers(maand)
            assert vt_uitbetalingen(dossier) == []
            assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == D("142.74")

    def test_nabetaling_na_het_einde_gaat_mee(self, maak_dossier, opgave, vandaag, bulk):
        """January paid on an estimate of 600,00 (bijstand 801,50, VT 40,08); the loonstrook
        (450,00) arrives after the end: nabetaling 150,00 of which VT 7,50. The April run pays
        the nabetaling's cash (142,50) and the whole reservation (40,08 + 47,58 + 47,58 +
        7,50 = 142,74): 285,24."""
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=JANUARI)
        vandaag(date(2026, 1, 5))
        schatting = opgave(dossier, JANUARI, "600.00", status="geschat")
        run(JANUARI, vandaag)
        for maand in (FEBRUARI, MAART):
            vandaag(maand.replace(day=5))
            opgave(dossier, maand, "450.00")
            run(maand, vandaag)
        assert betaald(dossier)[JANUARI] == (D("761.42"), BetalingStatus.OPGENOMEN)
        vandaag(date(2026, 3, 28))
        beeindig(dossier, date(2026, 3, 31))
        vandaag(date(2026, 4, 3))
        opgave(dossier, JANUARI, "450.00", vervangt=schatting)
        [nabetaling] = Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.NABETALING)
        assert (nabetaling.bedrag, nabetaling.vakantietoeslag) == (D("150.00"), D("7.50"))

        run(APRIL, vandaag)

        assert betaald(dossier)[APRIL] == (D("285.24"), BetalingStatus.OPGENOMEN)
        nabetaling.refresh_from_db()
        assert nabetaling.betaalmaand == APRIL
        assert selectors.open_nabetalingen(dossier_id=dossier.pk) == 0
        assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0
        run(MEI, vandaag)
        assert MEI not in betaald(dossier)

    def test_per_dossier_en_bulk_boeken_hetzelfde(self, drie_maanden, vandaag):
        dossier, collega, betaal_drie_maanden = drie_maanden
        betaal_drie_maanden()
        vandaag(date(2026, 4, 10))
        beeindig(dossier, date(2026, 4, 15))

        def vastgelegd() -> tuple:
            return (
                sorted(
                    Boeking.objects.filter(betaalmaand=APRIL).values_list(
                        "dossier_id", "maand", "soort", "bedrag", "vakantietoeslag", "omschrijving"
                    )
                ),
                sorted(
                    Betaling.objects.filter(maand=APRIL).values_list(
                        "dossier_id", "bedrag", "status", "end_to_end_id", "iban"
                    )
                ),
            )

        vandaag(date(2026, 4, 20))
        sid = transaction.savepoint()
        betaalrun.voer_uit(maand=APRIL, bulk=False)
        per_dossier = vastgelegd()
        transaction.savepoint_rollback(sid)
        assert not Betaling.objects.filter(maand=APRIL).exists()
        betaalrun.voer_uit(maand=APRIL, bulk=True)
        assert vastgelegd() == per_dossier
        bedragen = {r[0]: r[1] for r in per_dossier[1]}
        assert bedragen == {dossier.pk: D("843.49"), collega.pk: D("1331.42")}


@pytest.mark.django_db
class TestNegatieveReservering:
    """March paid on an estimate of 300,00 (bijstand 1.101,50, VT 55,08), April and May on
    450,00 (951,50, VT 47,58). May pays the reservation 150,24. In June the loonstrook of
    March (450,00) arrives: verrekeningsschuld -150,00 of which VT -7,50, so the reservation
    is -7,50. The uitkering ended on 31 May: the open schuld (142,50) becomes a vordering
    and the June run turns the -7,50 into a vordering too: 150,00 owed in total."""

    @pytest.fixture
    def negatief(self, maak_dossier, opgave, vandaag):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
        vandaag(date(2026, 3, 5))
        schatting = opgave(dossier, MAART, "300.00", status="geschat")
        run(MAART, vandaag)
        for maand in (APRIL, MEI):
            vandaag(maand.replace(day=5))
            opgave(dossier, maand, "450.00")
            run(maand, vandaag)
        assert betaald(dossier)[MEI] == (D("903.92") + D("150.24"), BetalingStatus.OPGENOMEN)
        vandaag(date(2026, 6, 3))
        opgave(dossier, MAART, "450.00", vervangt=schatting)
        assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == D("-7.50")
        beeindig(dossier, date(2026, 5, 31))
        assert selectors.openstaande_vorderingen(dossier_id=dossier.pk) == D("142.50")
        return dossier

    def test_wordt_een_vordering(self, negatief, vandaag, bulk):
        dossier = negatief
        aantal = Betaling.objects.filter(dossier=dossier).count()

        juni = run(JUNI, vandaag)

        [vordering] = Boeking.objects.filter(
            dossier=dossier, soort=BoekingSoort.VORDERING, bedrag=0
        )
        assert (vordering.maand, vordering.vakantietoeslag, vordering.kasbedrag) == (
            JUNI,
            D("7.50"),
            D("-7.50"),
        )
        assert vordering.reden_code == RedenCode.ART_58_LID_2
        assert vordering.betaalmaand is None
        assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0
        assert selectors.openstaande_vorderingen(dossier_id=dossier.pk) == D("150.00")
        assert Betaling.objects.filter(dossier=dossier).count() == aantal  # nothing paid
        assert juni.aantal_betalingen == 0

        # once: rerun, the rest of the window
        betaalrun.verwerk_chunk(betaalrun_id=juni.pk, dossier_ids=[dossier.pk], nummer=0)
        for maand in (JULI, AUGUSTUS):
            run(maand, vandaag)
        assert Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VORDERING).count() == 2
        assert selectors.openstaande_vorderingen(dossier_id=dossier.pk) == D("150.00")

    def test_vordering_verandert_het_recht_van_geen_maand(self, negatief, vandaag, bulk):
        dossier = negatief
        run(JUNI, vandaag)
        aantal = Boeking.objects.filter(dossier=dossier).count()
        for maand in (MAART, APRIL, MEI):
            uitkomst = services.herbereken_maand(dossier_id=dossier.pk, maand=maand)
            assert uitkomst.boekingen == []
        assert Boeking.objects.filter(dossier=dossier).count() == aantal
        assert selectors.recht_van_maand(dossier_id=dossier.pk, maand=JUNI) == (
            D("0"),
            D("0"),
            False,
        )


@pytest.mark.django_db
def test_boek_maandbetaling_direct_is_idempotent(drie_maanden, vandaag):
    dossier, _collega, betaal_drie_maanden = drie_maanden
    betaal_drie_maanden()
    vandaag(date(2026, 4, 10))
    beeindig(dossier, date(2026, 4, 15))

    eerste = services.boek_maandbetaling(dossier_id=dossier.pk, maand=APRIL)
    tweede = services.boek_maandbetaling(dossier_id=dossier.pk, maand=APRIL)
    mei = services.boek_maandbetaling(dossier_id=dossier.pk, maand=MEI)

    assert eerste.bedrag == tweede.bedrag == D("843.49")  # April prorated + the VT
    assert not eerste.al_geboekt and tweede.al_geboekt
    assert mei is None
    assert len(vt_uitbetalingen(dossier)) == 1


@pytest.mark.django_db
def test_venster():
    f = deelmaand.in_vakantietoeslag_einde_venster
    eind = date(2026, 3, 31)
    assert not f(status="beeindigd", einddatum=eind, maand=FEBRUARI)
    for maand in (MAART, APRIL, MEI, JUNI):
        assert f(status="beeindigd", einddatum=eind, maand=maand)
    assert not f(status="beeindigd", einddatum=eind, maand=JULI)
    assert f(status="beeindigd", einddatum=date(2026, 10, 1), maand=date(2027, 1, 1))
    assert not f(status="beeindigd", einddatum=date(2026, 10, 1), maand=date(2027, 2, 1))
    assert not f(status="lopend", einddatum=None, maand=MAART)
    assert not f(status="opgeschort", einddatum=None, maand=MAART)


@pytest.mark.django_db
def test_sepa_bestand_met_de_uitbetaling(drie_maanden, vandaag, bulk):
    dossier, _collega, betaal_drie_maanden = drie_maanden
    betaal_drie_maanden()
    vandaag(date(2026, 4, 10))
    beeindig(dossier, date(2026, 4, 15))

    april = run(APRIL, vandaag)

    xml = april.bestand.read().decode()
    e2e = f"WI-202604-{dossier.pk}"
    blok = re.search(rf"<CdtTrfTxInf>(?:(?!</CdtTrfTxInf>).)*{e2e}.*?</CdtTrfTxInf>", xml, re.S)
    assert blok is not None
    assert 'Ccy="EUR">843.49<' in blok.group(0)
    assert dossier.werkzoekende.bsn not in xml
    assert Betaling.objects.get(dossier=dossier, maand=APRIL).end_to_end_id == e2e


@pytest.mark.django_db
class TestSpecificatie:
    def test_toont_de_uitbetaling_na_het_einde(self, drie_maanden, vandaag):
        from .test_portaal_inkomen import SPECIFICATIE, als_burger, tekst

        dossier, _collega, betaal_drie_maanden = drie_maanden
        betaal_drie_maanden()
        vandaag(date(2026, 3, 28))
        beeindig(dossier, date(2026, 3, 31))
        run(APRIL, vandaag)

        assert selectors.maanden_met_berekening(dossier_id=dossier.pk) == [
            APRIL,
            MAART,
            FEBRUARI,
            JANUARI,
        ]
        spec = selectors.specificatie_van_maand(dossier_id=dossier.pk, maand=APRIL)
        assert spec.berekening is None and spec.einde_uitkering and spec.betaald
        assert spec.betaald_bedrag == D("142.74")

        inhoud = tekst(als_burger(dossier).get(SPECIFICATIE + "?maand=2026-04"))
        assert "Uw uitkering is gestopt op 31 maart 2026." in inhoud
        assert "Uw gespaarde vakantiegeld. U krijgt het nu, omdat uw uitkering is gestopt." in (
            inhoud
        )
        assert "Op uw bankrekening € 142,74" in inhoud or "Op uw bankrekening €\xa0142,74" in (
            inhoud
        )

    def test_toont_de_vordering_van_het_vakantiegeld(self, maak_dossier, opgave, vandaag):
        from .test_portaal_inkomen import SPECIFICATIE, als_burger, tekst

        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
        vandaag(date(2026, 3, 5))
        schatting = opgave(dossier, MAART, "300.00", status="geschat")
        run(MAART, vandaag)
        for maand in (APRIL, MEI):
            vandaag(maand.replace(day=5))
            opgave(dossier, maand, "450.00")
            run(maand, vandaag)
        vandaag(date(2026, 6, 3))
        opgave(dossier, MAART, "450.00", vervangt=schatting)
        beeindig(dossier, date(2026, 5, 31))
        run(JUNI, vandaag)

        inhoud = tekst(als_burger(dossier).get(SPECIFICATIE + "?maand=2026-06"))
        assert "te veel vakantiegeld gekregen" in inhoud
        assert "7,50" in inhoud
        assert "Deze maand betalen we u niets." in inhoud
