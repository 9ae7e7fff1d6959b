"""Access matrix of the instrumentenhuis: every role against every page and API endpoint.

Out of scope is 404, a role that may never do this 403 (before any scope check), anonymous
users go to the login page (UI) or get 401 (API). The tab and the API show confidential
inzetten only to the dossier's own werkcoach (test_schermen.py).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from instrumentenhuis import services
from instrumentenhuis.models import Instrument, Inzet
from tests.toegang.matrix import L, statussen, verwachting


def _instrument(code: str = "vca-basis") -> Instrument:
    return Instrument.objects.get(code=code)


def _inzet(d, code: str = "vca-basis") -> Inzet:
    """An inzet of the wereld dossier (made once, by its werkcoach)."""
    bestaand = Inzet.objects.filter(dossier=d, instrument__code=code).first()
    return bestaand or services.vraag_aan(dossier=d, instrument=_instrument(code), door=d.werkcoach)


def _pad(naam: str, code: str = "vca-basis"):
    return lambda d: reverse(naam, args=[d.pk, _inzet(d, code).pk])


# (name, method, url builder, data (or a builder), expected per role in ROLLEN order):
# anoniem, werkcoach, andere_werkcoach, inkomensconsulent, teamleider, beheerder, privacy,
# betaalrun, burger, andere_burger.
MATRIX = [
    ("tab instrumenten", "get", lambda d: reverse("dossiers:tab", args=[d.pk, "instrumenten"]),
     None, [L, 200, 404, 200, 200, 403, 403, 403, 403, 403]),
    ("catalogus", "get", lambda d: reverse("instrumentenhuis:catalogus"), None,
     [L, 200, 200, 200, 200, 200, 403, 403, 403, 403]),
    ("instrument", "get", lambda d: reverse("instrumentenhuis:instrument", args=[_instrument().pk]),
     None, [L, 200, 200, 200, 200, 200, 403, 403, 403, 403]),
    ("kandidaten", "get", lambda d: reverse("instrumentenhuis:kandidaten", args=[_instrument().pk]),
     None, [L, 200, 200, 403, 403, 403, 403, 403, 403, 403]),
    ("aanvragen", "get", lambda d: reverse("instrumentenhuis:aanvragen", args=[d.pk]), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("aanvragen post", "post", lambda d: reverse("instrumentenhuis:aanvragen", args=[d.pk]),
     lambda: {"instrument": _instrument("bhv").pk, "begindatum": "2030-01-06"},
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("inzet", "get", _pad("instrumentenhuis:inzet"), None,
     [L, 200, 404, 200, 200, 403, 403, 403, 403, 403]),
    ("rapportage", "get", _pad("instrumentenhuis:rapportage"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("werkgeversafspraak", "get", _pad("instrumentenhuis:werkgeversafspraak", "proefplaatsing"),
     None, [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("overgang wachtlijst", "post", _pad("instrumentenhuis:overgang"), {"naar": "wachtlijst"},
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("api catalogus", "get", lambda d: "/api/v1/instrumentenhuis/instrumenten/", None,
     [401, 200, 200, 200, 200, 200, 403, 403, 403, 403]),
    ("api instrument", "get",
     lambda d: f"/api/v1/instrumentenhuis/instrumenten/{_instrument().pk}/", None,
     [401, 200, 200, 200, 200, 200, 403, 403, 403, 403]),
    ("api inzetten", "get", lambda d: f"/api/v1/instrumentenhuis/dossiers/{d.pk}/inzetten/",
     None, [401, 200, 404, 200, 200, 403, 403, 403, 403, 403]),
    ("api aanvragen", "post", lambda d: f"/api/v1/instrumentenhuis/dossiers/{d.pk}/inzetten/",
     lambda: {"instrument": _instrument("bhv").pk},
     [401, 201, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("api status", "post",
     lambda d: f"/api/v1/instrumentenhuis/dossiers/{d.pk}/inzetten/{_inzet(d).pk}/status/",
     {"naar": "wachtlijst"}, [401, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    # Provider endpoints only with a provider's token: a browser session is not a login here.
    ("api aanbieder inzetten", "get", lambda d: "/api/v1/instrumentenhuis/aanbieder/inzetten/",
     None, [401, 401, 401, 401, 401, 401, 401, 401, 401, 401]),
    ("api aanbieder rapportage", "post",
     lambda d: f"/api/v1/instrumentenhuis/aanbieder/inzetten/{_inzet(d).pk}/rapportages/",
     {"soort": "voortgang", "tekst": "Goed bezig."}, [401] * 10),
]  # fmt: skip


@pytest.mark.parametrize("naam,methode,url,data,verwacht", MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(wereld, naam, methode, url, data, verwacht):
    gegevens = data() if callable(data) else data
    assert statussen(wereld, methode, url(wereld["dossier"]), gegevens) == verwachting(verwacht)
