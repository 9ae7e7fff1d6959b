"""Recalculating a month whose inputs did not change stores nothing (issue 13 §3).

The cause reproduced: a month paid on an estimate (an opgave ``geschat``) was recalculated
with the estimate as ``geschatte_inkomsten`` although the estimate still was the income that
counted: a new berekening version (an extra "geen correctie" line) without a booking. On the
benchmark data set this was ~13 % of the paid dossier-months (the ~450 of 3,426 of the
issue). Both payment paths (bulk and per dossier) are covered.
"""

from __future__ import annotations

from datetime import date

import pytest

from inkomen import betaalrun, services
from inkomen.herberekening import herbereken_maand
from inkomen.models import Berekening, Boeking, BoekingSoort

from .conftest import D

JAN = date(2026, 1, 1)
FEB = date(2026, 2, 1)
MAR = date(2026, 3, 1)


def _registreer(dossier, maand, bedrag, consulent, **kwargs):
    """An opgave without its on-commit recalculation: the run calculates the month."""
    velden = {
        "persoon": "aanvrager",
        "soort": "arbeid",
        "periode": "maand",
        "status": "definitief",
        "bron": "consulent",
        "door": consulent,
    }
    velden.update(kwargs)
    return services.registreer_inkomstenopgave(
        dossier=dossier, maand=maand, bedrag=D(bedrag), **velden
    )


@pytest.fixture
def betaald(maak_dossier, consulent, vandaag):
    """Three months paid by the run (path chosen by the test): an estimate in every month
    for one dossier, a definitief income for another, an estimate besides a definitief line,
    four-weekly, a household; returns the dossiers."""

    def _maak(bulk: bool) -> dict:
        d = {
            "schatting": maak_dossier(geboortedatum=date(1986, 5, 1), ingangsdatum=JAN),
            "definitief": maak_dossier(geboortedatum=date(1985, 5, 1), ingangsdatum=JAN),
            "gemengd": maak_dossier(
                geboortedatum=date(1990, 1, 1),
                ingangsdatum=JAN,
                leden=[{"rol": "partner", "naam": "P", "geboortedatum": date(1988, 2, 2)}],
            ),
            "geen": maak_dossier(geboortedatum=date(1980, 1, 1), ingangsdatum=JAN),
        }
        for maand in (JAN, FEB, MAR):
            vandaag(maand.replace(day=20))
            _registreer(d["schatting"], maand, "350.00", consulent, status="geschat")
            _registreer(d["definitief"], maand, "600.00", consulent)
            _registreer(d["gemengd"], maand, "400.00", consulent, persoon="partner")
            _registreer(
                d["gemengd"],
                maand,
                "520.00",
                consulent,
                status="geschat",
                periode="vier_weken",
                betaaldata=[maand.replace(day=3)],
            )
            betaalrun.voer_uit(maand=maand, bulk=bulk)
        vandaag(date(2026, 4, 3))
        return d

    return _maak


def _herbereken_alles() -> tuple[int, int]:
    """herbereken_maand for every calculated dossier-month: (new versions, bookings)."""
    nieuw = geboekt = 0
    for dossier_id, maand in (
        Berekening.objects.filter(actueel=True).order_by("dossier_id", "maand")
    ).values_list("dossier_id", "maand"):
        uitkomst = herbereken_maand(dossier_id=dossier_id, maand=maand, aanleiding="test")
        nieuw += uitkomst.nieuw
        geboekt += len(uitkomst.boekingen)
    return nieuw, geboekt


@pytest.mark.parametrize("bulk", [True, False], ids=["bulkpad", "per-dossier"])
def test_herberekenen_zonder_gewijzigde_invoer_slaat_niets_op(betaald, bulk):
    betaald(bulk)
    berekeningen = Berekening.objects.count()
    boekingen = Boeking.objects.count()
    assert berekeningen == 12 and Berekening.objects.filter(op_schatting=True).count() == 6

    assert _herbereken_alles() == (0, 0)
    assert Berekening.objects.count() == berekeningen
    assert Boeking.objects.count() == boekingen
    assert not Berekening.objects.filter(versie__gt=1).exists()


def test_vervangen_schatting_blijft_gecorrigeerd_met_uitleg(betaald, consulent):
    """The fix keeps the correction: once the estimate is replaced, the month is recalculated
    against it (verrekeningsschuld, the explanation names the estimate) and recalculating
    again stores nothing."""
    d = betaald(True)
    schatting = d["schatting"].inkomstenopgaven.get(maand=FEB)
    _registreer(d["schatting"], FEB, "450.00", consulent, vervangt=schatting)

    uitkomst = herbereken_maand(dossier_id=d["schatting"].pk, maand=FEB, aanleiding="loonstrook")

    assert uitkomst.nieuw and uitkomst.berekening.versie == 2
    assert uitkomst.berekening.invoer["geschatte_inkomsten"][0]["bedrag"] == "350.00"
    assert uitkomst.berekening.correctie < 0
    assert [b.soort for b in uitkomst.boekingen] == [BoekingSoort.VERREKENINGSSCHULD]
    assert any(
        "geschat inkomen" in r["omschrijving"] for r in uitkomst.berekening.resultaat["regels"]
    )
    assert _herbereken_alles() == (0, 0)
