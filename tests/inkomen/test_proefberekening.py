"""POST /api/v1/inkomen/proefberekening: the contract of issue 3, the §8 examples, strictness.

The rules come from the database (inkomen.selectors.actieve_regelsets / actief_beleid), so
these tests also prove that the loaded rule data reproduces domain/verrekening.md §8.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from bijstand.accounts.models import Rol, SysteemClient
from inkomen import api as inkomen_api
from inkomen import proefberekening
from inkomen.proefberekening import ProefberekeningFout, lees_invoer, voer_proefberekening_uit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/inkomen/proefberekening"

# The request of issue 3, verbatim.
ISSUE_VERZOEK = {
    "maand": "2026-03",
    "aanvrager": {"geboortedatum": "1985-05-01", "medisch_urenbeperkt": False},
    "partner": None,
    "kinderen": [{"geboortedatum": "2020-01-01"}],
    "medebewoners": [
        {
            "geboortedatum": "1986-01-01",
            "student": False,
            "commerciele_huur": False,
            "familie_eerste_of_tweede_graad": True,
        }
    ],
    "inkomsten": [
        {"persoon": "aanvrager", "soort": "arbeid", "bedrag": "600.00", "periode": "maand"}
    ],
    "vrijlating_maanden_gebruikt": {"aanvrager": {"n": 1, "r": 0}},
    "geschatte_inkomsten": None,
}

# The response of issue 3, verbatim (its "regels" shows one line of several).
ISSUE_ANTWOORD = {
    "norm": "1401.50",
    "kostendelers": 1,
    "inkomsten": "600.00",
    "vrijlating": "150.00",
    "bijstand": "951.50",
    "vakantietoeslag": "47.58",
    "uitbetaling": "903.92",
    "correctie": None,
    "regels": [
        {
            "artikel": "art. 31 lid 2 onder n Participatiewet",
            "omschrijving": "25% van 600,00, maximaal 285,00",
            "bedrag": "150.00",
        }
    ],
}

# Birth dates giving these ages on 1 March 2026 (ages are taken on the first day, policy).
GEBOREN = {25: "2000-07-15", 28: "1997-07-15", 31: "1994-07-15", 35: "1990-07-15",
           40: "1985-07-15", 50: "1975-07-15", 6: "2019-07-15"}  # fmt: skip


@pytest.fixture(autouse=True)
def _lege_throttle_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(db):
    client = APIClient()
    client.force_login(UserFactory(rol=Rol.WERKCONSULENT))
    return client


def post(client, data, **extra):
    return client.post(URL, data=json.dumps(data), content_type="application/json", **extra)


def zonder_medebewoner(verzoek: dict) -> dict:
    return {**copy.deepcopy(verzoek), "medebewoners": []}


def verzoek(
    *,
    leeftijd: int = 35,
    inkomsten=(),
    n: int = 0,
    medebewoners=(),
    kinderen=(),
    geschat=None,
) -> dict:
    return {
        "maand": "2026-03",
        "aanvrager": {"geboortedatum": GEBOREN[leeftijd], "medisch_urenbeperkt": False},
        "partner": None,
        "kinderen": [{"geboortedatum": GEBOREN[k]} for k in kinderen],
        "medebewoners": [
            {
                "geboortedatum": GEBOREN[m],
                "student": False,
                "commerciele_huur": False,
                "familie_eerste_of_tweede_graad": True,
            }
            for m in medebewoners
        ],
        "inkomsten": list(inkomsten),
        "vrijlating_maanden_gebruikt": {"aanvrager": {"n": n}},
        "geschatte_inkomsten": geschat,
    }


def arbeid(bedrag: str, periode: str = "maand") -> dict:
    return {"persoon": "aanvrager", "soort": "arbeid", "bedrag": bedrag, "periode": periode}


def kern(antwoord: dict) -> dict:
    return {k: v for k, v in antwoord.items() if k != "regels"}


# --- the contract example ------------------------------------------------------------------


def test_issue_voorbeeld_zonder_medebewoner_geeft_precies_het_issue_antwoord(api):
    response = post(api, zonder_medebewoner(ISSUE_VERZOEK))
    assert response.status_code == 200, response.content
    data = response.json()
    assert list(data) == list(ISSUE_ANTWOORD)  # same keys, same order
    assert kern(data) == kern(ISSUE_ANTWOORD)
    # The issue shows one explanation line; the full answer has one per rule applied.
    assert ISSUE_ANTWOORD["regels"][0] in data["regels"]
    for regel in data["regels"]:
        assert set(regel) == {"artikel", "omschrijving", "bedrag"}
        assert regel["bedrag"] is None or Decimal(regel["bedrag"]).as_tuple().exponent == -2
    assert data == inkomen_api.VOORBEELD_RESULTAAT  # the schema example is the real answer


def test_issue_voorbeeld_met_medebewoner_is_kostendelersnorm(api):
    """The issue's request as written: the 40-year-old sister is a kostendeler (art. 19a)."""
    response = post(api, ISSUE_VERZOEK)
    assert response.status_code == 200, response.content
    data = response.json()
    assert kern(data) == {
        "norm": "1001.07",
        "kostendelers": 2,
        "inkomsten": "600.00",
        "vrijlating": "150.00",
        "bijstand": "551.07",
        "vakantietoeslag": "27.55",
        "uitbetaling": "523.52",
        "correctie": None,
    }
    assert data["regels"][0]["artikel"] == "art. 22a lid 1 Participatiewet"
    assert data == inkomen_api.VOORBEELD_RESULTAAT_MEDEBEWONER


