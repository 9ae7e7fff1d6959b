"""Access matrix of the perspectives: every role against every page and API endpoint.

Out of scope answers 404; a role that never works with perspectives gets 403 before any scope
check (inkomensconsulent, beheerder, privacy officer, and the burger on staff pages); only the
own werkcoach changes anything; anonymous users go to their login (staff or DigiD) or get 401.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from perspectief.models import Belemmering, Leefgebied
from tests.toegang.matrix import L, statussen, verwachting


def _staf(pad):
    return lambda d: reverse(f"perspectief:{pad}", args=[d.pk])


def _opgelost(d):
    b, _nieuw = Belemmering.objects.get_or_create(
        dossier=d,
        omschrijving="Schulden",
        defaults={"leefgebied": Leefgebied.objects.get(code="financien")},
    )
    return reverse("perspectief:belemmering_opgelost", args=[d.pk, b.pk])


def _meting_api(bron="werkcoach"):
    """A JSON body built when the test runs (the leefgebieden live in the test database)."""
    return {
        "bron": bron,
        "trede": 3,
        "scores": [{"leefgebied": lg.code, "score": 4} for lg in Leefgebied.objects.all()],
    }


DOELEN = {"streefdatum": "2099-01-01", "doel_financien": "4"}
ROUTE = {"segment": "ontdekken", "route": "ontdekken", "reden": "Eerst ontdekken"}

# (name, method, url builder, data, expected per role in ROLLEN order)
MATRIX = [
    ("tab", "get", lambda d: reverse("dossiers:tab", args=[d.pk, "perspectief"]), None,
     [L, 200, 404, 403, 200, 403, 403, 403, 403, 403]),
    ("nieuwe meting", "get", _staf("meting_nieuw"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("doelen", "get", _staf("doelen"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("doelen opslaan", "post", _staf("doelen"), DOELEN,
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("belemmering", "get", _staf("belemmering_nieuw"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("belemmering opgelost", "post", _opgelost, {},
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("vaardigheid", "get", _staf("vaardigheid_nieuw"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("werkprofiel", "get", _staf("werkprofiel"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("segment en route", "get", _staf("route"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("segment en route besluiten", "post", _staf("route"), ROUTE,
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("portaal mijn perspectief", "get", lambda d: reverse("portaal:perspectief"), None,
     [L, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("portaal zelfbeoordeling", "post",
     lambda d: reverse("portaal:perspectief_zelfbeoordeling"), {"score_financien": "3"},
     [L, 403, 403, 403, 403, 403, 403, 403, 302, 302]),
    ("api perspectief", "get", lambda d: f"/api/v1/perspectief/dossiers/{d.pk}/", None,
     [401, 200, 404, 403, 200, 403, 403, 403, 200, 404]),
    ("api metingen", "get", lambda d: f"/api/v1/perspectief/dossiers/{d.pk}/metingen/", None,
     [401, 200, 404, 403, 200, 403, 403, 403, 200, 404]),
    # A professional measurement: the own werkcoach only; the burger may only self-assess.
    ("api meting vastleggen", "post",
     lambda d: f"/api/v1/perspectief/dossiers/{d.pk}/metingen/", lambda: _meting_api(),
     [401, 201, 404, 403, 403, 403, 403, 403, 403, 404]),
    ("api zelfbeoordeling", "post",
     lambda d: f"/api/v1/perspectief/dossiers/{d.pk}/metingen/",
     lambda: _meting_api("zelfbeoordeling"),
     [401, 400, 404, 403, 403, 403, 403, 403, 201, 404]),
]  # fmt: skip


@pytest.mark.parametrize("naam,methode,url,data,verwacht", MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(wereld, naam, methode, url, data, verwacht):
    if callable(data):
        data = data()
    assert statussen(wereld, methode, url(wereld["dossier"]), data) == verwachting(verwacht)
