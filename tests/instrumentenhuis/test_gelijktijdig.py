"""Budget and capacity under concurrent approvals, against PostgreSQL with real threads.

Each thread has its own database connection; they approve different requests for the same
instrument at the same moment. The row lock on InstrumentJaar (and its check constraints)
must let exactly as many through as there is room for; the others get GeenRuimte.

``transaction=True`` without ``serialized_rollback``: the reference data (leefgebieden,
catalogue, processing register) is put back after the flush by the apps' post_migrate
handlers, and a serialized restore after another app's flush would clash on content types.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from instrumentenhuis import services
from instrumentenhuis.models import InstrumentJaar, Inzet, InzetStatus
from tests.factories import DossierFactory, UserFactory
from tests.gelijktijdig import ALLEEN_POSTGRES, tegelijk

from .factories import InstrumentFactory

pytestmark = ALLEEN_POSTGRES


def _aanvragen(instrument, aantal: int) -> tuple:
    coach = UserFactory()
    inzetten = []
    for _ in range(aantal):
        dossier = DossierFactory(werkcoach=coach)
        inzetten.append(services.vraag_aan(dossier=dossier, instrument=instrument, door=coach))
    return coach, inzetten


def _keur_goed(inzet, coach):
    return lambda: services.keur_goed(inzet=inzet, door=coach)


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_goedkeuringen_voor_de_laatste_plaats():
    instrument = InstrumentFactory(capaciteit_per_jaar=1, jaarbudget=None)
    coach, (a, b) = _aanvragen(instrument, 2)
    # No budget row exists yet: both threads also race to create it.
    assert not InstrumentJaar.objects.filter(instrument=instrument).exists()

    uitkomsten = tegelijk(
        [_keur_goed(a, coach), _keur_goed(b, coach)], verwacht=(services.GeenRuimte,)
    )

    goed = [u for u in uitkomsten if isinstance(u, Inzet)]
    geweigerd = [u for u in uitkomsten if isinstance(u, services.GeenRuimte)]
    assert (len(goed), len(geweigerd)) == (1, 1), uitkomsten
    assert "plaatsen" in geweigerd[0].message_dict["capaciteit"][0]
    rij = InstrumentJaar.objects.get(instrument=instrument)
    assert (rij.capaciteit, rij.bezet) == (1, 1)
    assert Inzet.objects.filter(instrument=instrument, status=InzetStatus.GOEDGEKEURD).count() == 1


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_goedkeuringen_binnen_budget():
    jaar = date.today().year
    instrument = InstrumentFactory(kosten_per_deelnemer="300.00", jaarbudget="1000.00")
    coach, inzetten = _aanvragen(instrument, 5)

    uitkomsten = tegelijk([_keur_goed(i, coach) for i in inzetten], verwacht=(services.GeenRuimte,))

    goed = [u for u in uitkomsten if isinstance(u, Inzet)]
    assert len(goed) == 3, uitkomsten  # 3 x 300 <= 1000 < 4 x 300
    assert all(
        isinstance(u, services.GeenRuimte) for u in uitkomsten if not isinstance(u, Inzet)
    ), uitkomsten
    rij = InstrumentJaar.objects.get(instrument=instrument, jaar=jaar)
    assert (rij.bezet, rij.besteed) == (3, Decimal("900.00"))
    assert rij.besteed <= rij.budget
