"""Fixtures of the instrumentenhuis tests: a werkcoach with a dossier, instruments."""

from __future__ import annotations

from datetime import date

import pytest

from bijstand.accounts.models import Rol
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory


@pytest.fixture
def coach(db):
    team = TeamFactory()
    team.teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.save()
    return UserFactory(rol=Rol.WERKCONSULENT, team=team)


@pytest.fixture
def persoon_dossier(coach):
    return DossierFactory(
        werkcoach=coach, werkzoekende=WerkzoekendeFactory(geboortedatum=date(1990, 3, 15))
    )


@pytest.fixture
def coach_client(client, coach):
    client.force_login(coach)
    return client
