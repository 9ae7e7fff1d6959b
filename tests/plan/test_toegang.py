"""Permission matrix of the plan van aanpak: every role against every page, form and endpoint.

Out of scope answers 404 (no hint that the dossier exists); an action outside the role 403;
anonymous users are sent to their login (staff or DigiD) or get 401 from the API.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from plan.models import Actie, Melding, Plan
from tests.koppelingen import goedgekeurde_koppeling
from tests.toegang.matrix import L, statussen, verwachting

from .factories import maak_actie, maak_doel, maak_plan, over


def plan_van(dossier) -> Plan:
    return Plan.objects.filter(dossier=dossier).first() or maak_plan(dossier)


def actie_van(dossier) -> Actie:
    plan = plan_van(dossier)
    return plan.acties.first() or maak_actie(plan, "Cv maken", doel=maak_doel(plan))


def melding_van(dossier) -> Melding:
    actie = actie_van(dossier)
    return Melding.objects.create(actie=actie, dossier=dossier, soort="verlopen")


def tab(d):
    plan_van(d)
    return reverse("dossiers:tab", args=[d.pk, "plan"])


def doel_url(d):
    return reverse("plan:doel_wijzigen", args=[d.pk, actie_van(d).doel_id])


def actie_url(naam):
    return lambda d: reverse(naam, args=[d.pk, actie_van(d).pk])


def met_plan(naam):
    def url(d):
        plan_van(d)
        return reverse(naam, args=[d.pk])

    return url


def portaal(naam, voorbereiding=plan_van):
    def url(d):
        voorbereiding(d)
        return reverse(naam)

    return url


def api(pad, plan=True):
    def url(d):
        if plan:
            actie_van(d)
        return f"/api/v1/plan/dossiers/{d.pk}/{pad}"

    return url


ACTIE = {"titel": "Bellen", "eigenaar": "werkcoach", "deadline": over(3).isoformat()}
DOEL = {"titel": "Geld op orde", "soort": "leefgebied", "leefgebied": "financien"}
STATUS_AFGEROND = {"naar": "afgerond"}

# (name, method, url builder, data, expected per role in ROLLEN order):
# anoniem, werkcoach, andere_werkcoach, inkomensconsulent, teamleider, beheerder, privacy,
# betaalrun, burger, andere_burger.
MATRIX = [
    ("plan tab", "get", tab, None,
     [L, 200, 404, 200, 200, 403, 403, 403, 403, 403]),
    ("plan maken", "post", lambda d: reverse("plan:maak_plan", args=[d.pk]), {},
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("sjabloon toepassen", "post", met_plan("plan:sjabloon_toepassen"), {},
     [L, 400, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("sjabloon formulier", "get", met_plan("plan:sjabloon_toepassen"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("doel nieuw", "get", met_plan("plan:doel_nieuw"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("doel wijzigen", "get", doel_url, None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("actie nieuw", "get", met_plan("plan:actie_nieuw"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("actie wijzigen", "get", actie_url("plan:actie_wijzigen"), None,
     [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("actie status", "post", actie_url("plan:actie_status"), None,
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("versies", "get", met_plan("plan:versies"), None,
     [L, 200, 404, 200, 200, 403, 403, 403, 403, 403]),
    ("herinneringen", "get", lambda d: reverse("plan:meldingen"), None,
     [L, 200, 200, 403, 403, 403, 403, 403, 403, 403]),
    ("herinnering gezien", "post",
     lambda d: reverse("plan:melding_gezien", args=[melding_van(d).pk]), {},
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("portaal mijn plan", "get", portaal("portaal:plan"), None,
     [L, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("portaal versies", "get", portaal("portaal:plan_versies"), None,
     [L, 403, 403, 403, 403, 403, 403, 403, 200, 404]),
    ("portaal akkoord", "post", portaal("portaal:plan_akkoord", actie_van), {"versie": "1"},
     [L, 403, 403, 403, 403, 403, 403, 403, 302, 404]),
    ("portaal klaar", "post",
     lambda d: reverse("portaal:plan_actie_klaar", args=[actie_van(d).pk]), {},
     [L, 403, 403, 403, 403, 403, 403, 403, 302, 404]),
    ("api plannen", "get", lambda d: "/api/v1/plan/plannen/", None,
     [401, 200, 200, 200, 200, 403, 403, 403, 200, 200]),
    ("api plan", "get", api(""), None,
     [401, 200, 404, 200, 200, 403, 403, 403, 200, 404]),
    ("api plan maken", "post", api("", plan=False), {},
     [401, 201, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("api doelen", "get", api("doelen/"), None,
     [401, 200, 404, 200, 200, 403, 403, 403, 200, 404]),
    ("api doel toevoegen", "post", api("doelen/"), DOEL,
     [401, 201, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("api acties", "get", api("acties/"), None,
     [401, 200, 404, 200, 200, 403, 403, 403, 200, 404]),
    ("api actie toevoegen", "post", api("acties/"), ACTIE,
     [401, 201, 404, 403, 403, 403, 403, 403, 403, 403]),
    # The burger may not confirm (400 with the rule's message); the werkcoach may.
    ("api overgang", "post",
     lambda d: f"/api/v1/plan/dossiers/{d.pk}/acties/{actie_van(d).pk}/overgang/",
     STATUS_AFGEROND, [401, 200, 404, 403, 403, 403, 403, 403, 400, 404]),
    ("api akkoord", "post", api("akkoord/"), {"versie": 1},
     [401, 403, 403, 403, 403, 403, 403, 403, 200, 404]),
]  # fmt: skip


@pytest.mark.parametrize("naam,methode,url,data,verwacht", MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(wereld, naam, methode, url, data, verwacht):
    pad = url(wereld["dossier"])
    if naam == "actie status":
        data = {f"status-{actie_van(wereld['dossier']).pk}-naar": "afgerond"}
    assert statussen(wereld, methode, pad, data) == verwachting(verwacht)


def test_systeemkoppeling_leest_alleen_met_scope(wereld):
    dossier = wereld["dossier"]
    actie_van(dossier)
    _, lezen = goedgekeurde_koppeling(naam="Plan-lezer", scopes=["plan:lezen"])
    _, niets = goedgekeurde_koppeling(naam="Zonder scope", scopes=["dossiers:lezen"])
    for token, verwacht in ((lezen, 200), (niets, 403)):
        client = Client(HTTP_AUTHORIZATION=f"Token {token}")
        assert client.get("/api/v1/plan/plannen/").status_code == verwacht
        assert client.get(f"/api/v1/plan/dossiers/{dossier.pk}/acties/").status_code == verwacht
        assert (
            client.post(
                f"/api/v1/plan/dossiers/{dossier.pk}/acties/",
                ACTIE,
                content_type="application/json",
            ).status_code
            == 403
        )
