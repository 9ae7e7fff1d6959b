"""The fake BRP itself: the 2.x shape, RFC 7807 problems, its data and its date shift."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import date

import pytest
from stdnum.nl import bsn as stdnum_bsn

from tests.brp.fixtures import basis_url, fake


def _post(server, body) -> tuple[int, str, dict]:
    verzoek = urllib.request.Request(  # noqa: S310 (loopback)
        basis_url(server) + "/personen",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(verzoek, timeout=5) as antwoord:  # noqa: S310
            return antwoord.status, antwoord.headers["Content-Type"], json.loads(antwoord.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], json.loads(exc.read())


def test_health(fake_brp):
    url = f"http://127.0.0.1:{fake_brp.poort}/health"
    with urllib.request.urlopen(url, timeout=5) as antwoord:
        assert antwoord.status == 200


def test_raadpleeg_in_the_2x_shape_with_fields(fake_brp):
    status, _, data = _post(
        fake_brp,
        {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": ["999993653", "999991000"],
            "fields": ["naam.voornamen", "geboorte", "verblijfplaats", "leeftijd"],
        },
    )
    assert status == 200
    assert data["type"] == "RaadpleegMetBurgerservicenummer"
    [persoon] = data["personen"]  # the unknown BSN is simply absent
    assert set(persoon) == {"naam", "geboorte", "verblijfplaats", "leeftijd"}
    assert persoon["geboorte"]["datum"]["type"] == "Datum"
    assert persoon["verblijfplaats"]["type"] == "Adres"
    assert persoon["verblijfplaats"]["verblijfadres"]["officieleStraatnaam"] == "Lange Hilleweg"
    assert persoon["leeftijd"] in (29, 30)


def test_search_gives_the_limited_person(fake_brp):
    status, _, data = _post(
        fake_brp,
        {
            "type": "ZoekMetAdresseerbaarObjectIdentificatie",
            "adresseerbaarObjectIdentificatie": "0599010000207712",
            "fields": ["burgerservicenummer", "naam"],
        },
    )
    assert status == 200
    assert len(data["personen"]) == 4
    status, _, data = _post(
        fake_brp,
        {
            "type": "ZoekMetAdresseerbaarObjectIdentificatie",
            "adresseerbaarObjectIdentificatie": "0599010000207712",
            "fields": ["partners"],
        },
    )
    assert status == 400
    assert data["invalidParams"][0]["name"] == "fields[0]"


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"type": "ZoekMetIets", "fields": ["naam"]}, "type"),
        (
            {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["12345678"]}
            | {"fields": ["naam"]},
            "burgerservicenummer[0]",
        ),
        (
            {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": "999993653"}
            | {"fields": ["naam"]},
            "burgerservicenummer",
        ),
        (
            {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"]},
            "fields",
        ),
        ({"type": "RaadpleegMetBurgerservicenummer", "fields": ["naam"]}, "burgerservicenummer"),
        (
            {"type": "ZoekMetAdresseerbaarObjectIdentificatie", "fields": ["naam"]}
            | {"adresseerbaarObjectIdentificatie": "0599"},
            "adresseerbaarObjectIdentificatie",
        ),
        ([1, 2], "body"),
    ],
)
def test_malformed_request_gets_a_problem(fake_brp, body, param):
    status, content_type, data = _post(fake_brp, body)
    assert status == 400
    assert content_type.startswith("application/problem+json")
    assert data["status"] == 400
    assert data["instance"] == "/haalcentraal/api/brp/personen"
    assert data["invalidParams"][0]["name"] == param
    assert param in data["detail"]


def test_data_valid_bsns_and_consistent_relatives():
    personen = {p["burgerservicenummer"]: p for p in fake.laad_personen()}
    assert len(personen) == len(fake.laad_personen())
    assert all(stdnum_bsn.is_valid(bsn) for bsn in personen)
    assert "999993653" in personen
    for bsn, persoon in personen.items():
        assert persoon["verblijfplaats"]["verblijfadres"]["woonplaats"] == "Rotterdam"
        for kind in persoon.get("kinderen", []):
            assert kind["burgerservicenummer"] in personen
        for partner in persoon.get("partners", []):
            if "ontbindingHuwelijkPartnerschap" not in partner:
                wederzijds = personen[partner["burgerservicenummer"]]["partners"]
                assert bsn in {q["burgerservicenummer"] for q in wederzijds}


def test_dates_shift_by_whole_years_so_ages_stay():
    op_peildatum = fake.laad_personen(vandaag=date(2026, 12, 1))
    vijf_jaar_later = fake.laad_personen(vandaag=date(2031, 12, 1))
    eerst = op_peildatum[0]["geboorte"]["datum"]
    later = vijf_jaar_later[0]["geboorte"]["datum"]
    assert date.fromisoformat(later["datum"]).year == date.fromisoformat(eerst["datum"]).year + 5
    assert later["langFormaat"].endswith(str(date.fromisoformat(later["datum"]).year))
