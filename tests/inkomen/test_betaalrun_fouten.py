"""The payment run under faults, against PostgreSQL (real row locks; skipped elsewhere, CI runs
them): a chunk delivered twice, a worker killed mid-chunk, recalculations during the run, a
rerun of a finished month. Each ends with exactly one payment per dossier-month and the totals
of a clean run."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from inkomen import betaalrun, betaalrun_bulk, services
from inkomen.models import (
    Berekening,
    Betaalrun,
    BetaalrunStatus,
    Betaling,
    BetalingStatus,
    Boeking,
    BoekingSoort,
    Inkomstenopgave,
)
from tests.gelijktijdig import tegelijk

from .conftest import D

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (CI runs them)"
    ),
]

FEBRUARI = date(2026, 2, 1)
MAART = date(2026, 3, 1)
VIJFENTWINTIG = date(2000, 6, 1)


class Crash(Exception):
    """A worker dies (simulated)."""


@pytest.fixture(params=[True, False], ids=["bulk", "per_dossier"])
def bulk(request, settings):
    settings.INKOMEN_BETAALRUN_BULK = request.param
    settings.INKOMEN_BETAALRUN_CHUNK = 4
    return request.param


def maak_gevarieerd(maak_dossier, opgave, aantal: int = 8) -> list:
    """Dossiers with and without income, one without IBAN."""
    dossiers = []
    for i in range(aantal):
        d = maak_dossier(geboortedatum=date(1980 + i, 1, 1), ingangsdatum=FEBRUARI)
        if i % 3 == 0:
            opgave(d, MAART, f"{200 + 50 * i}.00")
        dossiers.append(d)
    dossiers[-1].werkzoekende.iban = ""
    dossiers[-1].werkzoekende.save()
    return dossiers


def samenvatting() -> dict:
    """What must be identical to a clean run (ids and timestamps aside)."""
    run = Betaalrun.objects.get(maand=MAART)
    return {
        "status": run.status,
        "aantal": run.aantal_betalingen,
        "totaal": run.totaal_bedrag,
        "niet": run.aantal_niet_betaald,
        "chunks": (run.chunks_klaar, run.chunks_totaal),
        "betalingen": sorted(
            Betaling.objects.filter(maand=MAART).values_list(
                "dossier_id", "bedrag", "status", "reden", "end_to_end_id", "iban"
            )
        ),
        "uitbetalingen": Boeking.objects.filter(
            betaalmaand=MAART, soort=BoekingSoort.UITBETALING_VOORLOPIG
        ).count(),
    }


def schone_run() -> tuple[dict, bytes]:
    """A clean run inside a savepoint that is rolled back afterwards."""
    sid = transaction.savepoint()
    run = betaalrun.voer_uit(maand=MAART)
    schoon = samenvatting()
    inhoud = run.bestand.read()
    transaction.savepoint_rollback(sid)
    return schoon, inhoud


def zonder_tijdstempel(xml: bytes) -> bytes:
    import re

    return re.sub(rb"<CreDtTm>[^<]*</CreDtTm>", b"", xml)


@pytest.mark.django_db
def test_deel_twee_keer_afgeleverd(maak_dossier, opgave, bulk):
    maak_gevarieerd(maak_dossier, opgave)
    schoon, inhoud = schone_run()

    run = betaalrun.start_betaalrun(maand=MAART)
    for nummer, ids in run.te_doen:
        betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
        tweede = betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
        assert tweede.verwerkt == 0
    run = betaalrun.rond_af(betaalrun_id=run.pk)

    assert samenvatting() == schoon
    assert zonder_tijdstempel(run.bestand.read()) == zonder_tijdstempel(inhoud)


@pytest.mark.django_db
def test_worker_valt_om_midden_in_een_deel(maak_dossier, opgave, bulk, monkeypatch):
    maak_gevarieerd(maak_dossier, opgave)
    schoon, inhoud = schone_run()

    run = betaalrun.start_betaalrun(maand=MAART)
    nummer, ids = run.te_doen[0]
    k = 2
    if bulk:
        # the crash comes after the bookings were written, before the Betalingen
        echte = betaalrun_bulk.voeg_in

        def crash(model, rijen, **kwargs):
            if model is Betaling:
                assert Boeking.objects.filter(betaalmaand=MAART).exists()  # written already
                raise Crash()
            return echte(model, rijen, **kwargs)

        monkeypatch.setattr(betaalrun_bulk, "voeg_in", crash)
    else:
        echte = betaalrun.betaal_dossier
        teller = {"n": 0}

        def crash(**kwargs):
            if teller["n"] == k:
                raise Crash()
            teller["n"] += 1
            return echte(**kwargs)

        monkeypatch.setattr(betaalrun, "betaal_dossier", crash)
    with pytest.raises(Crash):
        betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    betaald = Betaling.objects.filter(maand=MAART).count()
    assert betaald == (0 if bulk else k)  # bulk: the chunk's transaction rolled back entirely
    assert Betaalrun.objects.get(pk=run.pk).chunks_klaar == 0
    monkeypatch.undo()

    # the broker redelivers the chunk (acks_late), then the rest of the run
    betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    run = betaalrun.voer_uit(maand=MAART)

    assert samenvatting() == schoon
    assert zonder_tijdstempel(run.bestand.read()) == zonder_tijdstempel(inhoud)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("bulk_pad", [True, False], ids=["bulk", "per_dossier"])
def test_gelijktijdige_herberekeningen_tijdens_de_run(maak_dossier, opgave, settings, bulk_pad):
    """February was paid on an estimate; the loonstrook arrives while March is being paid:
    two recalculations of February race with the chunk that pays March (three threads)."""
    settings.INKOMEN_BETAALRUN_BULK = bulk_pad
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=FEBRUARI)
    anderen = [maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=FEBRUARI) for _ in range(3)]
    schatting = opgave(dossier, FEBRUARI, "300.00", status="geschat")
    betaalrun.voer_uit(maand=FEBRUARI)
    velden = {
        f.name: getattr(schatting, f.name)
        for f in Inkomstenopgave._meta.concrete_fields
        if f.name not in ("id", "vervangt", "status", "bedrag")
    }
    Inkomstenopgave.objects.create(
        **velden, vervangt=schatting, status="definitief", bedrag=D("450.00")
    )
    run = betaalrun.start_betaalrun(maand=MAART)
    [(nummer, ids)] = run.te_doen
    taken = iter(
        [
            lambda: betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer),
            lambda: services.herbereken_maand(dossier_id=dossier.pk, maand=FEBRUARI),
            lambda: services.herbereken_maand(dossier_id=dossier.pk, maand=FEBRUARI),
        ]
    )
    slot = threading.Lock()

    def volgende():
        with slot:
            taak = next(taken)
        return taak()

    tegelijk([volgende] * 3)
    run = betaalrun.rond_af(betaalrun_id=run.pk)

    # exactly one payment per dossier-month, one new version, one schuld
    assert Betaling.objects.filter(maand=MAART).count() == 4
    assert Betaling.objects.filter(dossier=dossier).count() == 2
    assert Berekening.objects.filter(dossier=dossier, maand=FEBRUARI).count() == 2
    [schuld] = Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VERREKENINGSSCHULD)
    assert schuld.bedrag == D("-150.00")
    # the payment is what the ledger says was paid: with the first instalment when a
    # recalculation won the lock (142.50 cash over the 7 months March..September, the window
    # counted from the booking month April: 20.36), without it when the chunk won
    maart = Betaling.objects.get(dossier=dossier, maand=MAART)
    kas = sum(b.kasbedrag for b in Boeking.objects.filter(dossier=dossier, betaalmaand=MAART))
    assert maart.bedrag == kas
    assert maart.bedrag in {D("1331.42"), D("1331.42") - D("20.36")}
    assert {b.bedrag for b in Betaling.objects.filter(dossier__in=anderen, maand=MAART)} == {
        D("1331.42")
    }
    assert run.totaal_bedrag == 3 * D("1331.42") + maart.bedrag


@pytest.mark.django_db(transaction=True)
def test_twee_workers_met_hetzelfde_deel_tegelijk(maak_dossier, opgave, settings):
    settings.INKOMEN_BETAALRUN_CHUNK = 100
    maak_gevarieerd(maak_dossier, opgave, aantal=6)
    run = betaalrun.start_betaalrun(maand=MAART)
    [(nummer, ids)] = run.te_doen
    uitkomsten = tegelijk(
        [lambda: betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)] * 2
    )
    assert sorted(u.verwerkt for u in uitkomsten) == [0, 6]
    run = betaalrun.rond_af(betaalrun_id=run.pk)
    assert Betaling.objects.filter(maand=MAART).count() == 6
    assert (run.chunks_klaar, run.chunks_totaal) == (1, 1)
    assert run.status == BetaalrunStatus.KLAAR


@pytest.mark.django_db
def test_herhaling_van_een_afgeronde_maand(maak_dossier, opgave, bulk):
    maak_gevarieerd(maak_dossier, opgave)
    run = betaalrun.voer_uit(maand=MAART)
    voor = samenvatting()
    boekingen = Boeking.objects.count()
    inhoud = run.bestand.read()

    opnieuw = betaalrun.voer_uit(maand=MAART)
    for nummer, ids in enumerate(betaalrun.in_delen(betaalrun.te_betalen_dossiers(MAART), 4)):
        betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    betaalrun.rond_af(betaalrun_id=run.pk)

    opnieuw.refresh_from_db()
    assert samenvatting() == voor
    assert Boeking.objects.count() == boekingen
    assert opnieuw.bestand_sha256 == run.bestand_sha256
    assert opnieuw.bestand.read() == inhoud
    assert Betaling.objects.filter(status=BetalingStatus.OPGENOMEN).count() == voor["aantal"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("bulk_pad", [True, False], ids=["bulk", "per_dossier"])
def test_vakantietoeslag_na_einde_twee_workers_tegelijk(maak_dossier, opgave, settings, bulk_pad):
    """An ended uitkering (services rule 7) in a chunk that two workers process at the same
    moment, then the whole month again: the reserved VT (3 x 47,58) is paid exactly once."""
    settings.INKOMEN_BETAALRUN_BULK = bulk_pad
    settings.INKOMEN_BETAALRUN_CHUNK = 100
    januari = date(2026, 1, 1)
    gestopt = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=januari)
    anderen = [maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=januari) for _ in range(3)]
    for maand in (januari, FEBRUARI):
        opgave(gestopt, maand, "450.00")
        betaalrun.voer_uit(maand=maand)
    services.wijzig_uitkering_status(
        uitkering=gestopt.uitkering,
        naar="beeindigd",
        reden="werk",
        door=None,
        einddatum=date(2026, 2, 28),
    )
    run = betaalrun.start_betaalrun(maand=MAART)
    [(nummer, ids)] = run.te_doen
    assert gestopt.pk in ids

    uitkomsten = tegelijk(
        [lambda: betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)] * 2
    )
    run = betaalrun.rond_af(betaalrun_id=run.pk)
    betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    betaalrun.voer_uit(maand=MAART)

    # bulk: one transaction per chunk, the second worker waits and skips it all; per dossier
    # the two workers may share the dossiers, each paid once
    assert sum(u.verwerkt for u in uitkomsten) == 4
    if bulk_pad:
        assert sorted(u.verwerkt for u in uitkomsten) == [0, 4]
    assert Betaling.objects.get(dossier=gestopt, maand=MAART).bedrag == 2 * D("47.58")
    assert (
        Boeking.objects.filter(
            dossier=gestopt, soort=BoekingSoort.VAKANTIETOESLAG_UITBETALING
        ).count()
        == 1
    )
    assert run.totaal_bedrag == 2 * D("47.58") + 3 * D("1331.42")
    assert Betaling.objects.filter(dossier__in=anderen, maand=MAART).count() == 3
