import pytest

from bijstand.accounts.models import Rol
from tests.factories import UserFactory


@pytest.fixture
def privacy_officer(db):
    return UserFactory(rol=Rol.PRIVACY, first_name="Priya", last_name="Toezicht")
