"""/api/v1/vacatures/: CRUD for staff, candidates under the privacy rules, proposals."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from bijstand.accounts.models import SysteemClient
from vacatures.models import Vacature, Voordracht, Werkgever

from .factories import ProfielFactory, VacatureFactory, WerkgeverFactory, beroep

pytestmark = pytest.mark.django_db


def _json(client, methode, pad, data=None):
    response = getattr(client, methode)(pad, data, content_type="application/json")
    return response.status_code, (response.json() if response.content else None)


def test_employer_crud(login, werkcoach):
    client = login(werkcoach)
    status, data = _json(client, "post", "/api/v1/vacatures/werkgevers/",
                         {"naam": "Havenbedrijf", "kvk_nummer": "123"})  # fmt: skip
    assert status == 400
    assert data["fouten"]["kvk_nummer"] == ["Een KvK-nummer bestaat uit 8 cijfers."]
    nieuw = {"naam": "Havenbedrijf", "kvk_nummer": "24000001", "inclusief": True}
    status, data = _json(client, "post", "/api/v1/vacatures/werkgevers/", nieuw)
    assert status == 201 and data["inclusief"] is True
    pk = data["id"]
    status, data = _json(
        client, "patch", f"/api/v1/vacatures/werkgevers/{pk}/", {"sector": "Logistiek"}
    )
    assert (status, data["sector"], data["naam"]) == (200, "Logistiek", "Havenbedrijf")
    status, data = _json(client, "get", "/api/v1/vacatures/werkgevers/?zoek=haven")
    assert status == 200 and [w["id"] for w in data["results"]] == [pk]
    assert client.delete(f"/api/v1/vacatures/werkgevers/{pk}/").status_code == 204
    assert not Werkgever.objects.filter(pk=pk).exists()


def test_vacancy_crud(login, werkcoach):
    werkgever = WerkgeverFactory()
    client = login(werkcoach)
    status, data = _json(client, "post", "/api/v1/vacatures/", {
        "werkgever": werkgever.pk, "titel": "50 koks", "beroep": beroep("Kok").pk,
        "aantal_plaatsen": 50, "locatie": "Ahoy",
    })  # fmt: skip
    assert status == 201, data
    assert (data["certificaten"], data["status"], data["aantal_geplaatst"]) == (
        ["haccp"],
        "open",
        0,
    )
    pk = data["id"]
    status, data = _json(client, "patch", f"/api/v1/vacatures/{pk}/",
                         {"uren_per_week_min": 38, "uren_per_week_max": 20})  # fmt: skip
    assert status == 400 and "uren_per_week_max" in data["fouten"]
    status, data = _json(client, "patch", f"/api/v1/vacatures/{pk}/", {"garantiebaan": True})
    assert status == 200 and data["garantiebaan"] is True
    status, data = _json(client, "get", "/api/v1/vacatures/?status=open")
    assert [v["id"] for v in data["results"]] == [pk]
    assert client.delete(f"/api/v1/vacatures/{pk}/").status_code == 204
    assert not Vacature.objects.exists()


def test_candidates_api_follows_privacy_rules(login, wereld_vacatures):
    w = wereld_vacatures
    vacature = VacatureFactory()
    response = login(w["coach"]).get(f"/api/v1/vacatures/{vacature.pk}/kandidaten/")
    data = response.json()
    assert [k["dossier"] for k in data["eigen"]] == [p.dossier_id for p in w["eigen"]]
    assert data["eigen"][0]["tekorten"] == [] and data["eigen"][1]["tekorten"] == [
        "mist HACCP / hygiënecode"
    ]
    assert {c["werkcoach_id"]: (c["passend"], c["bijna"]) for c in data["per_werkcoach"]} == {
        w["collega"].pk: (3, 1),
        w["ander"].pk: (1, 0),
    }
    tekst = response.content.decode()
    for p in [*w["bij_collega"], *w["bij_ander"]]:
        assert p.dossier.werkzoekende.achternaam not in tekst
        assert escape(p.dossier.werkzoekende.achternaam) not in tekst


def test_propose_and_move_on_through_the_api(login, werkcoach, vacature, kandidaat, collega):
    client = login(werkcoach)
    status, data = _json(client, "post", "/api/v1/vacatures/voordrachten/",
                         {"vacature": vacature.pk, "dossier": kandidaat.pk})  # fmt: skip
    assert status == 201 and data["status"] == "voorgedragen" and data["score"] == 100
    pk = data["id"]
    overgang = f"/api/v1/vacatures/voordrachten/{pk}/overgang/"
    plaatsen = {"naar": "geplaatst", "startdatum": "2026-06-01", "contracturen": 32}
    status, data = _json(client, "post", overgang, {"naar": "geplaatst"})
    assert status == 400 and set(data["fouten"]) == {"startdatum", "contracturen"}
    status, data = _json(client, "post", overgang, plaatsen)
    assert status == 400
    assert data["fouten"]["status"] == [
        "Van 'Voorgedragen' naar 'Geplaatst' is geen toegestane stap."
    ]
    gesprek = {"naar": "gesprek", "gesprek_op": "2026-05-04T10:00:00+02:00"}
    status, data = _json(client, "post", overgang, gesprek)
    assert status == 200 and data["status"] == "gesprek"
    status, data = _json(client, "post", overgang, plaatsen)
    assert status == 200
    assert data["plaatsing"] == {"startdatum": "2026-06-01", "contracturen": 32,
                                 "contract_maanden": None}  # fmt: skip
    status, data = _json(client, "get", "/api/v1/vacatures/voordrachten/")
    assert [v["id"] for v in data["results"]] == [pk]

    # A colleague: not in their caseload.
    other = login(collega)
    assert other.get(f"/api/v1/vacatures/voordrachten/{pk}/").status_code == 404
    assert _json(other, "get", "/api/v1/vacatures/voordrachten/")[1]["results"] == []
    status, _ = _json(other, "post", "/api/v1/vacatures/voordrachten/",
                      {"vacature": vacature.pk, "dossier": kandidaat.pk})  # fmt: skip
    assert status == 404


def test_system_client_reads_vacancies_but_no_people(vacature):
    _, token = SysteemClient.maak(naam="Hallo Werk", scopes=["vacatures:lezen"])
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/vacatures/").status_code == 200
    assert client.get(f"/api/v1/vacatures/{vacature.pk}/").status_code == 200
    assert client.get("/api/v1/vacatures/werkgevers/").status_code == 200
    assert client.get(f"/api/v1/vacatures/{vacature.pk}/kandidaten/").status_code == 403
    assert client.get("/api/v1/vacatures/voordrachten/").status_code == 403
    status = client.post(
        "/api/v1/vacatures/werkgevers/", {"naam": "x"}, content_type="application/json"
    ).status_code
    assert status == 403
    _, zonder = SysteemClient.maak(naam="Zonder", scopes=[])
    assert Client(HTTP_AUTHORIZATION=f"Token {zonder}").get("/api/v1/vacatures/").status_code == 403


def test_voordracht_list_is_logged_per_person(login, werkcoach, vacature):
    from bijstand.logboek.models import Verwerking

    for _ in range(3):
        dossier = ProfielFactory(dossier__werkcoach=werkcoach).dossier
        Voordracht.objects.create(vacature=vacature, dossier=dossier, score=90)
    login(werkcoach).get("/api/v1/vacatures/voordrachten/")
    assert Verwerking.objects.filter(operatie="api_bekijk_voordrachten").count() == 3
