"""The payment-run watchdog in process (``inkomen.betaalrun_bewaking``): a stalled run is
detected, resumed (only the chunks still to do, idempotent) and finished; a run whose chunks are
all done but that was never rounded off is finished; two watchdogs at once resume once; the
alarm is shown on the screens (escaped, announced) and lifted by progress.

Celery runs eager here (the dispatched chunks run in this process); the tests with the real
broker and a real worker that is killed are in ``test_betaalrun_bewaking_broker.py``."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bijstand.accounts.models import Rol
from inkomen import betaalrun, betaalrun_bewaking, tasks
from inkomen.models import (
    Betaalrun,
    BetaalrunDeel,
    BetaalrunStatus,
    BetaalrunWijziging,
    Betaling,
    Boeking,
    BoekingSoort,
)
from tests.factories import UserFactory
from tests.gelijktijdig import tegelijk

from .conftest import D

FEBRUARI = date(2026, 2, 1)
MAART = date(2026, 3, 1)
VIJFENTWINTIG = date(2000, 6, 1)  # no vrijlating: 1331.42 a month


@pytest.fixture
def klein(settings):
    settings.INKOMEN_BETAALRUN_CHUNK = 2
    settings.INKOMEN_BETAALRUN_STIL_NA = 10
    settings.INKOMEN_BETAALRUN_MAX_HERVATTINGEN = 3


@pytest.fixture
def vijf(maak_dossier, klein):
    """Five dossiers of 1331.42: three chunks of at most 2."""
    return [maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=FEBRUARI) for _ in range(5)]


def stil_maken(run: Betaalrun, minuten: int = 30) -> None:
    """Let the clock of the run's last progress lie ``minuten`` in the past."""
    Betaalrun.objects.filter(pk=run.pk).update(
        laatste_voortgang_op=timezone.now() - timedelta(minutes=minuten)
    )


def hervat_regels(run: Betaalrun) -> list[BetaalrunWijziging]:
    return [w for w in run.wijzigingen.all() if w.van == w.naar]


def een_betaling_per_dossier(dossiers) -> None:
    assert sorted(Betaling.objects.filter(maand=MAART).values_list("dossier_id", flat=True)) == (
        sorted(d.pk for d in dossiers)
    )
    assert Boeking.objects.filter(
        betaalmaand=MAART, soort=BoekingSoort.UITBETALING_VOORLOPIG
    ).count() == len(dossiers)


@pytest.mark.django_db
def test_stille_run_wordt_hervat_met_alleen_de_delen_die_nog_moeten(vijf, caplog):
    run = betaalrun.start_betaalrun(maand=MAART)
    assert run.laatste_voortgang_op is not None  # stamped when planned
    nummer, ids = run.te_doen[0]
    betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    stil_maken(run)

    with caplog.at_level(logging.WARNING, logger="inkomen.betaalrun_bewaking"):
        [uitkomst] = betaalrun_bewaking.bewaak_betaalruns()

    assert (uitkomst.uitkomst, uitkomst.delen) == ("hervat", 2)
    run.refresh_from_db()
    assert run.status == BetaalrunStatus.KLAAR
    assert (run.chunks_klaar, run.chunks_totaal, run.hervattingen) == (3, 3, 1)
    assert run.totaal_bedrag == 5 * D("1331.42")
    assert run.bestand_sha256
    een_betaling_per_dossier(vijf)
    [regel] = hervat_regels(run)
    assert regel.naar == BetaalrunStatus.BEZIG
    assert "2 delen opnieuw verstuurd" in regel.toelichting
    assert "Automatisch hervat" in caplog.text
    medewerker = UserFactory(rol=Rol.BETAALRUN, team=None)
    detail = ingelogd(medewerker).get(reverse("inkomen:betaalrun", args=[run.pk]))
    assert "Bezig (automatisch hervat)" in detail.content.decode()
    # a finished run is left alone by the next round
    assert betaalrun_bewaking.bewaak_betaalruns() == []


@pytest.mark.django_db
def test_een_run_met_voortgang_of_die_klaar_of_mislukt_is_blijft_ongemoeid(vijf):
    run = betaalrun.start_betaalrun(maand=MAART)
    assert betaalrun_bewaking.bewaak_betaalruns() == []  # just planned: not stalled
    stil_maken(run, minuten=9)  # within INKOMEN_BETAALRUN_STIL_NA (10)
    assert betaalrun_bewaking.bewaak_betaalruns() == []
    betaalrun.markeer_mislukt(betaalrun_id=run.pk, fout="deel 1: OperationalError")
    stil_maken(run, minuten=60)
    assert betaalrun_bewaking.bewaak_betaalruns() == []  # mislukt: the next start resumes it
    run.refresh_from_db()
    assert (run.status, run.hervattingen, run.alarm) == (BetaalrunStatus.MISLUKT, 0, "")
    assert not Betaling.objects.exists()


