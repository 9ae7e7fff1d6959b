"""End to end with a real worker (PostgreSQL): the broker is down while an opgave is stored;
with Redis back, the reconciliation is sent by name twice (as beat does) and a real Celery
worker process runs it: the verrekeningsschuld of the paid month is booked exactly once.

The worker has the real clock, so the months are relative to today."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from bijstand.core import tijd
from inkomen import services
from inkomen.models import Boeking, BoekingSoort
from inkomen.models_herberekening import HerberekenVerzoek
from tests.factories import DossierFactory, WerkzoekendeFactory

from .duurzaam_redis import Worker, echte_broker_fixture, eigen_redis_fixture, wacht_tot  # noqa: F401
from .test_duurzame_herberekening import verwachte_schuld

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (a worker process)"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_herstel_door_een_echte_worker_boekt_precies_een_keer(echte_broker, consulent, tmp_path):
    maand = tijd.maand_plus(tijd.eerste_van_maand(tijd.vandaag()), -1)
    dossier = DossierFactory(werkzoekende=WerkzoekendeFactory(geboortedatum=date(1985, 5, 1)))
    services.start_uitkering(dossier=dossier, ingangsdatum=tijd.maand_plus(maand, -1), door=None)
    assert services.boek_maandbetaling(dossier_id=dossier.pk, maand=maand) is not None

    echte_broker.stop()
    services.registreer_inkomstenopgave(
        dossier=dossier,
        maand=maand,
        persoon="aanvrager",
        soort="arbeid",
        bedrag=Decimal("700.00"),
        periode="maand",
        status="definitief",
        bron="consulent",
        door=consulent,
    )
    assert HerberekenVerzoek.objects.filter(verwerkt_op__isnull=True).count() == 1

    echte_broker.start()
    worker = Worker(echte_broker.url(2), tmp_path, INKOMEN_HERSTEL_WACHTTIJD="0")
    try:
        from bijstand.celery import app

        for _ in range(2):
            app.send_task("inkomen.herstel_herberekeningen")
        redis = echte_broker.client(2)
        wacht_tot(
            lambda: (
                not HerberekenVerzoek.objects.filter(verwerkt_op__isnull=True).exists()
                and redis.llen("celery") == 0
                and redis.hlen("unacked") == 0
            ),
            60,
            "herstel door de worker",
            worker,
        )
    finally:
        worker.stop()
    schulden = Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VERREKENINGSSCHULD)
    assert [b.bedrag for b in schulden] == [verwachte_schuld(maand, Decimal("700.00"))]
    assert "inkomen.herstel_herberekeningen" in worker.log_pad.read_text()
