"""plan/demo.py: plans for a share of the active demo dossiers, bulk, idempotent, and every
invariant the services keep."""

from __future__ import annotations

import pytest
from django.db.models import Count

from bijstand.dossiers.demo import DEMO_BURGERS
from plan.demo import vul_demo
from plan.models import LOPENDE_STATUSSEN, Actie, ActieOvergang, Plan, PlanVersie
from tests.factories import DossierFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_en_klopt(werkcoach):
    actief = DossierFactory.create_batch(40, werkcoach=werkcoach)
    gesloten = DossierFactory(werkcoach=werkcoach, status="beeindigd", beeindigingsreden="werk")
    demo_burger = DossierFactory(
        werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(bsn=DEMO_BURGERS[0].bsn)
    )
    berichten = []

    eerste = vul_demo(seed=2026, log=berichten.append)

    plannen = Plan.objects.all()
    assert eerste["plannen"] == plannen.count()
    assert 15 <= plannen.count() <= 35  # about 60 % of 41 active dossiers
    assert not plannen.filter(dossier=gesloten).exists()
    assert plannen.filter(dossier=demo_burger).exists()
    assert berichten and berichten[-1].startswith("  plan:")
    aantallen = (Plan.objects.count(), Actie.objects.count(), ActieOvergang.objects.count())

    tweede = vul_demo(seed=2026, log=berichten.append)

    assert tweede["plannen"] == 0
    assert (Plan.objects.count(), Actie.objects.count(), ActieOvergang.objects.count()) == aantallen
    assert len(actief) == 40

    # invariants
    for actie in Actie.objects.prefetch_related("overgangen"):
        stappen = sorted(actie.overgangen.all(), key=lambda o: o.pk)
        assert stappen[0].van == "" and stappen[0].naar == "open"
        assert stappen[-1].naar == actie.status
        assert actie.doel.plan_id == actie.plan_id
    assert not Plan.objects.annotate(n=Count("doelen")).filter(n=0).exists()
    for versie in PlanVersie.objects.select_related("plan"):
        assert versie.plan.akkoord_versie == 1 and versie.nummer == 1
        assert len(versie.snapshot["doelen"]) == versie.plan.doelen.count()
    eigen = Plan.objects.get(dossier=demo_burger)
    assert eigen.akkoord_versie is None
    assert eigen.acties.filter(eigenaar="burger", status__in=LOPENDE_STATUSSEN).exists() or (
        not eigen.acties.filter(eigenaar="burger").exists()
    )


def test_verwijderen_van_de_demodata_neemt_de_plannen_mee():
    from bijstand.dossiers import demo
    from plan import herinneringen

    demo.genereer(dossiers=30, seed=7)
    assert vul_demo(seed=7, log=lambda _m: None)["plannen"] > 0
    herinneringen.verstuur_herinneringen()

    demo.verwijder_gegenereerde_data()

    assert not Plan.objects.exists() and not Actie.objects.exists()
