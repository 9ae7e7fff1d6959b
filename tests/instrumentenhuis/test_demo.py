"""Demo data: deployments for active dossiers in bulk, consistent with the budget rows,
idempotent (a second run adds nothing)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Count, Sum

from bijstand.dossiers import demo as hub_demo
from instrumentenhuis import demo
from instrumentenhuis.models import (
    TOEGESTANE_OVERGANGEN,
    InstrumentJaar,
    Inzet,
    InzetOvergang,
    InzetStatus,
)

pytestmark = pytest.mark.django_db


def test_demo_is_consistent_en_idempotent():
    hub_demo.genereer(dossiers=150, seed=7)
    eerste = demo.vul_demo(seed=7, log=lambda _m: None)
    assert eerste["inzetten"] > 20
    assert Counter(Inzet.objects.values_list("status", flat=True)).keys() >= {
        InzetStatus.GESTART,
        InzetStatus.AFGEROND,
    }
    # Every recorded path follows the allowed transitions and ends at the status.
    for inzet in Inzet.objects.prefetch_related("overgangen"):
        stappen = [(o.van, o.naar) for o in inzet.overgangen.all()]
        assert stappen[0] == ("", InzetStatus.AANVRAAG)
        for van, naar in stappen[1:]:
            assert naar in TOEGESTANE_OVERGANGEN[van], (inzet.pk, stappen)
        assert stappen[-1][1] == inzet.status
    # The budget rows hold exactly the reservations of the inzetten.
    for rij in InstrumentJaar.objects.all():
        reservering = Inzet.objects.filter(
            instrument=rij.instrument, budgetjaar=rij.jaar, gereserveerd__isnull=False
        ).aggregate(n=Count("pk"), som=Sum("gereserveerd"))
        assert rij.bezet == reservering["n"]
        assert rij.besteed == (reservering["som"] or Decimal("0.00"))

    tweede = demo.vul_demo(seed=7, log=lambda _m: None)
    assert tweede["inzetten"] == 0
    assert Inzet.objects.count() == eerste["inzetten"]
    assert InzetOvergang.objects.count() >= eerste["inzetten"]


def test_kengetallen_voor_de_dashboards(coach, persoon_dossier):
    from datetime import timedelta

    from django.utils import timezone

    from instrumentenhuis import kengetallen, services

    from .factories import InstrumentFactory

    vandaag = timezone.localdate()
    vca = InstrumentFactory(categorie="scholing", certificaten=["vca"], kosten_per_deelnemer="350")
    taal = InstrumentFactory(categorie="taal")
    for instrument, klaar in ((vca, "certificaat"), (taal, None)):
        inzet = services.start(
            inzet=services.keur_goed(
                inzet=services.vraag_aan(
                    dossier=persoon_dossier, instrument=instrument, door=coach
                ),
                door=coach,
            ),
            door=coach,
        )
        if klaar:
            services.rond_af(inzet=inzet, door=coach, resultaat=klaar)
        else:
            services.stop(inzet=inzet, door=coach, reden="uitval")
    feiten = kengetallen.feiten(van=vandaag - timedelta(days=90), tot=vandaag + timedelta(days=1))
    assert sorted((r["categorie"], r["bedrag"]) for r in feiten["instrumentenhuis.gestart"]) == [
        ("scholing", Decimal("350.00")),
        ("taal", Decimal("100.00")),
    ]
    assert sorted(
        (r["categorie"], r["subcategorie"]) for r in feiten["instrumentenhuis.beeindigd"]
    ) == [("scholing", "resultaat"), ("taal", "gestopt")]
