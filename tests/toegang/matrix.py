"""The permission matrix's world and runner, shared by every app's access test.

An app's own matrix (``tests/<app>/test_toegang.py``) uses the ``wereld`` fixture (registered
in tests/conftest.py) and ``statussen``; rows list the expected status per role in ROLLEN order,
with ``L`` for a redirect to a login page::

    @pytest.mark.parametrize("naam,methode,url,data,verwacht", MATRIX, ids=[m[0] for m in MATRIX])
    def test_matrix(wereld, naam, methode, url, data, verwacht):
        assert statussen(wereld, methode, url(wereld["dossier"]), data) == verwachting(verwacht)

``wereld["dossier"]`` belongs to ``wereld["werkcoach"]`` (team led by "teamleider"), has
"inkomensconsulent" as its inkomensconsulent and "burger" as its citizen; "andere_werkcoach"
(another team) and "andere_burger" have a dossier of their own.
"""

from __future__ import annotations

import pytest
from django.test import Client

from bijstand.accounts.models import Rol
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

ROLLEN = [
    "anoniem",
    "werkcoach",
    "andere_werkcoach",
    "inkomensconsulent",
    "teamleider",
    "beheerder",
    "privacy",
    "betaalrun",
    "burger",
    "andere_burger",
]


def maak_wereld() -> dict:
    team = TeamFactory()
    teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.teamleider = teamleider
    team.save()
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    ander_team = TeamFactory()
    andere_werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=ander_team)
    inkomensconsulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    burger = UserFactory(rol=Rol.BURGER, team=None)
    andere_burger = UserFactory(rol=Rol.BURGER, team=None)
    dossier = DossierFactory(
        werkcoach=werkcoach,
        inkomensconsulent=inkomensconsulent,
        werkzoekende=WerkzoekendeFactory(account=burger),
    )
    DossierFactory(
        werkcoach=andere_werkcoach, werkzoekende=WerkzoekendeFactory(account=andere_burger)
    )
    users = {
        "anoniem": None,
        "werkcoach": werkcoach,
        "andere_werkcoach": andere_werkcoach,
        "inkomensconsulent": inkomensconsulent,
        "teamleider": teamleider,
        "beheerder": UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True),
        "privacy": UserFactory(rol=Rol.PRIVACY, team=None),
        "betaalrun": UserFactory(rol=Rol.BETAALRUN, team=None),
        "burger": burger,
        "andere_burger": andere_burger,
    }
    return {"dossier": dossier, "users": users, "werkcoach": werkcoach}


def client_voor(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


L = "login"  # redirect to a login page


def verwachting(verwacht: list) -> dict:
    return dict(zip(ROLLEN, verwacht, strict=True))


def statussen(wereld: dict, methode: str, pad: str, data=None) -> dict:
    """The status code each role gets for one request (``L`` for a login redirect)."""
    werkelijk = {}
    for rol in ROLLEN:
        client = client_voor(wereld["users"][rol])
        if methode == "get":
            response = client.get(pad)
        elif pad.startswith("/api/"):
            response = client.post(pad, data, content_type="application/json")
        else:
            response = client.post(pad, data)
        status = response.status_code
        locatie = response.get("Location", "")
        if status == 302 and ("login" in locatie or "inloggen" in locatie):
            status = L
        werkelijk[rol] = status
    return werkelijk


@pytest.fixture
def wereld(db):
    return maak_wereld()