@pytest.mark.django_db
def test_de_taak_zoals_beat_hem_aanroept(vijf):
    run = betaalrun.start_betaalrun(maand=MAART)
    stil_maken(run)
    uitkomst = tasks.tasks_bewaking.bewaak_betaalruns.delay().get()
    assert uitkomst == [{"betaalrun": run.pk, "uitkomst": "hervat", "delen": 3, "melding": ""}]
    run.refresh_from_db()
    assert run.status == BetaalrunStatus.KLAAR
    een_betaling_per_dossier(vijf)


@pytest.mark.django_db
def test_alle_delen_klaar_maar_nooit_afgerond(vijf):
    run = betaalrun.start_betaalrun(maand=MAART)
    for nummer, ids in run.te_doen:
        betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    stil_maken(run)  # the rond_af task was lost with the worker

    [uitkomst] = betaalrun_bewaking.bewaak_betaalruns()

    assert uitkomst.uitkomst == "afgerond"
    run.refresh_from_db()
    assert run.status == BetaalrunStatus.KLAAR
    assert (run.aantal_betalingen, run.totaal_bedrag) == (5, 5 * D("1331.42"))
    assert run.bestand.storage.exists(run.bestand.name)
    assert "niet afgerond" in hervat_regels(run)[0].toelichting
    een_betaling_per_dossier(vijf)


@pytest.mark.django_db
def test_geplande_run_die_nooit_startte(vijf):
    run = Betaalrun.objects.create(
        maand=MAART,
        betaaldatum=date(2026, 3, 25),
        aangemaakt_op=timezone.now() - timedelta(hours=1),
    )
    [uitkomst] = betaalrun_bewaking.bewaak_betaalruns()
    assert uitkomst.uitkomst == "hervat"
    run.refresh_from_db()
    assert (run.status, run.hervattingen) == (BetaalrunStatus.KLAAR, 1)
    een_betaling_per_dossier(vijf)


@pytest.mark.django_db
def test_voortgang_heft_het_alarm_op_en_klaar_ook(vijf):
    run = betaalrun.start_betaalrun(maand=MAART)
    (n0, ids0), (n1, ids1), (n2, ids2) = run.te_doen
    alarm = {"alarm": "vast", "alarm_op": timezone.now()}
    Betaalrun.objects.filter(pk=run.pk).update(**alarm)
    betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids0, nummer=n0)
    run.refresh_from_db()
    assert (run.alarm, run.alarm_op) == ("", None)

    Betaalrun.objects.filter(pk=run.pk).update(**alarm)
    betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids0, nummer=n0)  # again: no news
    assert Betaalrun.objects.get(pk=run.pk).alarm == "vast"
    for nummer, ids in ((n1, ids1), (n2, ids2)):
        betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    Betaalrun.objects.filter(pk=run.pk).update(**alarm)
    run = betaalrun.rond_af(betaalrun_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.alarm, run.alarm_op) == (BetaalrunStatus.KLAAR, "", None)


@pytest.mark.django_db
def test_alarm_na_te_veel_hervattingen_zonder_voortgang(vijf, settings, caplog):
    """Resumes whose chunks never arrive (recorded as resume lines with no chunk after them):
    after the maximum the watchdog raises the alarm, logs an ERROR and stops resuming; money
    is untouched. (Real lost messages: test_betaalrun_bewaking_broker.py.)"""
    settings.INKOMEN_BETAALRUN_MAX_HERVATTINGEN = 2
    run = betaalrun.start_betaalrun(maand=MAART)
    nummer, ids = run.te_doen[0]
    betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    for _ in range(2):
        BetaalrunWijziging.objects.create(
            betaalrun=run, van="bezig", naar="bezig", toelichting="Automatisch hervat"
        )
    stil_maken(run)
    betalingen, boekingen = Betaling.objects.count(), Boeking.objects.count()

    with caplog.at_level(logging.ERROR, logger="inkomen.betaalrun_bewaking"):
        [uitkomst] = betaalrun_bewaking.bewaak_betaalruns()
        [nog_eens] = betaalrun_bewaking.bewaak_betaalruns()

    assert uitkomst.uitkomst == nog_eens.uitkomst == "alarm"
    run.refresh_from_db()
    assert run.status == BetaalrunStatus.BEZIG
    assert "2 keer automatisch hervat" in run.alarm
    assert "manage.py betaalrun --maand 2026-03" in run.alarm
    assert run.alarm_op is not None and run.hervattingen == 0
    assert (Betaling.objects.count(), Boeking.objects.count()) == (betalingen, boekingen)
    assert [r.levelname for r in caplog.records] == ["ERROR"]  # once, not at every round

    # a person resumes it (the command): progress lifts the alarm, the run finishes
    betaalrun.voer_uit(maand=MAART)
    run.refresh_from_db()
    assert (run.status, run.alarm) == (BetaalrunStatus.KLAAR, "")
    een_betaling_per_dossier(vijf)


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_twee_bewakers_tegelijk_hervatten_een_keer(vijf):
    run = betaalrun.start_betaalrun(maand=MAART)
    nummer, ids = run.te_doen[0]
    betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    stil_maken(run)

    uitkomsten = tegelijk([betaalrun_bewaking.bewaak_betaalruns] * 2)

    gedaan = [u.uitkomst for lijst in uitkomsten for u in lijst]
    assert gedaan.count("hervat") == 1
    assert set(gedaan) <= {"hervat", "overgeslagen"}
    run.refresh_from_db()
    assert (run.status, run.hervattingen) == (BetaalrunStatus.KLAAR, 1)
    assert len(hervat_regels(run)) == 1
    assert BetaalrunDeel.objects.filter(betaalrun=run).count() == 3
    een_betaling_per_dossier(vijf)


