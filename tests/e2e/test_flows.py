"""The two user journeys of issue "Fundament", in a real browser with real logins.

1. Staff: login form -> Mijn caseload -> dossier -> add a journaal note (htmx).
2. Burger: DigiD (mock) login -> Mijn overzicht -> send a message to the werkcoach.
axe-core must find no WCAG 2.x A/AA violation on any page on the way.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from bijstand.dossiers.models import JournaalRegel
from tests.browser import assert_accessible
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def werkcoach_met_caseload(db):
    team = TeamFactory()
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=team, username="coach")
    dossiers = DossierFactory.create_batch(3, werkcoach=werkcoach)
    return werkcoach, dossiers[0]


def test_staff_login_caseload_dossier_journaal(page, werkcoach_met_caseload):
    werkcoach, dossier = werkcoach_met_caseload
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill("coach")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("caseload")
    assert_accessible(page)

    page.get_by_role("link", name=dossier.werkzoekende.naam).click()
    expect(page).to_have_url(f"{page.url.split('/dossiers/')[0]}/dossiers/{dossier.pk}/")
    assert_accessible(page)

    page.locator("summary").first.click()
    page.get_by_label("Soort").select_option("notitie")
    page.get_by_label(re.compile(r"^Tekst")).fill("Intakegesprek gepland voor volgende week.")
    page.get_by_role("button", name="Toevoegen aan journaal").click()
    expect(page.get_by_text("Intakegesprek gepland voor volgende week.")).to_be_visible()
    assert_accessible(page)
    regel = JournaalRegel.objects.get(dossier=dossier, soort="notitie")
    assert regel.auteur_id == werkcoach.pk


def test_burger_digid_overzicht_bericht(page, werkcoach_met_caseload):
    werkcoach, _ = werkcoach_met_caseload
    persoon = WerkzoekendeFactory(bsn="111222333")
    dossier = DossierFactory(werkcoach=werkcoach, werkzoekende=persoon)

    page.goto("/portaal/inloggen/")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.locator("#authentication_type_account_basis").click()
    page.locator("input[name=auth_bsn]").fill("111222333")
    page.locator("#submit-button").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    assert_accessible(page)
    assert "111222333" not in page.content()

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Berichten").click()
    assert_accessible(page)
    page.locator("#id_onderwerp").fill("Vraag over mijn afspraak")
    page.get_by_role("textbox", name="Uw bericht").fill("Kan de afspraak een uur later?")
    page.get_by_role("button", name="Verstuur bericht").click()
    expect(page.get_by_text("Uw bericht is verstuurd")).to_be_visible()
    assert_accessible(page)

    bericht = JournaalRegel.objects.get(dossier=dossier, soort="bericht")
    assert bericht.richting == "inkomend"
    assert bericht.zichtbaarheid == "extern"
