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
from bijstand.core import tijd
from inkomen import betaalrun, services
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
        dossier=dossier, ingangsdatum=tijd.maand_plus(deze_maand, -2), door=None
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


def test_betaalruns_volgen_en_bestand_downloaden(page, situatie, settings):
    """The inkomensconsulent finds the runs in the menu (keyboard only) and follows a run that
    is busy (the progress block updates itself through htmx); the medewerker betaalruns
    downloads the file."""
    settings.INKOMEN_BETAALRUN_CHUNK = 1
    vorige = tijd.maand_plus(situatie["maand"], -1)
    for _ in range(3):  # four dossiers: four parts of one dossier each
        persoon = WerkzoekendeFactory(geboortedatum=date(1985, 5, 1))
        services.start_uitkering(
            dossier=DossierFactory(werkzoekende=persoon),
            ingangsdatum=tijd.maand_plus(vorige, -1),
            door=None,
        )
    klaar = betaalrun.voer_uit(maand=tijd.maand_plus(vorige, -1))
    bezig = betaalrun.start_betaalrun(maand=vorige)
    nummer, ids = bezig.te_doen[0]
    betaalrun.verwerk_chunk(betaalrun_id=bezig.pk, dossier_ids=ids, nummer=nummer)

    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("inkomen")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Wachtwoord").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("caseload")

    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Betaalruns").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Betaalruns")
    expect(page.get_by_text("25% (1 van 4 delen)")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Status").select_option("klaar")
    page.get_by_role("button", name="Filteren").press("Enter")
    expect(page.get_by_role("cell", name="25% (1 van 4 delen)")).to_have_count(0)
    assert_accessible(page)
    page.get_by_label("Status").select_option("")
    page.get_by_role("button", name="Filteren").click()

    # the busy run: its progress block polls and shows the next part without a reload
    page.locator(f"#run-{bezig.pk} a").click()
    voortgang = page.locator("#voortgang")
    expect(voortgang).to_contain_text("1 van 4 delen verwerkt")
    assert_accessible(page)
    for nummer, ids in bezig.te_doen[1:]:
        betaalrun.verwerk_chunk(betaalrun_id=bezig.pk, dossier_ids=ids, nummer=nummer)
    betaalrun.rond_af(betaalrun_id=bezig.pk)
    expect(voortgang).to_contain_text("4 van 4 delen verwerkt", timeout=15_000)
    expect(voortgang).to_contain_text("Klaar")
    assert voortgang.get_attribute("hx-trigger") is None  # the polling stopped
    assert_accessible(page)

    # The file (names and IBANs of everyone paid) is for the medewerker betaalruns only.
    page.goto(f"/betaalruns/{klaar.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Betaalrun")
    expect(page.get_by_text("Beschikbaar voor de medewerker betaalruns")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("downloaden"))).to_have_count(0)
    page.get_by_role("button", name="Uitloggen").click()

    UserFactory(rol=Rol.BETAALRUN, team=None, username="betaalrun")
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("betaalrun")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Wachtwoord").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Betaalruns")
    page.goto(f"/betaalruns/{klaar.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Betaalrun")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("downloaden")).click()
    assert download.value.suggested_filename == f"betaalbestand-{klaar.maand:%Y-%m}.xml"
