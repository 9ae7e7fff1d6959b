"""``manage.py proefberekening FILE``: same JSON in, same JSON out as the API; errors exit 2."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from rest_framework.test import APIClient

from inkomen.proefberekening import voer_proefberekening_uit
from tests.factories import UserFactory
from tests.inkomen.test_proefberekening import ISSUE_ANTWOORD, ISSUE_VERZOEK, URL, kern, post

pytestmark = pytest.mark.django_db

ZONDER_MEDEBEWONER = {**ISSUE_VERZOEK, "medebewoners": []}
MANAGE = Path(settings.BASE_DIR) / "manage.py"


def run(*args, stdin: str | None = None) -> tuple[int, str, str]:
    """call_command; returns (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    kwargs = {"stdout": out, "stderr": err}
    if stdin is not None:
        kwargs["stdin"] = io.StringIO(stdin)
    try:
        call_command("proefberekening", *args, **kwargs)
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_bestand(tmp_path):
    bestand = tmp_path / "verzoek.json"
    bestand.write_text(json.dumps(ZONDER_MEDEBEWONER), encoding="utf-8")
    status, out, err = run(str(bestand))
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert kern(data) == kern(ISSUE_ANTWOORD)
    assert ISSUE_ANTWOORD["regels"][0] in data["regels"]


@pytest.fixture
def api():
    client = APIClient()
    client.force_login(UserFactory())
    return client


def test_stdin_en_api_geven_hetzelfde(api):
    status, out, _ = run("-", stdin=json.dumps(ISSUE_VERZOEK))
    assert status == 0
    assert json.loads(out) == post(api, ISSUE_VERZOEK).json()
    assert json.loads(out) == voer_proefberekening_uit(copy.deepcopy(ISSUE_VERZOEK))
    assert json.loads(out)["kostendelers"] == 2


def test_compact():
    status, out, _ = run("-", "--compact", stdin=json.dumps(ZONDER_MEDEBEWONER))
    assert status == 0
    assert out.count("\n") == 1
    assert json.loads(out)["uitbetaling"] == "903.92"


def test_ongeldige_invoer_exit_2_met_json_op_stderr():
    verzoek = copy.deepcopy(ISSUE_VERZOEK)
    verzoek["inkomsten"][0]["bedrag"] = "-600.00"
    verzoek["hobby"] = "rekenen"
    status, out, err = run("-", stdin=json.dumps(verzoek))
    assert status == 2
    assert out == ""
    fout = json.loads(err)
    assert fout["code"] == "ongeldig"
    assert fout["detail"] == "Ongeldige invoer."
    assert set(fout["fouten"]) == {"inkomsten[0].bedrag", "hobby"}


def test_zelfde_foutmelding_als_de_api(api):
    verzoek = {**ISSUE_VERZOEK, "maand": "2026-13"}
    status, _, err = run("-", stdin=json.dumps(verzoek))
    assert status == 2
    assert json.loads(err) == post(api, verzoek).json()
    status, _, err = run("-", stdin="{kapot")
    response = api.post(URL, data="{kapot", content_type="application/json")
    assert status == 2
    assert json.loads(err) == response.json()
    assert json.loads(err)["code"] == "parse_error"


def test_drie_decimalen_als_getal():
    tekst = json.dumps(ISSUE_VERZOEK).replace('"bedrag": "600.00"', '"bedrag": 600.001')
    status, _, err = run("-", stdin=tekst)
    assert status == 2
    assert list(json.loads(err)["fouten"]) == ["inkomsten[0].bedrag"]


def test_bestand_bestaat_niet(tmp_path):
    status, _, err = run(str(tmp_path / "weg.json"))
    assert status == 2
    assert list(json.loads(err)["fouten"]) == ["bestand"]


@pytest.fixture(scope="module")
def gemigreerde_database(tmp_path_factory, django_db_blocker):
    """A migrated SQLite file for the subprocess (the test database is not shared)."""
    pad = tmp_path_factory.mktemp("db") / "proef.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{pad}"}
    subprocess.run(  # noqa: S603
        [sys.executable, str(MANAGE), "migrate", "-v", "0"],
        env=env,
        check=True,
        capture_output=True,
        cwd=settings.BASE_DIR,
    )
    return env


def _manage(env, *args, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, str(MANAGE), "proefberekening", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def test_subprocess_met_stdin(gemigreerde_database):
    resultaat = _manage(gemigreerde_database, "-", stdin=json.dumps(ZONDER_MEDEBEWONER))
    assert resultaat.returncode == 0, resultaat.stderr
    data = json.loads(resultaat.stdout)
    assert kern(data) == kern(ISSUE_ANTWOORD)

    fout = _manage(gemigreerde_database, "-", stdin=json.dumps({**ISSUE_VERZOEK, "x": 1}))
    assert fout.returncode == 2
    assert fout.stdout == ""
    assert json.loads(fout.stderr) == {
        "code": "ongeldig",
        "detail": "Ongeldige invoer.",
        "fouten": {"x": ["Onbekend veld."]},
    }
