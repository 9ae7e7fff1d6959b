"""Demo data (idempotent, keeps every rule) and the `benchmark agenda` command."""

from __future__ import annotations

import datetime
import io
import itertools
import json
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from bijstand.dossiers import demo as hub_demo
from werkloont import demo
from werkloont.models import Activiteit, Afspraak, Agenda, Traject, Weekafsluiting

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_and_keeps_the_rules():
    hub_demo.genereer(dossiers=120, seed=7)
    eerste = demo.vul_demo(seed=7, log=lambda m: None)
    assert eerste["agendas"] > 10 and eerste["afspraken"] > 100
    aantallen = (Agenda.objects.count(), Afspraak.objects.count(), Traject.objects.count())
    tweede = demo.vul_demo(seed=7, log=lambda m: None)
    assert (tweede["agendas"], tweede["afspraken"], tweede["werkloont"]) == (0, 0, 0)
    assert (Agenda.objects.count(), Afspraak.objects.count(), Traject.objects.count()) == aantallen

    # no overlap and at most 24 hours a day per person
    per_dag = defaultdict(list)
    for a in Afspraak.objects.filter(status="gepland", begintijd__isnull=False):
        per_dag[(a.dossier_id, a.datum)].append((a.begintijd, a.eindtijd))
    for tijden in per_dag.values():
        tijden.sort()
        for (_b1, e1), (b2, _e2) in itertools.pairwise(tijden):
            assert e1 <= b2
    assert (
        not Afspraak.objects.filter(status="gepland")
        .values("dossier", "datum")
        .annotate(m=Sum("minuten"))
        .filter(m__gt=24 * 60)
    )
    # Werkloont lasts at most 15 weeks and nothing of it is planned after the end
    for t in Traject.objects.filter(soort="werkloont"):
        assert t.einddatum == t.startdatum + datetime.timedelta(weeks=15, days=-1)
        assert not Afspraak.objects.filter(activiteit__traject=t, datum__gt=t.einddatum).exists()
    # a werkactiviteit that does not fit the perspective has a reason
    assert not Activiteit.objects.filter(past_bij_perspectief=False, afwijkingsreden="").exists()
    # approved weeks have nothing open
    for w in Weekafsluiting.objects.all():
        assert not Afspraak.objects.filter(
            dossier_id=w.dossier_id,
            datum__range=(w.week, w.week + datetime.timedelta(days=6)),
            status="gepland",
            aanwezigheid="onbekend",
        ).exists()
    # holidays in the period are marked
    assert Afspraak.objects.filter(status="feestdag").exclude(feestdag="").count() == (
        Afspraak.objects.filter(status="feestdag").count()
    )
    assert Agenda.objects.values("dossier").annotate(n=Count("pk")).filter(n__gt=1).count() == 0


def test_benchmark_command_prints_one_json_line():
    out = io.StringIO()
    call_command("benchmark", "agenda", "--dossiers", "60", "--repeat", "2", stdout=out)
    resultaat = json.loads(out.getvalue().strip().splitlines()[-1])
    assert resultaat["name"] == "agenda"
    assert resultaat["n"] > 0
    for sleutel in ("seconds", "median_ms", "p95_ms"):
        assert isinstance(resultaat[sleutel], int | float), sleutel
    assert resultaat["error"] is None


def test_generated_data_can_be_removed_again():
    hub_demo.genereer(dossiers=40, seed=3)
    demo.vul_demo(seed=3, log=lambda m: None)
    assert Afspraak.objects.exists()
    hub_demo.verwijder_gegenereerde_data()
    assert not Afspraak.objects.exists()
    assert not Agenda.objects.exists() and not Traject.objects.exists()
