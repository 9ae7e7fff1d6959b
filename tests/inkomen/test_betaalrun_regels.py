"""Runs and rules (issue 10 §2): a run for a month that no rule set covers is refused with a
clear message for beheer, and nothing is booked; with the rule set added it runs."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from bijstand.accounts.models import Rol
from inkomen import betaalrun, selectors, tasks
from inkomen.models import Betaalrun, BetaalrunStatus, Betaling, Boeking, Regelset
from tests.factories import UserFactory

JANUARI_2027 = date(2027, 1, 1)


@pytest.fixture
def lopend(maak_dossier):
    return maak_dossier(ingangsdatum=date(2026, 1, 1))


def _niets_geboekt() -> None:
    assert not Betaling.objects.filter(maand=JANUARI_2027).exists()
    assert not Boeking.objects.filter(maand=JANUARI_2027).exists()


def test_run_voor_een_maand_zonder_regels_wordt_geweigerd_en_boekt_niets(lopend):
    # today's data: the newest rule set is 2026-07, which covers up to December 2026
    assert max(Regelset.objects.values_list("geldig_vanaf", flat=True)) == date(2026, 7, 1)
    with pytest.raises(betaalrun.BetaalrunGeweigerd) as fout:
        betaalrun.voer_uit(maand=JANUARI_2027)
    assert "2026-12" in str(fout.value)
    run = Betaalrun.objects.get(maand=JANUARI_2027)
    assert run.status == BetaalrunStatus.MISLUKT
    assert "rekenregels" in run.foutmelding and "niets geboekt" in run.foutmelding
    _niets_geboekt()
    # asked again (beat, command): still refused, recorded once
    with pytest.raises(betaalrun.BetaalrunGeweigerd):
        betaalrun.start_betaalrun(maand=JANUARI_2027)
    assert run.wijzigingen.filter(naar=BetaalrunStatus.MISLUKT).count() == 1


def test_de_taak_weigert_zonder_opnieuw_te_proberen(lopend):
    uitkomst = tasks.maandelijkse_betaalrun.apply(args=["2027-01-01"]).get()
    assert uitkomst["status"] == "geweigerd"
    _niets_geboekt()


def test_het_commando_stopt_met_code_2_en_de_melding(lopend):
    with pytest.raises(CommandError) as fout:
        call_command("betaalrun", "--maand", "2027-01")
    assert fout.value.returncode == 2
    assert "Leg eerst de rekenregels" in str(fout.value)
    _niets_geboekt()


def test_beheer_ziet_de_melding_op_het_betaalrunscherm(lopend, client):
    with pytest.raises(betaalrun.BetaalrunGeweigerd):
        betaalrun.start_betaalrun(maand=JANUARI_2027)
    beheer = UserFactory(rol=Rol.BEHEERDER, team=None)
    client.force_login(beheer, backend="django.contrib.auth.backends.ModelBackend")
    run = Betaalrun.objects.get(maand=JANUARI_2027)
    response = client.get(reverse("inkomen:betaalrun", args=[run.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Leg eerst de rekenregels" in html
    assert "De run is niet gestart" in html
    assert "Alle dossiers van deze run zijn (tot nu toe) betaald" not in html


def test_met_de_nieuwe_regelset_loopt_de_geweigerde_run_alsnog(lopend):
    with pytest.raises(betaalrun.BetaalrunGeweigerd):
        betaalrun.start_betaalrun(maand=JANUARI_2027)
    juli = Regelset.objects.get(geldig_vanaf=date(2026, 7, 1))
    data = json.loads(json.dumps(juli.data))
    data["geldig_vanaf"] = "2027-01-01"
    Regelset.objects.create(geldig_vanaf=JANUARI_2027, data=data, toelichting="test")
    selectors.wis_regelcache()
    run = betaalrun.voer_uit(maand=JANUARI_2027)
    assert run.status == BetaalrunStatus.KLAAR
    assert Betaling.objects.filter(dossier=lopend, maand=JANUARI_2027, bedrag__gt=0).exists()


def test_een_maand_voor_de_eerste_regelset_wordt_ook_geweigerd(lopend):
    with pytest.raises(betaalrun.BetaalrunGeweigerd):
        betaalrun.start_betaalrun(maand=date(2024, 12, 1))
