"""The bulk recalculation run with the real parts: PostgreSQL, an own ``redis-server`` really
stopped where the broker must be down, real Celery workers (subprocesses).

- The beheerder saves a corrected January norm while Redis is down: the admin answers
  normally, the run is stored (``gepland``) in the save's transaction and nothing is lost; with
  Redis back, the reconciliation task (sent by name, as beat would) starts it and a worker books
  every paid month's nabetaling exactly once.
- A worker killed inside a chunk: the broker redelivers the chunk (acks late, a short
  visibility timeout) and a second worker finishes the run; the killed chunk's transaction
  never committed, so every month is booked exactly once and the chunk counted once.
"""

from __future__ import annotations

import importlib
import json
import time
from datetime import date
from decimal import Decimal

import psycopg2
import pytest
from celery import Celery
from django.apps import apps as django_apps
from django.db import connection
from django.urls import reverse

from bijstand.accounts.models import Rol
from bijstand.accounts.permissions import geef_beheer_rechten
from bijstand.accounts.services import pas_rol_rechten_toe
from inkomen import betaalrun, herberekeningsrun
from inkomen.models import Boeking, BoekingSoort, Regelset, Uitkering
from inkomen.models_herberekening import Herberekeningsrun, HerberekeningsrunStatus
from tests.factories import UserFactory

from .test_betaalrun_bewaking_broker import (  # noqa: F401 (fixtures)
    echte_broker,
    producent,
    redis_server,
    wacht_tot,
    werkers,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (real workers, row locks)"
    ),
    pytest.mark.django_db(transaction=True),
]

JAN = date(2026, 1, 1)
FEB = date(2026, 2, 1)


@pytest.fixture
def betaald(maak_dossier, vandaag, settings):
    """Six dossiers, January and February paid (in this process, before the broker is used)."""
    settings.INKOMEN_BETAALRUN_CHUNK = 3
    dossiers = [maak_dossier(ingangsdatum=JAN).pk for _ in range(6)]
    for maand in (JAN, FEB):
        vandaag(maand.replace(day=20))
        betaalrun.voer_uit(maand=maand)
    vandaag(date(2026, 3, 5))
    return sorted(dossiers)


def nieuwe_norm() -> dict:
    rij = Regelset.objects.get(geldig_vanaf=JAN)
    return {
        **rij.data,
        "norm_alleenstaande": str(Decimal(rij.data["norm_alleenstaande"]) + Decimal("10.00")),
    }


def controleer_nabetalingen(dossiers: list[int]) -> None:
    """Exactly one nabetaling per paid dossier-month."""
    rijen = sorted(
        Boeking.objects.filter(soort=BoekingSoort.NABETALING).values_list("dossier_id", "maand")
    )
    assert rijen == sorted((d, m) for d in dossiers for m in (JAN, FEB))
    assert set(
        Boeking.objects.filter(soort=BoekingSoort.NABETALING).values_list("bedrag", flat=True)
    ) == {Decimal("10.00")}


BEHEER_MIGRATIE = "inkomen.migrations.0003_functioneel_beheer"


