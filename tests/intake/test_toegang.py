"""Access matrix of the intake: every role against every page and API endpoint.

Out of scope answers 404; a role that may never do an action 403 (before any scope check);
anonymous users are sent to their login (staff or DigiD) or get 401 from the API.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.intake.logroutes import _intake
from tests.toegang.matrix import ROLLEN, L, client_voor, statussen, verwachting

START = {"soort": "aanvraag", "instroombron": "loket"}


def _stap(d, stap="taal"):
    return reverse("intake:stap", args=[d.pk, _intake(d).pk, stap])


# (name, method, url builder, data, expected per role in ROLLEN order)
MATRIX = [
    ("tab", "get", lambda d: reverse("dossiers:tab", args=[d.pk, "intake"]), None,
     [L, 200, 404, 200, 200, 403, 403, 403, 403, 403]),
    ("starten", "post", lambda d: reverse("intake:starten", args=[d.pk]), START,
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("detail", "get", lambda d: reverse("intake:detail", args=[d.pk, _intake(d).pk]), None,
     [L, 200, 404, 200, 200, 403, 403, 403, 403, 403]),
    ("stap", "get", _stap, None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("vertrouwelijke stap", "get", lambda d: _stap(d, "gezondheid"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("stap opslaan", "post", _stap, {"taalniveau": "1f"},
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("afronden", "get", lambda d: reverse("intake:afronden", args=[d.pk, _intake(d).pk]), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("afronden post", "post", lambda d: reverse("intake:afronden", args=[d.pk, _intake(d).pk]),
     {}, [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("portaal voorbereiden", "get", lambda d: reverse("portaal:intake_voorbereiden"), None,
     [L, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("portaal stap", "get",
     lambda d: reverse("portaal:intake_voorbereiden_stap", args=["wensen"]), None,
     [L, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("portaal stap opslaan", "post",
     lambda d: reverse("portaal:intake_voorbereiden_stap", args=["wensen"]), {"wensen": "Koken"},
     [L, 403, 403, 403, 403, 403, 403, 403, 302, 302]),
    ("api intakes", "get", lambda d: f"/api/v1/intake/dossiers/{d.pk}/", None,
     [401, 200, 404, 200, 200, 403, 403, 403, 403, 403]),
    ("api starten", "post", lambda d: f"/api/v1/intake/dossiers/{d.pk}/", START,
     [401, 201, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("api detail", "get", lambda d: f"/api/v1/intake/{_intake(d).pk}/", None,
     [401, 200, 404, 200, 200, 403, 403, 403, 403, 403]),
    ("api afronden", "post", lambda d: f"/api/v1/intake/{_intake(d).pk}/afronden/", {},
     [401, 400, 404, 403, 403, 403, 403, 403, 403, 403]),
]  # fmt: skip


@pytest.mark.parametrize("naam,methode,url,data,verwacht", MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(wereld, naam, methode, url, data, verwacht):
    assert statussen(wereld, methode, url(wereld["dossier"]), data) == verwachting(verwacht)


def test_matrix_api_stap_put(wereld):
    pad = f"/api/v1/intake/{_intake(wereld['dossier']).pk}/stappen/taal/"
    werkelijk = {
        rol: client_voor(wereld["users"][rol])
        .put(pad, {"antwoorden": {"taalniveau": "1f"}}, content_type="application/json")
        .status_code
        for rol in ROLLEN
    }
    assert werkelijk == verwachting([401, 200, 404, 403, 403, 403, 403, 403, 403, 403])
