"""The payment-run watchdog with the real parts: an own ``redis-server`` (started per test on a
free port, really stopped where the broker must be down), real Celery workers (subprocesses,
solo pool) against the test database, PostgreSQL.

- The fault test of issue 13 §1: the whole worker is killed (SIGKILL) in the middle of a run,
  a new worker starts, and the watchdog (sent by name, as beat does) resumes the run: exactly
  one payment per dossier-month, the file complete, the run ``klaar``. The same crash with a
  short Redis visibility timeout and no watchdog: the broker redelivers the lost chunk itself.
- With Redis down, the watchdog's re-dispatch fails: alarm (run + ERROR log), no money moved;
  with Redis back the next round resumes it.
- Resumes whose chunks nobody processes (no worker): after the maximum, the alarm; a worker
  that comes back processes the duplicates once and lifts it.

The kill is made deterministic with a row lock: the test holds the lock of one dossier's
Uitkering (the lock every chunk takes), so the worker is known to be inside that chunk when
it is killed; its transaction never commits.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import psycopg2
import pytest
import redis
from celery import Celery
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from inkomen import betaalrun, betaalrun_bewaking
from inkomen.models import (
    Betaalrun,
    BetaalrunDeel,
    BetaalrunStatus,
    BetaalrunWijziging,
    Betaling,
    Boeking,
    BoekingSoort,
    Uitkering,
)

from .conftest import D

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (real workers, row locks)"
    ),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
    pytest.mark.django_db(transaction=True),
]

FEBRUARI = date(2026, 2, 1)
MAART = date(2026, 3, 1)
VIJFENTWINTIG = date(2000, 6, 1)  # no vrijlating: 1331.42 a month
CELERY = Path(sys.executable).parent / "celery"
PER_MAAND = D("1331.42")


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wacht_tot(voorwaarde: Callable[[], object], *, binnen: float, wat: str, log=None) -> object:
    eind = time.monotonic() + binnen
    while time.monotonic() < eind:
        uitkomst = voorwaarde()
        if uitkomst:
            return uitkomst
        time.sleep(0.2)
    staart = log.staart() if log is not None else ""
    runs = list(Betaalrun.objects.values("status", "chunks_klaar", "chunks_totaal", "foutmelding"))
    pytest.fail(f"niet binnen {binnen} s: {wat}\n{runs}\n{staart}")


class RedisServer:
    """An own redis-server without persistence; ``stop()`` really stops it (same port on
    ``start()`` again)."""

    def __init__(self, map: Path) -> None:
        self.poort = vrije_poort()
        self.map = map
        self.proces: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.poort}/0"

    def start(self) -> None:
        self.proces = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [
                shutil.which("redis-server"),
                "--port",
                str(self.poort),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.map),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.poort)

        def antwoordt() -> bool:
            try:
                return bool(client.ping())
            except redis.ConnectionError:
                return False

        wacht_tot(antwoordt, binnen=10, wat="redis-server start")

    def stop(self) -> None:
        if self.proces is not None and self.proces.poll() is None:
            self.proces.terminate()
            self.proces.wait(timeout=10)
        self.proces = None

    def wachtrij(self) -> int:
        return redis.Redis(port=self.poort).llen("celery")


class Worker:
    """``celery -A bijstand worker`` (solo pool) with its own environment, killable whole."""

    def __init__(self, naam: str, env: dict[str, str], map: Path) -> None:
        self.log_pad = map / f"{naam}.log"
        self.log = self.log_pad.open("wb")
        self.proces = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [
                str(CELERY),
                "-A",
                "bijstand",
                "worker",
                "-P",
                "solo",
                "-c",
                "1",
                "-l",
                "info",
                "-n",
                f"{naam}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=django_settings.BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL reaches all of it
        )
        wacht_tot(
            lambda: b" ready." in self.log_pad.read_bytes(), binnen=90, wat="worker", log=self
        )

    def staart(self) -> str:
        return self.log_pad.read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        if self.proces.poll() is None:
            os.killpg(self.proces.pid, signal.SIGKILL)
            self.proces.wait(timeout=10)

    def stop(self) -> None:
        if self.proces.poll() is None:
            os.killpg(self.proces.pid, signal.SIGTERM)
            try:
                self.proces.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def werkers(transactional_db, redis_server, tmp_path, settings):
    """start(naam, **env) -> Worker against the test database and the test's Redis; every
    worker is stopped before the database is flushed."""
    gestart: list[Worker] = []
    db = connection.settings_dict
    basis = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CELERY_", "INKOMEN_", "PYTEST", "DATABASE_URL", "CACHE_URL"))
    }
    basis.update(
        {
            "DJANGO_SETTINGS_MODULE": "bijstand.settings",
            "PYTHONUNBUFFERED": "1",
            "LOG_LEVEL": "INFO",
            "DATABASE_URL": (
                f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
                f"{db['PORT'] or 5432}/{db['NAME']}"
            ),
            "CELERY_BROKER_URL": redis_server.url,
            "CACHE_URL": "locmemcache://",
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "INKOMEN_BETAALRUN_CHUNK": "2",
        }
    )

    def start(naam: str, **env: str) -> Worker:
        worker = Worker(naam, {**basis, **env}, tmp_path)
        gestart.append(worker)
        return worker

    yield start
    for worker in gestart:
        worker.stop()


@pytest.fixture
def producent(redis_server, monkeypatch):
    """Sends tasks by name to the test's Redis, as beat does. (Celery prefers the environment
    variable CELERY_BROKER_URL over any configuration: it is pointed at the test's Redis.)"""
    monkeypatch.setenv("CELERY_BROKER_URL", redis_server.url)
    app = Celery("producent", broker=redis_server.url, set_as_current=False)
    yield app
    app.close()