def test_beheer_slaat_op_met_broker_weg_en_de_run_komt_er_later(
    betaald,
    client,
    redis_server,  # noqa: F811 (fixture)
    echte_broker,  # noqa: F811 (fixture)
    werkers,  # noqa: F811 (fixture)
):
    # A transactional test flushes the tables the migrations filled (an earlier one in the
    # suite leaves the beheer group without inkomen's rights): grant them as migration 0003.
    geef_beheer_rechten(django_apps, importlib.import_module(BEHEER_MIGRATIE).PERMISSIES)
    beheerder = UserFactory(rol=Rol.BEHEERDER, is_staff=True, team=None)
    pas_rol_rechten_toe(beheerder)  # staff + the beheer group, as for every beheerder
    client.force_login(beheerder, backend="django.contrib.auth.backends.ModelBackend")
    rij = Regelset.objects.get(geldig_vanaf=JAN)

    redis_server.stop()  # really down
    begin = time.monotonic()
    antwoord = client.post(
        reverse("admin:inkomen_regelset_change", args=[rij.pk]),
        {
            "geldig_vanaf": "2026-01-01",
            "toelichting": "correctie",
            "data": json.dumps(nieuwe_norm()),
        },
    )
    assert antwoord.status_code == 302  # saved, back to the list: no 500
    assert time.monotonic() - begin < 15
    run = Herberekeningsrun.objects.get()
    assert run.status == HerberekeningsrunStatus.GEPLAND  # stored with the change
    assert Regelset.objects.get(pk=rij.pk).data["norm_alleenstaande"] == "1411.50"
    assert not Boeking.objects.filter(soort=BoekingSoort.NABETALING).exists()
    # a reconciliation while the broker is still down changes nothing and raises nothing
    assert herberekeningsrun.hervat_herberekeningsruns() == {"gestuurd": [], "herstart": []}

    redis_server.start()
    werker = werkers("een")
    producent_app = Celery("producent", broker=redis_server.url)
    try:
        producent_app.send_task("inkomen.hervat_herberekeningsruns")  # as beat would
        wacht_tot(
            lambda: Herberekeningsrun.objects.get(pk=run.pk).status == "klaar",
            binnen=90,
            wat="run klaar na het herstel",
            log=werker,
        )
    finally:
        producent_app.close()
    run.refresh_from_db()
    assert (run.aantal_maanden, run.aantal_verwerkt, run.aantal_geboekt) == (12, 12, 12)
    assert run.chunks_klaar == run.chunks_totaal >= 1
    controleer_nabetalingen(betaald)


def test_worker_gekild_in_een_deel_broker_levert_opnieuw(
    betaald,
    werkers,  # noqa: F811 (fixture)
    producent,  # noqa: F811 (fixture)
    settings,
):
    regel = Regelset.objects.get(geldig_vanaf=JAN)
    regel.data = nieuwe_norm()
    regel.save()
    run = Herberekeningsrun.objects.create(aanleiding="test", vanaf=JAN, tot=FEB)
    settings.INKOMEN_HERBEREKENINGSRUN_CHUNK = 4
    delen = herberekeningsrun.plan_herberekeningsrun(run.pk)  # three chunks of two dossiers
    assert [len(paren) for _nr, paren in delen] == [4, 4, 4]
    env = {
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }
    db = connection.settings_dict
    slot = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )
    try:
        with slot.cursor() as cur:  # the last chunk's dossier: the worker waits inside it
            cur.execute(
                f"SELECT id FROM {Uitkering._meta.db_table} WHERE dossier_id = %s FOR UPDATE",  # noqa: S608
                [betaald[-1]],
            )
        eerste = werkers("eerste", **env)
        for nummer, paren in delen:  # what inkomen.herberekeningsrun_plan sends
            producent.send_task(
                "inkomen.herberekeningsrun_verwerk_deel",
                args=[run.pk, nummer, [[d, m.isoformat()] for d, m in paren]],
            )

        def wacht_in_laatste_deel() -> bool:
            r = Herberekeningsrun.objects.get(pk=run.pk)
            if r.chunks_totaal != 3 or r.chunks_klaar < 2:
                return False
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = %s AND wait_event_type = 'Lock'",
                    [db["NAME"]],
                )
                return cur.fetchone()[0] > 0

        wacht_tot(wacht_in_laatste_deel, binnen=60, wat="worker in het laatste deel", log=eerste)
        eerste.kill()
        r = Herberekeningsrun.objects.get(pk=run.pk)
        assert (r.status, r.chunks_klaar) == ("bezig", 2)
    finally:
        slot.rollback()
        slot.close()

    tweede = werkers("tweede", **env)
    wacht_tot(
        lambda: Herberekeningsrun.objects.get(pk=run.pk).status == "klaar",
        binnen=60,
        wat="deel opnieuw geleverd en de run klaar",
        log=tweede,
    )
    run.refresh_from_db()
    assert (run.chunks_klaar, run.aantal_verwerkt, run.aantal_geboekt) == (3, 12, 12)
    controleer_nabetalingen(betaald)
