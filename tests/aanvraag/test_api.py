"""/api/v1/meldingen/ and /api/v1/aanvragen/: every endpoint, its errors, scopes and the log.

The clock stands on 17 March 2026 (``vandaag`` of the conftest). People: ``loket`` (werkconsulent
at the loket), ``consulent`` (inkomensconsulent), ``werkcoach`` and ``teamleider`` of the team
the wijk of PERSOON belongs to.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from aanvraag import behandeling
from aanvraag.models import Aanvraag, AanvraagStatus, Besluit, Stuk, Voorschot
from bijstand.accounts.models import Rol, SysteemClient
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import AuditRegel, Verwerking
from tests.brp.fixtures import fake_brp  # noqa: F401 (fixture)
from tests.factories import DossierFactory, UserFactory, geldig_bsn
from tests.koppelingen import goedgekeurde_koppeling

pytestmark = pytest.mark.django_db

BSN = "111222333"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PERSOON_JSON = {
    "voornamen": "Anna",
    "achternaam": "Jansen",
    "geboortedatum": "1990-04-01",
    "straat": "Coolsingel",
    "huisnummer": "40",
    "postcode": "3011 AD",
    "woonplaats": "Rotterdam",
}
# The body of every step as an API client sends it (JSON values, not form strings).
STAP_DATA: dict[str, dict] = {
    "persoon": {"email": "a@example.nl", "telefoon": "010 1234567", "elektronisch": False},
    "wonen": {"woonsituatie": "huur", "woonkosten": "650.00"},
    "inkomen": {"heeft_inkomen": False},
    "vermogen": {"bank_saldo": 120},
    "bankrekening": {"iban": "NL91 ABNA 0417 1643 00", "tenaamstelling": "A. Jansen"},
    "verklaring": {"akkoord": True},
}


@pytest.fixture(autouse=True)
def _klok(vandaag):
    """17 March 2026 (the conftest's clock)."""


@pytest.fixture
def burger_account(db):
    return UserFactory(rol=Rol.BURGER, team=None)


@pytest.fixture
def systeem_schrijft(maak_aanvraag):
    """A system client as the history user of an aanvraag: Aanvraag.history takes the user
    through ``bijstand.core.history.history_user``, which leaves a system client out (it is
    no User). Without that, every write by a client would fail with a 500."""
    from django.db import transaction
    from django.test import RequestFactory
    from simple_history.models import HistoricalRecords

    from bijstand.accounts.authentication import SysteemGebruiker

    request = RequestFactory().get("/")
    request.user = SysteemGebruiker(SysteemClient(naam="Proef"))
    try:
        with transaction.atomic():
            aanvraag = maak_aanvraag("concept")
            HistoricalRecords.context.request = request
            aanvraag.save()  # raised ValueError before get_user=history_user
            assert aanvraag.history.first().history_user is None
            transaction.set_rollback(True)
    finally:
        if hasattr(HistoricalRecords.context, "request"):
            del HistoricalRecords.context.request


def als(user) -> APIClient:
    client = APIClient()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def met_token(*scopes: str) -> APIClient:
    _client, token = goedgekeurde_koppeling(naam="Formulierenplatform", scopes=list(scopes))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def melding(client: APIClient, bsn: str = BSN, **extra):
    body = {"bsn": bsn, "persoon": PERSOON_JSON, **extra}
    return client.post("/api/v1/meldingen/", body, format="json")


def logregels(aanvraag: Aanvraag, operatie: str):
    onderwerp = pseudoniem(aanvraag.dossier.werkzoekende.log_subject)
    return Verwerking.objects.filter(betrokkene=onderwerp, operatie=operatie)


def huishouden(**kwargs) -> dict:
    return {"partner": None, "kinderen": [], "medebewoners": [], **kwargs}


# --- melding -------------------------------------------------------------------------------


def test_melding_at_the_loket_is_idempotent(loket, werkcoach):
    client = als(loket)
    response = melding(client)
    assert response.status_code == 201, response.content
    data = response.json()
    aanvraag = Aanvraag.objects.get()
    assert data["id"] == aanvraag.pk and data["dossier"] == aanvraag.dossier_id
    assert data["status"] == "concept" and data["kanaal"] == "loket"
    assert data["melddatum"] == "2026-03-17" and data["ontvangen_op"] is None
    assert BSN not in response.content.decode()
    assert aanvraag.aangemaakt_door == loket

    again = melding(client, melddatum="2026-03-10")
    assert again.status_code == 200
    assert again.json()["id"] == aanvraag.pk and again.json()["melddatum"] == "2026-03-17"
    assert Aanvraag.objects.count() == 1
    # returning the existing aanvraag is a read of it: logged
    assert logregels(aanvraag, "api_melding_bestaande_aanvraag").count() == 1


def test_melding_by_a_system_client_is_logged_with_the_client(werkcoach, systeem_schrijft):
    client = met_token("aanvraag:schrijven")
    response = melding(client, melddatum="2026-03-02")
    assert response.status_code == 201, response.content
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.kanaal == "loket" and aanvraag.aangemaakt_door is None
    assert aanvraag.melddatum == date(2026, 3, 2)
    regel = logregels(aanvraag, "api_registreer_melding").get()
    assert regel.activiteit.code == "api"
    audit = AuditRegel.objects.get(operation_id=regel.operation_id)
    assert audit.gebruiker is None and "Formulierenplatform" in audit.systeem
    assert audit.koppeling_goedgekeurd_door is not None


def test_melding_without_persoon_takes_the_person_from_the_brp(loket, werkcoach, fake_brp):  # noqa: F811
    response = als(loket).post("/api/v1/meldingen/", {"bsn": "999993653"}, format="json")
    assert response.status_code == 201, response.content
    aanvraag = Aanvraag.objects.select_related("dossier__werkzoekende").get()
    assert aanvraag.dossier.werkzoekende.achternaam == "Yılmaz"
    assert aanvraag.brp["geslachtsnaam"] == "Yılmaz" and aanvraag.brp_opgehaald_op
    assert "999993653" not in response.content.decode()

    onbekend = geldig_bsn()
    response = als(loket).post("/api/v1/meldingen/", {"bsn": onbekend}, format="json")
    assert response.status_code == 400
    assert "persoon" in response.json()["fouten"]

    fake_brp.storing = "500"
    response = als(loket).post("/api/v1/meldingen/", {"bsn": "999991024"}, format="json")
    assert response.status_code == 503
    assert response.json()["code"] == "brp_niet_bereikbaar"
    assert Aanvraag.objects.count() == 1


@pytest.mark.parametrize(
    "body,veld",
    [
        ({"bsn": "11122233A", "persoon": PERSOON_JSON}, "bsn"),
        ({"bsn": "111222334", "persoon": PERSOON_JSON}, "bsn"),  # 11-proef
        ({"bsn": "1" * 10_000, "persoon": PERSOON_JSON}, "bsn"),
        ({"persoon": PERSOON_JSON}, "bsn"),
        ({"bsn": ["111222333"], "persoon": PERSOON_JSON}, "bsn"),
        ({"bsn": BSN, "persoon": "Anna Jansen"}, "persoon"),
        ({"bsn": BSN, "persoon": {**PERSOON_JSON, "geboortedatum": "1990-02-30"}}, "persoon"),
        ({"bsn": BSN, "persoon": {**PERSOON_JSON, "geboortedatum": "2030-01-01"}}, "persoon"),
        ({"bsn": BSN, "persoon": {**PERSOON_JSON, "geboortedatum": 19900401}}, "persoon"),
        ({"bsn": BSN, "persoon": {**PERSOON_JSON, "achternaam": "x" * 5000}}, "persoon"),
        ({"bsn": BSN, "persoon": {**PERSOON_JSON, "achternaam": "a\x00b"}}, "persoon"),
        ({"bsn": BSN, "persoon": {**PERSOON_JSON, "postcode": "<b>1</b>"}}, "persoon"),
        ({"bsn": BSN, "persoon": PERSOON_JSON, "melddatum": "2026-03-18"}, "melddatum"),
        ({"bsn": BSN, "persoon": PERSOON_JSON, "melddatum": "gisteren"}, "melddatum"),
        ({"bsn": BSN, "persoon": PERSOON_JSON, "melddatum": "1800-01-01"}, "non_field_errors"),
    ],
)
def test_melding_bad_input_is_a_dutch_400(loket, werkcoach, body, veld):
    response = als(loket).post("/api/v1/meldingen/", body, format="json")
    assert response.status_code == 400, response.content
    data = response.json()
    assert data["code"] == "ongeldig" and veld in data["fouten"], data
    assert "111222333" not in response.content.decode() or veld != "bsn"
    assert "1" * 100 not in response.content.decode()
    assert not Aanvraag.objects.exists()


def test_melding_json_array_and_garbage(loket):
    client = als(loket)
    response = client.post("/api/v1/meldingen/", [{"bsn": BSN}], format="json")
    assert response.status_code == 400
    response = client.post("/api/v1/meldingen/", "{niet: json", content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "parse_error"
    response = client.post("/api/v1/meldingen/", {"bsn": BSN})  # multipart: JSON only
    assert response.status_code == 415


def test_melding_for_someone_with_another_running_dossier_is_refused(loket, maak_aanvraag):
    aanvraag = maak_aanvraag("ingediend", bsn=BSN)
    aanvraag.status = AanvraagStatus.TOEGEKEND
    aanvraag.save()
    response = melding(als(loket))
    assert response.status_code == 400
    assert "lopend dossier" in response.json()["fouten"]["non_field_errors"][0]


# --- the worklist --------------------------------------------------------------------------


def test_worklist_of_the_inkomensconsulent(consulent, maak_aanvraag):
    ander = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    pool = maak_aanvraag("ingediend", persoon={"achternaam": "Pool"})
    eigen = maak_aanvraag("in_behandeling", persoon={"achternaam": "Eigen"})
    van_ander = maak_aanvraag("in_behandeling", behandelaar=ander, persoon={"achternaam": "Ander"})
    concept = maak_aanvraag("concept", persoon={"achternaam": "Concept"})
    client = als(consulent)

    response = client.get("/api/v1/aanvragen/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    ids = {r["id"] for r in data["results"]}
    assert ids == {pool.pk, eigen.pk}
    rij = next(r for r in data["results"] if r["id"] == eigen.pk)
    assert rij["naam"].endswith("Eigen") and rij["inkomensconsulent"] == consulent.pk
    assert rij["beslissen_uiterlijk"] == "2026-05-12" and rij["dagen_over"] == 56
    assert rij["heeft_voorschot"] is False and rij["opgeschort_tot"] is None
    assert "bsn" not in json.dumps(data).lower()

    assert [r["id"] for r in client.get("/api/v1/aanvragen/?weergave=eigen").json()["results"]] == [
        eigen.pk
    ]
    assert [r["id"] for r in client.get("/api/v1/aanvragen/?weergave=pool").json()["results"]] == [
        pool.pk
    ]
    assert [
        r["id"] for r in client.get("/api/v1/aanvragen/?weergave=concept").json()["results"]
    ] == [concept.pk]
    assert client.get("/api/v1/aanvragen/?zoek=eig").json()["count"] == 1
    assert client.get("/api/v1/aanvragen/?zoek=Ander").json()["count"] == 0
    assert van_ander.pk not in ids

    fout = client.get("/api/v1/aanvragen/?weergave=alles")
    assert fout.status_code == 400 and "weergave" in fout.json()["fouten"]
    assert client.get("/api/v1/aanvragen/?zoek=" + "x" * 500).status_code == 400
    assert client.get("/api/v1/aanvragen/?page=abc").status_code == 404
    # every row shown is logged
    assert logregels(pool, "api_werklijst").exists() and logregels(eigen, "api_werklijst").exists()


def test_worklist_roles(werkcoach, teamleider, burger_account, maak_aanvraag):
    aanvraag = maak_aanvraag("ingediend")
    assert als(werkcoach).get("/api/v1/aanvragen/").status_code == 403
    assert als(burger_account).get("/api/v1/aanvragen/").status_code == 403
    assert APIClient().get("/api/v1/aanvragen/").status_code in (401, 403)
    response = als(teamleider).get("/api/v1/aanvragen/")
    assert [r["id"] for r in response.json()["results"]] == [aanvraag.pk]


def test_worklist_query_count_does_not_grow_with_the_rows(consulent, maak_aanvraag):
    client = als(consulent)
    maak_aanvraag("ingediend")
    eigen = maak_aanvraag("in_behandeling")
    behandeling.vraag_stukken_op(aanvraag=eigen, gevraagd="Bankafschriften", door=consulent)
    client.get("/api/v1/aanvragen/")  # warm the caches (activity ids)
    with CaptureQueriesContext(connection) as weinig:
        assert client.get("/api/v1/aanvragen/").json()["count"] == 2
    for _i in range(5):
        maak_aanvraag("in_behandeling")
    with CaptureQueriesContext(connection) as veel:
        response = client.get("/api/v1/aanvragen/")
    assert response.json()["count"] == 7
    assert len(veel) == len(weinig), [q["sql"] for q in veel.captured_queries]
    rij = next(r for r in response.json()["results"] if r["id"] == eigen.pk)
    assert rij["status"] == "opgeschort" and rij["opgeschort_tot"] == "2026-03-31"


# --- one aanvraag --------------------------------------------------------------------------


def test_detail_and_who_may_see_it(consulent, werkcoach, teamleider, loket, maak_aanvraag):
    aanvraag = maak_aanvraag("in_behandeling")
    url = f"/api/v1/aanvragen/{aanvraag.pk}/"
    response = als(consulent).get(url)
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ingediend" and data["ontvangen_op"] == "2026-03-17"
    assert data["termijnen"]["beslissen_uiterlijk"] == "2026-05-12"
    assert data["termijnen"]["voorschot_uiterlijk"] == "2026-04-14"
    assert data["termijnen"]["te_laat"] is False
    stappen = {s["stap"]: s["ingevuld"] for s in data["stappen"]}
    assert stappen["wonen"] and not stappen["stukken"]
    assert data["ontbrekende_stappen"] == []
    assert {c["code"] for c in data["checklist"]} >= {"identiteit", "vermogen"}
    assert data["checklist_compleet"] is False
    assert data["besluit"] is None and data["voorschot"] is None
    assert data["aantal_stukken"] == 0
    assert "bsn" not in response.content.decode().lower()
    assert logregels(aanvraag, "api_bekijk_aanvraag").get().activiteit.code == "aanvraag"

    assert als(werkcoach).get(url).status_code == 200
    assert als(teamleider).get(url).status_code == 200
    ander = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    assert als(ander).get(url).status_code == 404  # taken up by a colleague
    assert als(loket).get(url).status_code == 404  # another team's werkconsulent
    assert als(UserFactory(rol=Rol.BEHEERDER, team=None)).get(url).status_code == 403
    assert als(consulent).get("/api/v1/aanvragen/999999/").status_code == 404


# --- filling in at the loket, submitting, deciding -----------------------------------------


def test_the_whole_front_door_through_the_api(loket, consulent, werkcoach):
    client = als(loket)
    aanvraag_id = melding(client).json()["id"]
    basis = f"/api/v1/aanvragen/{aanvraag_id}"
    for stap in ("persoon", "wonen", "inkomen", "vermogen", "bankrekening"):
        response = client.put(f"{basis}/stappen/{stap}/", STAP_DATA[stap], format="json")
        assert response.status_code == 200, (stap, response.content)
    response = client.put(
        f"{basis}/stappen/huishouden/",
        huishouden(
            partner={"naam": "Bram Jansen", "geboortedatum": "1988-01-02"},
            kinderen=[{"naam": "Kim Jansen", "geboortedatum": "2015-04-01"}],
        ),
        format="json",
    )
    assert response.status_code == 200, response.content
    assert client.put(f"{basis}/stappen/stukken/", {}, format="json").status_code == 200
    response = client.post(f"{basis}/indienen/")
    assert response.status_code == 400
    assert "verklaring" in response.json()["fouten"]
    response = client.put(f"{basis}/stappen/verklaring/", {"akkoord": True}, format="json")
    assert response.status_code == 200
    response = client.post(f"{basis}/indienen/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ingediend"
    assert response.json()["ontvangen_op"] == "2026-03-17"

    aanvraag = Aanvraag.objects.get(pk=aanvraag_id)
    assert aanvraag.gegevens["huishouden"]["data"]["partner"]["naam"] == "Bram Jansen"
    assert aanvraag.gegevens["wonen"]["data"] == {
        "woonsituatie": "huur",
        "woonkosten": "650.00",
        "toelichting": "",
    }
    # sent: the loket sees its melding only while it is a concept (unless it is the werkcoach
    # the dossier got: then the service says it was sent)
    response = client.put(f"{basis}/stappen/wonen/", STAP_DATA["wonen"], format="json")
    if aanvraag.dossier.werkcoach == loket:
        assert response.status_code == 400
        assert "verstuurd" in response.json()["fouten"]["non_field_errors"][0]
    else:
        assert response.status_code == 404

    behandelaar = als(consulent)
    response = behandelaar.post(f"{basis}/behandelen/")
    assert response.status_code == 200 and response.json()["inkomensconsulent"] == consulent.pk
    assert behandelaar.get(f"{basis}/besluit/").status_code == 404
    response = behandelaar.post(
        f"{basis}/besluit/", {"soort": "toekenning", "ingangsdatum": "2026-03-17"}, format="json"
    )
    assert response.status_code == 400
    assert "checklist" in response.json()["fouten"]
    from aanvraag.stappen import CHECKLIST_CODES, Uitkomst

    for code in CHECKLIST_CODES:
        behandeling.beoordeel_checklist(
            aanvraag=aanvraag, code=code, uitkomst=Uitkomst.AKKOORD, door=consulent
        )
    response = behandelaar.post(
        f"{basis}/besluit/", {"soort": "toekenning", "ingangsdatum": "2026-03-17"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["soort"] == "toekenning"
    assert response.json()["ingangsdatum"] == "2026-03-17"
    assert response.json()["verzendwijze"] == "post"
    response = behandelaar.get(f"{basis}/besluit/")
    assert response.status_code == 200 and set(response.json()) == {
        "soort",
        "ingangsdatum",
        "genomen_op",
        "verzendwijze",
        "verzonden_op",
        "bezwaar_tot",
    }
    again = behandelaar.post(f"{basis}/besluit/", {"soort": "afwijzing"}, format="json")
    assert again.status_code == 400
    assert Besluit.objects.count() == 1
    detail = behandelaar.get(f"{basis}/").json()
    assert detail["status"] == "toegekend" and detail["besluit"]["soort"] == "toekenning"


def test_the_loket_submits_an_aanvraag_that_then_leaves_its_view(loket, werkcoach):
    DossierFactory(werkcoach=loket)  # a caseload: the melding gets another werkcoach
    client = als(loket)
    basis = f"/api/v1/aanvragen/{melding(client).json()['id']}"
    for stap, body in {**STAP_DATA, "huishouden": huishouden()}.items():
        assert client.put(f"{basis}/stappen/{stap}/", body, format="json").status_code == 200
    response = client.post(f"{basis}/indienen/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ingediend"
    assert client.get(f"{basis}/").status_code == 404  # the aanvraag team's now
    assert Aanvraag.objects.get().dossier.werkcoach != loket


@pytest.mark.parametrize(
    "stap,body,veld",
    [
        ("wonen", [STAP_DATA["wonen"]], "non_field_errors"),
        ("wonen", "huur", "non_field_errors"),
        ("wonen", {"woonsituatie": "kasteel"}, "woonsituatie"),
        ("wonen", {"woonsituatie": ["huur"]}, "woonsituatie"),
        ("wonen", {"woonsituatie": {"a": 1}}, "woonsituatie"),
        ("wonen", {"woonsituatie": "huur", "woonkosten": "veel"}, "woonkosten"),
        ("wonen", {"woonsituatie": "huur", "woonkosten": 1e20}, "woonkosten"),
        ("wonen", {"woonsituatie": "huur"}, "woonkosten"),
        ("wonen", {"woonsituatie": "anders", "toelichting": "x" * 100_000}, "toelichting"),
        ("wonen", {"woonsituatie": "anders", "hobby": "x"}, "hobby"),
        ("wonen", {f"veld{i}": 1 for i in range(500)}, "non_field_errors"),
        ("persoon", {"email": "geen-mail", "telefoon": "<script>"}, "email"),
        ("persoon", {"adres_gewijzigd": True}, "straat"),
        ("bankrekening", {"iban": "NL00BANK0123456789", "tenaamstelling": "A"}, "iban"),
        ("verklaring", {"akkoord": False}, "akkoord"),
        ("stukken", {"bestand": "x"}, "bestand"),
        ("huishouden", huishouden(partner="Bram"), "partner"),
        ("huishouden", huishouden(partner={"naam": "Bram"}), "partner.geboortedatum"),
        (
            "huishouden",
            huishouden(partner={"naam": "B", "geboortedatum": "1990-13-01"}),
            "partner.geboortedatum",
        ),
        (
            "huishouden",
            huishouden(kinderen=[{"naam": "Kim", "geboortedatum": "2030-01-01"}]),
            "kinderen.0.geboortedatum",
        ),
        ("huishouden", huishouden(kinderen=[{}]), "kinderen.0.naam"),
        ("huishouden", huishouden(kinderen=["Kim"]), "kinderen.0"),
        ("huishouden", huishouden(kinderen={"naam": "Kim"}), "kinderen"),
        (
            "huishouden",
            huishouden(kinderen=[{"naam": "K", "geboortedatum": "2015-01-01"}] * 16),
            "kinderen",
        ),
        (
            "huishouden",
            huishouden(medebewoners=[{"naam": "M", "geboortedatum": "1980-01-01", "x": 1}]),
            "medebewoners.0.x",
        ),
        ("huishouden", {**huishouden(), "huisdier": "kat"}, "huisdier"),
    ],
)
def test_a_bad_step_is_a_dutch_400_and_changes_nothing(consulent, maak_aanvraag, stap, body, veld):
    aanvraag = maak_aanvraag("concept")
    response = als(consulent).put(
        f"/api/v1/aanvragen/{aanvraag.pk}/stappen/{stap}/", body, format="json"
    )
    assert response.status_code == 400, response.content
    assert veld in response.json()["fouten"], response.json()
    assert "x" * 1000 not in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.gegevens == {}


def test_unknown_step_and_a_huge_body(consulent, maak_aanvraag):
    aanvraag = maak_aanvraag("concept")
    client = als(consulent)
    url = f"/api/v1/aanvragen/{aanvraag.pk}/stappen"
    assert client.put(f"{url}/hobby/", {}, format="json").status_code == 404
    assert client.put(f"{url}/%3Cscript%3E/", {}, format="json").status_code == 404
    groot = {"woonsituatie": "anders", "toelichting": "x" * 3_000_000}
    assert client.put(f"{url}/wonen/", groot, format="json").status_code in (400, 413)


def test_stukken(loket, consulent, werkcoach, maak_aanvraag):
    concept_id = melding(als(loket)).json()["id"]
    url = f"/api/v1/aanvragen/{concept_id}/stukken/"
    bestand = SimpleUploadedFile("paspoort Anna Jansen.pdf", PDF, content_type="application/pdf")
    response = als(loket).post(url, {"soort": "identiteit", "bestand": bestand})
    assert response.status_code == 201, response.content
    assert "paspoort" not in response.content.decode()
    assert response.json()["bestandstype"] == "pdf" and response.json()["grootte"] == len(PDF)

    neppe = SimpleUploadedFile("foto.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = als(loket).post(url, {"soort": "identiteit", "bestand": neppe})
    assert response.status_code == 400 and "bestand" in response.json()["fouten"]
    response = als(loket).post(
        url, {"soort": "paspoort", "bestand": SimpleUploadedFile("a.pdf", PDF)}
    )
    assert response.status_code == 400 and "soort" in response.json()["fouten"]
    response = als(loket).post(url, {"soort": "identiteit"})
    assert response.status_code == 400 and "bestand" in response.json()["fouten"]
    response = als(loket).post(url, {"soort": "identiteit", "bestand": "tekst"})
    assert response.status_code == 400
    response = als(loket).post(url, {"soort": "identiteit"}, format="json")
    assert response.status_code == 415
    assert Stuk.objects.count() == 1

    lijst = als(loket).get(url).json()
    assert lijst["count"] == 1 and set(lijst["results"][0]) == {
        "id",
        "soort",
        "omschrijving",
        "bestandstype",
        "grootte",
        "geupload_op",
    }
    # after submission: only the inkomensconsulent handling it adds stukken
    ingediend = maak_aanvraag("in_behandeling")
    url = f"/api/v1/aanvragen/{ingediend.pk}/stukken/"
    stuk = SimpleUploadedFile("a.pdf", PDF)
    assert als(werkcoach).post(url, {"soort": "huur", "bestand": stuk}).status_code == 403
    stuk = SimpleUploadedFile("a.pdf", PDF)
    assert als(consulent).post(url, {"soort": "huur", "bestand": stuk}).status_code == 201
    assert als(werkcoach).get(url).json()["count"] == 1
    assert logregels(ingediend, "api_lijst_stukken").exists()


def test_besluit_errors(consulent, werkcoach, maak_aanvraag):
    aanvraag = maak_aanvraag("checklist")
    url = f"/api/v1/aanvragen/{aanvraag.pk}/besluit/"
    assert als(werkcoach).post(url, {"soort": "afwijzing"}, format="json").status_code == 403
    ander = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    assert als(ander).post(url, {"soort": "afwijzing"}, format="json").status_code == 404
    # an inkomensconsulent who may see it (the pool) but does not handle it: 403
    pool = maak_aanvraag("ingediend")
    response = als(ander).post(
        f"/api/v1/aanvragen/{pool.pk}/besluit/", {"soort": "afwijzing"}, format="json"
    )
    assert response.status_code == 403
    assert "in behandeling" in response.json()["detail"]
    client = als(consulent)
    for body, veld in (
        ({"soort": "goedkeuring"}, "soort"),
        ({"soort": "afwijzing"}, "motivering"),
        ({"soort": "afwijzing", "motivering": "x" * 6000}, "motivering"),
        ({"soort": "toekenning"}, "ingangsdatum"),
        ({"soort": "toekenning", "ingangsdatum": "2026-02-31"}, "ingangsdatum"),
        ({"soort": "toekenning", "ingangsdatum": "2027-01-01"}, "ingangsdatum"),
        ({"soort": "toekenning", "ingangsdatum": "2025-01-01"}, "ingangsdatum"),
        ({"soort": "buiten_behandeling", "motivering": "Geen stukken"}, "non_field_errors"),
        ({"soort": 3}, "soort"),
    ):
        response = client.post(url, body, format="json")
        assert response.status_code == 400, (body, response.content)
        assert veld in response.json()["fouten"], (body, response.json())
    assert client.post(url, ["afwijzing"], format="json").status_code == 400
    assert not Besluit.objects.exists()
    response = client.post(url, {"soort": "afwijzing", "motivering": "Vermogen"}, format="json")
    assert response.status_code == 201
    assert als(werkcoach).get(url).json()["soort"] == "afwijzing"
    assert logregels(aanvraag, "api_bekijk_besluit").get().soorten_gegevens == ["besluit"]


def test_voorschot(consulent, werkcoach, maak_aanvraag):
    aanvraag = maak_aanvraag("in_behandeling")
    url = f"/api/v1/aanvragen/{aanvraag.pk}/voorschot/"
    assert als(consulent).get(url).status_code == 404
    assert als(werkcoach).post(url).status_code == 403
    response = als(consulent).post(url)
    assert response.status_code == 201, response.content
    voorschot = Voorschot.objects.get()
    assert response.json()["bedrag"] == f"{voorschot.bedrag:.2f}"
    assert response.json()["status"] == "betaald"
    assert als(werkcoach).get(url).json()["bedrag"] == f"{voorschot.bedrag:.2f}"
    assert logregels(aanvraag, "api_bekijk_voorschot").exists()
    again = als(consulent).post(url)
    assert again.status_code == 400 and again.json()["fouten"]["non_field_errors"]
    assert Voorschot.objects.count() == 1
    detail = als(consulent).get(f"/api/v1/aanvragen/{aanvraag.pk}/").json()
    assert detail["heeft_voorschot"] and detail["voorschot"]["percentage"] == "90.00"


# --- system clients ------------------------------------------------------------------------


def test_system_client_reads_with_aanvraag_lezen(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("concept")
    ingediend = maak_aanvraag("in_behandeling")
    url = f"/api/v1/aanvragen/{aanvraag.pk}"
    lezen = met_token("aanvraag:lezen")
    assert lezen.get("/api/v1/aanvragen/?weergave=concept").json()["count"] == 1
    assert lezen.get("/api/v1/aanvragen/").json()["count"] == 1
    assert lezen.get("/api/v1/aanvragen/?weergave=pool").json()["count"] == 0
    assert lezen.get("/api/v1/aanvragen/?weergave=eigen").json()["count"] == 0
    assert lezen.get(f"{url}/").status_code == 200
    assert lezen.get(f"{url}/stukken/").status_code == 200
    assert lezen.get(f"/api/v1/aanvragen/{ingediend.pk}/").json()["inkomensconsulent"] == (
        consulent.pk
    )
    assert lezen.put(f"{url}/stappen/wonen/", STAP_DATA["wonen"], format="json").status_code == 403
    assert lezen.post(f"{url}/indienen/").status_code == 403
    assert melding(lezen).status_code == 403
    regel = logregels(aanvraag, "api_bekijk_aanvraag").get()
    assert regel.activiteit.code == "api"
    assert AuditRegel.objects.get(operation_id=regel.operation_id).gebruiker is None

    with CaptureQueriesContext(connection) as weinig:
        assert lezen.get("/api/v1/aanvragen/").json()["count"] == 1
    for _i in range(3):
        maak_aanvraag("ingediend")
    with CaptureQueriesContext(connection) as veel:
        assert lezen.get("/api/v1/aanvragen/").json()["count"] == 4
    assert len(veel) == len(weinig)

    _client, token = SysteemClient.maak(naam="Niet goedgekeurd", scopes=["aanvraag:lezen"])
    niet = APIClient()
    niet.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert niet.get(f"{url}/").status_code == 403
    fout = APIClient()
    fout.credentials(HTTP_AUTHORIZATION="Token onzin")
    assert fout.get(f"{url}/").status_code == 401


def test_system_client_writes_with_aanvraag_schrijven(maak_aanvraag, systeem_schrijft):
    aanvraag = maak_aanvraag("concept")
    url = f"/api/v1/aanvragen/{aanvraag.pk}"
    schrijven = met_token("aanvraag:schrijven")
    assert schrijven.get(f"{url}/").status_code == 403
    response = schrijven.put(f"{url}/stappen/wonen/", STAP_DATA["wonen"], format="json")
    assert response.status_code == 200
    assert logregels(aanvraag, "api_sla_stap_op").get().activiteit.code == "api"
    aanvraag.refresh_from_db()
    assert aanvraag.gegevens["wonen"]["door"] is None
    stuk = SimpleUploadedFile("a.pdf", PDF)
    assert schrijven.post(f"{url}/stukken/", {"soort": "huur", "bestand": stuk}).status_code == 201
    assert Stuk.objects.get().geupload_door is None
    response = schrijven.post(f"{url}/indienen/")
    assert response.status_code == 400 and "stappen" in response.json()["fouten"]
    besluit = {"soort": "afwijzing", "motivering": "x"}
    assert schrijven.post(f"{url}/besluit/", besluit, format="json").status_code == 403
    assert schrijven.post(f"{url}/voorschot/").status_code == 403
    assert schrijven.post(f"{url}/behandelen/").status_code == 403


def test_burger_uses_the_portal_not_the_api(burger_account, maak_aanvraag):
    aanvraag = maak_aanvraag("concept")
    client = als(burger_account)
    assert client.get(f"/api/v1/aanvragen/{aanvraag.pk}/").status_code == 403
    assert melding(client).status_code == 403


# --- the schema ----------------------------------------------------------------------------


def test_openapi_schema_documents_every_endpoint(tmp_path):
    import yaml
    from django.core.management import call_command

    pad = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(pad))
    schema = yaml.safe_load(pad.read_text())
    verwacht = {
        "/api/v1/meldingen/": {"post"},
        "/api/v1/aanvragen/": {"get"},
        "/api/v1/aanvragen/{id}/": {"get"},
        "/api/v1/aanvragen/{id}/stappen/{stap}/": {"put"},
        "/api/v1/aanvragen/{id}/indienen/": {"post"},
        "/api/v1/aanvragen/{id}/behandelen/": {"post"},
        "/api/v1/aanvragen/{id}/stukken/": {"get", "post"},
        "/api/v1/aanvragen/{id}/besluit/": {"get", "post"},
        "/api/v1/aanvragen/{id}/voorschot/": {"get", "post"},
    }
    for pad_, methoden in verwacht.items():
        assert set(schema["paths"][pad_]) >= methoden, pad_
        for methode in methoden:
            antwoorden = schema["paths"][pad_][methode]["responses"]
            assert {"401", "403"} <= set(antwoorden), (pad_, methode)
    for naam, component in schema["components"]["schemas"].items():
        if naam.startswith("Aanvraag") and "Invoer" not in naam:
            assert "bsn" not in str(component).lower(), naam
    assert "bsn" in str(schema["components"]["schemas"]["MeldingInvoer"])


RARE_BODIES = [
    [],
    [1, 2],
    "tekst",
    12,
    None,
    True,
    {"bsn": {"a": 1}, "persoon": [], "melddatum": 20260101},
    {"soort": {"x": 1}, "ingangsdatum": 20260101, "motivering": ["x"]},
    {"soort": "toekenning", "ingangsdatum": "2026-03-17T10:00:00"},
    {"partner": {"naam": {"a": 1}, "geboortedatum": []}, "kinderen": [[1]], "medebewoners": 3},
    {"a": {"b": {"c": {"d": {"e": [1, [2, [3, [4]]]]}}}}},
    {"weergave": "\x00", "zoek": "\x00"},
]


@pytest.mark.parametrize("body", RARE_BODIES, ids=range(len(RARE_BODIES)))
def test_no_input_gives_a_500(consulent, maak_aanvraag, body):
    """Every endpoint with every odd body: a structured 4xx, nothing changed."""
    aanvraag = maak_aanvraag("in_behandeling")
    concept = maak_aanvraag("concept")
    client = als(consulent)
    voor = (Aanvraag.objects.count(), Besluit.objects.count(), Stuk.objects.count())
    for methode, url in (
        ("post", "/api/v1/meldingen/"),
        ("put", f"/api/v1/aanvragen/{concept.pk}/stappen/huishouden/"),
        ("put", f"/api/v1/aanvragen/{concept.pk}/stappen/wonen/"),
        ("put", f"/api/v1/aanvragen/{concept.pk}/stappen/stukken/"),
        ("post", f"/api/v1/aanvragen/{aanvraag.pk}/besluit/"),
        ("post", f"/api/v1/aanvragen/{aanvraag.pk}/stukken/"),
    ):
        response = getattr(client, methode)(url, json.dumps(body), content_type="application/json")
        assert 400 <= response.status_code < 500, (methode, url, response.content)
        assert set(response.json()) == {"code", "detail", "fouten"}, response.content
    response = client.get("/api/v1/aanvragen/", {"weergave": "open", "zoek": "a\x00b"})
    assert response.status_code == 400
    assert (Aanvraag.objects.count(), Besluit.objects.count(), Stuk.objects.count()) == voor
    concept.refresh_from_db()
    assert concept.gegevens == {}
