"""`manage.py benchmark matching` runs end to end on a small dataset; one JSON object last."""

from __future__ import annotations

import importlib
import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_benchmark_matching_prints_one_json_object_last():
    from django.apps import apps

    from bijstand.dossiers.models import Wijk

    if not Wijk.objects.exists():  # flushed by a transactional test before us
        importlib.import_module("bijstand.dossiers.migrations.0002_wijken").forwards(apps, None)
    out = io.StringIO()
    call_command("benchmark", "matching", "--dossiers", "120", "--repeat", "2", stdout=out)
    uitslag = json.loads(out.getvalue().strip().splitlines()[-1])
    assert uitslag["name"] == "matching" and uitslag["n"] == 120
    assert uitslag["profiles"] > 0 and uitslag["candidates"] >= uitslag["candidates_fit"]
    assert uitslag["vacancy_ms"] > 0 and uitslag["match_ms"] > 0
    assert "dossier_ms" in uitslag
    assert uitslag["pages"]["vacature"].get("error") is None
