"""Access matrix of the dashboards: every role against every route (tests.toegang.matrix).

Teamleider and functioneel beheerder see the aggregates (there is no separate manager role);
everyone else gets 403, anonymous users the login page. The werkcoaches page stays the
teamleider's own (it lists the werkcoaches of their teams).
"""

import pytest
from django.test import Client
from django.urls import reverse

from bijstand.dashboards.services import bouw_snapshot
from tests.toegang.matrix import L, statussen, verwachting

MANAGER = [L, 403, 403, 403, 200, 200, 403, 403, 403, 403]

MATRIX = [
    ("overzicht", "get", lambda d: reverse("dashboards:overzicht"), None, MANAGER),
    ("bestand", "get", lambda d: reverse("dashboards:bestand"), None, MANAGER),
    ("stromen", "get", lambda d: reverse("dashboards:stromen"), None, MANAGER),
    ("ontwikkeling", "get", lambda d: reverse("dashboards:ontwikkeling"), None, MANAGER),
    ("een werkcoach", "get", lambda d: reverse("dashboards:eenwerkcoach"), None, MANAGER),
    ("inkomen", "get", lambda d: reverse("dashboards:inkomen"), None, MANAGER),
    ("export csv", "get", lambda d: reverse("dashboards:export", args=["bestand", "duur", "csv"]),
     None, MANAGER),
    ("export excel", "get",
     lambda d: reverse("dashboards:export", args=["stromen", "instroom", "xlsx"]), None, MANAGER),
    ("vernieuwen", "post", lambda d: reverse("dashboards:vernieuwen"), {},
     [L, 403, 403, 403, 302, 302, 403, 403, 403, 403]),
    ("werkcoaches", "get", lambda d: reverse("dashboards:werkcoaches"), None,
     [L, 403, 403, 403, 200, 403, 403, 403, 403, 403]),
]  # fmt: skip


@pytest.fixture(autouse=True)
def cijfers(wereld):
    return bouw_snapshot()


@pytest.mark.parametrize("naam,methode,url,data,verwacht", MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(wereld, naam, methode, url, data, verwacht):
    assert statussen(wereld, methode, url(wereld["dossier"]), data) == verwachting(verwacht)


@pytest.mark.parametrize(
    "rol, ziet", [("teamleider", True), ("beheerder", True), ("werkcoach", False)]
)
def test_main_menu_leads_to_the_overview(wereld, rol, ziet):
    client = Client()
    client.force_login(wereld["users"][rol])
    pagina = "dossiers:caseload" if rol == "werkcoach" else "dashboards:bestand"
    html = client.get(reverse(pagina)).content.decode()
    link = f'href="{reverse("dashboards:overzicht")}"'
    assert (link in html) is ziet
    assert html.count(">Dashboards</a>") == (1 if ziet else 0)
