import pytest

from bijstand.accounts.models import Rol
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory


@pytest.fixture
def teamleider(team):
    leider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.teamleider = leider
    team.save()
    return leider


@pytest.fixture
def burger(db):
    return UserFactory(rol=Rol.BURGER, team=None)


@pytest.fixture
def burger_dossier(werkcoach, burger):
    return DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(account=burger))
