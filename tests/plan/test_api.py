"""/api/v1/plan/: plans, goals and actions (read, create, transition, akkoord) under the same
rules as the screens; structured Dutch errors."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bijstand.accounts.models import Rol
from bijstand.logboek.models import Verwerking
from plan.models import Actie, Plan
from tests.factories import DossierFactory, UserFactory
from tests.koppelingen import goedgekeurde_koppeling

from .conftest import client_voor
from .factories import maak_actie, maak_doel, maak_plan, maak_sjabloon, over

pytestmark = pytest.mark.django_db


def basis(dossier) -> str:
    return f"/api/v1/plan/dossiers/{dossier.pk}/"


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def teamleider(werkcoach):
    leider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    werkcoach.team.teamleider = leider
    werkcoach.team.save()
    return leider


def test_plan_maken_met_sjabloon_en_niet_twee_keer(coach_client, dossier):
    sjabloon = maak_sjabloon()
    response = post(
        coach_client, basis(dossier), {"sjabloon": sjabloon.pk, "startdatum": "2026-03-02"}
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["dossier"], data["versie"], data["is_akkoord"]) == (dossier.pk, 1, False)
    assert Plan.objects.get(dossier=dossier).acties.count() == 3
    response = post(coach_client, basis(dossier), {})
    assert response.status_code == 400
    assert response.json()["fouten"]["non_field_errors"] == [
        "Dit dossier heeft al een plan van aanpak."
    ]


def test_doel_toevoegen_en_fouten(coach_client, plan):
    response = post(
        coach_client, basis(plan.dossier) + "doelen/", {"titel": "Geld", "soort": "leefgebied"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "ongeldig",
        "detail": "Ongeldige invoer.",
        "fouten": {"leefgebied": ["Kies het leefgebied van het doel."]},
    }
    response = post(
        coach_client,
        basis(plan.dossier) + "doelen/",
        {"titel": "Geld", "soort": "leefgebied", "leefgebied": "financien"},
    )
    assert response.status_code == 201
    assert (response.json()["leefgebied"], response.json()["vertrouwelijk"]) == ("financien", False)
    response = post(
        coach_client,
        basis(plan.dossier) + "doelen/",
        {"titel": "Werk", "soort": "uitstroom", "uitstroom_tekst": "Chauffeur"},
    )
    assert response.status_code == 201 and response.json()["uitstroom_tekst"] == "Chauffeur"


def test_actie_toevoegen_en_fouten(coach_client, plan, werkcoach):
    vreemd = maak_doel(maak_plan(DossierFactory(werkcoach=werkcoach)))
    url = basis(plan.dossier) + "acties/"
    actie = {"titel": "Bellen", "eigenaar": "werkcoach", "deadline": over(3).isoformat()}
    response = post(coach_client, url, {**actie, "doel": vreemd.pk})
    assert response.status_code == 400
    assert response.json()["fouten"] == {"doel": ["Dit doel hoort niet bij dit plan."]}
    response = post(coach_client, url, {**actie, "deadline": over(-1).isoformat()})
    assert response.json()["fouten"] == {
        "deadline": ["De deadline mag niet in het verleden liggen."]
    }
    response = post(coach_client, url, {**actie, "eigenaar": "partner"})
    assert response.json()["fouten"] == {
        "partner_naam": ["Vul de naam van de partnerorganisatie in."]
    }
    response = post(coach_client, url, {**actie, "eigenaar": "iemand"})
    assert response.status_code == 400 and "eigenaar" in response.json()["fouten"]
    response = post(coach_client, url, actie)
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["bron"]) == ("open", "handmatig")


def test_acties_lijst_filter_en_overgangen(coach_client, burger_client, plan, werkcoach):
    eigen = maak_actie(plan, "Cv maken")
    maak_actie(plan, "Bellen", eigenaar="werkcoach")
    url = basis(plan.dossier) + "acties/"
    assert coach_client.get(url).json()["count"] == 2
    assert coach_client.get(url + "?status=afgerond").json()["count"] == 0
    assert coach_client.get(url + "?status=nee").status_code == 400

    overgang = f"{url}{eigen.pk}/overgang/"
    response = post(burger_client, overgang, {"naar": "afgerond"})
    assert response.status_code == 400
    assert response.json()["fouten"] == {
        "status": ["Alleen de werkcoach van dit dossier kan deze status kiezen."]
    }
    assert post(burger_client, overgang, {"naar": "accordering"}).json()["status"] == "accordering"
    response = post(coach_client, overgang, {"naar": "open"})
    assert response.json()["fouten"] == {"reden": ["Geef aan waarom de actie nog niet klaar is."]}
    response = post(coach_client, overgang, {"naar": "afgerond"})
    assert response.status_code == 200 and response.json()["status"] == "afgerond"
    assert coach_client.get(url + "?status=afgerond").json()["count"] == 1
    response = post(coach_client, overgang, {"naar": "open", "reden": "x"})
    assert response.json()["fouten"] == {
        "status": ["Van 'Afgerond' naar 'Open' is geen toegestane overgang."]
    }


def test_akkoord_via_de_api(burger_client, plan):
    maak_actie(plan)
    response = post(burger_client, basis(plan.dossier) + "akkoord/", {"versie": 1})
    assert response.status_code == 200
    assert (response.json()["akkoord_versie"], response.json()["is_akkoord"]) == (1, True)
    response = post(burger_client, basis(plan.dossier) + "akkoord/", {"versie": 1})
    assert response.status_code == 400


def test_vertrouwelijke_doelen_alleen_voor_eigen_werkcoach(coach_client, plan, teamleider):
    geheim = maak_doel(plan, "Behandeling", code="justitie")
    maak_actie(plan, "Reclassering bellen", doel=geheim)
    maak_doel(plan, "Werk")
    url = basis(plan.dossier)
    eigen = coach_client.get(url + "doelen/").json()
    assert [d["titel"] for d in eigen["results"]] == ["Behandeling", "Werk"]
    assert Verwerking.objects.filter(operatie="api_bekijk_plan_doelen_vertrouwelijk").exists()
    leider = client_voor(teamleider)
    assert [d["titel"] for d in leider.get(url + "doelen/").json()["results"]] == ["Werk"]
    assert leider.get(url + "acties/").json()["count"] == 0
    _, token = goedgekeurde_koppeling(naam="Rapportage", scopes=["plan:lezen"])
    systeem = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert [d["titel"] for d in systeem.get(url + "doelen/").json()["results"]] == ["Werk"]
    assert systeem.get(url + "acties/").json()["count"] == 0
    assert Verwerking.objects.filter(
        operatie="api_bekijk_plan_doelen", activiteit__code="api"
    ).exists()
    # a confidential action is not found for a transition by someone who may not see it
    actie = Actie.objects.get(titel="Reclassering bellen")
    assert (
        post(leider, f"{url}acties/{actie.pk}/overgang/", {"naar": "afgerond"}).status_code == 403
    )


def test_plannen_lijst_is_gepagineerd_en_in_scope(coach_client, plan, werkcoach):
    for _ in range(3):
        maak_plan(DossierFactory(werkcoach=werkcoach))
    maak_plan(DossierFactory(werkcoach=UserFactory(rol=Rol.WERKCONSULENT)))
    data = coach_client.get("/api/v1/plan/plannen/?page_size=2").json()
    assert data["count"] == 4 and len(data["results"]) == 2 and data["next"]


def test_aantal_queries_constant(coach_client, plan, werkcoach):
    def tel(dossier, pad):
        with CaptureQueriesContext(connection) as ctx:
            assert coach_client.get(basis(dossier) + pad).status_code == 200
        return len(ctx.captured_queries)

    doel = maak_doel(plan, code="justitie")
    maak_actie(plan, doel=doel)
    groot = maak_plan(DossierFactory(werkcoach=werkcoach))
    for i in range(6):
        d = maak_doel(groot, f"Doel {i}", code="justitie")
        for j in range(3):
            maak_actie(groot, f"Actie {i}-{j}", doel=d)
    for pad in ("", "doelen/", "acties/"):
        assert tel(plan.dossier, pad) == tel(groot.dossier, pad), pad
