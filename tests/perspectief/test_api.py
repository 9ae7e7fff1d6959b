"""/api/v1/perspectief/: measurements (list, create) and the perspectives, within the rules."""

import pytest

from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from perspectief import services
from perspectief.models import Leefgebied, Meting
from tests.koppelingen import goedgekeurde_koppeling
from tests.perspectief.factories import ingelogd, meet

pytestmark = pytest.mark.django_db


def url(dossier, deel=""):
    return f"/api/v1/perspectief/dossiers/{dossier.pk}/{deel}"


def meting_json(bron="werkcoach", score=4, **afw):
    scores = [{"leefgebied": lg.code, "score": score} for lg in Leefgebied.objects.all()]
    for s in scores:
        if s["leefgebied"] in afw:
            s.update(afw[s["leefgebied"]])
    return {"bron": bron, "trede": 4, "scores": scores}


def test_werkcoach_creates_and_lists_measurements(werkcoach, dossier):
    client = ingelogd(werkcoach)
    response = client.post(
        url(dossier, "metingen/"), meting_json(), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["bron"] == "werkcoach" and body["trede"] == 4 and len(body["scores"]) == 13
    lijst = client.get(url(dossier, "metingen/")).json()
    assert lijst["count"] == 1 and lijst["results"][0]["id"] == body["id"]


def test_validation_errors_are_structured_and_dutch(werkcoach, dossier):
    client = ingelogd(werkcoach)
    data = meting_json(financien={"score": 2})
    response = client.post(url(dossier, "metingen/"), data, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["fouten"] == {
        "toelichting_financien": ["Licht de score 2 voor Financiën toe."]
    }
    data = meting_json()
    data["scores"] = data["scores"][:12]
    fouten = client.post(url(dossier, "metingen/"), data, content_type="application/json").json()
    assert fouten["code"] == "ongeldig" and fouten["fouten"] == {
        "score_justitie": ["Geef een score voor Justitie."]
    }
    data = meting_json()
    data["scores"][0]["score"] = 7
    fouten = client.post(url(dossier, "metingen/"), data, content_type="application/json").json()
    assert "scores" in fouten["fouten"]
    assert not Meting.objects.exists()


def test_burger_self_assessment_through_the_api(burger, burger_dossier):
    client = ingelogd(burger)
    data = {"bron": "zelfbeoordeling", "scores": [{"leefgebied": "financien", "score": 1}]}
    response = client.post(url(burger_dossier, "metingen/"), data, content_type="application/json")
    assert response.status_code == 201
    assert Meting.objects.get().bron == "zelfbeoordeling"
    data["bron"] = "werkcoach"
    assert (
        client.post(
            url(burger_dossier, "metingen/"), data, content_type="application/json"
        ).status_code
        == 403
    )


def test_confidential_scores_only_for_own_werkcoach_and_burger(
    werkcoach, teamleider, burger, burger_dossier
):
    meet(burger_dossier, werkcoach, score=4, middelengebruik=2)

    def codes(c):
        return {
            s["leefgebied"]
            for s in c.get(url(burger_dossier, "metingen/")).json()["results"][0]["scores"]
        }

    assert "middelengebruik" in codes(ingelogd(werkcoach))
    assert "middelengebruik" in codes(ingelogd(burger))
    assert "middelengebruik" not in codes(ingelogd(teamleider))
    assert len(codes(ingelogd(teamleider))) == 9
    rijen = (
        ingelogd(teamleider).get(url(burger_dossier)).json()["ontwikkelperspectief"]["leefgebieden"]
    )
    verborgen = {r["leefgebied"] for r in rijen if r["verborgen"]}
    assert verborgen == {
        "geestelijke_gezondheid",
        "lichamelijke_gezondheid",
        "middelengebruik",
        "justitie",
    }
    assert all(r["scores"] == [None] for r in rijen if r["verborgen"])


def test_perspective_read(werkcoach, dossier):
    meet(dossier, werkcoach, score=4, trede=5)
    services.werk_profiel_bij(dossier=dossier, door=werkcoach, taalniveau="2f", uren_per_week=36)
    services.besluit_route(
        dossier=dossier,
        segment="kansrijk",
        route="kansrijk",
        reden="Klaar voor werk",
        door=werkcoach,
    )
    body = ingelogd(werkcoach).get(url(dossier)).json()
    assert body["dossier"] == dossier.pk and body["segment"] == "kansrijk"
    assert body["voorstel"]["segment"] == "kansrijk" and body["voorstel"]["redenen"]
    assert body["besluit"]["reden"] == "Klaar voor werk"
    eerste = body["uitstroomperspectief"][0]
    assert set(eerste) == {
        "beroep_id",
        "naam",
        "isco_code",
        "kansrijk",
        "score",
        "past",
        "tekorten",
        "pluspunten",
    }
    scores = [f["score"] for f in body["uitstroomperspectief"]]
    assert scores == sorted(scores, reverse=True)
    assert body["ontwikkelperspectief"]["metingen"][0]["trede"] == 5


def test_reads_are_logged_confidential_part_separately(werkcoach, dossier):
    ingelogd(werkcoach).get(url(dossier))
    onderwerp = pseudoniem(dossier.werkzoekende.log_subject)
    assert (
        Verwerking.objects.get(
            betrokkene=onderwerp, operatie="api_bekijk_perspectief"
        ).activiteit.code
        == "reintegratie"
    )
    geheim = Verwerking.objects.get(
        betrokkene=onderwerp, operatie="api_bekijk_perspectief_vertrouwelijk"
    )
    assert geheim.vertrouwelijk


def test_system_client_with_scope_reads_without_confidential_domains(werkcoach, dossier):
    meet(dossier, werkcoach, score=4, justitie=2)
    _client, token = goedgekeurde_koppeling(naam="Rapportage", scopes=["perspectief:lezen"])
    from django.test import Client

    antwoord = Client().get(url(dossier, "metingen/"), HTTP_AUTHORIZATION=f"Token {token}")
    assert antwoord.status_code == 200
    assert "justitie" not in {s["leefgebied"] for s in antwoord.json()["results"][0]["scores"]}
    assert Verwerking.objects.filter(
        operatie="api_bekijk_metingen", activiteit__code="api"
    ).exists()
    _c2, zonder = goedgekeurde_koppeling(naam="Ander", scopes=["dossiers:lezen"])
    assert Client().get(url(dossier), HTTP_AUTHORIZATION=f"Token {zonder}").status_code == 403
    assert (
        Client()
        .post(
            url(dossier, "metingen/"),
            meting_json(),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token}",
        )
        .status_code
        == 403
    )
