"""Fixtures of the inkomen tests: a dossier with an uitkering, a movable clock, private media."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bijstand.accounts.models import Rol
from bijstand.core import tijd
from inkomen import selectors, services
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory
from tests.rollen import login  # noqa: F401 (fixture)


@pytest.fixture(autouse=True)
def _prive_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _regelcache():
    selectors.wis_regelcache()
    yield
    selectors.wis_regelcache()


@pytest.fixture
def vandaag(monkeypatch):
    """Move the clock of inkomen.services: ``vandaag(date(2026, 4, 5))``."""

    def _zet(d: date) -> None:
        monkeypatch.setattr(tijd, "vandaag", lambda: d)

    _zet(date(2026, 4, 5))
    return _zet


@pytest.fixture
def consulent(db):
    return UserFactory(rol=Rol.INKOMENSCONSULENT)


@pytest.fixture
def maak_dossier(db, vandaag):
    """maak_dossier(geboortedatum=..., ingangsdatum=..., leden=[...]) -> dossier with uitkering."""

    def _maak(
        *,
        geboortedatum: date = date(1985, 5, 1),
        ingangsdatum: date = date(2025, 1, 1),
        leden: list[dict] | None = None,
        **uitkering,
    ):
        persoon = WerkzoekendeFactory(geboortedatum=geboortedatum)
        for lid in leden or []:
            persoon.huishouden.leden.create(**lid)
        dossier = DossierFactory(werkzoekende=persoon)
        services.start_uitkering(dossier=dossier, ingangsdatum=ingangsdatum, door=None, **uitkering)
        return dossier

    return _maak


@pytest.fixture
def opgave(consulent, django_capture_on_commit_callbacks):
    """opgave(dossier, maand, bedrag, ...) registers an opgave and runs the on-commit task."""

    def _opgave(dossier, maand: date, bedrag: str, **kwargs):
        velden = {
            "persoon": "aanvrager",
            "soort": "arbeid",
            "periode": "maand",
            "status": "definitief",
            "bron": "consulent",
            "door": consulent,
        }
        velden.update(kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            return services.registreer_inkomstenopgave(
                dossier=dossier, maand=maand, bedrag=Decimal(bedrag), **velden
            )

    return _opgave


def D(waarde: str) -> Decimal:
    return Decimal(waarde)
