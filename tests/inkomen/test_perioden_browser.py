"""In a real browser: the inkomensconsulent suspends an uitkering on the Inkomen tab, sees the
open opschorting, opens "Opheffen" and (after the term) "Recht intrekken", and handles a
signal on the worklist "Signalen". axe-core finds no WCAG 2.x A/AA violation at 1280 and at
320 px on each screen; the ``page`` fixture fails the test on any Content-Security-Policy
message. Screenshots go to ``$SCREENSHOT_DIR`` when set."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from bijstand.core import tijd
from inkomen import perioden
from inkomen.models import Opschorting, Signaal, SignaalSoort
from inkomen.services import start_uitkering
from tests.browser import assert_accessible
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"
BREEDTES = (1280, 320)
VIJANDIG = '<img src=x onerror="alert(1)">'


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
def situatie(settings, tmp_path, monkeypatch):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    monkeypatch.setattr(tijd, "vandaag", lambda: date(2026, 2, 3))
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None, username="consulent")
    dossier = DossierFactory(
        inkomensconsulent=consulent,
        werkzoekende=WerkzoekendeFactory(voornamen=VIJANDIG, geboortedatum=date(1985, 5, 1)),
    )
    start_uitkering(dossier=dossier, ingangsdatum=date(2026, 1, 1), door=None)
    perioden.signaleer(
        dossier_id=dossier.pk,
        soort=SignaalSoort.VORDERING_PERIODE,
        sleutel="browser:1",
        maand=date(2026, 1, 1),
        tekst="Terugvordering over januari 2026: € 467,17 te veel betaald; de laatste dag met "
        "recht is 15 januari 2026. Beoordeel de vordering en informeer de burger.",
    )
    return dossier


def test_opschorten_opheffen_intrekken_en_signalen(page, situatie, monkeypatch):
    dossier = situatie
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("consulent")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()

    page.goto(f"/dossiers/{dossier.pk}/inkomen/")
    expect(page.locator("#opschorting-status")).to_have_text("De uitkering is niet opgeschort.")
    expect(page.locator("#signalen")).to_contain_text("Terugvordering over januari 2026")
    _bekijk(page, "perioden-tab")

    page.get_by_role("link", name="Uitkering opschorten").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Uitkering opschorten")
    page.get_by_role("button", name="Uitkering opschorten").click()  # nothing filled in
    expect(page.get_by_text("Geef de reden van de opschorting.", exact=True)).to_be_visible()
    expect(
        page.get_by_text("Bevestig dat u de uitkering wilt opschorten.", exact=True)
    ).to_be_visible()
    _bekijk(page, "perioden-opschorten-fout")
    page.get_by_label("Reden van de opschorting").fill(f"Bankafschriften ontbreken {VIJANDIG}")
    page.get_by_label("Ik begrijp dat de uitkering niet meer wordt betaald").check()
    _bekijk(page, "perioden-opschorten")
    page.get_by_role("button", name="Uitkering opschorten").click()

    expect(page.locator("#opschorting-status")).to_contain_text(
        "De uitkering is opgeschort vanaf 3 februari 2026."
    )
    expect(page.locator("#opschorting-reden")).to_have_text(f"Bankafschriften ontbreken {VIJANDIG}")
    assert Opschorting.objects.get().afloop == "open"
    _bekijk(page, "perioden-tab-opgeschort")

    page.get_by_role("link", name="Opheffen (opschorting)").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Opschorting opheffen")
    _bekijk(page, "perioden-opheffen")

    # after the hersteltermijn (17 February): the withdrawal is offered
    monkeypatch.setattr(tijd, "vandaag", lambda: date(2026, 2, 18))
    page.goto(f"/dossiers/{dossier.pk}/inkomen/")
    page.get_by_role("link", name="Recht intrekken").click()
    expect(page.get_by_role("heading", level=2)).to_have_text(
        "Recht intrekken (art. 54 lid 4 Participatiewet)"
    )
    expect(page.get_by_text("de laatste dag met recht is 2 februari 2026").first).to_be_visible()
    _bekijk(page, "perioden-intrekken")

    page.get_by_role("link", name="Signalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalen")
    expect(page.get_by_text(VIJANDIG, exact=False).first).to_be_visible()
    _bekijk(page, "perioden-signalen")
    page.get_by_role("button", name="Afgehandeld").click()
    expect(page.get_by_text("Het signaal is afgehandeld.")).to_be_visible()
    assert Signaal.objects.get().afgehandeld_op is not None
    _bekijk(page, "perioden-signalen-afgehandeld")
