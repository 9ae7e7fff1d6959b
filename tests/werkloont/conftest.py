"""Shared fixtures of the werkloont tests: a fixed clock and a small world."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bijstand.accounts.models import Rol
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

AMS = ZoneInfo("Europe/Amsterdam")
# Wednesday 4 March 2026; its week runs from monday 2 to sunday 8 March (no holidays).
VANDAAG = datetime.date(2026, 3, 4)
MA = datetime.date(2026, 3, 2)


@pytest.fixture
def klok():
    """Freeze 'today' at VANDAAG (services read timezone.localdate())."""
    with time_machine.travel(datetime.datetime(2026, 3, 4, 10, 0, tzinfo=AMS), tick=False) as t:
        yield t


@pytest.fixture
def wl(db):
    team = TeamFactory()
    teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.teamleider = teamleider
    team.save()
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    burger = UserFactory(rol=Rol.BURGER, team=None)
    dossier = DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(account=burger))
    return {
        "team": team,
        "teamleider": teamleider,
        "werkcoach": werkcoach,
        "burger": burger,
        "dossier": dossier,
    }
