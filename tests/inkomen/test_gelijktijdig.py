"""Concurrency against PostgreSQL: real row locks (skipped on SQLite, run in CI)."""

from __future__ import annotations

from datetime import date

import pytest

from inkomen import services
from inkomen.models import Berekening, Boeking, BoekingSoort, Inkomstenopgave
from tests.gelijktijdig import ALLEEN_POSTGRES, tegelijk

from .conftest import D

pytestmark = ALLEEN_POSTGRES

MAART = date(2026, 3, 1)


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_herberekeningen_een_versie_een_boeking(maak_dossier, opgave):
    dossier = maak_dossier(geboortedatum=date(2000, 6, 1), ingangsdatum=MAART)
    schatting = opgave(dossier, MAART, "300.00", status="geschat")
    services.boek_maandbetaling(dossier_id=dossier.pk, maand=MAART)
    # The loonstrook arrives; stored without its on-commit task, so that two workers race.
    velden = {
        f.name: getattr(schatting, f.name)
        for f in Inkomstenopgave._meta.concrete_fields
        if f.name not in ("id", "vervangt", "status", "bedrag")
    }
    Inkomstenopgave.objects.create(
        **velden, vervangt=schatting, status="definitief", bedrag=D("450.00")
    )

    uitkomsten = tegelijk(
        [lambda: services.herbereken_maand(dossier_id=dossier.pk, maand=MAART)] * 2
    )

    assert sorted(u.nieuw for u in uitkomsten) == [False, True]
    assert Berekening.objects.filter(dossier=dossier, maand=MAART).count() == 2
    assert Berekening.objects.get(dossier=dossier, maand=MAART, actueel=True).bijstand == D(
        "951.50"
    )
    [schuld] = Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VERREKENINGSSCHULD)
    assert schuld.bedrag == D("-150.00")


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_betalingen_een_uitbetaling(maak_dossier):
    dossier = maak_dossier(geboortedatum=date(2000, 6, 1), ingangsdatum=MAART)
    uitkomsten = tegelijk(
        [lambda: services.boek_maandbetaling(dossier_id=dossier.pk, maand=MAART)] * 3
    )
    assert {u.bedrag for u in uitkomsten} == {D("1331.42")}
    assert (
        Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.UITBETALING_VOORLOPIG).count()
        == 1
    )
    assert Berekening.objects.filter(dossier=dossier, maand=MAART).count() == 1


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_betalingen_na_einde_een_vakantietoeslag(maak_dossier):
    """services rule 7: three workers settle the VT of an ended uitkering at once."""
    dossier = maak_dossier(geboortedatum=date(2000, 6, 1), ingangsdatum=date(2026, 1, 1))
    for maand in (date(2026, 1, 1), date(2026, 2, 1)):
        services.boek_maandbetaling(dossier_id=dossier.pk, maand=maand)
    services.wijzig_uitkering_status(
        uitkering=dossier.uitkering,
        naar="beeindigd",
        reden="werk",
        door=None,
        einddatum=date(2026, 2, 28),
    )
    uitkomsten = tegelijk(
        [lambda: services.boek_maandbetaling(dossier_id=dossier.pk, maand=MAART)] * 3
    )
    assert {u.bedrag for u in uitkomsten} == {2 * D("70.08")}
    assert sorted(u.al_geboekt for u in uitkomsten) == [False, True, True]
    assert (
        Boeking.objects.filter(
            dossier=dossier, soort=BoekingSoort.VAKANTIETOESLAG_UITBETALING
        ).count()
        == 1
    )
