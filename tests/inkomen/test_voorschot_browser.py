"""In a real browser: the medewerker betaalruns opens "Voorschotten", makes the SEPA file and
sees it listed for download. axe-core finds no WCAG 2.x A/AA violation at 1280 and at 320 px;
the ``page`` fixture fails the test on any Content-Security-Policy message. Screenshots go to
``$SCREENSHOT_DIR`` when set."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from inkomen import voorschot
from inkomen.models import Voorschotbatch
from tests.browser import assert_accessible
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"
BREEDTES = (1280, 320)


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
def situatie(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    UserFactory(rol=Rol.BETAALRUN, team=None, username="betaalrun")
    for voornamen, bedrag in (("Anna", "1261.35"), ('<img src=x onerror="alert(1)">', "630.68")):
        persoon = WerkzoekendeFactory(voornamen=voornamen, geboortedatum=date(1990, 4, 1))
        voorschot.betaal_voorschot(
            dossier=DossierFactory(werkzoekende=persoon, status="aanvraag"),
            bedrag=Decimal(bedrag),
            door=None,
        )


def test_betaalrun_medewerker_maakt_het_voorschotbestand(page, situatie):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("betaalrun")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()

    page.goto("/voorschotten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorschotten")
    expect(page.locator("#open-samenvatting")).to_have_text(
        "2 voorschotten wachten op een betaalbestand, samen € 1.892,03."
    )
    expect(page.get_by_text('<img src=x onerror="alert(1)">', exact=False)).to_be_visible()
    _bekijk(page, "voorschotten-open")

    page.get_by_role("button", name="Betaalbestand maken").click()
    expect(page.get_by_text("is gemaakt: 2 voorschotten")).to_be_visible()
    expect(page.locator("#open-samenvatting")).to_contain_text("Er staan geen voorschotten open")
    batch = Voorschotbatch.objects.get()
    link = page.get_by_role("link", name=f"{batch.bericht_id} downloaden")
    expect(link).to_be_visible()
    _bekijk(page, "voorschotten-bestand")

    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"voorschotten-{batch.bericht_id}.xml"
    batch.refresh_from_db()
    assert batch.gedownload_op is not None