def test_bedragen_zijn_tekst_met_twee_decimalen(api):
    data = post(api, verzoek(inkomsten=[arbeid("600")], n=1)).json()
    for veld in ("norm", "inkomsten", "vrijlating", "bijstand", "vakantietoeslag", "uitbetaling"):
        assert isinstance(data[veld], str)
        assert Decimal(data[veld]).as_tuple().exponent == -2
    assert data["inkomsten"] == "600.00"


# --- §8 worked examples ----------------------------------------------------------------------

VOORBEELDEN = {
    # name: (request, expected core fields)
    "1 geen inkomen": (
        verzoek(),
        {"norm": "1401.50", "bijstand": "1401.50", "vakantietoeslag": "70.08",
         "uitbetaling": "1331.42"},
    ),
    "2 onder het maximum": (
        verzoek(inkomsten=[arbeid("600.00")], n=1),
        {"vrijlating": "150.00", "bijstand": "951.50", "vakantietoeslag": "47.58",
         "uitbetaling": "903.92"},
    ),
    "3 boven het maximum": (
        verzoek(inkomsten=[arbeid("1300.00")], n=1),
        {"vrijlating": "285.00", "bijstand": "386.50", "vakantietoeslag": "19.33",
         "uitbetaling": "367.17"},
    ),
    "4 vrijlating op": (
        verzoek(inkomsten=[arbeid("600.00")], n=6),
        {"vrijlating": "0.00", "bijstand": "801.50", "vakantietoeslag": "40.08",
         "uitbetaling": "761.42"},
    ),
    "5 boven de norm": (
        verzoek(inkomsten=[arbeid("1450.00")], n=2),
        {"vrijlating": "0.00", "bijstand": "0.00", "vakantietoeslag": "0.00",
         "uitbetaling": "0.00"},
    ),
    "5 grens net onder de norm": (
        verzoek(inkomsten=[arbeid("1401.49")], n=2),
        {"vrijlating": "285.00", "bijstand": "285.01"},
    ),
    "5 grens gelijk aan de norm": (
        verzoek(inkomsten=[arbeid("1401.50")], n=2),
        {"vrijlating": "0.00", "bijstand": "0.00"},
    ),
    "6 kostendelers 2": (
        verzoek(inkomsten=[arbeid("400.00")], n=2, medebewoners=[40]),
        {"norm": "1001.07", "kostendelers": 2, "vrijlating": "100.00", "bijstand": "701.07",
         "vakantietoeslag": "35.05", "uitbetaling": "666.02"},
    ),
    "6a zus van 25 telt niet": (
        verzoek(inkomsten=[arbeid("400.00")], n=2, medebewoners=[25]),
        {"norm": "1401.50", "kostendelers": 1, "bijstand": "1101.50"},
    ),
    "7a kostendelers 3": (
        verzoek(leeftijd=50, medebewoners=[28, 31]),
        {"norm": "867.59", "kostendelers": 3, "bijstand": "867.59", "vakantietoeslag": "43.38",
         "uitbetaling": "824.21"},
    ),
    "8a alleenstaande ouder n": (
        verzoek(inkomsten=[arbeid("900.00")], n=2, kinderen=[6]),
        {"vrijlating": "225.00", "bijstand": "726.50", "vakantietoeslag": "36.33",
         "uitbetaling": "690.17"},
    ),
    "10b vier weken 13/12": (
        verzoek(inkomsten=[arbeid("520.00", "vier_weken")], n=6),
        {"inkomsten": "563.33", "bijstand": "838.17", "vakantietoeslag": "41.91",
         "uitbetaling": "796.26", "correctie": None},
    ),
    "11 schatting te laag": (
        verzoek(inkomsten=[arbeid("450.00")], n=6, geschat=[arbeid("300.00")]),
        {"inkomsten": "450.00", "bijstand": "951.50", "correctie": "-150.00"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("naam", list(VOORBEELDEN))
def test_voorbeelden_paragraaf_8(api, naam):
    invoer, verwacht = VOORBEELDEN[naam]
    response = post(api, invoer)
    assert response.status_code == 200, response.content
    data = response.json()
    assert {k: data[k] for k in verwacht} == verwacht


def test_voorbeeld_11_correctie_regel(api):
    invoer, _ = VOORBEELDEN["11 schatting te laag"]
    data = post(api, invoer).json()
    laatste = data["regels"][-1]
    assert laatste["artikel"] == "art. 58 lid 4 Participatiewet"
    assert laatste["bedrag"] == "-150.00"


def test_voorbeeld_11_schatting_mag_leeg_zijn(api):
    invoer = verzoek(inkomsten=[arbeid("450.00")], n=6, geschat=[])
    assert post(api, invoer).json()["correctie"] == "-450.00"


def test_getallen_als_bedrag_worden_exact_gelezen(api):
    invoer = verzoek(inkomsten=[arbeid("0")], n=1)
    invoer["inkomsten"][0]["bedrag"] = 600
    assert post(api, invoer).json()["bijstand"] == "951.50"
    # A JSON number with two decimals is fine; it is never read as a float.
    tekst = json.dumps(invoer).replace('"bedrag": 600', '"bedrag": 600.10')
    response = api.post(URL, data=tekst, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["inkomsten"] == "600.10"


def test_optionele_velden_hebben_standaardwaarden(api):
    response = post(api, {"maand": "2026-03", "aanvrager": {"geboortedatum": "1990-07-15"}})
    assert response.status_code == 200
    assert response.json()["bijstand"] == "1401.50"


# --- strictness: 400 with a message per field -----------------------------------------------


def fouten(response) -> dict:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "ongeldig"
    assert body["detail"] == "Ongeldige invoer."
    return body["fouten"]


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        (lambda v: v.update(btw="21"), "btw"),
        (lambda v: v["aanvrager"].update(leeftijd=40), "aanvrager.leeftijd"),
        (lambda v: v["inkomsten"][0].update(werkgever="X"), "inkomsten[0].werkgever"),
        (lambda v: v["kinderen"][0].update(naam="Kim"), "kinderen[0].naam"),
        (lambda v: v["medebewoners"][0].update(huur="500"), "medebewoners[0].huur"),
        (
            lambda v: v["vrijlating_maanden_gebruikt"]["aanvrager"].update(x=1),
            "vrijlating_maanden_gebruikt.aanvrager.x",
        ),
        (
            lambda v: v["vrijlating_maanden_gebruikt"].update(kind={"n": 1}),
            "vrijlating_maanden_gebruikt.kind",
        ),
    ],
)
def test_onbekend_veld_geeft_400_met_dat_veld(api, wijziging, veld):
    invoer = copy.deepcopy(ISSUE_VERZOEK)
    wijziging(invoer)
    assert fouten(post(api, invoer)) == {veld: ["Onbekend veld."]}


@pytest.mark.parametrize(
    ("bedrag", "melding"),
    [
        ("-10.00", "negatief"),
        ("600.005", "hele centen"),
        ("600,00", "punt"),
        ("6e2", "punt"),
        (" 600", "spaties"),
        ("0600", "punt"),
        ("", "punt"),
        (True, "tekst"),
        (None, "tekst"),
        ("1000000.00", "te hoog"),
    ],
)
def test_ongeldig_bedrag(api, bedrag, melding):
    invoer = copy.deepcopy(ISSUE_VERZOEK)
    invoer["inkomsten"][0]["bedrag"] = bedrag
    f = fouten(post(api, invoer))
    assert list(f) == ["inkomsten[0].bedrag"]
    assert melding in f["inkomsten[0].bedrag"][0]


@pytest.mark.parametrize("getal", ["-5", "600.125", "1e2", "-0.01"])
def test_ongeldig_bedrag_als_json_getal(api, getal):
    tekst = json.dumps(ISSUE_VERZOEK).replace('"bedrag": "600.00"', f'"bedrag": {getal}')
    f = fouten(api.post(URL, data=tekst, content_type="application/json"))
    assert list(f) == ["inkomsten[0].bedrag"]


def test_drie_decimalen_in_geschatte_inkomsten(api):
    invoer = copy.deepcopy(ISSUE_VERZOEK)
    invoer["geschatte_inkomsten"] = [arbeid("300.001")]
    assert list(fouten(post(api, invoer))) == ["geschatte_inkomsten[0].bedrag"]


@pytest.mark.parametrize(
    ("maand", "melding"),
    [
        ("2026-13", "01 en 12"),
        ("2026-00", "01 en 12"),
        ("2026-3", "JJJJ-MM"),
        ("maart", "JJJJ-MM"),
        (202603, "JJJJ-MM"),
        ("2024-12", "geen rekenregels"),
        ("2020-01", "geen rekenregels"),
        ("2030-01", "nog geen normen"),
    ],
)
def test_ongeldige_maand(api, maand, melding):
    invoer = {**copy.deepcopy(ISSUE_VERZOEK), "maand": maand}
    f = fouten(post(api, invoer))
    assert list(f) == ["maand"]
    assert melding in f["maand"][0]


@pytest.mark.parametrize(
    ("pad", "waarde"),
    [
        (("aanvrager", "geboortedatum"), "1985-02-30"),
        (("aanvrager", "geboortedatum"), "01-05-1985"),
        (("aanvrager", "geboortedatum"), "19850501"),
        (("aanvrager", "geboortedatum"), None),
        (("kinderen", 0, "geboortedatum"), "2020-1-1"),
        (("medebewoners", 0, "geboortedatum"), "1986-13-01"),
    ],
)
def test_ongeldige_datum(api, pad, waarde):
    invoer = copy.deepcopy(ISSUE_VERZOEK)
    doel = invoer
    for stap in pad[:-1]:
        doel = doel[stap]
    doel[pad[-1]] = waarde
    veld = ".".join(str(p) for p in pad).replace(".0.", "[0].")
    assert list(fouten(post(api, invoer))) == [veld]


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        (
            lambda v: v["aanvrager"].update(medisch_urenbeperkt="nee"),
            "aanvrager.medisch_urenbeperkt",
        ),
        (lambda v: v["medebewoners"][0].update(student=0), "medebewoners[0].student"),
        (lambda v: v["inkomsten"][0].update(soort="uitkering"), "inkomsten[0].soort"),
        (lambda v: v["inkomsten"][0].update(periode="week"), "inkomsten[0].periode"),
        (lambda v: v["inkomsten"][0].update(persoon="kind"), "inkomsten[0].persoon"),
        (lambda v: v["inkomsten"][0].update(persoon="partner"), "inkomsten[0].persoon"),
        (lambda v: v["inkomsten"][0].pop("bedrag"), "inkomsten[0].bedrag"),
        (lambda v: v.pop("aanvrager"), "aanvrager"),
        (lambda v: v.update(inkomsten={"bedrag": "1"}), "inkomsten"),
        (
            lambda v: v.update(kinderen=[{"geboortedatum": "2000-01-01"}]),
            "kinderen[0].geboortedatum",
        ),
        (lambda v: v.update(partner={"geboortedatum": "2010-01-01"}), "partner.geboortedatum"),
        (
            lambda v: v["vrijlating_maanden_gebruikt"]["aanvrager"].update(n=-1),
            "vrijlating_maanden_gebruikt.aanvrager.n",
        ),
        (
            lambda v: v["vrijlating_maanden_gebruikt"]["aanvrager"].update(n=1.5),
            "vrijlating_maanden_gebruikt.aanvrager.n",
        ),
        (
            lambda v: v["vrijlating_maanden_gebruikt"].update(partner={"n": 1}),
            "vrijlating_maanden_gebruikt.partner",
        ),
    ],
)  # fmt: skip
def test_onmogelijke_waarden(api, wijziging, veld):
    invoer = copy.deepcopy(ISSUE_VERZOEK)
    wijziging(invoer)
    assert list(fouten(post(api, invoer))) == [veld]


