"""`manage.py benchmark verrekening` on a tiny dataset: runs and ends with one JSON line."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from inkomen.models import Betaalrun, Betaling


@pytest.mark.django_db
def test_benchmark_verrekening_laatste_regel_is_json(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    out = io.StringIO()
    call_command("benchmark", "verrekening", dossiers=15, repeat=2, stdout=out)
    resultaat = json.loads(out.getvalue().strip().splitlines()[-1])
    assert resultaat["name"] == "verrekening"
    for sleutel in (
        "n",
        "seconds",
        "dossiers_per_second",
        "event_p95_ms",
        "speedup_vs_event_path",
    ):
        assert resultaat[sleutel] is not None, sleutel
    assert resultaat["n"] == Betaling.objects.count() > 0
    assert Betaalrun.objects.get().status == "klaar"
    # a second run clears the month and measures again on the same data
    out2 = io.StringIO()
    call_command("benchmark", "verrekening", dossiers=15, repeat=2, stdout=out2)
    tweede = json.loads(out2.getvalue().strip().splitlines()[-1])
    assert tweede["n"] == resultaat["n"]
    assert tweede["totaal_bedrag"] == resultaat["totaal_bedrag"]
