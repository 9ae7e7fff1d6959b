"""In a real browser: the privacy officer finds the waiting system client from the log page,
approves it on the Koppelingen screen (keyboard only); axe-core finds no WCAG A/AA violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bijstand.accounts import services
from bijstand.accounts.models import Rol
from tests.browser import assert_accessible
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"


def test_privacy_officer_approves_a_waiting_client(page):
    beheerder = UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True)
    privacy = UserFactory(rol=Rol.PRIVACY, team=None, username="privacy")
    koppeling, _token = services.maak_systeemclient(
        naam="Salarissysteem Havenstad", scopes=["loongegevens:schrijven"], door=beheerder
    )

    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("privacy")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Wachtwoord").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logboek dataverwerkingen")
    expect(page.get_by_text("1 systeemkoppeling wacht op uw goedkeuring.")).to_be_visible()
    assert_accessible(page)

    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Koppelingen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Systeemkoppelingen goedkeuren")
    expect(page.get_by_role("rowheader", name="Salarissysteem Havenstad")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Goedkeuren Salarissysteem Havenstad").press("Enter")
    expect(
        page.get_by_text("De koppeling Salarissysteem Havenstad is goedgekeurd.")
    ).to_be_visible()
    expect(page.get_by_text("Er wacht geen koppeling op uw goedkeuring.")).to_be_visible()
    assert_accessible(page)
    koppeling.refresh_from_db()
    assert koppeling.goedgekeurd_door == privacy
    assert koppeling.effectieve_scopes == ["loongegevens:schrijven"]
