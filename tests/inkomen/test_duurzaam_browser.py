"""In a real browser at 320 px, keyboard only: the consulent enters a four-weekly wage per payday,
sees the month total before storing, stores it and gets the receipt; axe-core finds no WCAG
2.x A/AA violation and the page sets off no CSP report (issue 13 §4)."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from bijstand.core import tijd
from inkomen import services
from inkomen.models import Inkomstenopgave
from tests.browser import assert_accessible
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"


def test_vierwekenloon_per_betaaldag_met_maandtotaal(page):
    deze_maand = tijd.eerste_van_maand(tijd.vandaag())
    vorige = tijd.maand_plus(deze_maand, -1)
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None, username="inkomen")
    dossier = DossierFactory(
        inkomensconsulent=consulent,
        werkzoekende=WerkzoekendeFactory(geboortedatum=date(2000, 6, 1)),
    )
    services.start_uitkering(dossier=dossier, ingangsdatum=tijd.maand_plus(vorige, -1), door=None)

    page.set_viewport_size({"width": 320, "height": 900})
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("inkomen")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"/dossiers/{dossier.pk}/inkomen/opgaven/nieuw/")
    expect(
        page.get_by_role("heading", name="Inkomsten registreren namens de burger")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Maand (verplicht)", exact=True).fill(f"{vorige:%Y-%m}")
    page.get_by_label("Per vier weken: vul het bedrag per betaaldag in").check()
    page.get_by_label("Eerste betaaldag in de maand").fill(f"{vorige:%Y-%m}-03")
    page.get_by_label("Netto bedrag op de eerste betaaldag (euro)").fill("520,00")
    page.get_by_label("Tweede betaaldag in dezelfde maand").fill(f"{vorige:%Y-%m}-28")
    page.get_by_label("Netto bedrag op de tweede betaaldag (euro)").fill("480,00")
    page.get_by_role("button", name="Maandtotaal berekenen").focus()
    page.keyboard.press("Enter")

    uitkomst = page.locator("#maandtotaal")
    expect(uitkomst).to_contain_text("Maandtotaal dat meetelt: € 541,67 (uit 2 opgaven).")
    assert not Inkomstenopgave.objects.exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

    page.get_by_role("button", name="Opgave vastleggen").click()
    expect(page.get_by_text("De 2 opgaven (een per betaaldag) zijn vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Telt mee voor")).to_contain_text("€ 541,67")
    assert Inkomstenopgave.objects.count() == 2
