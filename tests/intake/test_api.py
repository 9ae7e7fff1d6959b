"""/api/v1/intake/: read, start, save a step, finalise; confidentiality and scopes."""

from __future__ import annotations

import pytest
from django.test import Client

from bijstand.logboek.models import Verwerking
from intake.models import Intake
from perspectief.models import Meting
from tests.factories import DossierFactory
from tests.intake.factories import alle_scores, definitieve_intake
from tests.koppelingen import goedgekeurde_koppeling

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(werkcoach, inkomensconsulent, teamleider):
    return DossierFactory(werkcoach=werkcoach, inkomensconsulent=inkomensconsulent)


def test_werkcoach_completes_an_intake_through_the_api(login, dossier, werkcoach):
    client = login(werkcoach)
    response = client.post(
        f"/api/v1/intake/dossiers/{dossier.pk}/",
        {"soort": "aanvraag"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    intake_id = response.json()["id"]
    assert response.json()["instroombron"] == dossier.instroombron
    basis = f"/api/v1/intake/{intake_id}"

    response = client.put(
        f"{basis}/stappen/scores/",
        {"antwoorden": {"score_financien": 0}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["fouten"]["score_financien"] == [
        "De score voor Financiën moet 1, 2, 3, 4 of 5 zijn."
    ]
    response = client.put(
        f"{basis}/stappen/scores/",
        {"antwoorden": {"score_financien": 3}},
        content_type="application/json",
    )
    assert response.status_code == 200
    # A concept may be incomplete, but it cannot be finalised.
    response = client.post(f"{basis}/afronden/")
    assert response.status_code == 400
    assert response.json()["fouten"]["score_justitie"] == ["Geef een score voor Justitie."]
    assert response.json()["fouten"]["trede"] == ["Kies de trede op de participatieladder."]

    response = client.put(
        f"{basis}/stappen/scores/", {"antwoorden": alle_scores()}, content_type="application/json"
    )
    assert response.status_code == 200
    response = client.put(
        f"{basis}/stappen/gezondheid/",
        {"antwoorden": {"psychische_klachten": "Angst"}},
        content_type="application/json",
    )
    stappen = {s["stap"]: s for s in response.json()["stappen"]}
    assert stappen["gezondheid"]["antwoorden"]["psychische_klachten"] == "Angst"
    response = client.post(f"{basis}/afronden/")
    assert response.status_code == 200
    assert response.json()["status"] == "definitief"
    assert client.post(f"{basis}/afronden/").status_code == 200  # idempotent
    assert Meting.objects.filter(dossier=dossier).count() == 1
    response = client.put(
        f"{basis}/stappen/taal/", {"antwoorden": {}}, content_type="application/json"
    )
    assert response.status_code == 400 and "status" in response.json()["fouten"]

    lijst = client.get(f"/api/v1/intake/dossiers/{dossier.pk}/").json()
    assert [i["id"] for i in lijst["results"]] == [intake_id]


def test_unknown_step_and_fields(login, dossier, werkcoach):
    client = login(werkcoach)
    intake_id = client.post(
        f"/api/v1/intake/dossiers/{dossier.pk}/",
        {"soort": "aanvraag"},
        content_type="application/json",
    ).json()["id"]
    assert (
        client.put(
            f"/api/v1/intake/{intake_id}/stappen/onbekend/",
            {"antwoorden": {}},
            content_type="application/json",
        ).status_code
        == 404
    )
    response = client.put(
        f"/api/v1/intake/{intake_id}/stappen/taal/",
        {"antwoorden": {"taalniveau": "c2", "hobby": "x"}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["fouten"] == {"hobby": ["Onbekend veld in deze stap: hobby."]}
    response = client.post(
        f"/api/v1/intake/dossiers/{dossier.pk}/",
        {"soort": "heronderzoek"},
        content_type="application/json",
    )
    assert response.status_code == 400  # one concept at a time
    assert Intake.objects.count() == 1


@pytest.mark.parametrize("rol", ["inkomensconsulent", "teamleider"])
def test_confidential_left_out_for_other_roles(login, dossier, werkcoach, rol, request):
    intake = definitieve_intake(
        dossier,
        werkcoach,
        scores=alle_scores(middelengebruik=(2, "Alcohol")),
        gezondheid={"psychische_klachten": "Angst"},
    )
    response = login(request.getfixturevalue(rol)).get(f"/api/v1/intake/{intake.pk}/")
    assert response.status_code == 200
    stappen = {s["stap"]: s for s in response.json()["stappen"]}
    assert stappen["gezondheid"] == {**stappen["gezondheid"], "zichtbaar": False, "antwoorden": {}}
    assert "Angst" not in response.content.decode() and "Alcohol" not in response.content.decode()
    assert "score_middelengebruik" not in stappen["scores"]["antwoorden"]
    assert stappen["scores"]["antwoorden"]["score_financien"] == 4
    assert not Verwerking.objects.filter(operatie="api_bekijk_intake", vertrouwelijk=True).exists()


def test_werkcoach_reads_confidential_logged(login, dossier, werkcoach):
    intake = definitieve_intake(dossier, werkcoach, gezondheid={"psychische_klachten": "Angst"})
    response = login(werkcoach).get(f"/api/v1/intake/{intake.pk}/")
    assert "Angst" in response.content.decode()
    assert Verwerking.objects.filter(
        operatie="api_bekijk_intake", vertrouwelijk=True, activiteit__code="gezondheid"
    ).exists()


def test_system_client_reads_with_scope_only(dossier, werkcoach):
    intake = definitieve_intake(dossier, werkcoach, gezondheid={"psychische_klachten": "Angst"})
    _, lezer = goedgekeurde_koppeling(naam="Rapportage", scopes=["intake:lezen"])
    _, ander = goedgekeurde_koppeling(naam="Ander", scopes=["dossiers:lezen"])
    client = Client(HTTP_AUTHORIZATION=f"Token {lezer}")
    response = client.get(f"/api/v1/intake/{intake.pk}/")
    assert response.status_code == 200 and "Angst" not in response.content.decode()
    assert client.get(f"/api/v1/intake/dossiers/{dossier.pk}/").status_code == 200
    assert client.post(f"/api/v1/intake/{intake.pk}/afronden/").status_code == 403
    assert Verwerking.objects.filter(operatie="api_bekijk_intake", activiteit__code="api").exists()
    client = Client(HTTP_AUTHORIZATION=f"Token {ander}")
    assert client.get(f"/api/v1/intake/{intake.pk}/").status_code == 403
