"""The voorschot in the payment run and at the end of the uitkering (ADR 0008).

These tests need the call sites in ``inkomen/services.py`` (``boek_maandbetaling``),
``inkomen/betaalrun_bulk.py`` and ``inkomen/einde.py`` that the lead wires in after the
colleague editing those modules is done; each test skips until its call site exists, and then
runs as it is.
"""

from __future__ import annotations

from datetime import date

import pytest

from inkomen import betaalrun, services, voorschot
from inkomen.models import Betaling, Boeking, BoekingSoort, RedenCode
from inkomen.voorschotbestand import maak_voorschotbatch

from .conftest import D

pytestmark = pytest.mark.django_db

MAART = date(2026, 3, 1)
APRIL = date(2026, 4, 1)
MEI = date(2026, 5, 1)
VOORSCHOT = D("1261.35")


@pytest.fixture
def met_voorschot(maak_dossier, vandaag):
    """A voorschot paid (and sent) on 17 March; the uitkering granted from ``ingangsdatum``."""

    def _maak(ingangsdatum: date = MAART):
        vandaag(date(2026, 3, 17))
        dossier = maak_dossier(geboortedatum=date(1990, 4, 1), ingangsdatum=ingangsdatum)
        voorschot.betaal_voorschot(dossier=dossier, bedrag=VOORSCHOT, door=None)
        maak_voorschotbatch(door=None)
        vandaag(date(2026, 3, 24))
        return dossier

    return _maak


def verrekeningen(dossier) -> list[tuple[date, D]]:
    return list(
        Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VOORSCHOT_VERREKENING)
        .order_by("pk")
        .values_list("betaalmaand", "bedrag")
    )


def test_boek_maandbetaling_verrekent_het_voorschot(met_voorschot):
    dossier = met_voorschot()

    betaling = services.boek_maandbetaling(dossier_id=dossier.pk, maand=MAART)

    assert verrekeningen(dossier) == [(MAART, -VOORSCHOT)]
    assert betaling.bedrag == D("1331.42") - VOORSCHOT
    assert voorschot.open_voorschot(dossier_id=dossier.pk) == 0
    again = services.boek_maandbetaling(dossier_id=dossier.pk, maand=MAART)
    assert again.al_geboekt and again.bedrag == betaling.bedrag
    assert len(verrekeningen(dossier)) == 1
    assert services.boek_maandbetaling(dossier_id=dossier.pk, maand=APRIL).bedrag == D("1331.42")


def test_deelmaand_verrekent_een_deel_en_de_rest_de_maand_erna(met_voorschot):
    """Granted from the 17th: March (prorated) is smaller than the voorschot, so all of it is
    set off and the rest in April; nothing is ever paid negative."""
    dossier = met_voorschot(date(2026, 3, 17))

    maart = services.boek_maandbetaling(dossier_id=dossier.pk, maand=MAART)
    april = services.boek_maandbetaling(dossier_id=dossier.pk, maand=APRIL)

    assert maart.bedrag == 0
    [(m1, eerste), (m2, tweede)] = verrekeningen(dossier)
    assert (m1, m2) == (MAART, APRIL)
    assert -(eerste + tweede) == VOORSCHOT
    assert april.bedrag == D("1331.42") + tweede
    assert voorschot.open_voorschot(dossier_id=dossier.pk) == 0


def test_bulkpad_geeft_dossiers_met_open_voorschot_aan_de_regels(met_voorschot, maak_dossier):
    dossier = met_voorschot(date(2026, 3, 17))
    ander = maak_dossier(geboortedatum=date(1985, 5, 1), ingangsdatum=MAART)
    betaalrun.voer_uit(maand=MAART, bulk=True)
    open_na_maart = voorschot.open_voorschot(dossier_id=dossier.pk)
    assert open_na_maart > 0

    betaalrun.voer_uit(maand=APRIL, bulk=True)

    assert voorschot.open_voorschot(dossier_id=dossier.pk) == 0
    assert verrekeningen(dossier)[-1] == (APRIL, -open_na_maart)
    april = Betaling.objects.get(dossier=dossier, maand=APRIL)
    assert april.bedrag == D("1331.42") - open_na_maart
    assert Betaling.objects.get(dossier=ander, maand=APRIL).bedrag == D("1331.42")


def test_einde_uitkering_vordert_het_open_voorschot(met_voorschot):
    dossier = met_voorschot(date(2026, 3, 17))

    services.wijzig_uitkering_status(
        uitkering=dossier.uitkering,
        naar="beeindigd",
        reden="werk",
        door=None,
        einddatum=date(2026, 3, 20),
    )

    [vordering] = Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VOORSCHOT_VORDERING)
    assert vordering.bedrag == -VOORSCHOT and vordering.reden_code == RedenCode.ART_58_LID_2_E
    assert voorschot.open_voorschot(dossier_id=dossier.pk) == 0
