"""Demo data of the vacatures app: employers incl. the 50 koks, placements with their history,
running proposals; a second run adds nothing; invariants of the services hold."""

from __future__ import annotations

import importlib

import pytest

from bijstand.dossiers import demo as hub_demo
from bijstand.dossiers.models import JournaalRegel
from perspectief import demo as perspectief_demo
from vacatures import demo
from vacatures.models import (
    TOEGESTANE_OVERGANGEN,
    Plaatsing,
    Vacature,
    VacatureStatus,
    Voordracht,
    VoordrachtWijziging,
    Werkgever,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wijken():
    """The wijken come from a data migration; a transactional test before us may have flushed
    them (no post_migrate restores them), so put them back."""
    from django.apps import apps

    from bijstand.dossiers.models import Wijk

    if not Wijk.objects.exists():
        importlib.import_module("bijstand.dossiers.migrations.0002_wijken").forwards(apps, None)


def test_demo_is_complete_consistent_and_idempotent():
    hub_demo.genereer(dossiers=400, seed=3)
    perspectief_demo.vul_demo(seed=3, log=lambda m: None)
    eerste = demo.vul_demo(seed=3, log=lambda m: None)
    assert eerste["werkgevers"] == len(demo.WERKGEVERS)
    koks = Vacature.objects.get(titel=demo.KOKS_TITEL)
    assert (koks.werkgever.naam, koks.aantal_plaatsen, koks.beroep.naam) == (
        demo.KOKS_WERKGEVER,
        50,
        "Kok",
    )
    assert eerste["plaatsingen"] > 0 and eerste["voordrachten"] > 0
    assert Voordracht.objects.filter(vacature=koks).exists()

    # Invariants: every placement on a filled vacancy with exactly its number of places, its
    # proposal "geplaatst" with the recorded transitions, and a journaal line.
    for vacature in Vacature.objects.filter(plaatsingen__isnull=False).distinct():
        assert vacature.status == VacatureStatus.VERVULD
        assert vacature.plaatsingen.count() == vacature.aantal_plaatsen
    for plaatsing in Plaatsing.objects.select_related("voordracht", "dossier"):
        assert plaatsing.voordracht.status == "geplaatst"
        assert plaatsing.dossier.beeindigingsreden == "werk"
        assert plaatsing.startdatum <= plaatsing.dossier.einddatum
        stappen = list(
            VoordrachtWijziging.objects.filter(voordracht=plaatsing.voordracht)
            .order_by("op")
            .values_list("van", "naar")
        )
        assert stappen == [("", "voorgedragen"), ("voorgedragen", "gesprek"),
                           ("gesprek", "geplaatst")]  # fmt: skip
        for van, naar in stappen[1:]:
            assert naar in TOEGESTANE_OVERGANGEN[van]
        assert JournaalRegel.objects.filter(
            dossier=plaatsing.dossier, tekst__startswith="Plaatsing bij"
        ).exists()
    for v in Voordracht.objects.filter(status__in=["voorgedragen", "gesprek"]):
        assert v.dossier.werkcoach_id == v.voorgedragen_door_id
        assert v.dossier.is_actief

    aantallen = (
        Werkgever.objects.count(),
        Vacature.objects.count(),
        Voordracht.objects.count(),
        JournaalRegel.objects.count(),
    )
    tweede = demo.vul_demo(seed=3, log=lambda m: None)
    assert tweede == {"werkgevers": 0, "vacatures": 0, "plaatsingen": 0, "voordrachten": 0}
    assert (
        Werkgever.objects.count(),
        Vacature.objects.count(),
        Voordracht.objects.count(),
        JournaalRegel.objects.count(),
    ) == aantallen
