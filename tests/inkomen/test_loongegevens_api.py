"""POST /api/v1/inkomen/loongegevens: the payroll API of employers."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from bijstand.logboek.models import AuditRegel, Verwerking
from inkomen import services
from inkomen.models import Berekening, Inkomstenopgave, Werkgever
from tests.factories import DossierFactory, WerkzoekendeFactory
from tests.koppelingen import goedgekeurde_koppeling

from .conftest import D

URL = "/api/v1/inkomen/loongegevens"
BSN = "111222333"
ANDER_BSN = "123456782"  # known person, no employment at this employer
ONBEKEND_BSN = "999999990"  # valid 11-proef, nobody has it


@pytest.fixture
def werkgever(db):
    client, token = goedgekeurde_koppeling(naam="Salaris BV", scopes=["loongegevens:schrijven"])
    werkgever = Werkgever.objects.create(
        naam="Haven BV", kvk_nummer="12345678", systeemclient=client
    )
    werkgever.token = token
    return werkgever


@pytest.fixture
def werknemer(werkgever, maak_dossier):
    persoon = WerkzoekendeFactory(bsn=BSN, geboortedatum=date(2000, 6, 1))
    dossier = DossierFactory(werkzoekende=persoon)
    services.start_uitkering(dossier=dossier, ingangsdatum=date(2026, 1, 1), door=None)
    services.registreer_dienstverband(
        werkzoekende=persoon, werkgever=werkgever, van=date(2026, 2, 1), door=None
    )
    andere = WerkzoekendeFactory(bsn=ANDER_BSN)
    services.start_uitkering(
        dossier=DossierFactory(werkzoekende=andere), ingangsdatum=date(2026, 1, 1), door=None
    )
    return dossier


@pytest.fixture
def api(werkgever):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {werkgever.token}")
    return client


@pytest.fixture
def post(api, django_capture_on_commit_callbacks):
    def _post(*regels, client=None):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or api).post(URL, {"regels": list(regels)}, format="json")

    return _post


def regel(**kwargs):
    return {
        "bsn": BSN,
        "periode": "2026-03",
        "netto_loon": "450.00",
        "vakantiegeld": "0.00",
        "uren": "30.00",
        "versie": 1,
        **kwargs,
    }


@pytest.mark.django_db
class TestLoongegevens:
    def test_geaccepteerd_en_verrekend(self, post, werknemer):
        antwoord = post(regel())
        assert antwoord.status_code == 200, antwoord.json()
        data = antwoord.json()
        assert data["regels"] == [{"regel": 0, "status": "geaccepteerd"}]
        assert (data["geaccepteerd"], data["dubbel"], data["fout"]) == (1, 0, 0)
        opgave = Inkomstenopgave.objects.get()
        assert (opgave.bron, opgave.status, opgave.bedrag, opgave.uren) == (
            "werkgever",
            "definitief",
            D("450.00"),
            D("30.00"),
        )
        berekening = Berekening.objects.get(dossier=werknemer, maand=date(2026, 3, 1))
        assert berekening.bijstand == D("951.50")

    def test_dubbel_en_nieuwe_versie(self, post, werknemer):
        post(regel())
        antwoord = post(regel())
        assert antwoord.json()["regels"] == [
            {"regel": 0, "status": "dubbel", "melding": "Deze regel is al ontvangen."}
        ]
        assert Inkomstenopgave.objects.count() == 1

        anders = post(regel(netto_loon="500.00"))
        assert anders.json()["regels"][0]["status"] == "fout"
        assert "versie" in anders.json()["regels"][0]["fouten"]

        correctie = post(regel(netto_loon="500.00", versie=2))
        assert correctie.json()["regels"][0]["status"] == "geaccepteerd"
        v1, v2 = Inkomstenopgave.objects.order_by("versie")
        assert v2.vervangt == v1
        actueel = Berekening.objects.get(dossier=werknemer, actueel=True)
        assert actueel.inkomsten == D("500.00")

        oud = post(regel(versie=1, netto_loon="1.00"))
        assert oud.json()["regels"][0]["status"] == "fout"

    def test_vier_weken_met_betaaldatum(self, post, werknemer):
        antwoord = post(regel(periode="vier_weken", betaaldatum="2026-03-27", netto_loon="520.00"))
        assert antwoord.json()["regels"][0]["status"] == "geaccepteerd"
        opgave = Inkomstenopgave.objects.get()
        assert (opgave.maand, opgave.periode, opgave.betaaldata) == (
            date(2026, 3, 1),
            "vier_weken",
            ["2026-03-27"],
        )
        zonder = post(regel(periode="vier_weken", versie=1))
        assert "betaaldatum" in zonder.json()["regels"][0]["fouten"]

    def test_geen_dienstverband_verraadt_niets(self, post, werknemer):
        antwoord = post(
            regel(bsn=ANDER_BSN),
            regel(bsn=ONBEKEND_BSN),
            regel(periode="2026-01"),  # before the employment started
        )
        regels = antwoord.json()["regels"]
        assert [r["status"] for r in regels] == ["fout"] * 3
        assert regels[0]["fouten"] == regels[1]["fouten"] == regels[2]["fouten"]
        assert not Inkomstenopgave.objects.exists()

    def test_ongeldig_bsn_en_bedrag_per_regel(self, post, werknemer):
        antwoord = post(regel(bsn="123456789"), regel(netto_loon="-5"), regel())
        regels = antwoord.json()["regels"]
        assert [r["status"] for r in regels] == ["fout", "fout", "geaccepteerd"]
        assert "bsn" in regels[0]["fouten"]
        assert "netto_loon" in regels[1]["fouten"]

    def test_bsn_nooit_in_antwoord_of_log(self, post, werknemer):
        antwoord = post(regel(), regel(bsn=ANDER_BSN), regel(bsn="123456789"))
        tekst = antwoord.content.decode()
        for bsn in (BSN, ANDER_BSN, "123456789"):
            assert bsn not in tekst
        for rij in Verwerking.objects.values_list("betrokkene", "operatie"):
            assert not any(bsn in str(rij) for bsn in (BSN, ANDER_BSN))
        assert AuditRegel.objects.filter(actie="registreer_inkomstenopgave").exists()

    def test_verkeerde_scope(self, post, werknemer, werkgever):
        werkgever.systeemclient.scopes = ["dossiers:lezen"]
        werkgever.systeemclient.save()
        assert post(regel()).status_code == 403
        assert not Inkomstenopgave.objects.exists()

    def test_zonder_token_of_met_sessie(self, werknemer, consulent):
        client = APIClient()
        assert client.post(URL, {"regels": [regel()]}, format="json").status_code == 401
        client.force_login(consulent)
        assert client.post(URL, {"regels": [regel()]}, format="json").status_code in (401, 403)

    def test_client_zonder_werkgever(self, post, werknemer):
        _, token = goedgekeurde_koppeling(naam="Los", scopes=["loongegevens:schrijven"])
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert post(regel(), client=client).status_code == 403

    def test_lege_of_ongeldige_batch(self, api, werknemer):
        assert api.post(URL, {"regels": []}, format="json").status_code == 400
        assert api.post(URL, {"regels": "x"}, format="json").status_code == 400
        antwoord = api.post(URL, {"regels": ["x"]}, format="json")
        assert antwoord.json()["regels"][0]["status"] == "fout"


@pytest.mark.django_db
def test_schema_beschrijft_loongegevens(client):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operatie = schema["paths"]["/api/v1/inkomen/loongegevens"]["post"]
    assert operatie["operationId"] == "inkomen_loongegevens_aanleveren"
    assert "200" in operatie["responses"]
