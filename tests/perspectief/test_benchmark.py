"""`manage.py benchmark perspectief` on a tiny dataset: ranks everyone, measures the page and
ends with one JSON object."""

import io
import json

import pytest
from django.core.management import call_command

from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier
from perspectief.models import Profiel

pytestmark = pytest.mark.django_db


def test_benchmark_perspectief_last_line_is_json():
    out = io.StringIO()
    call_command("benchmark", "perspectief", dossiers=20, repeat=2, stdout=out)
    resultaat = json.loads(out.getvalue().strip().splitlines()[-1])
    assert resultaat["name"] == "perspectief"
    assert resultaat["page_error"] is None
    for sleutel in ("n", "seconds", "median_ms", "p95_ms", "page_queries"):
        assert resultaat[sleutel] is not None, sleutel
    actief = Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN).count()
    assert resultaat["n"] == Profiel.objects.count() == actief > 0
