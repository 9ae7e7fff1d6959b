"""Part months in the proefberekening (API and command) and the P8 data migration (0008)."""

from __future__ import annotations

import copy
import importlib
import json

import pytest
from django.apps import apps
from django.core.cache import cache
from rest_framework.test import APIClient

from bijstand.accounts.models import Rol
from inkomen import api as inkomen_api
from inkomen import proefberekening, rekenregels, selectors
from inkomen.models import Beleidsinstelling
from tests.factories import UserFactory
from tests.inkomen.test_proefberekening import fouten, kern, post
from tests.inkomen.test_proefberekening_command import run

pytestmark = pytest.mark.django_db

START = {
    "maand": "2026-03",
    "aanvrager": {"geboortedatum": "1985-05-01"},
    "recht_vanaf": "2026-03-17",
}
EINDE = {
    "maand": "2026-06",
    "aanvrager": {"geboortedatum": "1985-05-01"},
    "recht_tot": "2026-06-10",
}


@pytest.fixture(autouse=True)
def _lege_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(db):
    client = APIClient()
    client.force_login(UserFactory(rol=Rol.WERKCONSULENT))
    return client


def test_velden_in_contract_en_schema():
    assert {"recht_vanaf", "recht_tot"} <= set(proefberekening.VELDEN)
    assert {"recht_vanaf", "recht_tot"} <= set(inkomen_api.ProefberekeningInvoerSerializer().fields)


def test_api_voorbeeld_deelmaand_is_het_echte_antwoord(api):
    response = post(api, inkomen_api.VOORBEELD_INVOER_DEELMAAND)
    assert response.status_code == 200, response.content
    assert response.json() == inkomen_api.VOORBEELD_RESULTAAT_DEELMAAND


@pytest.mark.parametrize(
    ("verzoek", "verwacht"),
    [
        (START, ("678.15", "678.15", "33.91", "644.24")),
        (EINDE, ("467.17", "467.17", "23.36", "443.81")),
        (
            {
                **START,
                "inkomsten": [{"persoon": "aanvrager", "soort": "arbeid", "bedrag": "300.00"}],
                "vrijlating_maanden_gebruikt": {"aanvrager": {"n": 1}},
            },
            ("678.15", "453.15", "22.66", "430.49"),
        ),
        (
            {**START, "recht_vanaf": None, "recht_tot": None},
            ("1401.50", "1401.50", "70.08", "1331.42"),
        ),
    ],
)
def test_api_naar_rato(api, verzoek, verwacht):
    response = post(api, verzoek)
    assert response.status_code == 200, response.content
    data = response.json()
    assert (
        data["norm"],
        data["bijstand"],
        data["vakantietoeslag"],
        data["uitbetaling"],
    ) == verwacht
    artikelen = [r["artikel"] for r in data["regels"]]
    assert ("art. 45 lid 3 Participatiewet" in artikelen) == (verwacht[0] != "1401.50")


def test_api_werkdagen_volgens_beleid(api):
    rij = Beleidsinstelling.objects.get()
    rij.data = {**rij.data, "p8_deelmaand": "werkdagen"}
    rij.save()
    selectors.wis_regelcache()
    data = post(api, START).json()
    assert (data["norm"], data["uitbetaling"]) == ("700.75", "665.71")
    data = post(api, EINDE).json()
    assert (data["norm"], data["uitbetaling"]) == ("509.64", "484.16")
    assert any("8 van de 22 werkdagen" in r["omschrijving"] for r in data["regels"])


@pytest.mark.parametrize(
    ("wijziging", "veld", "tekst"),
    [
        ({"recht_vanaf": "2026-02-28"}, "recht_vanaf", "De datum moet in de maand 2026-03 liggen"),
        ({"recht_tot": "2026-04-01"}, "recht_tot", "De datum moet in de maand 2026-03 liggen"),
        ({"recht_vanaf": "17-03-2026"}, "recht_vanaf", "JJJJ-MM-DD"),
        ({"recht_vanaf": "2026-02-30"}, "recht_vanaf", "Deze datum bestaat niet"),
        ({"recht_tot": 20260331}, "recht_tot", "JJJJ-MM-DD"),
        ({"recht_vanaf": "2026-03-20", "recht_tot": "2026-03-10"}, "recht_tot", "vóór"),
    ],
)
def test_api_weigert_ongeldige_data(api, wijziging, veld, tekst):
    body = fouten(post(api, {**START, **wijziging}))
    assert list(body) == [veld]
    assert tekst in body[veld][0]


def test_api_onbekend_veld_naast_deelmaand(api):
    assert fouten(post(api, {**START, "recht_van": "2026-03-17"})) == {
        "recht_van": ["Onbekend veld."]
    }


def test_command_rekent_naar_rato():
    status, out, err = run("-", stdin=json.dumps(EINDE))
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert kern(data)["uitbetaling"] == "443.81"


def test_command_en_api_geven_hetzelfde(api):
    status, out, _ = run("-", stdin=json.dumps(START))
    assert status == 0
    assert json.loads(out) == post(api, START).json()


@pytest.mark.parametrize(
    "wijziging",
    [
        {"recht_vanaf": "2026-04-01"},
        {"recht_tot": "maart"},
        {"recht_vanaf": "2026-03-20", "recht_tot": "2026-03-19"},
    ],
)
def test_command_weigert_met_status_2(wijziging):
    status, out, err = run("-", stdin=json.dumps({**START, **wijziging}))
    assert (status, out) == (2, "")
    body = json.loads(err)
    assert body["code"] == "ongeldig"
    assert set(body["fouten"]) <= {"recht_vanaf", "recht_tot"} and body["fouten"]


# --- data migration 0008 -------------------------------------------------------------------

MIGRATIE = importlib.import_module("inkomen.migrations.0008_beleid_p8_deelmaand")


def test_migratie_vult_p8_aan_en_laat_bestaande_keuze_staan():
    rij = Beleidsinstelling.objects.get()
    assert rij.data["p8_deelmaand"] == "kalenderdagen"  # 0002 stores the full standard
    oud = copy.deepcopy(rij.data)
    oud.pop("p8_deelmaand")
    Beleidsinstelling.objects.filter(pk=rij.pk).update(data=oud)
    ander = Beleidsinstelling.objects.create(
        geldig_vanaf="2026-01-01", data={**oud, "p8_deelmaand": "werkdagen"}
    )

    MIGRATIE.forwards(apps, None)

    rij.refresh_from_db()
    ander.refresh_from_db()
    assert rij.data == {**oud, "p8_deelmaand": "kalenderdagen"}
    assert ander.data["p8_deelmaand"] == "werkdagen"
    assert rekenregels.Beleid.van_dict(rij.data) == rekenregels.standaard_beleid()[0]

    MIGRATIE.backwards(apps, None)
    rij.refresh_from_db()
    assert rij.data == oud
