"""Demo data of the inkomen app: an uitkering for every active dossier, three months of
income for the demo burgers (tab and specificatie filled), last month's payment run."""

from __future__ import annotations

from datetime import date

import pytest

from bijstand.core import crypto, tijd
from bijstand.dossiers import demo as hub_demo
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier, DossierStatus
from inkomen import demo, selectors
from inkomen.models import (
    Berekening,
    Betaalrun,
    Betaling,
    Boeking,
    BoekingSoort,
    Inkomstenopgave,
    Uitkering,
)

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 11, 20)


@pytest.fixture
def klok(monkeypatch):
    monkeypatch.setattr(tijd, "vandaag", lambda: VANDAAG)


def _burger(bsn: str) -> Dossier:
    return Dossier.objects.get(
        werkzoekende__bsn_hash=crypto.bsn_hash(bsn), status__in=ACTIEVE_STATUSSEN
    )


def test_demo_vult_uitkeringen_burgers_en_betaalrun_en_is_idempotent(klok, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    hub_demo.genereer(dossiers=60, seed=5)
    hub_demo.maak_demo_accounts(seed=5)
    meldingen: list[str] = []

    eerste = demo.vul_demo(seed=5, log=meldingen.append)

    # an uitkering for every granted dossier, none for an aanvraag not yet decided
    toegekend = Dossier.objects.filter(status__in=demo.TOEGEKENDE_STATUSSEN)
    assert eerste["uitkeringen"] == toegekend.count() == Uitkering.objects.count()
    assert Dossier.objects.filter(status=DossierStatus.AANVRAAG).exists()
    assert not Uitkering.objects.filter(dossier__status=DossierStatus.AANVRAAG).exists()
    assert not Uitkering.objects.filter(ingangsdatum__gt=date(2026, 8, 1)).exists()
    run = Betaalrun.objects.get(maand=date(2026, 10, 1))
    assert run.status == "klaar" and run.bestand
    assert Betaling.objects.filter(maand=date(2026, 10, 1)).count() == eerste["betalingen"] + (
        run.aantal_niet_betaald
    )
    # Emre (999993653) has an aanvraag not yet decided: no uitkering, no income history
    assert eerste["demo_burgers"] == 3

    # Fatima: paid on an estimate of 500 in October, the loonstrook says 650: schuld
    fatima = _burger("111222333")
    assert Inkomstenopgave.objects.filter(dossier=fatima).count() == 4
    assert selectors.maanden_met_berekening(dossier_id=fatima.pk)[:3] == [
        date(2026, 10, 1),
        date(2026, 9, 1),
        date(2026, 8, 1),
    ]
    schuld = Boeking.objects.get(dossier=fatima, soort=BoekingSoort.VERREKENINGSSCHULD)
    assert schuld.maand == date(2026, 10, 1) and schuld.bedrag < 0
    assert selectors.inkomen_saldi(dossier_id=fatima.pk).open_verrekeningsschuld > 0
    spec = selectors.specificatie_van_maand(dossier_id=fatima.pk, maand=date(2026, 9, 1))
    assert spec.betaald and spec.vrijlatingen[0]["maandnummer"] == 2
    # Yonas: estimated 300 in September, 250 after the payment: nabetaling
    yonas = _burger("999990019")
    assert Boeking.objects.filter(dossier=yonas, soort=BoekingSoort.NABETALING).exists()
    # Johannes: the kostendelersnorm (adult son)
    johannes = Berekening.objects.filter(dossier=_burger("123456782"), actueel=True).first()
    assert johannes.kostendelers == 2
    assert meldingen

    aantallen = [
        m.objects.count()
        for m in (Uitkering, Inkomstenopgave, Berekening, Boeking, Betaling, Betaalrun)
    ]
    tweede = demo.vul_demo(seed=5, log=meldingen.append)
    assert tweede["uitkeringen"] == 0 and tweede["demo_burgers"] == 0
    assert [
        m.objects.count()
        for m in (Uitkering, Inkomstenopgave, Berekening, Boeking, Betaling, Betaalrun)
    ] == aantallen


def test_maak_uitkeringen_bulk_en_idempotent(klok):
    hub_demo.genereer(dossiers=30, seed=7)
    dossiers = Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN)
    aantal, ids = demo.maak_uitkeringen(dossiers, uiterlijk=date(2026, 3, 1), seed=7)
    assert aantal == len(ids) == dossiers.count() > 0
    for u in Uitkering.objects.select_related("dossier"):
        start = u.dossier.startdatum or u.dossier.aanvraagdatum
        assert u.ingangsdatum == min(start.replace(day=1), date(2026, 3, 1))
    assert demo.maak_uitkeringen(dossiers, uiterlijk=date(2026, 3, 1), seed=7) == (0, ids)


def test_demodata_kan_weer_weg(klok, settings, tmp_path):
    """``demo_data --reset`` (the hub's removal) also removes the inkomen rows of the
    generated dossiers, including a paid month (ledger lines point at berekeningen)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    hub_demo.genereer(dossiers=20, seed=3)
    assert demo.vul_demo(seed=3, log=lambda _m: None)["betalingen"] > 0
    assert Boeking.objects.exists()
    hub_demo.verwijder_gegenereerde_data()
    assert not Uitkering.objects.exists()
    assert not Berekening.objects.exists()
    assert not Boeking.objects.exists()
    assert not Betaling.objects.exists()
