"""Part months (art. 45 lid 3 PW, policy P8) and the nabetaling of months before the first
payment, through the real payment run (issue 12; ``inkomen.deelmaand``, ``services`` rules 7
and 8, ADR 0005 §5-§6).

Worked examples of ``levensloop.md`` §3 (alleenstaande 27+, norm 1-1-2026 N = 1.401,50, no
income): start 17-3-2026 -> 15/31 -> bijstand 678,15, VT 33,91, paid 644,24; with P8
werkdagen 11/22 -> 700,75, VT 35,04, paid 665,71; end 10-6-2026 -> 10/30 -> 467,17, VT 23,36,
paid 443,81. Both paths of the run (bulk and per dossier) give the same bookings.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from bijstand.dossiers import services as dossier_services
from inkomen import betaalrun, deelmaand, perioden, rekenregels, selectors, services
from inkomen.models import (
    Beleidsinstelling,
    Berekening,
    Betaalrun,
    Betaling,
    BetalingStatus,
    Boeking,
    BoekingSoort,
    RedenCode,
    Uitkering,
)
from tests.factories import DossierFactory, WerkzoekendeFactory

from .conftest import D

GEBOREN = date(1985, 5, 1)  # 40 in 2026: alleenstaande 27+ (art. 21 onder a)
JANUARI, FEBRUARI, MAART = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
APRIL, MEI, JUNI = date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)
JULI, AUGUSTUS = date(2026, 7, 1), date(2026, 8, 1)
START = date(2026, 3, 17)
EINDE = date(2026, 6, 10)
HELE_MAAND = D("1331.42")  # 1.401,50 - VT 70,08 (§8 example 1)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[True, False], ids=["bulk", "per_dossier"])
def bulk(request, settings):
    settings.INKOMEN_BETAALRUN_BULK = request.param
    settings.INKOMEN_BETAALRUN_CHUNK = 3
    return request.param


def run(maand: date, vandaag, **kwargs) -> Betaalrun:
    vandaag(maand.replace(day=20))
    return betaalrun.voer_uit(maand=maand, **kwargs)


def kas_uitbetaling(dossier, maand: date) -> Decimal:
    b = Boeking.objects.get(dossier=dossier, maand=maand, soort=BoekingSoort.UITBETALING_VOORLOPIG)
    return b.kasbedrag


def betaald(dossier) -> dict[date, Decimal]:
    return {
        b.maand: b.bedrag
        for b in Betaling.objects.filter(dossier=dossier, status=BetalingStatus.OPGENOMEN)
    }


def hele_maand(maand: date, geboortedatum: date = GEBOREN) -> tuple[Decimal, Decimal]:
    """(bijstand, VT) of a whole month without income, as the core computes it from the
    stored rule set."""
    r = rekenregels.bereken(
        rekenregels.Invoer(
            maand=rekenregels.Maand(maand.year, maand.month),
            aanvrager=rekenregels.Persoon(geboortedatum=geboortedatum),
        ),
        selectors.regelset_voor_maand(maand),
        selectors.beleid_voor_maand(maand),
    )
    return r.bijstand, r.vakantietoeslag


def beeindig(dossier, einddatum: date) -> None:
    services.wijzig_uitkering_status(
        uitkering=Uitkering.objects.get(dossier=dossier),
        naar="beeindigd",
        reden="werk",
        door=None,
        einddatum=einddatum,
    )


def werkdagen_beleid() -> None:
    rij = Beleidsinstelling.objects.get()
    rij.data = {**rij.data, "p8_deelmaand": "werkdagen"}
    rij.save()
    selectors.wis_regelcache()


# --------------------------------------------------------------------------------------------
# the start month


class TestStartmaand:
    def test_start_17_maart_kalenderdagen(self, maak_dossier, vandaag, bulk):
        vandaag(START)
        dossier = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=START)
        collega = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=JANUARI)

        maart = run(MAART, vandaag)

        uitbetaling = Boeking.objects.get(dossier=dossier, soort=BoekingSoort.UITBETALING_VOORLOPIG)
        assert (uitbetaling.maand, uitbetaling.bedrag, uitbetaling.vakantietoeslag) == (
            MAART,
            D("678.15"),
            D("33.91"),
        )
        assert betaald(dossier) == {MAART: D("644.24")}
        assert betaald(collega) == {MAART: HELE_MAAND}
        assert maart.totaal_bedrag == D("644.24") + HELE_MAAND
        berekening = Berekening.objects.get(dossier=dossier, maand=MAART, actueel=True)
        assert berekening.invoer["recht_vanaf"] == "2026-03-17"
        assert "recht_tot" not in berekening.invoer
        assert any(
            "15 van de 31 kalenderdagen" in r["omschrijving"]
            for r in berekening.resultaat["regels"]
        )
        # April is a whole month again
        run(APRIL, vandaag)
        assert betaald(dossier)[APRIL] == HELE_MAAND

    def test_start_17_maart_werkdagen(self, maak_dossier, vandaag, bulk):
        werkdagen_beleid()
        vandaag(START)
        dossier = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=START)

        run(MAART, vandaag)

        uitbetaling = Boeking.objects.get(dossier=dossier, soort=BoekingSoort.UITBETALING_VOORLOPIG)
        assert (uitbetaling.bedrag, uitbetaling.vakantietoeslag) == (D("700.75"), D("35.04"))
        assert betaald(dossier) == {MAART: D("665.71")}

    def test_start_op_de_eerste_is_een_hele_maand(self, maak_dossier, vandaag, bulk):
        vandaag(MAART)
        dossier = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=MAART)
        run(MAART, vandaag)
        assert betaald(dossier) == {MAART: HELE_MAAND}


class TestHerintredeBinnen30Dagen:
    """Art. 45 lid 3: no part month when the person had bijstand in the 30 days before the
    start. 17-3-2026 - 30 days = 15-2-2026."""

    def _vorig_dossier(self, persoon, einddatum: date):
        oud = DossierFactory(werkzoekende=persoon)
        services.start_uitkering(dossier=oud, ingangsdatum=JANUARI, door=None)
        beeindig(oud, einddatum)
        return oud

    @pytest.mark.parametrize(
        ("vorig_einde", "verwacht"),
        [(date(2026, 2, 28), HELE_MAAND), (date(2026, 2, 15), HELE_MAAND)],
        ids=["13_dagen", "30_dagen"],
    )
    def test_ander_dossier_binnen_30_dagen_geen_deelmaand(
        self, vandaag, bulk, vorig_einde, verwacht
    ):
        vandaag(date(2026, 3, 16))
        persoon = WerkzoekendeFactory(geboortedatum=GEBOREN)
        self._vorig_dossier(persoon, vorig_einde)
        nieuw = DossierFactory(werkzoekende=persoon)
        services.start_uitkering(dossier=nieuw, ingangsdatum=START, door=None)

        run(MAART, vandaag)

        assert betaald(nieuw) == {MAART: verwacht}
        berekening = Berekening.objects.get(dossier=nieuw, maand=MAART, actueel=True)
        assert "recht_vanaf" not in berekening.invoer

    def test_ander_dossier_31_dagen_ervoor_wel_deelmaand(self, vandaag, bulk):
        vandaag(date(2026, 3, 16))
        persoon = WerkzoekendeFactory(geboortedatum=GEBOREN)
        self._vorig_dossier(persoon, date(2026, 2, 14))
        nieuw = DossierFactory(werkzoekende=persoon)
        services.start_uitkering(dossier=nieuw, ingangsdatum=START, door=None)

        run(MAART, vandaag)

        assert betaald(nieuw) == {MAART: D("644.24")}

    @pytest.mark.parametrize(
        ("vorig_einde", "verwacht"),
        [(date(2026, 2, 20), HELE_MAAND), (date(2026, 2, 10), D("644.24"))],
        ids=["binnen_30_dagen", "na_30_dagen"],
    )
    def test_heropend_dossier_kijkt_naar_de_vorige_periode(
        self, maak_dossier, vandaag, bulk, vorig_einde, verwacht
    ):
        vandaag(JANUARI)
        dossier = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=JANUARI)
        run(JANUARI, vandaag)
        vandaag(date(2026, 2, 5))
        beeindig(dossier, vorig_einde)
        run(FEBRUARI, vandaag)
        vandaag(date(2026, 3, 16))
        services.wijzig_uitkering_status(
            uitkering=Uitkering.objects.get(dossier=dossier),
            naar="lopend",
            ingangsdatum=START,
            door=None,
        )

        run(MAART, vandaag)

        assert betaald(dossier)[MAART] == verwacht


# --------------------------------------------------------------------------------------------
# the end month


@pytest.fixture
def vanaf_mei(maak_dossier, vandaag):
    """A dossier from 1 May 2026 (May is the first run and the VT month: its reservation is
    paid with it), and a colleague that keeps running."""
    vandaag(MEI)
    dossier = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=MEI)
    collega = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=MEI)
    run(MEI, vandaag)
    assert betaald(dossier) == {MEI: HELE_MAAND + D("70.08")}
    assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0
    return dossier, collega


class TestEindmaand:
    def test_einde_10_juni_voor_de_run(self, vanaf_mei, vandaag, bulk):
        dossier, collega = vanaf_mei
        vandaag(date(2026, 6, 12))
        beeindig(dossier, EINDE)

        juni = run(JUNI, vandaag)

        uitbetaling = Boeking.objects.get(
            dossier=dossier, maand=JUNI, soort=BoekingSoort.UITBETALING_VOORLOPIG
        )
        assert (uitbetaling.bedrag, uitbetaling.vakantietoeslag) == (D("467.17"), D("23.36"))
        assert uitbetaling.kasbedrag == D("443.81")
        berekening = Berekening.objects.get(dossier=dossier, maand=JUNI, actueel=True)
        assert berekening.invoer["recht_tot"] == "2026-06-10"
        # the VT of June is settled in the same payment (rule 7 in the end month)
        [vt] = Boeking.objects.filter(
            dossier=dossier, soort=BoekingSoort.VAKANTIETOESLAG_UITBETALING, betaalmaand=JUNI
        )
        assert vt.vakantietoeslag == D("-23.36")
        assert betaald(dossier)[JUNI] == D("443.81") + D("23.36")
        assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0
        assert juni.totaal_bedrag == D("467.17") + HELE_MAAND

        # a rerun, a chunk delivered again and the months after: nothing more
        aantal = Boeking.objects.filter(dossier=dossier).count()
        betaalrun.voer_uit(maand=JUNI)
        betaalrun.verwerk_chunk(betaalrun_id=juni.pk, dossier_ids=[dossier.pk], nummer=0)
        for maand in (JULI, AUGUSTUS):
            run(maand, vandaag)
            assert dossier.pk not in betaalrun.te_betalen_dossiers(maand)
        assert Boeking.objects.filter(dossier=dossier).count() == aantal
        assert not Betaling.objects.filter(dossier=dossier, maand__gt=JUNI).exists()
        juli_bijstand, juli_vt = hele_maand(JULI)  # indexed on 1 July 2026
        assert betaald(collega)[JULI] == juli_bijstand - juli_vt

    def test_einde_werkdagen(self, vanaf_mei, vandaag, bulk):
        dossier, _collega = vanaf_mei
        werkdagen_beleid()
        vandaag(date(2026, 6, 12))
        beeindig(dossier, EINDE)
        run(JUNI, vandaag)
        assert kas_uitbetaling(dossier, JUNI) == D("484.16")

    def test_einde_in_een_al_betaalde_maand_wordt_een_vordering(self, vanaf_mei, vandaag, bulk):
        dossier, _collega = vanaf_mei
        run(JUNI, vandaag)  # June paid as a whole month (the end was not known yet)
        assert betaald(dossier)[JUNI] == HELE_MAAND
        vandaag(date(2026, 6, 28))

        beeindig(dossier, EINDE)

        [vordering] = Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VORDERING)
        # 467,17 - 1.401,50 = -934,33, of which VT 23,36 - 70,08 = -46,72
        assert (vordering.maand, vordering.bedrag, vordering.vakantietoeslag) == (
            JUNI,
            D("-934.33"),
            D("-46.72"),
        )
        assert vordering.reden_code == RedenCode.ART_58_LID_2
        assert selectors.recht_van_maand(dossier_id=dossier.pk, maand=JUNI)[:2] == (
            D("467.17"),
            D("23.36"),
        )
        assert selectors.openstaande_vorderingen(dossier_id=dossier.pk) == D("887.61")
        assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == D("23.36")
        # idempotent: ending again is not possible, recalculating books nothing
        assert services.herbereken_maand(dossier_id=dossier.pk, maand=JUNI).boekingen == []

        # July: no bijstand; the remaining VT of June is settled (rule 7), nothing else
        run(JULI, vandaag)
        assert not Boeking.objects.filter(
            dossier=dossier, maand=JULI, soort=BoekingSoort.UITBETALING_VOORLOPIG
        ).exists()
        assert betaald(dossier)[JULI] == D("23.36")
        run(AUGUSTUS, vandaag)
        assert AUGUSTUS not in betaald(dossier)

    def test_einde_voor_meerdere_betaalde_maanden(self, vanaf_mei, vandaag, bulk):
        """Ended on 5 August per 10 June: June becomes part month, July has no recht at all."""
        dossier, _collega = vanaf_mei
        run(JUNI, vandaag)
        run(JULI, vandaag)
        vandaag(date(2026, 8, 5))

        beeindig(dossier, EINDE)

        vorderingen = {
            b.maand: (b.bedrag, b.vakantietoeslag)
            for b in Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VORDERING)
        }
        juli_bijstand, juli_vt = hele_maand(JULI)
        assert vorderingen == {
            JUNI: (D("-934.33"), D("-46.72")),
            JULI: (-juli_bijstand, -juli_vt),
        }
        assert selectors.recht_van_maand(dossier_id=dossier.pk, maand=JULI)[:2] == (0, 0)
        assert selectors.openstaande_vorderingen(dossier_id=dossier.pk) == D("887.61") + (
            juli_bijstand - juli_vt
        )
        run(AUGUSTUS, vandaag)  # within the window: the VT left (23,36), no bijstand
        assert betaald(dossier)[AUGUSTUS] == D("23.36")
        assert (
            not Boeking.objects.filter(
                dossier=dossier, maand__gt=JUNI, soort=BoekingSoort.UITBETALING_VOORLOPIG
            )
            .exclude(maand=JULI)
            .exists()
        )

    def test_einde_voor_de_ingangsdatum_blijft_geweigerd(self, vanaf_mei):
        dossier, _collega = vanaf_mei
        with pytest.raises(ValidationError) as fout:
            beeindig(dossier, date(2026, 4, 30))
        assert "voor de ingangsdatum" in str(fout.value)

    def test_heropenen_in_dezelfde_maand_maakt_er_weer_een_hele_maand_van(
        self, vanaf_mei, vandaag, bulk
    ):
        """Ended per 10 June (June paid 10/30), back on 20 June: a re-entry within 30 days,
        so June is a whole month again; the difference is a nabetaling in July."""
        dossier, _collega = vanaf_mei
        vandaag(date(2026, 6, 12))
        beeindig(dossier, EINDE)
        run(JUNI, vandaag)
        vandaag(date(2026, 6, 27))
        services.wijzig_uitkering_status(
            uitkering=Uitkering.objects.get(dossier=dossier),
            naar="lopend",
            ingangsdatum=date(2026, 6, 20),
            door=None,
        )
        [nabetaling] = Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.NABETALING)
        assert (nabetaling.maand, nabetaling.bedrag, nabetaling.vakantietoeslag) == (
            JUNI,
            D("934.33"),
            D("46.72"),
        )
        run(JULI, vandaag)
        juli_bijstand, juli_vt = hele_maand(JULI)
        assert betaald(dossier)[JULI] == (juli_bijstand - juli_vt) + D("887.61")


# --------------------------------------------------------------------------------------------
# the nabetaling of the months before the first payment


@pytest.fixture
def laat_toegekend(maak_dossier, vandaag):
    """Melding 17 March, besluit 12 May: the March and April runs paid a colleague only; the
    uitkering is created on 12 May with ingangsdatum 17 March."""
    vandaag(JANUARI)
    collega = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=JANUARI)
    for maand in (MAART, APRIL):
        run(maand, vandaag)
    vandaag(date(2026, 5, 12))
    dossier = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=START)
    return dossier, collega


class TestNabetaling:
    def test_mei_betaalt_maart_april_en_mei_in_een_betaling(self, laat_toegekend, vandaag, bulk):
        dossier, collega = laat_toegekend
        april_bijstand, april_vt = hele_maand(APRIL)
        mei_bijstand, mei_vt = hele_maand(MEI)

        mei = run(MEI, vandaag)

        uitbetalingen = {
            b.maand: (b.bedrag, b.vakantietoeslag, b.betaalmaand, b.omschrijving)
            for b in Boeking.objects.filter(
                dossier=dossier, soort=BoekingSoort.UITBETALING_VOORLOPIG
            )
        }
        assert uitbetalingen == {
            MAART: (
                D("678.15"),
                D("33.91"),
                MEI,
                "Nabetaling maart 2026 (ingangsdatum vóór het besluit)",
            ),
            APRIL: (
                april_bijstand,
                april_vt,
                MEI,
                "Nabetaling april 2026 (ingangsdatum vóór het besluit)",
            ),
            MEI: (mei_bijstand, mei_vt, MEI, "Uitkering mei 2026"),
        }
        # May is the VT month: the reservation of the three months is paid with it
        reservering = D("33.91") + april_vt + mei_vt
        [vt] = Boeking.objects.filter(
            dossier=dossier, soort=BoekingSoort.VAKANTIETOESLAG_UITBETALING
        )
        assert vt.vakantietoeslag == -reservering
        totaal = D("644.24") + (april_bijstand - april_vt) + (mei_bijstand - mei_vt) + reservering
        [betaling] = Betaling.objects.filter(dossier=dossier)
        assert (betaling.maand, betaling.bedrag, betaling.status) == (
            MEI,
            totaal,
            BetalingStatus.OPGENOMEN,
        )
        # one SEPA line carries it all
        xml = mei.bestand.read().decode()
        blok = re.search(
            rf"<CdtTrfTxInf>(?:(?!</CdtTrfTxInf>).)*WI-202605-{dossier.pk}.*?</CdtTrfTxInf>",
            xml,
            re.S,
        )
        assert blok is not None and f'Ccy="EUR">{totaal}<' in blok.group(0)
        assert betaald(collega)[MEI] == HELE_MAAND + 3 * D("70.08")  # March-May reserved

        # rerun and the next month: nothing twice, June pays June only
        aantal = Boeking.objects.filter(dossier=dossier).count()
        betaalrun.voer_uit(maand=MEI)
        betaalrun.verwerk_chunk(betaalrun_id=mei.pk, dossier_ids=[dossier.pk], nummer=0)
        assert Boeking.objects.filter(dossier=dossier).count() == aantal
        run(JUNI, vandaag)
        assert betaald(dossier)[JUNI] == HELE_MAAND
        assert set(betaald(dossier)) == {MEI, JUNI}

    def test_specificatie_van_mei_toont_de_maanden(self, laat_toegekend, vandaag):
        from .test_portaal_inkomen import SPECIFICATIE, als_burger, tekst

        dossier, _collega = laat_toegekend
        run(MEI, vandaag)

        spec = selectors.specificatie_van_maand(dossier_id=dossier.pk, maand=MEI)
        assert [b.maand for b in spec.betaling if b.soort == "uitbetaling_voorlopig"] == [
            MAART,
            APRIL,
            MEI,
        ]
        assert spec.betaald_bedrag == Betaling.objects.get(dossier=dossier).bedrag
        maart = selectors.specificatie_van_maand(dossier_id=dossier.pk, maand=MAART)
        assert maart.berekening.bijstand == D("678.15")
        assert maart.betaald_met == MEI
        inhoud = tekst(als_burger(dossier).get(SPECIFICATIE + "?maand=2026-05"))
        for maand in ("maart", "april", "mei"):
            assert f"Uitkering over {maand} 2026" in inhoud
        inhoud = tekst(als_burger(dossier).get(SPECIFICATIE + "?maand=2026-03"))
        assert "Deelmaand" in inhoud or "678,15" in inhoud
        # March was paid with May: the March page says so, not "nog niet betaald"
        assert "betaald samen met de uitkering over mei 2026" in inhoud
        assert "nog niet betaald" not in inhoud

    def test_laat_toegekend_en_al_beeindigd(self, maak_dossier, vandaag, bulk):
        """Granted on 12 May for 17 March - 30 April (work since 1 May): the May run pays
        March and April and, the uitkering having ended, the VT reserved over them."""
        vandaag(JANUARI)
        maak_dossier(geboortedatum=GEBOREN, ingangsdatum=JANUARI)
        run(MAART, vandaag)
        run(APRIL, vandaag)
        vandaag(date(2026, 5, 12))
        dossier = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=START)
        beeindig(dossier, date(2026, 4, 30))
        april_bijstand, _vt = hele_maand(APRIL)
        assert dossier.pk in betaalrun.te_betalen_dossiers(MEI)

        run(MEI, vandaag)

        assert betaald(dossier) == {MEI: D("678.15") + april_bijstand}
        assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0
        run(JUNI, vandaag)
        assert set(betaald(dossier)) == {MEI}

    def test_heropend_met_terugwerkende_kracht(self, maak_dossier, vandaag, bulk):
        """Ended per 31 January (the February run pays the VT left), reopened on 10 March as
        of 1 February: the March run pays February (a nabetaling on the March Betaling) and
        March; the February Betaling of the VT does not block it."""
        vandaag(JANUARI)
        dossier = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=JANUARI)
        run(JANUARI, vandaag)
        vandaag(date(2026, 1, 28))
        beeindig(dossier, date(2026, 1, 31))
        run(FEBRUARI, vandaag)
        assert betaald(dossier)[FEBRUARI] == D("70.08")
        vandaag(date(2026, 3, 10))
        services.wijzig_uitkering_status(
            uitkering=Uitkering.objects.get(dossier=dossier),
            naar="lopend",
            ingangsdatum=FEBRUARI,
            door=None,
        )

        run(MAART, vandaag)

        februari = Boeking.objects.get(
            dossier=dossier, maand=FEBRUARI, soort=BoekingSoort.UITBETALING_VOORLOPIG
        )
        assert (februari.betaalmaand, februari.kasbedrag) == (MAART, HELE_MAAND)
        assert betaald(dossier)[MAART] == 2 * HELE_MAAND

    def test_niet_voor_de_eerste_betaalrun(self, maak_dossier, vandaag, bulk):
        """Months before the first run of this system were paid before it (go-live): an
        uitkering from January is paid from the first run, March, on."""
        vandaag(JANUARI)
        dossier = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=JANUARI)
        run(MAART, vandaag)
        assert betaald(dossier) == {MAART: HELE_MAAND}
        assert (
            deelmaand.nabetaling_maanden(
                dossier_id=dossier.pk, ingangsdatum=JANUARI, einddatum=None, maand=APRIL
            )
            == []
        )

    def test_opgeschorte_maand_wordt_pas_na_opheffen_nabetaald(self, maak_dossier, vandaag, bulk):
        """Issue 13: a suspended month is recorded "niet betaald" (not silently skipped) and
        paid by the run after the opschorting is lifted (tests/inkomen/test_perioden.py)."""
        vandaag(JANUARI)
        dossier = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=JANUARI)
        run(JANUARI, vandaag)
        vandaag(date(2026, 2, 2))
        opschorting = perioden.schort_op(
            uitkering=Uitkering.objects.get(dossier=dossier),
            vanaf=date(2026, 2, 2),
            reden="Bankafschriften ontbreken",
            hersteltermijn_tot=date(2026, 2, 16),
            door=None,
        )
        run(FEBRUARI, vandaag)
        februari = Betaling.objects.get(dossier=dossier, maand=FEBRUARI)
        assert (februari.status, februari.reden) == ("niet_betaald", "opgeschort")
        vandaag(date(2026, 3, 2))
        perioden.hef_op(opschorting=opschorting, door=None, toelichting="Ontvangen")
        run(MAART, vandaag)
        assert betaald(dossier) == {JANUARI: HELE_MAAND, MAART: 2 * HELE_MAAND}

    def test_maand_met_niet_betaalde_betaling_niet_nogmaals(self, laat_toegekend, vandaag):
        """A run that could not calculate the dossier left a niet_betaald Betaling (the
        consulent pays by hand): a later run does not pay that month again."""
        dossier, _collega = laat_toegekend
        run_april = Betaalrun.objects.get(maand=APRIL)
        Betaling.objects.create(
            betaalrun=run_april,
            dossier=dossier,
            maand=APRIL,
            bedrag=0,
            naam="x",
            end_to_end_id=f"WI-202604-{dossier.pk}",
            status=BetalingStatus.NIET_BETAALD,
            reden="berekening",
        )
        assert deelmaand.nabetaling_maanden(
            dossier_id=dossier.pk, ingangsdatum=START, einddatum=None, maand=MEI
        ) == [MAART]


# --------------------------------------------------------------------------------------------
# both paths book the same


def test_per_dossier_en_bulk_boeken_hetzelfde(maak_dossier, vandaag, settings):
    """One month with every case at once: an ordinary dossier, a late grant with a part
    start month, an end within the month, a start within the month."""
    settings.INKOMEN_BETAALRUN_CHUNK = 2
    vandaag(MAART)
    gewoon = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=MAART)
    eindigt = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=MAART)
    run(MAART, vandaag)
    run(APRIL, vandaag)
    vandaag(date(2026, 5, 12))
    laat = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=START)
    nieuw = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=date(2026, 5, 11))
    beeindig(eindigt, date(2026, 5, 15))
    vandaag(date(2026, 5, 20))

    def vastgelegd() -> tuple:
        return (
            sorted(
                Boeking.objects.filter(betaalmaand=MEI).values_list(
                    "dossier_id", "maand", "soort", "bedrag", "vakantietoeslag", "omschrijving"
                )
            ),
            sorted(
                Betaling.objects.filter(maand=MEI).values_list(
                    "dossier_id", "bedrag", "status", "end_to_end_id"
                )
            ),
            sorted(
                Berekening.objects.filter(actueel=True).values_list(
                    "dossier_id", "maand", "bijstand", "vakantietoeslag", "vingerafdruk"
                )
            ),
        )

    sid = transaction.savepoint()
    betaalrun.voer_uit(maand=MEI, bulk=False)
    per_dossier = vastgelegd()
    transaction.savepoint_rollback(sid)
    assert not Betaling.objects.filter(maand=MEI).exists()
    betaalrun.voer_uit(maand=MEI, bulk=True)
    assert vastgelegd() == per_dossier
    bedragen = {r[0]: r[1] for r in per_dossier[1]}
    assert set(bedragen) == {gewoon.pk, eindigt.pk, laat.pk, nieuw.pk}
    assert kas_uitbetaling(laat, MAART) == D("644.24")
    # 11 May - 31 May: 21/31 of 1.401,50 = 949,40 (VT 47,47); 1 - 15 May: 15/31 = 678,15
    assert kas_uitbetaling(nieuw, MEI) == D("901.93")
    assert kas_uitbetaling(eindigt, MEI) == D("644.24")


def test_bulk_stuurt_alleen_de_bijzondere_dossiers_naar_de_regels_per_dossier(
    maak_dossier, vandaag, settings, django_assert_max_num_queries
):
    """The routing of the bulk path: ordinary dossiers stay in the bulk, with at most two
    extra queries per chunk."""
    vandaag(MAART)
    gewoon = [maak_dossier(geboortedatum=GEBOREN, ingangsdatum=MAART) for _ in range(3)]
    run(MAART, vandaag)
    vandaag(date(2026, 4, 12))
    laat = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=START)
    rijen = [(d.pk, d.uitkering.ingangsdatum) for d in [*gewoon, laat]]
    with django_assert_max_num_queries(2):
        assert deelmaand.zonder_vorige_betaling(rijen, APRIL) == {laat.pk}
    # the first run of the system: no query at all beyond the first run's month
    with django_assert_max_num_queries(1):
        assert deelmaand.zonder_vorige_betaling(rijen, MAART) == set()


def test_einde_via_het_dossier_is_hetzelfde_pad(vanaf_mei, vandaag):
    dossier, _collega = vanaf_mei
    run(JUNI, vandaag)
    vandaag(date(2026, 6, 28))
    dossier_services.wijzig_status(
        dossier=dossier, naar="beeindigd", reden="werk", einddatum=EINDE, door=None
    )
    assert Boeking.objects.get(dossier=dossier, soort=BoekingSoort.VORDERING).bedrag == D("-934.33")
