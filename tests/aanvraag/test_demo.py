"""The demo data goes through the front door's states (issue 12): the invariants hold."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from aanvraag import demo as aanvraag_demo
from aanvraag.models import Aanvraag, AanvraagStatus, Besluit, BesluitSoort
from bijstand.dossiers import demo
from bijstand.dossiers.models import Dossier, DossierStatus
from inkomen.models import Uitkering

pytestmark = pytest.mark.django_db


def test_demo_dossiers_hebben_een_aanvraag_in_de_passende_staat():
    call_command("demo_data", dossiers=60, seed=5, stdout=io.StringIO())
    assert demo.controleer_data() == []
    assert aanvraag_demo.controleer() == []
    assert Aanvraag.objects.count() == Dossier.objects.count()
    # no uitkering before the toekenning
    assert not Uitkering.objects.filter(dossier__status=DossierStatus.AANVRAAG).exists()
    # every running uitkering has a toekenning with its ingangsdatum
    for u in Uitkering.objects.select_related("dossier__aanvraag__besluit"):
        besluit = u.dossier.aanvraag.besluit
        assert besluit.soort == BesluitSoort.TOEKENNING
        assert besluit.ingangsdatum <= u.ingangsdatum
    assert Aanvraag.objects.filter(status=AanvraagStatus.INGEDIEND).exists()
    assert Besluit.objects.filter(soort=BesluitSoort.TOEKENNING).exists()
    # idempotent
    call_command("demo_data", dossiers=60, seed=5, stdout=io.StringIO())
    assert Aanvraag.objects.count() == Dossier.objects.count()
    # reset removes the generated aanvragen with their dossiers
    call_command("demo_data", dossiers=20, seed=6, reset=True, stdout=io.StringIO())
    assert aanvraag_demo.controleer() == []


def test_controleer_vindt_een_dossier_zonder_aanvraag():
    call_command("demo_data", dossiers=10, seed=5, stdout=io.StringIO())
    a = Aanvraag.objects.filter(status=AanvraagStatus.TOEGEKEND).first()
    Besluit.objects.filter(aanvraag=a).delete()
    fouten = aanvraag_demo.controleer()
    assert any("toegekend zonder besluit" in f for f in fouten)
