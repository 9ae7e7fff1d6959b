"""Fixtures of the aanvraag tests: a movable clock, private media, the people of the front
door and an aanvraag brought to any status through the services."""

from __future__ import annotations

from datetime import date

import pytest

from aanvraag import behandeling, services
from aanvraag.models import Aanvraag
from aanvraag.stappen import CHECKLIST_CODES, Uitkomst
from bijstand.accounts.models import Rol
from bijstand.core import tijd
from tests.factories import TeamFactory, UserFactory, WijkFactory, geldig_bsn

# The stored data of every step (the shape the step forms' ``gegevens()`` give).
STAP_GEGEVENS: dict[str, dict] = {
    "persoon": {
        "email": "a@example.nl",
        "telefoon": "010 1234567",
        "elektronisch": False,
        "adres_gewijzigd": False,
        "straat": "",
        "huisnummer": "",
        "postcode": "",
        "woonplaats": "",
    },
    "wonen": {"woonsituatie": "huur", "woonkosten": "650.00", "toelichting": ""},
    "huishouden": {"partner": None, "kinderen": [], "medebewoners": []},
    "inkomen": {
        "heeft_inkomen": False,
        "soort": "",
        "bedrag": None,
        "andere_uitkering_aangevraagd": False,
    },
    "vermogen": {"bank_saldo": "120.00", "auto_waarde": None, "eigen_woning": False, "overig": ""},
    "bankrekening": {"iban": "NL91ABNA0417164300", "tenaamstelling": "A. Jansen"},
    "verklaring": {"akkoord": True},
}


@pytest.fixture(autouse=True)
def _prive_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def vandaag(monkeypatch):
    """Move the project clock: ``vandaag(date(2026, 3, 17))``; starts on 17 March 2026."""

    def _zet(d: date) -> None:
        monkeypatch.setattr(tijd, "vandaag", lambda: d)

    _zet(date(2026, 3, 17))
    return _zet


@pytest.fixture
def team_met_coach(db):
    team = TeamFactory()
    team.teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.save()
    coach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    WijkFactory(code="W3011", naam="Stadsdriehoek", postcodes="3011,3012", team=team)
    return team, coach


@pytest.fixture
def werkcoach(team_met_coach):
    return team_met_coach[1]


@pytest.fixture
def teamleider(team_met_coach):
    return team_met_coach[0].teamleider


@pytest.fixture
def consulent(db):
    return UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)


@pytest.fixture
def loket(db):
    """A werkconsulent at the loket (another team: not the werkcoach the melding gets)."""
    return UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory())


PERSOON = {
    "voornamen": "Anna",
    "achternaam": "Jansen",
    "geboortedatum": date(1990, 4, 1),
    "straat": "Coolsingel",
    "huisnummer": "40",
    "postcode": "3011 AD",
    "woonplaats": "Rotterdam",
}


@pytest.fixture
def maak_aanvraag(vandaag, werkcoach, consulent):
    """maak_aanvraag(tot="concept"|"ingediend"|"in_behandeling"|"checklist", ...) -> Aanvraag.

    "ingediend": all steps and sent; "in_behandeling": taken up by ``consulent``;
    "checklist": also every checklist item "in orde"."""

    def _maak(
        tot: str = "ingediend",
        *,
        door=None,
        melddatum: date | None = None,
        persoon: dict | None = None,
        bsn: str | None = None,
        behandelaar=None,
    ) -> Aanvraag:
        aanvraag = services.registreer_melding(
            bsn=bsn or geldig_bsn(),
            kanaal="loket",
            door=door,
            persoon={**PERSOON, **(persoon or {})},
            melddatum=melddatum,
        )
        if tot == "concept":
            return aanvraag
        for stap, gegevens in STAP_GEGEVENS.items():
            services.sla_stap_op(aanvraag=aanvraag, stap=stap, gegevens=gegevens, door=door)
        aanvraag = services.dien_in(aanvraag=aanvraag, door=door)
        if tot == "ingediend":
            return aanvraag
        behandelaar = behandelaar or consulent
        behandeling.neem_in_behandeling(aanvraag=aanvraag, door=behandelaar)
        if tot == "checklist":
            for code in CHECKLIST_CODES:
                behandeling.beoordeel_checklist(
                    aanvraag=aanvraag, code=code, uitkomst=Uitkomst.AKKOORD, door=behandelaar
                )
        return Aanvraag.objects.select_related("dossier__werkzoekende").get(pk=aanvraag.pk)

    return _maak


def client_voor(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