@pytest.fixture
def echte_broker(redis_server, monkeypatch):
    """This process's Celery app publishes to the test's Redis (not eager) for the test."""
    from bijstand.celery import app

    monkeypatch.setenv("CELERY_BROKER_URL", redis_server.url)

    oud = {k: app.conf[k] for k in ("task_always_eager", "broker_url")}

    def zet(**conf) -> None:
        app.conf.update(**conf)
        app._pool = None
        app.amqp._producer_pool = None

    app.set_current()  # the tasks (shared_task) resolve through the current app
    zet(task_always_eager=False, broker_url=redis_server.url)
    yield app
    zet(**oud)


def twaalf_dossiers(maak_dossier) -> list[int]:
    """Twelve dossiers of 1331.42: six chunks of two (the workers' INKOMEN_BETAALRUN_CHUNK)."""
    return sorted(
        maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=FEBRUARI).pk for _ in range(12)
    )


def run_van_maart() -> Betaalrun | None:
    return Betaalrun.objects.filter(maand=MAART).first()


def controleer_afgerond(dossiers: list[int]) -> Betaalrun:
    """Exactly one payment per dossier-month, the file complete, the run klaar."""
    run = run_van_maart()
    assert run.status == BetaalrunStatus.KLAAR
    assert (run.chunks_klaar, run.chunks_totaal) == (6, 6)
    assert run.alarm == ""
    betalingen = list(Betaling.objects.filter(maand=MAART).values_list("dossier_id", "bedrag"))
    assert sorted(d for d, _b in betalingen) == dossiers
    assert {b for _d, b in betalingen} == {PER_MAAND}
    assert Boeking.objects.filter(
        betaalmaand=MAART, soort=BoekingSoort.UITBETALING_VOORLOPIG
    ).count() == len(dossiers)
    assert (run.aantal_betalingen, run.totaal_bedrag) == (12, 12 * PER_MAAND)
    xml = run.bestand.read().decode()
    assert xml.count("<CdtTrfTxInf>") == 12
    assert re.findall(r"<NbOfTxs>(\d+)</NbOfTxs>", xml)[0] == "12"
    assert re.findall(r"<CtrlSum>([\d.]+)</CtrlSum>", xml)[0] == f"{12 * PER_MAAND}"
    for d in dossiers:
        assert xml.count(f"<EndToEndId>WI-202603-{d}</EndToEndId>") == 1
    return run


def kill_midden_in_de_run(werkers, producent, dossiers: list[int], **env: str) -> None:
    """Worker 1 pays chunks 1 and 2, is inside chunk 3 (waiting for the lock the test holds
    on one of its dossiers) and is killed with SIGKILL; then the lock is released."""
    db = connection.settings_dict
    slot = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )
    try:
        with slot.cursor() as cur:
            cur.execute(
                f"SELECT id FROM {Uitkering._meta.db_table} WHERE dossier_id = %s FOR UPDATE",  # noqa: S608
                [dossiers[4]],
            )
        eerste = werkers("eerste", **env)
        producent.send_task("inkomen.maandelijkse_betaalrun", args=[MAART.isoformat()])

        def in_deel_drie() -> bool:
            run = run_van_maart()
            if run is None or run.chunks_klaar < 2:
                return False
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = %s AND wait_event_type = 'Lock'",
                    [db["NAME"]],
                )
                return cur.fetchone()[0] > 0

        wacht_tot(in_deel_drie, binnen=40, wat="worker in deel 3", log=eerste)
        eerste.kill()
        run = run_van_maart()
        assert (run.status, run.chunks_klaar, run.chunks_totaal) == ("bezig", 2, 6)
    finally:
        slot.rollback()
        slot.close()


