"""/api/v1/dossiers/: every endpoint x every role, errors, logging, BSN never exposed."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bijstand.logboek.models import AuditRegel, Verwerking
from tests.api.conftest import BSN
from tests.factories import DossierFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db

ROLLEN = [
    "werkcoach",
    "andere_werkconsulent",
    "inkomensconsulent",
    "andere_inkomensconsulent",
    "teamleider",
    "beheerder",
    "privacy",
    "betaalrun",
    "burger",
    "anoniem",
    "systeem_lezen",
    "systeem_alles",
    "systeem_zonder",
    "systeem_niet_goedgekeurd",
    "systeem_ingetrokken",
]

# role -> (list, detail, journaal GET, journaal POST); list 200 says nothing about content.
VERWACHT = {
    "werkcoach": (200, 200, 200, 201),
    "andere_werkconsulent": (200, 404, 404, 404),
    "inkomensconsulent": (200, 200, 200, 201),
    "andere_inkomensconsulent": (200, 404, 404, 404),
    "teamleider": (200, 200, 200, 403),
    "beheerder": (403, 403, 403, 403),
    "privacy": (403, 403, 403, 403),
    "betaalrun": (403, 403, 403, 403),
    "burger": (200, 200, 200, 403),
    "anoniem": (401, 401, 401, 401),
    "systeem_lezen": (200, 200, 403, 403),
    "systeem_alles": (200, 200, 200, 403),
    "systeem_zonder": (403, 403, 403, 403),
    "systeem_niet_goedgekeurd": (403, 403, 403, 403),
    "systeem_ingetrokken": (401, 401, 401, 401),
}
# Who sees the dossier in the list.
ZIET_DOSSIER = {
    "werkcoach",
    "inkomensconsulent",
    "teamleider",
    "burger",
    "systeem_lezen",
    "systeem_alles",
}


def _urls(dossier):
    return (
        "/api/v1/dossiers/",
        f"/api/v1/dossiers/{dossier.pk}/",
        f"/api/v1/dossiers/{dossier.pk}/journaal/",
    )


def _bevat_geen_bsn(response):
    body = response.content.decode()
    assert BSN not in body
    assert "bsn" not in body.lower()


@pytest.mark.parametrize("rol", ROLLEN)
def test_matrix(als, dossier, rol):
    lijst, detail, journaal = _urls(dossier)
    verwacht = VERWACHT[rol]
    client = als(rol)

    responses = [
        client.get(lijst),
        client.get(detail),
        client.get(journaal),
        client.post(journaal, {"tekst": "Nieuwe notitie"}, format="json"),
    ]
    assert [r.status_code for r in responses] == list(verwacht), rol
    for r in responses:
        _bevat_geen_bsn(r)
        # Every error is structured.
        if r.status_code >= 400:
            assert set(r.json()) == {"code", "detail", "fouten"}
    if verwacht[0] == 200:
        ids = [d["id"] for d in responses[0].json()["results"]]
        assert (dossier.pk in ids) == (rol in ZIET_DOSSIER)
    if verwacht[0] == 401:
        assert responses[0]["WWW-Authenticate"] == "Token"


def test_detail_inhoud(als, dossier, werkcoach):
    data = als("werkcoach").get(f"/api/v1/dossiers/{dossier.pk}/").json()
    wz = data["werkzoekende"]
    assert wz["naam"] == dossier.werkzoekende.naam
    assert wz["geboortedatum"] == dossier.werkzoekende.geboortedatum.isoformat()
    assert wz["wijk"]["naam"] == dossier.werkzoekende.wijk.naam
    assert wz["huishoudleden"] == [
        {
            "id": wz["huishoudleden"][0]["id"],
            "rol": "kind",
            "naam": "Kim Jansen",
            "geboortedatum": "2015-04-01",
        }
    ]
    assert data["werkcoach"] == {"id": werkcoach.pk, "naam": werkcoach.get_full_name()}
    assert data["status"] == "lopend"
    assert "bsn" not in json.dumps(data).lower()


@pytest.mark.parametrize(
    ("rol", "teksten"),
    [
        ("werkcoach", {"Interne notitie", "Vertrouwelijk: gezondheid", "Bericht aan burger"}),
        ("inkomensconsulent", {"Interne notitie", "Bericht aan burger"}),
        ("teamleider", {"Interne notitie", "Bericht aan burger"}),
        ("burger", {"Bericht aan burger"}),
        ("systeem_alles", {"Interne notitie", "Bericht aan burger"}),
    ],
)
def test_journaal_vertrouwelijk_alleen_voor_werkcoach(als, dossier, rol, teksten):
    data = als(rol).get(f"/api/v1/dossiers/{dossier.pk}/journaal/").json()
    gezien = {r["tekst"] for r in data["results"]}
    # The "Dossier geopend" status line exists only if the dossier was opened via services.
    assert gezien - {r["tekst"] for r in data["results"] if r["soort"] == "status"} == teksten


def test_journaal_post_maakt_regel_en_logt(als, dossier, werkcoach):
    response = als("werkcoach").post(
        f"/api/v1/dossiers/{dossier.pk}/journaal/",
        {"soort": "contact", "kanaal": "telefoon", "richting": "inkomend", "tekst": "Gebeld"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["tekst"] == "Gebeld"
    assert body["auteur"]["id"] == werkcoach.pk
    assert dossier.journaal.filter(tekst="Gebeld", auteur=werkcoach).exists()


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [
        ({"tekst": "   "}, "tekst"),  # service: empty text
        ({}, "tekst"),  # serializer: required
        ({"soort": "contact", "tekst": "x"}, "kanaal"),  # service: contact needs a channel
        ({"soort": "status", "tekst": "x"}, "soort"),  # serializer: not a manual kind
        ({"tekst": "x", "vertrouwelijk": True, "zichtbaarheid": "extern"}, "vertrouwelijk"),
        ({"tekst": "x", "kanaal": "duif"}, "kanaal"),
    ],
)
def test_journaal_post_gestructureerde_400(als, dossier, invoer, veld):
    response = als("werkcoach").post(
        f"/api/v1/dossiers/{dossier.pk}/journaal/", invoer, format="json"
    )
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "ongeldig"
    assert data["detail"]
    assert veld in data["fouten"]
    assert isinstance(data["fouten"][veld], list) and data["fouten"][veld]


@pytest.mark.parametrize(
    ("params", "veld"),
    [({"status": "weg"}, "status"), ({"wijk": "abc"}, "wijk"), ({"route": "x"}, "route")],
)
def test_lijst_ongeldige_filter_400(als, dossier, params, veld):
    response = als("werkcoach").get("/api/v1/dossiers/", params)
    assert response.status_code == 400
    assert veld in response.json()["fouten"]


def test_lijst_filters(als, dossier, werkcoach):
    ander = DossierFactory(werkcoach=werkcoach, status="aanvraag", route="kansrijk")
    client = als("werkcoach")

    def ids(**params):
        return {d["id"] for d in client.get("/api/v1/dossiers/", params).json()["results"]}

    assert ids() == {dossier.pk, ander.pk}
    assert ids(status="aanvraag") == {ander.pk}
    assert ids(route="kansrijk") == {ander.pk}
    assert ids(wijk=dossier.werkzoekende.wijk_id) == {dossier.pk}
    # System client: the same filters over all dossiers.
    client = als("systeem_lezen")
    assert ids(status="aanvraag") == {ander.pk}


def test_lijst_logt_per_getoonde_persoon(als, dossier, werkcoach):
    DossierFactory(werkcoach=werkcoach)
    als("werkcoach").get("/api/v1/dossiers/")
    regels = Verwerking.objects.filter(operatie="api_lijst_dossiers")
    assert regels.count() == 2
    assert {r.activiteit.code for r in regels} == {"dossierbeheer"}
    audit = AuditRegel.objects.get(operation_id=regels.first().operation_id)
    assert audit.gebruiker == werkcoach


def test_systeemclient_wordt_gelogd_als_systeem(als, dossier):
    als("systeem_lezen").get(f"/api/v1/dossiers/{dossier.pk}/")
    regel = Verwerking.objects.get(operatie="api_bekijk_dossier")
    assert regel.activiteit.code == "api"
    audit = AuditRegel.objects.get(operation_id=regel.operation_id)
    assert audit.gebruiker is None
    assert audit.rol == "systeem"
    assert audit.systeem.startswith("Archief (systeemkoppeling ")


def test_aantal_queries_lijst_constant(als, werkcoach):
    client = als("werkcoach")
    for _ in range(3):
        DossierFactory(werkcoach=werkcoach)
    client.get("/api/v1/dossiers/")  # warm the activity cache
    with CaptureQueriesContext(connection) as weinig:
        assert client.get("/api/v1/dossiers/").status_code == 200
    for _ in range(15):
        persoon = WerkzoekendeFactory()
        DossierFactory(werkcoach=werkcoach, werkzoekende=persoon)
    with CaptureQueriesContext(connection) as veel:
        response = client.get("/api/v1/dossiers/")
    assert response.json()["count"] == 19  # + the fixture dossier
    assert len(veel) == len(weinig), [q["sql"] for q in veel.captured_queries]


def test_aantal_queries_lijst_constant_systeem(als, werkcoach):
    client = als("systeem_lezen")
    DossierFactory(werkcoach=werkcoach)
    client.get("/api/v1/dossiers/")
    with CaptureQueriesContext(connection) as weinig:
        client.get("/api/v1/dossiers/")
    for _ in range(10):
        DossierFactory(werkcoach=werkcoach)
    with CaptureQueriesContext(connection) as veel:
        client.get("/api/v1/dossiers/")
    assert len(veel) == len(weinig)


def test_paginering(als, werkcoach):
    for _ in range(30):
        DossierFactory(werkcoach=werkcoach)
    client = als("werkcoach")
    data = client.get("/api/v1/dossiers/").json()
    assert data["count"] == 31 and len(data["results"]) == 25 and data["next"]  # + fixture
    assert len(client.get("/api/v1/dossiers/", {"page": 2}).json()["results"]) == 6
    assert len(client.get("/api/v1/dossiers/", {"page_size": 10}).json()["results"]) == 10
