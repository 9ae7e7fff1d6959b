"""In a real browser: the functioneel beheerder opens "Herberekeningen" from the menu, starts
"Herbereken vanaf januari 2026", confirms, and sees the finished run with its counts; a busy
run's progress block polls (htmx) without any Content-Security-Policy message. axe-core finds
no WCAG 2.x A/AA violation at 1280 and 320 px. Screenshots go to ``$SCREENSHOT_DIR`` when set."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from bijstand.accounts.services import pas_rol_rechten_toe
from inkomen import betaalrun
from inkomen.models import Boeking, BoekingSoort, Regelset
from inkomen.models_herberekening import Herberekeningsrun, HerberekeningsrunStatus
from tests.browser import assert_accessible
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"
BREEDTES = (1280, 320)
JAN = date(2026, 1, 1)


def _bekijk(page, naam: str) -> None:
    map_ = os.environ.get("SCREENSHOT_DIR")
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        assert_accessible(page)
        if map_:
            Path(map_).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{map_}/{naam}-{breedte}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def situatie(maak_dossier, vandaag):
    for _ in range(2):
        maak_dossier(ingangsdatum=JAN)
    vandaag(date(2026, 1, 20))
    betaalrun.voer_uit(maand=JAN)
    vandaag(date(2026, 2, 5))
    regel = Regelset.objects.get(geldig_vanaf=JAN)
    regel.data = {**regel.data, "norm_alleenstaande": "1411.50"}
    regel.save()
    beheerder = UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True, username="beheer")
    pas_rol_rechten_toe(beheerder)  # staff + the beheer group, as for every beheerder


def test_beheerder_herberekent_vanaf_januari(page, situatie):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("beheer")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()

    page.goto("/herberekeningen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Herberekeningen")
    expect(page.get_by_role("link", name="Herberekeningen")).to_have_attribute(
        "aria-current", "page"
    )
    _bekijk(page, "herberekeningen-leeg")

    page.get_by_label("Herbereken vanaf maand").fill("2026-01")
    page.get_by_label("Reden").fill("Normen januari <gecorrigeerd>")
    page.get_by_role("button", name="Verder naar bevestigen").click()
    expect(page.get_by_text("Er worden 2 berekende maanden opnieuw berekend")).to_be_visible()
    _bekijk(page, "herberekening-bevestigen")

    page.get_by_role("button", name="Ja, herbereken deze maanden").click()
    expect(page.get_by_text("100%: 2 van 2 maanden herberekend")).to_be_visible()
    expect(page.get_by_text("Handmatig: Normen januari <gecorrigeerd>")).to_be_visible()
    assert Boeking.objects.filter(soort=BoekingSoort.NABETALING).count() == 2
    _bekijk(page, "herberekening-klaar")

    # a busy run: the progress block polls and follows the run to its end
    run = Herberekeningsrun.objects.create(
        aanleiding="bezig",
        vanaf=JAN,
        status=HerberekeningsrunStatus.BEZIG,
        aantal_maanden=10,
        aantal_verwerkt=4,
        chunks_totaal=2,
        chunks_klaar=1,
        laatste_voortgang_op=timezone.now(),
    )
    page.goto(f"/herberekeningen/{run.pk}/")
    expect(page.get_by_text("40%: 4 van 10 maanden herberekend")).to_be_visible()
    _bekijk(page, "herberekening-bezig")
    Herberekeningsrun.objects.filter(pk=run.pk).update(
        status=HerberekeningsrunStatus.KLAAR, aantal_verwerkt=10, chunks_klaar=2
    )
    expect(page.get_by_text("100%: 10 van 10 maanden herberekend")).to_be_visible(timeout=10_000)

    page.goto("/herberekeningen/")
    expect(page.get_by_role("row")).to_have_count(3)  # header + 2 runs
