"""In a real browser: the burger reports income and sees the new specification; the
inkomensconsulent accepts an opgave. axe-core finds no WCAG 2.x A/AA violation on any new page.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from inkomen import services
from inkomen.models import Beoordeling, Inkomstenopgave
from tests.browser import assert_accessible
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def situatie(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    deze_maand = timezone.localdate().replace(day=1)
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory())
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None, username="inkomen")
    persoon = WerkzoekendeFactory(geboortedatum=date(1985, 5, 1))
    dossier = DossierFactory(werkcoach=werkcoach, inkomensconsulent=consulent, werkzoekende=persoon)
    services.start_uitkering(
        dossier=dossier, ingangsdatum=services.plus_maanden(deze_maand, -2), door=None
    )
    return {"dossier": dossier, "consulent": consulent, "maand": deze_maand}


def _digid_login(page, bsn: str) -> None:
    page.goto("/portaal/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.locator("#authentication_type_account_basis").click()
    page.locator("input[name=auth_bsn]").fill(bsn)
    page.locator("#submit-button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def test_burger_geeft_inkomsten_door_en_ziet_nieuwe_specificatie(page, situatie):
    dossier = situatie["dossier"]
    _digid_login(page, dossier.werkzoekende.bsn)

    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="Inkomsten doorgeven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inkomsten doorgeven")
    assert_accessible(page)

    # First a mistake: the error is shown, linked to its field, and accessible.
    page.get_by_label("Hoeveel geld heeft u gekregen?").fill("zeshonderd")
    page.get_by_role("button", name="Inkomsten doorgeven").click()
    expect(page.get_by_text("Vul een bedrag in. Bijvoorbeeld 600 of 600,50.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Hoeveel geld heeft u gekregen?").fill("600")
    page.get_by_label("Ik weet het bedrag nog niet precies").check()
    page.get_by_role("button", name="Inkomsten doorgeven").click()

    expect(
        page.get_by_text(
            "We rekenen uw uitkering opnieuw uit. U ziet de nieuwe specificatie hieronder."
        )
    ).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Uw specificatie van"))).to_be_visible()
    opgave = Inkomstenopgave.objects.get(dossier=dossier)
    assert (opgave.bedrag, opgave.status) == (Decimal("600.00"), "geschat")
    expect(page.get_by_text("We rekenen met € 600,00 inkomsten per maand.")).to_be_visible()
    expect(page.locator("#spec-uitkering")).to_contain_text("€")
    assert dossier.werkzoekende.bsn not in page.url
    assert_accessible(page)

    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Wat als ik meer ga werken?"
    ).click()
    assert_accessible(page)


def test_inkomensconsulent_accepteert_opgave(page, situatie):
    dossier, maand = situatie["dossier"], situatie["maand"]
    opgave = services.registreer_inkomstenopgave(
        dossier=dossier,
        maand=maand,
        persoon="aanvrager",
        soort="arbeid",
        bedrag=Decimal("450.00"),
        periode="maand",
        status="definitief",
        bron="burger",
        door=None,
        loonstrook=SimpleUploadedFile("loonstrook.pdf", b"%PDF-1.4\n%%EOF\n"),
    )

    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("inkomen")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("caseload")

    page.goto(f"/dossiers/{dossier.pk}/inkomen/")
    expect(page.get_by_role("heading", name="Inkomstenopgaven")).to_be_visible()
    expect(page.get_by_role("heading", name="Berekeningen per maand")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=f"Beoordelen opgave {opgave.pk}").click()
    expect(page.get_by_role("heading", name=f"Opgave {opgave.pk} beoordelen")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Afwijzen").check()
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_text("Geef een reden voor de afwijzing.", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Accepteren").check()
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_text("De opgave is geaccepteerd.")).to_be_visible()
    opgave.refresh_from_db()
    assert opgave.beoordeling == Beoordeling.GEACCEPTEERD
    assert_accessible(page)

    page.get_by_role("link", name="Opgave registreren namens de burger").click()
    expect(
        page.get_by_role("heading", name="Inkomsten registreren namens de burger")
    ).to_be_visible()
    assert_accessible(page)
