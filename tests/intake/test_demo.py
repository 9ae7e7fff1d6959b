"""Demo data of the intake: definitive intakes with what the services would have written."""

from __future__ import annotations

import pytest
from django.db.models import Count

from bijstand.dossiers import demo as hub_demo
from intake import demo
from intake.models import Intake
from perspectief.models import Belemmering, LeefgebiedScore, Meting, Profiel

pytestmark = pytest.mark.django_db


def test_demo_intakes_consistent_and_idempotent():
    hub_demo.genereer(dossiers=80, seed=5)
    meldingen: list[str] = []
    eerste = demo.vul_demo(seed=5, log=meldingen.append)
    assert eerste["intakes"] > 20 and meldingen
    intakes = Intake.objects.select_related("meting")
    assert intakes.count() == eerste["intakes"] == Meting.objects.count()
    for intake in intakes:
        assert intake.status == "definitief" and intake.meting.dossier_id == intake.dossier_id
        assert intake.meting.bron == intake.soort.replace("aanvraag", "intake")
        assert "gezondheid" not in intake.antwoorden
        assert "gezondheid" in intake.vertrouwelijke_antwoorden
        scores = {
            **intake.antwoorden["scores"],
            **intake.vertrouwelijke_antwoorden.get("scores", {}),
        }
        assert scores["trede"] == intake.meting.trede
        if intake.soort == "heronderzoek":
            assert intake.vorige.dossier_id == intake.dossier_id
    aantallen = Meting.objects.annotate(n=Count("scores")).values_list("n", flat=True)
    assert set(aantallen) == {13}
    assert not LeefgebiedScore.objects.filter(score__lte=2, toelichting="").exists()
    for profiel in Profiel.objects.all():
        laatste = Meting.objects.filter(dossier=profiel.dossier).order_by("-datum", "-id").first()
        assert profiel.trede == laatste.trede
        assert profiel.scores == {s.leefgebied.code: s.score for s in laatste.scores.all()}
        assert (
            profiel.blokkerende_belemmeringen
            == Belemmering.objects.filter(dossier=profiel.dossier, blokkeert_werk=True).count()
        )

    tweede = demo.vul_demo(seed=5, log=meldingen.append)
    assert tweede["intakes"] == 0
    assert Intake.objects.count() == eerste["intakes"]


def test_demo_builds_on_the_perspectief_demo_without_double_facts():
    from perspectief import demo as perspectief_demo

    hub_demo.genereer(dossiers=60, seed=9)
    perspectief_demo.vul_demo(seed=9, log=lambda _m: None)
    metingen_voor = Meting.objects.count()
    belemmeringen_voor = Belemmering.objects.count()
    uitslag = demo.vul_demo(seed=9, log=lambda _m: None)
    assert uitslag["bij_bestaande_meting"] > 0
    # Each intake measurement of the perspectief demo now has its intake; nothing doubled.
    nieuw = Meting.objects.count() - metingen_voor
    assert nieuw == uitslag["metingen"]
    assert Belemmering.objects.count() - belemmeringen_voor == uitslag["belemmeringen"]
    for intake in Intake.objects.filter(vorige__isnull=True).select_related("meting"):
        assert intake.meting.dossier_id == intake.dossier_id
        scores = {**intake.antwoorden["scores"], **intake.vertrouwelijke_antwoorden["scores"]}
        assert {
            s.leefgebied.code: s.score for s in intake.meting.scores.select_related("leefgebied")
        } == {k[6:]: v for k, v in scores.items() if k.startswith("score_")}
    per_dossier = Meting.objects.filter(bron="intake").values("dossier").annotate(n=Count("id"))
    assert {r["n"] for r in per_dossier} == {1}


def test_demo_data_can_be_removed_again():
    hub_demo.genereer(dossiers=30, seed=7)
    assert demo.vul_demo(seed=7, log=lambda _m: None)["intakes"] > 0
    hub_demo.verwijder_gegenereerde_data()
    assert not Intake.objects.exists()
    assert not Meting.objects.exists()
