"""Start and end of the bijstand through the real flows, and the signal that goes with every
vordering a period change books (issue 13 §2, "never silence"; ``inkomen.einde``).

- A toekenning with ingangsdatum the 20th (aanvraag -> besluit) is paid 12/31 of the month,
  an end on the 15th (the dossier screen) 15/30 - not a whole month, not nothing.
- An end registered after its month was paid, or backdated over several paid months, books a
  vordering per month and puts a signal with the month and the amount (no BSN) on the
  inkomensconsulent's worklist; doing it again books and signals nothing new.

Amounts come from the stored rule set and the P8 rule (kalenderdagen, half-up, VT 5 %).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from aanvraag import behandeling
from inkomen import betaalrun, einde, rekenregels, selectors, services
from inkomen.models import (
    Betaling,
    BetalingStatus,
    Boeking,
    BoekingSoort,
    Signaal,
    SignaalSoort,
    Uitkering,
)
from inkomen.rekenregels.opmaak import bedrag_nl
from tests.aanvraag.conftest import PERSOON, maak_aanvraag, team_met_coach, werkcoach  # noqa: F401

pytestmark = pytest.mark.django_db

JANUARI, FEBRUARI, MAART = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
APRIL, MEI = date(2026, 4, 1), date(2026, 5, 1)
CENT = Decimal("0.01")


def run(maand: date, vandaag, dag: int = 20):
    vandaag(maand.replace(day=dag))
    return betaalrun.voer_uit(maand=maand)


def hele_maand(maand: date, geboortedatum: date) -> tuple[Decimal, Decimal]:
    r = rekenregels.bereken(
        rekenregels.Invoer(
            maand=rekenregels.Maand(maand.year, maand.month),
            aanvrager=rekenregels.Persoon(geboortedatum=geboortedatum),
        ),
        selectors.regelset_voor_maand(maand),
        selectors.beleid_voor_maand(maand),
    )
    return r.bijstand, r.vakantietoeslag


def naar_rato(maand: date, dagen: int, van: int, geboortedatum: date) -> tuple[Decimal, Decimal]:
    bijstand = (hele_maand(maand, geboortedatum)[0] * dagen / van).quantize(CENT, ROUND_HALF_UP)
    return bijstand, (bijstand * Decimal("0.05")).quantize(CENT, ROUND_HALF_UP)


def betaald(dossier) -> dict[date, Decimal]:
    return {
        b.maand: b.bedrag
        for b in Betaling.objects.filter(dossier=dossier, status=BetalingStatus.OPGENOMEN)
    }


@pytest.fixture(params=[True, False], ids=["bulk", "per_dossier"])
def bulk(request, settings):
    settings.INKOMEN_BETAALRUN_BULK = request.param
    return request.param


def test_start_op_de_20e_en_einde_op_de_15e(
    maak_aanvraag,  # noqa: F811
    werkcoach,  # noqa: F811
    consulent,
    vandaag,
    client,
    bulk,
):
    geboren = PERSOON["geboortedatum"]
    vandaag(date(2026, 3, 23))
    aanvraag = maak_aanvraag("checklist", melddatum=date(2026, 3, 20), behandelaar=consulent)
    behandeling.neem_besluit(
        aanvraag=aanvraag, soort="toekenning", door=consulent, ingangsdatum=date(2026, 3, 20)
    )
    dossier = aanvraag.dossier

    maart = run(MAART, vandaag, dag=25)

    bijstand, vt = naar_rato(MAART, 12, 31, geboren)  # 20-31 March
    uitbetaling = Boeking.objects.get(dossier=dossier, soort=BoekingSoort.UITBETALING_VOORLOPIG)
    assert (uitbetaling.maand, uitbetaling.bedrag, uitbetaling.vakantietoeslag) == (
        MAART,
        bijstand,
        vt,
    )
    assert betaald(dossier) == {MAART: bijstand - vt}
    assert bijstand < hele_maand(MAART, geboren)[0] / 2  # not the whole month of before
    assert maart.totaal_bedrag == bijstand - vt

    # the werkcoach ends the dossier on the dossier screen: last day with recht 15 April
    vandaag(date(2026, 4, 10))
    client.force_login(werkcoach, backend="django.contrib.auth.backends.ModelBackend")
    antwoord = client.post(
        reverse("dossiers:status", args=[dossier.pk]),
        {"naar": "beeindigd", "reden": "werk", "einddatum": "2026-04-15", "toelichting": ""},
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    uitkering = Uitkering.objects.get(dossier=dossier)
    assert (uitkering.status, uitkering.einddatum) == ("beeindigd", date(2026, 4, 15))

    run(APRIL, vandaag)

    april, april_vt = naar_rato(APRIL, 15, 30, geboren)  # 1-15 April
    uitbetaling = Boeking.objects.get(
        dossier=dossier, maand=APRIL, soort=BoekingSoort.UITBETALING_VOORLOPIG
    )
    assert (uitbetaling.bedrag, uitbetaling.vakantietoeslag) == (april, april_vt)
    # April pays its 15 days and the VT reserved over March and April (art. 45 lid 1)
    assert betaald(dossier)[APRIL] == april - april_vt + vt + april_vt
    assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0
    run(MEI, vandaag)
    assert MEI not in betaald(dossier)
    assert not Signaal.objects.filter(dossier=dossier).exists()  # nothing to recover


@pytest.fixture
def betaald_tot(maak_dossier, vandaag):
    """An uitkering from 1 January 2026 paid by the runs of January up to ``tot``."""

    def _maak(tot: date):
        vandaag(JANUARI)
        dossier = maak_dossier(ingangsdatum=JANUARI)
        maand = JANUARI
        while maand <= tot:
            run(maand, vandaag)
            maand = date(maand.year, maand.month + 1, 1)
        return dossier

    return _maak


def beeindig(dossier, einddatum: date) -> None:
    services.wijzig_uitkering_status(
        uitkering=Uitkering.objects.get(dossier=dossier),
        naar="beeindigd",
        reden="werk",
        einddatum=einddatum,
        door=None,
    )


def signalen(dossier) -> dict[date, str]:
    return {
        s.maand: s.tekst
        for s in Signaal.objects.filter(dossier=dossier, soort=SignaalSoort.VORDERING_PERIODE)
    }


def assert_geen_bsn(tekst: str, dossier) -> None:
    assert not re.search(r"\d{9}", tekst)
    assert dossier.werkzoekende.naam not in tekst


def test_einde_na_de_betaling_boekt_een_vordering_met_een_signaal(betaald_tot, vandaag, bulk):
    dossier = betaald_tot(MAART)
    geboren = dossier.werkzoekende.geboortedatum
    vandaag(date(2026, 3, 28))

    beeindig(dossier, date(2026, 3, 15))

    hele, hele_vt = hele_maand(MAART, geboren)
    deel, deel_vt = naar_rato(MAART, 15, 31, geboren)
    [vordering] = Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VORDERING)
    assert (vordering.maand, vordering.bedrag, vordering.vakantietoeslag) == (
        MAART,
        deel - hele,
        deel_vt - hele_vt,
    )
    te_veel = (hele - hele_vt) - (deel - deel_vt)
    [signaal] = Signaal.objects.filter(dossier=dossier)
    assert (signaal.soort, signaal.maand, signaal.sleutel) == (
        SignaalSoort.VORDERING_PERIODE,
        MAART,
        f"vordering:{vordering.pk}",
    )
    assert signaal.tekst == (
        f"Terugvordering over maart 2026: € {bedrag_nl(te_veel)} te veel betaald; de laatste "
        "dag met recht is 15 maart 2026. Beoordeel de vordering en informeer de burger."
    )
    assert_geen_bsn(signaal.tekst, dossier)
    assert selectors.openstaande_vorderingen(dossier_id=dossier.pk) == te_veel

    # again: nothing booked, nothing signalled twice
    einde.corrigeer_na_einde(uitkering=Uitkering.objects.get(dossier=dossier))
    assert Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VORDERING).count() == 1
    assert Signaal.objects.filter(dossier=dossier).count() == 1


def test_einde_met_terugwerkende_kracht_over_meerdere_betaalde_maanden(betaald_tot, vandaag, bulk):
    dossier = betaald_tot(APRIL)
    geboren = dossier.werkzoekende.geboortedatum
    vandaag(date(2026, 4, 22))

    beeindig(dossier, date(2026, 2, 10))

    def te_veel(maand: date, recht: tuple[Decimal, Decimal]) -> Decimal:
        hele, hele_vt = hele_maand(maand, geboren)
        return (hele - hele_vt) - (recht[0] - recht[1])

    verwacht = {
        FEBRUARI: te_veel(FEBRUARI, naar_rato(FEBRUARI, 10, 28, geboren)),
        MAART: te_veel(MAART, (Decimal(0), Decimal(0))),
        APRIL: te_veel(APRIL, (Decimal(0), Decimal(0))),
    }
    vorderingen = {
        b.maand: -b.kasbedrag
        for b in Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VORDERING)
    }
    assert vorderingen == verwacht
    teksten = signalen(dossier)
    assert set(teksten) == {FEBRUARI, MAART, APRIL}
    for maand, tekst in teksten.items():
        assert f"€ {bedrag_nl(verwacht[maand])} te veel betaald" in tekst
        assert "de laatste dag met recht is 10 februari 2026" in tekst
        assert_geen_bsn(tekst, dossier)
    assert "Terugvordering over februari 2026" in teksten[FEBRUARI]
    assert selectors.openstaande_vorderingen(dossier_id=dossier.pk) == sum(verwacht.values())
    # the runs after the end pay no bijstand (only the VT left, art. 45 lid 1)
    run(MEI, vandaag)
    assert not Boeking.objects.filter(
        dossier=dossier, maand=MEI, soort=BoekingSoort.UITBETALING_VOORLOPIG
    ).exists()
