"""The voorschot in the ledger (inkomen.voorschot, ADR 0008): paying it books +X outside the
payment run, the set-off in a payment takes at most what is available, what is left becomes a
vordering; the database refuses inconsistent voorschot lines."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inkomen import selectors, voorschot
from inkomen.models import Boeking, BoekingSoort, RedenCode, Voorschotbetaling
from inkomen.voorschotbestand import maak_voorschotbatch
from tests.factories import DossierFactory, WerkzoekendeFactory

from .conftest import D

pytestmark = pytest.mark.django_db

MAART = date(2026, 3, 1)
APRIL = date(2026, 4, 1)


@pytest.fixture
def met_voorschot(maak_dossier):
    """A dossier with an uitkering and a paid voorschot of 1.261,35."""
    dossier = maak_dossier(geboortedatum=date(1990, 4, 1), ingangsdatum=MAART)
    betaling = voorschot.betaal_voorschot(dossier=dossier, bedrag=D("1261.35"), door=None)
    return dossier, betaling


def soort(dossier, naam: str) -> list[Boeking]:
    return list(Boeking.objects.filter(dossier=dossier, soort=naam).order_by("pk"))


def test_betaal_voorschot_boekt_buiten_de_betaalrun(met_voorschot):
    dossier, betaling = met_voorschot
    [boeking] = soort(dossier, BoekingSoort.VOORSCHOT)
    assert boeking == betaling.boeking
    assert (boeking.bedrag, boeking.vakantietoeslag, boeking.betaalmaand) == (D("1261.35"), 0, None)
    assert boeking.maand == date(2026, 4, 1)  # the clock of tests/inkomen: 5 April 2026
    assert voorschot.open_voorschot(dossier_id=dossier.pk) == D("1261.35")
    # Not bijstand of any month: the recognised recht and the VT reservation do not move.
    assert selectors.recht_van_maand(dossier_id=dossier.pk, maand=APRIL)[0] == 0
    assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0


@pytest.mark.parametrize("bedrag", ["0", "-5", "12.345", "abc", "NaN", "100000"])
def test_betaal_voorschot_weigert_een_ongeldig_bedrag(maak_dossier, bedrag):
    dossier = maak_dossier()
    with pytest.raises(ValidationError):
        voorschot.betaal_voorschot(dossier=dossier, bedrag=bedrag, door=None)
    assert not Boeking.objects.exists() and not Voorschotbetaling.objects.exists()


def test_betaal_voorschot_zonder_geldig_iban_boekt_niets(db):
    dossier = DossierFactory(werkzoekende=WerkzoekendeFactory(iban=""))
    with pytest.raises(ValidationError, match="IBAN"):
        voorschot.betaal_voorschot(dossier=dossier, bedrag=D("100.00"), door=None)
    assert not Boeking.objects.exists() and not Voorschotbetaling.objects.exists()


def test_verrekening_met_minder_beschikbaar_laat_de_rest_open(met_voorschot):
    dossier, _betaling = met_voorschot

    [verrekening] = voorschot.verreken_in_betaling(
        dossier_id=dossier.pk, maand=APRIL, beschikbaar=D("500.00")
    )

    assert (verrekening.bedrag, verrekening.betaalmaand, verrekening.maand) == (
        D("-500.00"),
        APRIL,
        APRIL,
    )
    assert verrekening.kasbedrag == D("-500.00")
    assert voorschot.open_voorschot(dossier_id=dossier.pk) == D("761.35")
    # A second call for the same payment takes nothing beyond what is available.
    assert (
        voorschot.verreken_in_betaling(dossier_id=dossier.pk, maand=APRIL, beschikbaar=D("500.00"))
        == []
    )
    # More available in the same month: only the difference.
    [erbij] = voorschot.verreken_in_betaling(
        dossier_id=dossier.pk, maand=APRIL, beschikbaar=D("600.00")
    )
    assert erbij.bedrag == D("-100.00")
    assert voorschot.open_voorschot(dossier_id=dossier.pk) == D("661.35")


def test_verrekening_neemt_nooit_meer_dan_open_en_stopt_bij_nul(met_voorschot):
    dossier, _betaling = met_voorschot
    [eerste] = voorschot.verreken_in_betaling(
        dossier_id=dossier.pk, maand=APRIL, beschikbaar=D("5000.00")
    )
    assert eerste.bedrag == D("-1261.35")
    assert voorschot.open_voorschot(dossier_id=dossier.pk) == 0
    assert (
        voorschot.verreken_in_betaling(
            dossier_id=dossier.pk, maand=date(2026, 5, 1), beschikbaar=D("5000.00")
        )
        == []
    )
    assert voorschot.dossiers_met_open_voorschot([dossier.pk]) == set()


def test_geen_verrekening_zonder_voorschot_of_zonder_ruimte(maak_dossier, met_voorschot):
    zonder = maak_dossier()
    assert (
        voorschot.verreken_in_betaling(dossier_id=zonder.pk, maand=APRIL, beschikbaar=D("9")) == []
    )
    dossier, _ = met_voorschot
    for beschikbaar in (D("0"), D("-10.00")):
        assert (
            voorschot.verreken_in_betaling(
                dossier_id=dossier.pk, maand=APRIL, beschikbaar=beschikbaar
            )
            == []
        )
    assert not Boeking.objects.filter(soort=BoekingSoort.VOORSCHOT_VERREKENING).exists()


def test_dossiers_met_open_voorschot_een_query(
    maak_dossier, met_voorschot, django_assert_num_queries
):
    dossier, _ = met_voorschot
    ander = maak_dossier()
    with django_assert_num_queries(1):
        assert voorschot.dossiers_met_open_voorschot([dossier.pk, ander.pk, 999999]) == {dossier.pk}
    assert voorschot.dossiers_met_open_voorschot([]) == set()


def test_einde_uitkering_zet_de_rest_om_in_een_vordering(met_voorschot):
    dossier, _ = met_voorschot
    assert maak_voorschotbatch(door=None) is not None  # sent to the bank
    voorschot.verreken_in_betaling(dossier_id=dossier.pk, maand=APRIL, beschikbaar=D("1000.00"))

    [vordering] = voorschot.zet_open_voorschot_om(dossier_id=dossier.pk, maand=APRIL)

    assert vordering.soort == BoekingSoort.VOORSCHOT_VORDERING
    assert vordering.bedrag == D("-261.35") and vordering.reden_code == RedenCode.ART_58_LID_2_E
    assert vordering.betaalmaand is None
    assert voorschot.open_voorschot(dossier_id=dossier.pk) == 0
    assert voorschot.zet_open_voorschot_om(dossier_id=dossier.pk, maand=APRIL) == []


def test_niet_verstuurde_betaling_wordt_geannuleerd_niet_teruggevorderd(met_voorschot):
    dossier, betaling = met_voorschot
    geboekt = voorschot.vorder_open_voorschot(dossier_id=dossier.pk)
    assert [(b.soort, b.bedrag) for b in geboekt] == [(BoekingSoort.VOORSCHOT, D("-1261.35"))]
    betaling.refresh_from_db()
    assert betaling.geannuleerd_op is not None and betaling.annulering == geboekt[0]
    assert voorschot.open_voorschot(dossier_id=dossier.pk) == 0


@pytest.mark.parametrize(
    "velden",
    [
        # a claim without its reason
        {"soort": "voorschot_vordering", "bedrag": D("-10.00")},
        # a VT part on a voorschot line
        {"soort": "voorschot", "bedrag": D("10.00"), "vakantietoeslag": D("1.00")},
        # the voorschot carried by a payment run
        {"soort": "voorschot", "bedrag": D("10.00"), "betaalmaand": APRIL},
        # a set-off outside a payment, or a positive one
        {"soort": "voorschot_verrekening", "bedrag": D("-10.00")},
        {"soort": "voorschot_verrekening", "bedrag": D("10.00"), "betaalmaand": APRIL},
        # a positive claim
        {"soort": "voorschot_vordering", "bedrag": D("10.00"), "reden_code": "art_58_lid_2_e"},
    ],
)
def test_de_database_weigert_onjuiste_voorschotregels(maak_dossier, velden):
    dossier = maak_dossier()
    with pytest.raises(IntegrityError), transaction.atomic():
        Boeking.objects.create(dossier=dossier, maand=APRIL, **velden)