def test_worker_gekild_midden_in_de_run_bewaking_hervat_hem(maak_dossier, werkers, producent):
    dossiers = twaalf_dossiers(maak_dossier)
    # visibility timeout 120 s: the broker would not redeliver within this test; the run is
    # stalled after 3 s without progress (INKOMEN_BETAALRUN_STIL_NA in minutes)
    env = {"CELERY_VISIBILITY_TIMEOUT": "120", "INKOMEN_BETAALRUN_STIL_NA": "0.05"}
    kill_midden_in_de_run(werkers, producent, dossiers, **env)
    gekild = timezone.now()

    tweede = werkers("tweede", **env)

    def klaar_na_bewaking() -> bool:
        producent.send_task("inkomen.bewaak_betaalruns")  # as beat does, compressed in time
        time.sleep(0.8)
        return run_van_maart().status == BetaalrunStatus.KLAAR

    wacht_tot(klaar_na_bewaking, binnen=45, wat="automatisch hervat en klaar", log=tweede)
    assert timezone.now() - gekild < timedelta(seconds=120)  # before Redis would redeliver

    run = controleer_afgerond(dossiers)
    assert run.hervattingen >= 1
    hervat = BetaalrunWijziging.objects.filter(betaalrun=run, van="bezig", naar="bezig").first()
    assert "delen opnieuw verstuurd" in hervat.toelichting
    # chunk 3 (the one killed) was done after the watchdog's resume, not before
    assert BetaalrunDeel.objects.get(betaalrun=run, nummer=2).verwerkt_op > hervat.op


def test_worker_gekild_korte_zichtbaarheidstermijn_broker_levert_opnieuw(
    maak_dossier, werkers, producent
):
    dossiers = twaalf_dossiers(maak_dossier)
    env = {
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        "INKOMEN_BETAALRUN_STIL_NA": "60",  # the watchdog plays no part here
    }
    kill_midden_in_de_run(werkers, producent, dossiers, **env)
    tweede = werkers("tweede", **env)

    wacht_tot(
        lambda: run_van_maart().status == BetaalrunStatus.KLAAR,
        binnen=40,
        wat="chunk opnieuw geleverd na de zichtbaarheidstermijn",
        log=tweede,
    )
    run = controleer_afgerond(dossiers)
    assert run.hervattingen == 0


def stil_maken() -> None:
    Betaalrun.objects.filter(maand=MAART).update(
        laatste_voortgang_op=timezone.now() - timedelta(hours=1)
    )


def geld() -> tuple[int, int]:
    return Betaling.objects.count(), Boeking.objects.count()


def test_broker_weg_geeft_alarm_en_broker_terug_hervat(
    maak_dossier, settings, redis_server, echte_broker, werkers, caplog
):
    settings.INKOMEN_BETAALRUN_CHUNK = 2
    dossiers = twaalf_dossiers(maak_dossier)
    run = betaalrun.start_betaalrun(maand=MAART)
    nummer, ids = run.te_doen[0]
    betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    stil_maken()
    voor = geld()

    redis_server.stop()  # really down
    with caplog.at_level(logging.ERROR, logger="inkomen.betaalrun_bewaking"):
        [uitkomst] = betaalrun_bewaking.bewaak_betaalruns()
    assert uitkomst.uitkomst == "alarm"
    run.refresh_from_db()
    assert run.status == BetaalrunStatus.BEZIG
    assert "de delen konden niet worden verstuurd" in run.alarm
    assert run.alarm_op is not None and run.hervattingen == 1
    assert geld() == voor
    assert any(r.levelname == "ERROR" and "alarm" in r.getMessage() for r in caplog.records)

    redis_server.start()  # back (empty: nothing was queued)
    assert redis_server.wachtrij() == 0
    stil_maken()
    [uitkomst] = betaalrun_bewaking.bewaak_betaalruns()
    assert (uitkomst.uitkomst, uitkomst.delen) == ("hervat", 5)
    assert redis_server.wachtrij() == 5
    assert Betaalrun.objects.get(pk=run.pk).alarm  # until a chunk is actually done

    werkers("werker")
    wacht_tot(lambda: run_van_maart().status == BetaalrunStatus.KLAAR, binnen=40, wat="klaar")
    run = controleer_afgerond(dossiers)
    assert (run.hervattingen, run.alarm_op) == (2, None)


def test_hervattingen_zonder_werker_geven_alarm_werker_terug_maakt_af(
    maak_dossier, settings, redis_server, echte_broker, werkers, caplog
):
    settings.INKOMEN_BETAALRUN_CHUNK = 2
    settings.INKOMEN_BETAALRUN_MAX_HERVATTINGEN = 2
    dossiers = twaalf_dossiers(maak_dossier)
    run = betaalrun.start_betaalrun(maand=MAART)
    voor = geld()

    uitkomsten = []
    with caplog.at_level(logging.ERROR, logger="inkomen.betaalrun_bewaking"):
        for _ in range(4):
            stil_maken()
            uitkomsten += [u.uitkomst for u in betaalrun_bewaking.bewaak_betaalruns()]
    assert uitkomsten == ["hervat", "hervat", "alarm", "alarm"]
    assert redis_server.wachtrij() == 2 * 6  # the messages wait; nobody consumes them
    run.refresh_from_db()
    assert run.hervattingen == 2
    assert "2 keer automatisch hervat" in run.alarm
    assert geld() == voor
    assert [r.levelname for r in caplog.records] == ["ERROR"]

    werkers("werker")  # the workers are back: duplicates are paid once
    wacht_tot(
        lambda: run_van_maart().status == BetaalrunStatus.KLAAR and redis_server.wachtrij() == 0,
        binnen=40,
        wat="klaar",
    )
    controleer_afgerond(dossiers)
