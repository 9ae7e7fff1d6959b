"""Access matrix of the vacatures screens, portal pages and API (every role).

ROLLEN order: anoniem, werkcoach, andere_werkcoach, inkomensconsulent, teamleider, beheerder,
privacy, betaalrun, burger, andere_burger. ``wereld["dossier"]`` belongs to "werkcoach" and has
a Profiel; the voordracht is of that dossier. A role that may never do something gets 403 before any
scope check; a dossier or voordracht out of scope is 404.
"""

from __future__ import annotations

import pytest

from perspectief.models import Profiel
from tests.toegang.matrix import L, statussen, verwachting
from vacatures.models import Voordracht

from .factories import VacatureFactory

ALLEEN_PERSONEEL = [L, 200, 200, 403, 200, 403, 403, 403, 403, 403]
API_PERSONEEL = [401, 200, 200, 403, 200, 403, 403, 403, 403, 403]
PORTAAL = [L, 403, 403, 403, 403, 403, 403, 403, 200, 200]

# (name, method, url builder(ctx), data builder(ctx), expected per role)
MATRIX = [
    ("vacatures", "get", lambda c: "/vacatures/", None, ALLEEN_PERSONEEL),
    ("vacature", "get", lambda c: f"/vacatures/{c['v'].pk}/", None, ALLEEN_PERSONEEL),
    ("vacature nieuw", "get", lambda c: "/vacatures/nieuw/", None, ALLEEN_PERSONEEL),
    ("vacature wijzigen", "get", lambda c: f"/vacatures/{c['v'].pk}/wijzigen/", None,
     ALLEEN_PERSONEEL),
    ("vacature intrekken", "get", lambda c: f"/vacatures/{c['v'].pk}/intrekken/", None,
     ALLEEN_PERSONEEL),
    ("werkprofielen", "get", lambda c: f"/vacatures/{c['v'].pk}/werkprofielen/", None,
     ALLEEN_PERSONEEL),
    ("werkgevers", "get", lambda c: "/vacatures/werkgevers/", None, ALLEEN_PERSONEEL),
    ("werkgever", "get", lambda c: f"/vacatures/werkgevers/{c['v'].werkgever_id}/", None,
     ALLEEN_PERSONEEL),
    ("werkgever nieuw", "get", lambda c: "/vacatures/werkgevers/nieuw/", None, ALLEEN_PERSONEEL),
    ("contactpersoon", "get",
     lambda c: f"/vacatures/werkgevers/{c['v'].werkgever_id}/contactpersonen/nieuw/", None,
     ALLEEN_PERSONEEL),
    ("sroi", "get", lambda c: f"/vacatures/werkgevers/{c['v'].werkgever_id}/sroi/nieuw/", None,
     ALLEEN_PERSONEEL),
    # Proposing: only a werkconsulent, only from the own caseload (else 404).
    ("voordragen", "post", lambda c: f"/vacatures/{c['v'].pk}/voordragen/",
     lambda c: {"dossier": c["dossier"].pk}, [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("voordracht", "get", lambda c: f"/vacatures/voordrachten/{c['vd'].pk}/", None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("gesprek", "post", lambda c: f"/vacatures/voordrachten/{c['vd'].pk}/gesprek/",
     lambda c: {"gesprek-datum": "2026-05-04", "gesprek-tijd": "10:00"},
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("plaatsing", "post", lambda c: f"/vacatures/voordrachten/{c['vd'].pk}/plaatsing/",
     lambda c: {}, [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("afwijzen", "post", lambda c: f"/vacatures/voordrachten/{c['vd'].pk}/afwijzen/",
     lambda c: {}, [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("portaal vacatures", "get", lambda c: "/portaal/vacatures/", None, PORTAAL),
    ("portaal werkprofiel", "get", lambda c: "/portaal/mijn-werkprofiel/", None, PORTAAL),
    ("api vacatures", "get", lambda c: "/api/v1/vacatures/", None, API_PERSONEEL),
    ("api vacature", "get", lambda c: f"/api/v1/vacatures/{c['v'].pk}/", None, API_PERSONEEL),
    ("api werkgevers", "get", lambda c: "/api/v1/vacatures/werkgevers/", None, API_PERSONEEL),
    ("api kandidaten", "get", lambda c: f"/api/v1/vacatures/{c['v'].pk}/kandidaten/", None,
     API_PERSONEEL),
    ("api voordrachten", "get", lambda c: "/api/v1/vacatures/voordrachten/", None,
     [401, 200, 200, 403, 403, 403, 403, 403, 403, 403]),
    ("api voordracht", "get", lambda c: f"/api/v1/vacatures/voordrachten/{c['vd'].pk}/", None,
     [401, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("api voordragen", "post", lambda c: "/api/v1/vacatures/voordrachten/",
     lambda c: {"vacature": c["v"].pk, "dossier": c["dossier"].pk},
     [401, 201, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("api werkgever aanmaken", "post", lambda c: "/api/v1/vacatures/werkgevers/",
     lambda c: {"naam": "x"}, [401, 400, 400, 403, 400, 403, 403, 403, 403, 403]),
]  # fmt: skip


@pytest.fixture
def ctx(wereld):
    dossier = wereld["dossier"]
    Profiel.objects.create(dossier=dossier, certificaten=["haccp"], taalniveau="2f",
                           uren_per_week=32, segment="kansrijk")  # fmt: skip
    vacature = VacatureFactory(aantal_plaatsen=5)
    andere = VacatureFactory()
    voordracht = Voordracht.objects.create(vacature=andere, dossier=dossier, score=100)
    return {"dossier": dossier, "v": vacature, "vd": voordracht}


@pytest.mark.parametrize("naam,methode,url,data,verwacht", MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(wereld, ctx, naam, methode, url, data, verwacht):
    pad = url(ctx)
    assert statussen(wereld, methode, pad, data(ctx) if data else None) == verwachting(verwacht)
