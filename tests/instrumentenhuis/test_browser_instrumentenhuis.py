"""In a real browser: the werkcoach finds an instrument in the instrumentenhuis and requests
it for someone in the caseload, approves it, records the provider's report and the employer
terms. axe-core finds no WCAG 2.x A/AA violation on any page of this app."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from instrumentenhuis import services
from instrumentenhuis.models import Instrument, Inzet, InzetStatus
from tests.browser import assert_accessible
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

from .factories import maak_profiel

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def situatie():
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory(), username="coach")
    persoon = WerkzoekendeFactory(voornamen="Ayla", achternaam="van 't Hof")
    dossier = DossierFactory(werkcoach=werkcoach, werkzoekende=persoon)
    maak_profiel(
        dossier,
        trede=3,
        scores={"werk_opleiding": 2, "financien": 4},
        taalniveau="1f",
        max_fysieke_belasting="zwaar",
        uren_per_week=36,
    )
    return {"werkcoach": werkcoach, "dossier": dossier}


def _login(page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("coach")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("caseload")


def test_werkcoach_vindt_en_vraagt_een_instrument_aan(page, situatie):
    dossier = situatie["dossier"]
    _login(page)

    # The instrumentenhuis from the main menu, filtered by category.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Instrumentenhuis"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Instrumentenhuis")
    assert_accessible(page)
    page.get_by_label("Categorie").select_option("werkplekken")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="Werkervaringsplaats")).to_be_visible()
    expect(page.get_by_role("link", name="Taaltraject naar 1F")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Werkervaringsplaats").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkervaringsplaats")
    assert_accessible(page)

    # Who in my caseload can enter it, and why.
    page.get_by_role("link", name="Wie in mijn caseload komt in aanmerking?").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wie komt in aanmerking")
    expect(page.get_by_text("Werk & Opleiding: niveau 2 (niet zelfredzaam)")).to_be_visible()
    assert_accessible(page)

    # Request it with the keyboard only.
    link = page.get_by_role("link", name=f"Aanvragen voor {dossier.werkzoekende.naam}")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Instrument aanvragen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Motivatie").fill("Wil ervaring opdoen in een magazijn.")
    page.get_by_label("Motivatie").press("Tab")
    page.get_by_role("button", name="Aanvragen").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Werkervaringsplaats is aangevraagd.")).to_be_visible()
    inzet = Inzet.objects.get(dossier=dossier, instrument__code="werkervaringsplaats")
    assert inzet.status == InzetStatus.AANVRAAG
    assert_accessible(page)

    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("De inzet is goedgekeurd")).to_be_visible()
    expect(page.locator("#inzet-status")).to_have_text("Goedgekeurd")
    assert_accessible(page)

    page.get_by_role("link", name="Rapportage van de aanbieder vastleggen").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Rapportage van de aanbieder")
    assert_accessible(page)
    page.get_by_label("Deelnemer is gestart").check()
    page.get_by_role("button", name="Rapportage vastleggen").click()
    expect(page.locator("#inzet-status")).to_have_text("Gestart")
    assert_accessible(page)

    # The tab shows the inzet and the suggestions with their reasons.
    page.goto(f"/dossiers/{dossier.pk}/instrumenten/")
    expect(page.get_by_role("heading", name="Voorgestelde instrumenten")).to_be_visible()
    expect(page.locator("#inzet-" + str(inzet.pk))).to_contain_text("Gestart")
    assert_accessible(page)


def test_werkcoach_legt_loonkostensubsidie_vast(page, situatie):
    dossier, werkcoach = situatie["dossier"], situatie["werkcoach"]
    inzet = services.vraag_aan(
        dossier=dossier,
        instrument=Instrument.objects.get(code="loonkostensubsidie"),
        door=werkcoach,
    )
    _login(page)
    page.goto(f"/instrumentenhuis/dossiers/{dossier.pk}/inzetten/{inzet.pk}/")
    page.get_by_role("link", name="Afspraak met de werkgever vastleggen").click()
    assert_accessible(page)
    page.get_by_role("textbox", name=re.compile("^Werkgever")).fill("Bakkerij 't Hoekje")
    page.get_by_label("Ingangsdatum").fill(timezone.localdate().isoformat())
    page.get_by_label("Loonwaarde (% van het WML)").fill("150")
    page.get_by_role("button", name="Afspraak vastleggen").click()
    expect(
        page.get_by_text("De loonwaarde ligt tussen 0 en 100 procent.", exact=True)
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Loonwaarde (% van het WML)").fill("60")
    page.get_by_label("Datum loonwaardemeting").fill(timezone.localdate().isoformat())
    page.get_by_label("Contracturen per week").fill("32")
    page.get_by_role("button", name="Afspraak vastleggen").click()
    expect(page.locator("#lks-subsidie")).to_contain_text("€")
    page.get_by_text("Berekening loonkostensubsidie").click()
    expect(page.get_by_text(re.compile("WML per maand voor 32 uur per week"))).to_be_visible()
    assert_accessible(page)
