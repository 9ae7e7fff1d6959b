"""Permission matrix: every role against every view and API endpoint.

Out of scope answers 404 (no hint that the dossier exists); an action outside the role 403;
anonymous users are sent to their login (staff or DigiD) or get 401/403 from the API.
Each cell is the expected status code for a GET (or the POST named in the row).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bijstand.accounts.models import SysteemClient
from tests.koppelingen import goedgekeurde_koppeling
from tests.toegang.matrix import L, statussen, verwachting

JOURNAAL_POST = {"soort": "notitie", "zichtbaarheid": "intern", "tekst": "Afspraak gemaakt."}

# (name, method, url builder, data, expected per role in ROLLEN order). A role that may never
# do an action gets 403 before any scope check, so a 403 reveals nothing about existence.
MATRIX = [
    ("caseload", "get", lambda d: reverse("dossiers:caseload"), None,
     [L, 200, 200, 200, 200, 403, 403, 403, 403, 403]),
    ("dossier", "get", lambda d: reverse("dossiers:detail", args=[d.pk]), None,
     [L, 200, 404, 200, 200, 403, 403, 403, 403, 403]),
    ("dossier tab", "get", lambda d: reverse("dossiers:tab", args=[d.pk, "intake"]), None,
     [L, 200, 404, 200, 200, 403, 403, 403, 403, 403]),
    # Income data: werkcoach and inkomensconsulent only (full matrix in tests/inkomen).
    ("inkomen tab", "get", lambda d: reverse("dossiers:tab", args=[d.pk, "inkomen"]), None,
     [L, 200, 404, 200, 403, 403, 403, 403, 403, 403]),
    ("journaal toevoegen", "post", lambda d: reverse("dossiers:journaal_toevoegen", args=[d.pk]),
     JOURNAAL_POST, [L, 302, 404, 302, 403, 403, 403, 403, 403, 403]),
    ("status", "get", lambda d: reverse("dossiers:status", args=[d.pk]), None,
     [L, 200, 404, 200, 403, 403, 403, 403, 403, 403]),
    ("overdragen", "get", lambda d: reverse("dossiers:overdragen", args=[d.pk]), None,
     [L, 403, 404, 403, 200, 403, 403, 403, 403, 403]),
    ("vervangingen", "get", lambda d: reverse("accounts:vervangingen"), None,
     [L, 403, 403, 403, 200, 403, 403, 403, 403, 403]),
    ("logboek", "get", lambda d: reverse("logboek:overzicht"), None,
     [L, 403, 403, 403, 403, 403, 200, 403, 403, 403]),
    ("dashboard werkcoaches", "get", lambda d: reverse("dashboards:werkcoaches"), None,
     [L, 403, 403, 403, 200, 403, 403, 403, 403, 403]),
    ("beheer", "get", lambda d: reverse("admin:index"), None,
     [L, 403, 403, 403, 403, 200, 403, 403, 403, 403]),
    ("portaal overzicht", "get", lambda d: reverse("portaal:overzicht"), None,
     [L, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("portaal berichten", "get", lambda d: reverse("portaal:berichten"), None,
     [L, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("portaal inzage", "get", lambda d: reverse("portaal:inzage"), None,
     [L, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("api dossiers", "get", lambda d: "/api/v1/dossiers/", None,
     [401, 200, 200, 200, 200, 403, 403, 403, 200, 200]),
    ("api dossier", "get", lambda d: f"/api/v1/dossiers/{d.pk}/", None,
     [401, 200, 404, 200, 200, 403, 403, 403, 200, 404]),
    ("api journaal", "get", lambda d: f"/api/v1/dossiers/{d.pk}/journaal/", None,
     [401, 200, 404, 200, 200, 403, 403, 403, 200, 404]),
    ("api journaal toevoegen", "post", lambda d: f"/api/v1/dossiers/{d.pk}/journaal/",
     JOURNAAL_POST, [401, 201, 404, 201, 403, 403, 403, 403, 403, 403]),
    # Payroll data only with an employer's token: a browser session is not even a login here.
    ("api loongegevens", "post", lambda d: "/api/v1/inkomen/loongegevens", {"regels": []},
     [401, 401, 401, 401, 401, 401, 401, 401, 401, 401]),
]  # fmt: skip


@pytest.mark.parametrize("naam,methode,url,data,verwacht", MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(wereld, naam, methode, url, data, verwacht):
    assert statussen(wereld, methode, url(wereld["dossier"]), data) == verwachting(verwacht)


def test_system_client_scopes(wereld):
    """System clients: only what their scopes allow, never the UI."""
    dossier = wereld["dossier"]
    _, lezen = goedgekeurde_koppeling(naam="Lezer", scopes=["dossiers:lezen"])
    _, niets = SysteemClient.maak(naam="Zonder scope", scopes=[])
    # Asked for, but no privacy officer approved it (bijstand/accounts/scopes.py).
    _, niet_goedgekeurd = SysteemClient.maak(naam="Niet goedgekeurd", scopes=["dossiers:lezen"])
    for token, dossiers_status in ((lezen, 200), (niets, 403), (niet_goedgekeurd, 403)):
        client = Client(HTTP_AUTHORIZATION=f"Token {token}")
        assert client.get("/api/v1/dossiers/").status_code == dossiers_status
        assert client.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == dossiers_status
        assert (
            client.post(
                f"/api/v1/dossiers/{dossier.pk}/journaal/",
                JOURNAAL_POST,
                content_type="application/json",
            ).status_code
            == 403
        )
        # A token is no session: the staff UI still asks for a login.
        assert client.get(reverse("dossiers:caseload")).status_code == 302
