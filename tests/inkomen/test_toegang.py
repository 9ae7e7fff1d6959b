"""Access matrix of the payment-run screens (every role, the shared ``wereld``).

Runs cover every dossier, so there is no dossier scope: a role that may not see runs gets 403
(a burger too), anonymous users go to the login page. The file (names and IBANs of everyone
paid) only for the medewerker betaalruns; the inkomensconsulent and the beheerder follow the
runs without it.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from bijstand.core import tijd
from inkomen import betaalrun, services
from inkomen.models import Betaalrun
from tests.toegang.matrix import L, statussen, verwachting

MAART = date(2026, 3, 1)


@pytest.fixture(autouse=True)
def _betaalde_maand(wereld, settings, tmp_path, monkeypatch):
    """March paid for the wereld's dossier: a finished run with its file."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    monkeypatch.setattr(tijd, "vandaag", lambda: date(2026, 3, 20))
    wereld["dossier"].werkzoekende.geboortedatum = date(1985, 5, 1)
    wereld["dossier"].werkzoekende.save()
    services.start_uitkering(dossier=wereld["dossier"], ingangsdatum=MAART, door=None)
    run = betaalrun.voer_uit(maand=MAART)
    assert run.status == "klaar" and run.bestand


def _run(naam: str):
    return lambda d: reverse(naam, args=[Betaalrun.objects.get(maand=MAART).pk])


# (name, method, url builder, data, expected per role in ROLLEN order:
#  anoniem, werkcoach, andere_werkcoach, inkomensconsulent, teamleider, beheerder, privacy,
#  betaalrun, burger, andere_burger)
MATRIX = [
    ("betaalruns", "get", lambda d: reverse("inkomen:betaalruns"), None,
     [L, 403, 403, 200, 403, 200, 403, 200, 403, 403]),
    ("betaalrun", "get", _run("inkomen:betaalrun"), None,
     [L, 403, 403, 200, 403, 200, 403, 200, 403, 403]),
    ("betaalrun voortgang", "get", _run("inkomen:betaalrun_voortgang"), None,
     [L, 403, 403, 200, 403, 200, 403, 200, 403, 403]),
    ("betaalbestand", "get", _run("inkomen:betaalbestand"), None,
     [L, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
    # read-only screens: a POST is not allowed for anyone logged in
    ("betaalruns post", "post", lambda d: reverse("inkomen:betaalruns"), {},
     [L, 405, 405, 405, 405, 405, 405, 405, 405, 405]),
]  # fmt: skip


@pytest.mark.parametrize("naam,methode,url,data,verwacht", MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(wereld, naam, methode, url, data, verwacht):
    assert statussen(wereld, methode, url(wereld["dossier"]), data) == verwachting(verwacht)
