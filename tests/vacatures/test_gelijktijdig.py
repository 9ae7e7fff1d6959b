"""Concurrency against PostgreSQL: two werkcoaches fill the last place of a vacancy at the same
moment; the vacancy row lock lets exactly one of them succeed (skipped on SQLite, run in CI)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import DossierFactory, TeamFactory, UserFactory
from tests.gelijktijdig import ALLEEN_POSTGRES, tegelijk
from vacatures import services
from vacatures.models import Plaatsing, Vacature, VacatureStatus

from .factories import ProfielFactory, VacatureFactory

pytestmark = ALLEEN_POSTGRES


@pytest.mark.django_db(transaction=True)
def test_last_place_is_filled_once():
    team = TeamFactory()
    coaches = [UserFactory(rol="werkconsulent", team=team) for _ in range(2)]
    vacature = VacatureFactory(aantal_plaatsen=1)
    voordrachten = []
    for coach in coaches:
        dossier = ProfielFactory(dossier=DossierFactory(werkcoach=coach)).dossier
        v = services.draag_voor(vacature=vacature, dossier=dossier, door=coach)
        services.plan_gesprek(
            voordracht=v, op=timezone.make_aware(datetime(2026, 5, 4, 10)), door=coach
        )
        voordrachten.append((v, coach))

    uitkomsten = tegelijk(
        [
            lambda v=v, c=c: services.registreer_plaatsing(
                voordracht=v, startdatum=date(2026, 6, 1), contracturen=32,
                contract_maanden=12, door=c,
            )
            for v, c in voordrachten
        ],
        verwacht=(ValidationError,),
    )  # fmt: skip

    assert sorted(type(u).__name__ for u in uitkomsten) == ["Plaatsing", "ValidationError"]
    assert Plaatsing.objects.count() == 1
    assert Vacature.objects.get(pk=vacature.pk).status == VacatureStatus.VERVULD