# --------------------------------------------------------------------------------------------
# the screens


@pytest.fixture
def medewerker(db):
    return UserFactory(rol=Rol.BETAALRUN, team=None)


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.django_db
def test_schermen_tonen_het_alarm_opvallend_en_ge_escaped(medewerker):
    kwaad = '<script>alert("x")</script> broker weg'
    run = Betaalrun.objects.create(
        maand=MAART,
        betaaldatum=date(2026, 3, 25),
        status=BetaalrunStatus.BEZIG,
        chunks_totaal=3,
        chunks_klaar=1,
        hervattingen=2,
        laatste_voortgang_op=timezone.now() - timedelta(hours=1),
        alarm=kwaad,
        alarm_op=timezone.now(),
    )
    client = ingelogd(medewerker)

    lijst = client.get(reverse("inkomen:betaalruns")).content.decode()
    assert 'id="alarmen"' in lijst and 'role="alert"' in lijst
    assert "Alarm: 1 betaalrun loopt vast." in lijst
    assert escape(kwaad) in lijst and kwaad not in lijst
    assert "2 keer automatisch hervat" in lijst

    detail = client.get(reverse("inkomen:betaalrun", args=[run.pk])).content.decode()
    assert '<div class="utrecht-alert utrecht-alert--error" id="alarm" role="alert">' in detail
    assert escape(kwaad) in detail and kwaad not in detail
    assert "Automatisch hervat" in detail and "2 keer" in detail
    assert "Laatste voortgang" in detail
    kenmerk = f"{run.alarm_op.timestamp():.0f}"
    assert f"?alarm={kenmerk}" in detail  # the poll tells which alarm the page shows

    url = reverse("inkomen:betaalrun_voortgang", args=[run.pk])
    gepeild = client.get(url, {"alarm": kenmerk}).content.decode()
    assert 'id="alarm">' in gepeild  # still shown, not announced again at every poll
    assert escape(kwaad) in gepeild
    nieuw = client.get(url, {"alarm": "1"}).content.decode()
    assert 'id="alarm" role="alert"' in nieuw  # a new alarm appearing while polling


@pytest.mark.django_db
def test_scherm_waarschuwt_bij_een_stille_run_zonder_alarm(medewerker, settings):
    settings.INKOMEN_BETAALRUN_STIL_NA = 10
    run = Betaalrun.objects.create(
        maand=MAART,
        betaaldatum=date(2026, 3, 25),
        status=BetaalrunStatus.BEZIG,
        chunks_totaal=3,
        laatste_voortgang_op=timezone.now() - timedelta(minutes=11),
    )
    client = ingelogd(medewerker)
    detail = client.get(reverse("inkomen:betaalrun", args=[run.pk])).content.decode()
    assert 'id="stil"' in detail and "geen voortgang sinds" in detail
    assert 'id="alarm"' not in detail
    lijst = client.get(reverse("inkomen:betaalruns")).content.decode()
    assert "staat stil, wordt automatisch hervat" in lijst
    assert 'id="alarmen"' not in lijst

    Betaalrun.objects.filter(pk=run.pk).update(laatste_voortgang_op=timezone.now())
    detail = client.get(reverse("inkomen:betaalrun", args=[run.pk])).content.decode()
    assert 'id="stil"' not in detail


def test_zichtbaarheidstermijn_van_redis_staat_ingesteld():
    from bijstand.celery import app

    opties = app.conf.broker_transport_options
    assert 5 * 60 < opties["visibility_timeout"] < 60 * 60
