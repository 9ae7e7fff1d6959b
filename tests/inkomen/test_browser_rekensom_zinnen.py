"""In a real browser (issue 13 §4): the burger's "Wat als ik meer ga werken?" sum and the
specification's summary sentence, and the consulent's correction column; axe-core finds no
WCAG 2.x A/AA violation, and at 320 px nothing scrolls sideways (a table may, in its own
scroll region).

``SCREENSHOT_DIR=/some/dir`` saves a screenshot of every screen at 1280 and 320 px.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from bijstand.core import tijd
from inkomen import services
from tests.browser import assert_accessible
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"
MAART = date(2026, 3, 1)
APRIL = date(2026, 4, 1)


@pytest.fixture
def situatie(settings, tmp_path, monkeypatch):
    """A burger of 25 (no vrijlating) with an uitkering from March 2026; March paid on an
    estimate of 300,00, then 450,00 definitive (150,00 too much), April paid."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    monkeypatch.setattr(tijd, "vandaag", lambda: date(2026, 4, 20))
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None, username="inkomen")
    dossier = DossierFactory(
        werkcoach=UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory()),
        inkomensconsulent=consulent,
        werkzoekende=WerkzoekendeFactory(geboortedatum=date(2000, 6, 1)),
    )
    services.start_uitkering(dossier=dossier, ingangsdatum=MAART, door=None)
    velden = {"persoon": "aanvrager", "soort": "arbeid", "periode": "maand", "bron": "consulent"}
    schatting = services.registreer_inkomstenopgave(
        dossier=dossier, maand=MAART, bedrag=Decimal("300.00"), status="geschat", door=None,
        **velden,
    )  # fmt: skip
    services.boek_maandbetaling(dossier_id=dossier.pk, maand=MAART)
    services.registreer_inkomstenopgave(
        dossier=dossier, maand=MAART, bedrag=Decimal("450.00"), status="definitief", door=None,
        vervangt=schatting, **velden,
    )  # fmt: skip
    services.boek_maandbetaling(dossier_id=dossier.pk, maand=APRIL)
    return dossier


def _bekijk(page, naam: str) -> None:
    """axe on the page; at 320 px the page itself does not scroll sideways; screenshots."""
    map_ = os.environ.get("SCREENSHOT_DIR")
    for breedte in (1280, 320):
        page.set_viewport_size({"width": breedte, "height": 900})
        assert_accessible(page)
        breder = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not breder, f"{naam}: the page scrolls sideways at {breedte} px"
        if map_:
            page.screenshot(path=str(Path(map_) / f"{naam}-{breedte}.png"), full_page=True)


def _digid_login(page, bsn: str) -> None:
    page.goto("/portaal/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.locator("#authentication_type_account_basis").click()
    page.locator("input[name=auth_bsn]").fill(bsn)
    page.locator("#submit-button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def test_burger_ziet_de_som_en_de_samenvatting(page, situatie):
    _digid_login(page, situatie.werkzoekende.bsn)

    page.goto("/portaal/wat-als-ik-meer-ga-werken/")
    page.get_by_label("Hoeveel geld gaat u verdienen?").fill("800")
    page.get_by_role("button", name="Reken uit").press("Enter")
    som = page.locator("#rekensom")
    expect(som).to_contain_text("€\u00a01.401,50 \u2212 €\u00a0800,00 = €\u00a0601,50")
    expect(som).to_contain_text("Dit krijgt u van de gemeente:")
    _bekijk(page, "watals")

    page.goto("/portaal/mijn-specificatie/?maand=2026-04")
    expect(page.locator("#spec-samenvatting")).to_have_text(
        "Uw uitkering over april 2026 is €\u00a01.331,42. Daarvan houden wij €\u00a023,75 in "
        "voor wat u eerder te veel kreeg. Op uw rekening komt €\u00a01.307,67."
    )
    _bekijk(page, "specificatie-april")
    page.goto("/portaal/mijn-specificatie/?maand=2026-03")
    expect(page.locator("#spec-samenvatting")).to_contain_text("Nu is die €\u00a0903,92.")
    _bekijk(page, "specificatie-maart")


def test_consulent_ziet_de_correctie_van_de_maand(page, situatie):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("inkomen")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Wachtwoord").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("caseload")

    page.goto(f"/dossiers/{situatie.pk}/inkomen/")
    tabel = page.locator("#berekeningen table")
    expect(tabel).to_contain_text("Verrekeningsschuld: € -150,00 (waarvan VT € -7,50)")
    _bekijk(page, "inkomen-tab")
