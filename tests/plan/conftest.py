"""Fixtures of the plan tests: a werkcoach, a dossier whose person has a burger account and an
e-mail address, and clients for both."""

from __future__ import annotations

import pytest
from django.test import Client

from bijstand.accounts.models import Rol
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

from .factories import maak_plan


@pytest.fixture
def burger(db):
    return UserFactory(rol=Rol.BURGER, team=None)


@pytest.fixture
def dossier(werkcoach, burger):
    return DossierFactory(
        werkcoach=werkcoach,
        werkzoekende=WerkzoekendeFactory(account=burger, email="burger@example.org"),
    )


@pytest.fixture
def plan(dossier):
    return maak_plan(dossier)


def client_voor(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def coach_client(werkcoach):
    return client_voor(werkcoach)


@pytest.fixture
def burger_client(burger):
    return client_voor(burger)
