"""`manage.py benchmark plan` on a tiny dataset: runs and ends with one JSON line."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from plan.models import Melding, Plan


@pytest.mark.django_db
def test_benchmark_plan_laatste_regel_is_json():
    out = io.StringIO()
    call_command("benchmark", "plan", dossiers=40, repeat=2, stdout=out)
    resultaat = json.loads(out.getvalue().strip().splitlines()[-1])
    assert resultaat["name"] == "plan" and resultaat["n"] == 40
    assert resultaat["plannen"] == Plan.objects.count() > 0
    for naam, pagina in resultaat["pages"].items():
        assert pagina.get("error") is None, (naam, pagina)
        assert pagina["p95_ms"] is not None and pagina["queries"] > 0
    taak = resultaat["herinneringen"]
    assert taak["tweede_run_meldingen"] == {"verlopen": 0, "binnenkort": 0}
    assert taak["tweede_run_mails"] == 0
    assert (
        sum(taak["eerste_run_meldingen"].values())
        == Melding.objects.exclude(soort="klaar_gemeld").count()
    )
