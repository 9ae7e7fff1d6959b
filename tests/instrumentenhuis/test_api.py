"""API: catalogue, deployments within the access rules, provider reports with the provider's
own token (own deployments only)."""

from __future__ import annotations

import pytest
from django.test import Client

from bijstand.accounts.models import Rol, SysteemClient
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from instrumentenhuis import services
from instrumentenhuis.models import Instrument, InzetStatus, Rapportage
from tests.factories import DossierFactory, UserFactory
from tests.koppelingen import goedgekeurde_koppeling, keur_goed

from .factories import AanbiederFactory, InstrumentFactory

pytestmark = pytest.mark.django_db


def _token_client(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


@pytest.fixture
def aanbieders(coach):
    """Two providers with a token each, and an approved inzet at each of them."""
    eigen = AanbiederFactory(naam="Opleider Noord")
    ander = AanbiederFactory(naam="Opleider Zuid")
    uitkomst = {}
    for aanbieder in (eigen, ander):
        instrument = InstrumentFactory(aanbieder=aanbieder, certificaten=["vca"])
        dossier = DossierFactory(werkcoach=coach)
        inzet = services.keur_goed(
            inzet=services.vraag_aan(dossier=dossier, instrument=instrument, door=coach),
            door=coach,
        )
        uitkomst[aanbieder.naam] = {
            "aanbieder": aanbieder,
            "inzet": inzet,
            "dossier": dossier,
            "token": services.maak_aanbieder_token(aanbieder=aanbieder, door=None),
        }
        # A privacy officer approved the provider's personal-data scope for this token.
        aanbieder.refresh_from_db()
        keur_goed(aanbieder.systeemclient)
    # A request that is not approved is not shown to the provider.
    services.vraag_aan(
        dossier=DossierFactory(werkcoach=coach),
        instrument=uitkomst["Opleider Noord"]["inzet"].instrument,
        door=coach,
    )
    return uitkomst


def test_aanbieder_ziet_alleen_eigen_goedgekeurde_inzetten(aanbieders):
    noord = aanbieders["Opleider Noord"]
    response = _token_client(noord["token"]).get("/api/v1/instrumentenhuis/aanbieder/inzetten/")
    assert response.status_code == 200
    data = response.json()
    assert [r["id"] for r in data["results"]] == [noord["inzet"].pk]
    assert data["results"][0]["deelnemer"] == {"naam": noord["dossier"].werkzoekende.naam}
    assert "bsn" not in str(data).lower()
    # The read is logged for the person shown, as an API processing.
    regel = Verwerking.objects.get(operatie="api_aanbieder_inzetten")
    assert regel.betrokkene == pseudoniem(noord["dossier"].werkzoekende.log_subject)


def test_aanbieder_meldt_start_en_uitkomst_van_eigen_inzet(aanbieders):
    noord = aanbieders["Opleider Noord"]
    client = _token_client(noord["token"])
    pad = f"/api/v1/instrumentenhuis/aanbieder/inzetten/{noord['inzet'].pk}/rapportages/"

    start = client.post(
        pad, {"soort": "gestart", "kenmerk": "N-1"}, content_type="application/json"
    )
    assert start.status_code == 201, start.json()
    assert start.json()["inzet_status"] == InzetStatus.GESTART
    klaar = client.post(
        pad,
        {"soort": "afgerond", "resultaat": "certificaat", "certificaat": "vca", "kenmerk": "N-2"},
        content_type="application/json",
    )
    assert klaar.status_code == 201, klaar.json()
    assert klaar.json()["inzet_status"] == InzetStatus.AFGEROND
    # Sending the same report again is harmless.
    nogmaals = client.post(
        pad,
        {"soort": "afgerond", "resultaat": "certificaat", "certificaat": "vca", "kenmerk": "N-2"},
        content_type="application/json",
    )
    assert nogmaals.status_code == 200
    assert Rapportage.objects.filter(inzet=noord["inzet"]).count() == 2
    noord["inzet"].refresh_from_db()
    assert noord["inzet"].resultaat_certificaat == "vca"
    assert noord["dossier"].profiel.certificaten == ["vca"]


def test_aanbieder_kan_niet_bij_inzet_van_een_ander(aanbieders):
    noord, zuid = aanbieders["Opleider Noord"], aanbieders["Opleider Zuid"]
    client = _token_client(noord["token"])
    response = client.post(
        f"/api/v1/instrumentenhuis/aanbieder/inzetten/{zuid['inzet'].pk}/rapportages/",
        {"soort": "gestart"},
        content_type="application/json",
    )
    assert response.status_code == 404
    zuid["inzet"].refresh_from_db()
    assert zuid["inzet"].status == InzetStatus.GOEDGEKEURD


def test_fout_van_aanbieder_gestructureerd(aanbieders):
    noord = aanbieders["Opleider Noord"]
    response = _token_client(noord["token"]).post(
        f"/api/v1/instrumentenhuis/aanbieder/inzetten/{noord['inzet'].pk}/rapportages/",
        {"soort": "afgerond", "resultaat": "certificaat"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "ongeldig"
    assert "status" in body["fouten"]  # goedgekeurd -> afgerond is not allowed


def test_token_zonder_aanbieder_of_scope(aanbieders):
    _client, zonder_aanbieder = goedgekeurde_koppeling(
        naam="Los", scopes=[services.RAPPORTAGE_SCOPE]
    )
    response = _token_client(zonder_aanbieder).get("/api/v1/instrumentenhuis/aanbieder/inzetten/")
    assert response.status_code == 403
    _c, zonder_scope = SysteemClient.maak(naam="Leeg", scopes=[])
    assert (
        _token_client(zonder_scope).get("/api/v1/instrumentenhuis/aanbieder/inzetten/").status_code
        == 403
    )
    # A provider token does not open the dossier API or the staff screens.
    token = aanbieders["Opleider Noord"]["token"]
    dossier = aanbieders["Opleider Noord"]["dossier"]
    assert _token_client(token).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 403
    assert (
        _token_client(token)
        .get(f"/api/v1/instrumentenhuis/dossiers/{dossier.pk}/inzetten/")
        .status_code
        == 403
    )


def test_nieuw_token_maakt_oud_ongeldig(aanbieders):
    noord = aanbieders["Opleider Noord"]
    nieuw = services.maak_aanbieder_token(aanbieder=noord["aanbieder"], door=None)
    pad = "/api/v1/instrumentenhuis/aanbieder/inzetten/"
    assert _token_client(noord["token"]).get(pad).status_code == 401
    # The approval was for the old token: the new one waits for a privacy officer.
    assert _token_client(nieuw).get(pad).status_code == 403
    noord["aanbieder"].refresh_from_db()
    keur_goed(noord["aanbieder"].systeemclient)
    assert _token_client(nieuw).get(pad).status_code == 200


def test_catalogus_filters(client, coach):
    client.force_login(coach)
    response = client.get("/api/v1/instrumentenhuis/instrumenten/?categorie=schulden")
    assert response.status_code == 200
    namen = {r["naam"] for r in response.json()["results"]}
    assert namen == set(
        Instrument.objects.filter(categorie="schulden", actief=True).values_list("naam", flat=True)
    )
    assert "Schuldhulpverlening" in namen
    met_trede = client.get("/api/v1/instrumentenhuis/instrumenten/?leefgebied=financien&trede=6")
    assert all(
        r["trede_tot"] >= 6 and any(lg["code"] == "financien" for lg in r["leefgebieden"])
        for r in met_trede.json()["results"]
    )
    assert client.get("/api/v1/instrumentenhuis/instrumenten/?trede=9").status_code == 400


def test_inzetten_api_verbergt_vertrouwelijk_voor_teamleider(coach, persoon_dossier):
    ggz = InstrumentFactory(naam="GGZ api", categorie="zorg", bereiken=[("middelengebruik", 1, 3)])
    gewoon = InstrumentFactory(naam="Gewoon api")
    services.vraag_aan(dossier=persoon_dossier, instrument=ggz, door=coach)
    services.vraag_aan(dossier=persoon_dossier, instrument=gewoon, door=coach)
    pad = f"/api/v1/instrumentenhuis/dossiers/{persoon_dossier.pk}/inzetten/"

    eigen = Client()
    eigen.force_login(coach)
    assert {r["instrument"]["naam"] for r in eigen.get(pad).json()["results"]} == {
        "GGZ api",
        "Gewoon api",
    }
    assert Verwerking.objects.filter(operatie="api_bekijk_inzetten", vertrouwelijk=True).exists()

    leider = Client()
    leider.force_login(coach.team.teamleider)
    assert [r["instrument"]["naam"] for r in leider.get(pad).json()["results"]] == ["Gewoon api"]


def test_goedkeuren_via_api_boven_capaciteit(coach):
    instrument = InstrumentFactory(capaciteit_per_jaar=0)
    dossier = DossierFactory(werkcoach=coach)
    inzet = services.vraag_aan(dossier=dossier, instrument=instrument, door=coach)
    client = Client()
    client.force_login(coach)
    response = client.post(
        f"/api/v1/instrumentenhuis/dossiers/{dossier.pk}/inzetten/{inzet.pk}/status/",
        {"naar": "goedgekeurd"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "zijn bezet" in response.json()["fouten"]["capaciteit"][0]
    wacht = client.post(
        f"/api/v1/instrumentenhuis/dossiers/{dossier.pk}/inzetten/{inzet.pk}/status/",
        {"naar": "wachtlijst"},
        content_type="application/json",
    )
    assert wacht.status_code == 200
    assert wacht.json()["status"] == "wachtlijst"


def test_andere_werkcoach_404_op_inzet_api(coach, persoon_dossier):
    inzet = services.vraag_aan(dossier=persoon_dossier, instrument=InstrumentFactory(), door=coach)
    ander = Client()
    ander.force_login(UserFactory(rol=Rol.WERKCONSULENT))
    response = ander.post(
        f"/api/v1/instrumentenhuis/dossiers/{persoon_dossier.pk}/inzetten/{inzet.pk}/status/",
        {"naar": "goedgekeurd"},
        content_type="application/json",
    )
    assert response.status_code == 404
