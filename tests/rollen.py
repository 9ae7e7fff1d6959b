"""Role fixtures shared by the staff-UI and dashboard tests (imported by their conftest)."""

import pytest

from bijstand.accounts.models import Rol
from tests.factories import TeamFactory, UserFactory


@pytest.fixture
def teamleider(team):
    team.teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.save()
    return team.teamleider


@pytest.fixture
def collega(team):
    """Another werkconsulent in the same team."""
    return UserFactory(rol=Rol.WERKCONSULENT, team=team)


@pytest.fixture
def andere_werkcoach(db):
    """A werkconsulent in another team (with its own teamleider)."""
    ander_team = TeamFactory(teamleider=UserFactory(rol=Rol.TEAMLEIDER, team=None))
    return UserFactory(rol=Rol.WERKCONSULENT, team=ander_team)


@pytest.fixture
def inkomensconsulent(db):
    return UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)


@pytest.fixture
def beheerder(db):
    return UserFactory(rol=Rol.BEHEERDER, team=None)


@pytest.fixture
def privacy_officer(db):
    return UserFactory(rol=Rol.PRIVACY, team=None)


@pytest.fixture
def burger(db):
    return UserFactory(rol=Rol.BURGER, team=None)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login
