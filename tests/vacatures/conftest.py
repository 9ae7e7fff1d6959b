"""Fixtures of the vacatures tests: a kok vacancy and profiles in several caseloads."""

from __future__ import annotations

import pytest

from bijstand.accounts.models import Rol
from tests.factories import DossierFactory, TeamFactory, UserFactory
from tests.rollen import (  # noqa: F401 (fixtures)
    andere_werkcoach,
    beheerder,
    burger,
    collega,
    inkomensconsulent,
    login,
    privacy_officer,
    teamleider,
)

from .factories import ProfielFactory, VacatureFactory


@pytest.fixture
def vacature(db):
    return VacatureFactory(titel="Kok", aantal_plaatsen=2)


@pytest.fixture
def kandidaat(werkcoach):
    """A person in the werkcoach's own caseload who fits the kok vacancy fully."""
    return ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach)).dossier


@pytest.fixture
def wereld_vacatures(db):
    """Three werkcoaches with candidates; returns the people per caseload."""
    team = TeamFactory()
    coach = UserFactory(rol=Rol.WERKCONSULENT, team=team, first_name="Eva", last_name="Eigen")
    naaste = UserFactory(rol=Rol.WERKCONSULENT, team=team, first_name="Cor", last_name="Collega")
    ander = UserFactory(
        rol=Rol.WERKCONSULENT, team=TeamFactory(), first_name="Ad", last_name="Ander"
    )

    def profiel(coach_, **kwargs):
        return ProfielFactory(dossier=DossierFactory(werkcoach=coach_), **kwargs)

    eigen = [profiel(coach), profiel(coach, certificaten=[])]  # full fit, near fit
    bij_collega = [profiel(naaste) for _ in range(3)] + [profiel(naaste, certificaten=[])]
    bij_ander = [profiel(ander, zichtbaar_voor_werkgevers=True)]
    return {
        "coach": coach,
        "collega": naaste,
        "ander": ander,
        "eigen": eigen,
        "bij_collega": bij_collega,
        "bij_ander": bij_ander,
    }