def test_meerdere_fouten_tegelijk(api):
    invoer = copy.deepcopy(ISSUE_VERZOEK)
    invoer["maand"] = "2026-13"
    invoer["inkomsten"][0]["bedrag"] = "-1"
    invoer["extra"] = True
    assert set(fouten(post(api, invoer))) == {"maand", "inkomsten[0].bedrag", "extra"}


@pytest.mark.parametrize("body", ["[]", '"tekst"', "42", "null"])
def test_body_moet_een_object_zijn(api, body):
    f = fouten(api.post(URL, data=body, content_type="application/json"))
    assert list(f) == ["non_field_errors"]


def test_lege_body_noemt_de_verplichte_velden(api):
    f = fouten(api.post(URL, data="", content_type="application/json"))
    assert set(f) == {"maand", "aanvrager"}


@pytest.mark.parametrize("body", ["{", '{"maand": NaN}', "{'maand': '2026-03'}"])
def test_geen_json(api, body):
    response = api.post(URL, data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["fouten"] == {}


def test_alleen_json(api):
    response = api.post(URL, data={"maand": "2026-03"})  # multipart form
    assert response.status_code == 415


# --- access and throttling -------------------------------------------------------------------


def test_anoniem_krijgt_401():
    response = post(APIClient(), ISSUE_VERZOEK)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("rol", list(Rol))
def test_iedere_ingelogde_rol_mag(rol):
    client = APIClient()
    client.force_login(UserFactory(rol=rol))
    assert post(client, ISSUE_VERZOEK).status_code == 200


def test_systeemkoppeling_met_scope(db):
    _, token = SysteemClient.maak(naam="Rekenhulp", scopes=["inkomen:proefberekening"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert post(client, ISSUE_VERZOEK).status_code == 200


def test_systeemkoppeling_zonder_scope_of_ingetrokken(db):
    _, token = SysteemClient.maak(naam="Archief", scopes=["dossiers:lezen"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert post(client, ISSUE_VERZOEK).status_code == 403
    oud, token = SysteemClient.maak(naam="Oud", scopes=["inkomen:proefberekening"])
    oud.actief = False
    oud.save()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert post(client, ISSUE_VERZOEK).status_code == 401


def _met_rate(rate: str):
    rest = {**api_settings.user_settings}
    rest["DEFAULT_THROTTLE_RATES"] = {
        **rest.get("DEFAULT_THROTTLE_RATES", {}),
        "proefberekening": rate,
    }
    return override_settings(REST_FRAMEWORK=rest)


def test_throttle_geeft_429(api):
    with _met_rate("2/min"):
        assert post(api, ISSUE_VERZOEK).status_code == 200
        assert post(api, {"maand": "2026-13"}).status_code == 400  # a refused call counts too
        response = post(api, ISSUE_VERZOEK)
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert "Retry-After" in response


def test_throttle_telt_per_gebruiker(api):
    ander = APIClient()
    ander.force_login(UserFactory(rol=Rol.BURGER))
    with _met_rate("1/min"):
        assert post(api, ISSUE_VERZOEK).status_code == 200
        assert post(api, ISSUE_VERZOEK).status_code == 429
        assert post(ander, ISSUE_VERZOEK).status_code == 200


def test_throttle_telt_per_systeemkoppeling(db):
    clients = []
    for naam in ("A", "B"):
        _, token = SysteemClient.maak(naam=naam, scopes=["inkomen:proefberekening"])
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        clients.append(client)
    with _met_rate("1/min"):
        assert post(clients[0], ISSUE_VERZOEK).status_code == 200
        assert post(clients[0], ISSUE_VERZOEK).status_code == 429
        assert post(clients[1], ISSUE_VERZOEK).status_code == 200


def test_standaard_rate_staat_in_de_instellingen():
    assert api_settings.DEFAULT_THROTTLE_RATES["proefberekening"]


# --- the function itself and the schema -------------------------------------------------------


def test_functie_en_api_geven_hetzelfde(api):
    assert voer_proefberekening_uit(copy.deepcopy(ISSUE_VERZOEK)) == post(api, ISSUE_VERZOEK).json()


def test_functie_weigert_float():
    invoer = copy.deepcopy(ISSUE_VERZOEK)
    invoer["inkomsten"][0]["bedrag"] = 600.0
    with pytest.raises(ProefberekeningFout) as exc:
        lees_invoer(invoer)
    assert list(exc.value.fouten) == ["inkomsten[0].bedrag"]
    assert exc.value.als_dict()["code"] == "ongeldig"


def test_schema_serializers_volgen_de_parser():
    """The documentation serializers name exactly the fields the strict parser accepts."""
    velden = lambda s: set(s().fields)  # noqa: E731
    assert velden(inkomen_api.ProefberekeningInvoerSerializer) == set(proefberekening.VELDEN)
    assert velden(inkomen_api.ProefberekeningPersoonSerializer) == set(
        proefberekening.AANVRAGER_VELDEN
    )
    assert velden(inkomen_api.ProefberekeningKindSerializer) == set(proefberekening.KIND_VELDEN)
    assert velden(inkomen_api.ProefberekeningMedebewonerSerializer) == set(
        proefberekening.MEDEBEWONER_VELDEN
    )
    assert velden(inkomen_api.ProefberekeningInkomstenSerializer) == set(
        proefberekening.INKOMSTEN_VELDEN
    )
    assert velden(inkomen_api.ProefberekeningTellerSerializer) == {"n", "r", "y", "z", "aa", "34a"}
    assert velden(inkomen_api.ProefberekeningResultaatSerializer) == set(ISSUE_ANTWOORD)


def test_schema_zonder_waarschuwingen():
    GENERATOR_STATS.reset()
    generator = SchemaGenerator(
        patterns=[path(URL.lstrip("/"), inkomen_api.ProefberekeningView.as_view())]
    )
    schema = generator.get_schema(request=None, public=True)
    validate_schema(schema)
    assert not GENERATOR_STATS, (GENERATOR_STATS._warn_cache, GENERATOR_STATS._error_cache)
    operatie = schema["paths"]["/api/v1/inkomen/proefberekening"]["post"]
    assert set(operatie["responses"]) == {"200", "400", "401", "403", "429"}
    voorbeelden = operatie["requestBody"]["content"]["application/json"]["examples"]
    assert len(voorbeelden) == 3  # issue 3 with and without medebewoner; part month (issue 12)
    assert "kostendelers" in operatie["description"]
    assert "art. 19a" in operatie["description"]
