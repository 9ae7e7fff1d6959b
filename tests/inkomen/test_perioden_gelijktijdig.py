"""Nothing twice under concurrency (PostgreSQL row locks and unique constraints decide): two
consulenten suspending or lifting at the same moment, the same signal raised twice at once,
and two payment runs paying a lifted month at the same moment."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from inkomen import betaalrun, perioden
from inkomen.models import (
    Betaling,
    Boeking,
    BoekingSoort,
    Opschorting,
    OpschortingAfloop,
    Signaal,
    Uitkering,
)
from tests.gelijktijdig import ALLEEN_POSTGRES, tegelijk

pytestmark = [*ALLEEN_POSTGRES, pytest.mark.django_db(transaction=True)]

FEBRUARI, MAART = date(2026, 2, 1), date(2026, 3, 1)


def schort_op(dossier):
    return lambda: perioden.schort_op(
        uitkering=Uitkering.objects.get(dossier=dossier),
        vanaf=date(2026, 2, 3),
        reden="Bankafschriften ontbreken",
        hersteltermijn_tot=date(2026, 2, 17),
        door=None,
    )


def test_gelijktijdig_opschorten_en_opheffen_een_keer(maak_dossier, vandaag):
    vandaag(date(2026, 2, 3))
    dossier = maak_dossier(ingangsdatum=date(2026, 1, 1))

    uitkomsten = tegelijk([schort_op(dossier), schort_op(dossier)], verwacht=(ValidationError,))

    assert sum(isinstance(u, Opschorting) for u in uitkomsten) == 1
    assert Opschorting.objects.count() == 1
    opschorting = Opschorting.objects.get()
    uitkomsten = tegelijk(
        [
            lambda: perioden.hef_op(opschorting=opschorting, door=None, toelichting="a"),
            lambda: perioden.hef_op(opschorting=opschorting, door=None, toelichting="b"),
        ],
        verwacht=(ValidationError,),
    )
    assert sum(isinstance(u, ValidationError) for u in uitkomsten) == 1
    opschorting.refresh_from_db()
    assert opschorting.afloop == OpschortingAfloop.OPGEHEVEN


def test_gelijktijdig_hetzelfde_signaal_een_keer(maak_dossier):
    dossier = maak_dossier()

    def signaleer():
        return perioden.signaleer(
            dossier_id=dossier.pk, soort="vordering_periode", sleutel="vordering:1", tekst="x"
        )[1]

    assert sorted(tegelijk([signaleer, signaleer, signaleer])) == [False, False, True]
    assert Signaal.objects.count() == 1


def test_gelijktijdige_runs_betalen_een_opgeheven_maand_een_keer(maak_dossier, vandaag):
    vandaag(date(2026, 1, 20))
    dossier = maak_dossier(ingangsdatum=date(2026, 1, 1))
    betaalrun.voer_uit(maand=date(2026, 1, 1))
    vandaag(date(2026, 2, 3))
    opschorting = schort_op(dossier)()
    vandaag(date(2026, 2, 20))
    betaalrun.voer_uit(maand=FEBRUARI)
    vandaag(date(2026, 3, 2))
    perioden.hef_op(opschorting=opschorting, door=None, toelichting="ontvangen")
    vandaag(date(2026, 3, 20))
    run = betaalrun.start_betaalrun(maand=MAART)

    tegelijk(
        [
            lambda: betaalrun.verwerk_chunk(
                betaalrun_id=run.pk, dossier_ids=[dossier.pk], nummer=0, bulk=True
            ),
            lambda: betaalrun.verwerk_chunk(
                betaalrun_id=run.pk, dossier_ids=[dossier.pk], nummer=0, bulk=False
            ),
        ]
    )

    februari = Boeking.objects.filter(
        dossier=dossier, maand=FEBRUARI, soort=BoekingSoort.UITBETALING_VOORLOPIG
    )
    assert februari.count() == 1 and februari.get().betaalmaand == MAART
    assert Betaling.objects.filter(dossier=dossier, maand=MAART).count() == 1
