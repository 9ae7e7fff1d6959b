"""Bijstand aanvragen in the burgerportaal in a real browser (issue 12), by keyboard:

DigiD (mock) with a BSN that only the fake BRP knows -> "Bijstand aanvragen" -> "Ik meld mij
voor bijstand" -> every step (one wrong input on the way: the error summary gets the focus) ->
a bewijsstuk -> the summary -> "Aanvraag versturen" -> what happens next -> "Mijn aanvraag".

axe-core finds no WCAG 2.x A/AA violation on any page, at 1280 and at 320 px; the ``page``
fixture fails the test on any Content-Security-Policy message. Full-page screenshots go to
``$SCREENSHOT_DIR`` when set.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from aanvraag import behandeling
from aanvraag import beleid as aanvraagbeleid
from aanvraag.models import Aanvraag, Aanvraagbeleid, AanvraagStatus
from bijstand.accounts.models import Rol
from tests.browser import assert_accessible
from tests.brp.fixtures import fake_brp  # noqa: F401 (fixture)
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BREEDTES = (1280, 320)
BSN = "999993653"  # Emre Yılmaz (partner Elif, child Deniz), only in tools/fake_brp_personen.json
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _bekijk(page, naam: str) -> None:
    """axe at both widths, and a full-page screenshot of each when SCREENSHOT_DIR is set."""
    map_ = os.environ.get("SCREENSHOT_DIR")
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        assert_accessible(page)
        breedte_pagina = page.evaluate("document.documentElement.scrollWidth")
        assert breedte_pagina <= breedte, f"{naam}: scrolls sideways at {breedte} px"
        if map_:
            Path(map_).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{map_}/portaal-{naam}-{breedte}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _typ(page, label: str | re.Pattern, tekst: str) -> None:
    """Into a field as a person does it with the keyboard: focus, then type."""
    veld = page.get_by_label(label, exact=isinstance(label, str))
    veld.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(tekst)


def _druk(page, naam: str) -> None:
    """A button or link by keyboard: focus it and press Enter."""
    knop = page.get_by_role("button", name=naam).or_(page.get_by_role("link", name=naam)).first
    knop.focus()
    page.keyboard.press("Enter")


def _kop(page, tekst: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(tekst)


@pytest.fixture
def werkcoach(db):
    if not Aanvraagbeleid.objects.exists():  # a transactional test may have emptied it
        from datetime import date

        Aanvraagbeleid.objects.create(geldig_vanaf=date(2025, 1, 1), data=aanvraagbeleid.STANDAARD)
    return UserFactory(
        rol=Rol.WERKCONSULENT, team=TeamFactory(), first_name="Wim", last_name="Coach"
    )


def test_bijstand_aanvragen_in_het_portaal(page, live_server, fake_brp, werkcoach):  # noqa: F811
    page.goto("/portaal/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.locator("#authentication_type_account_basis").click()
    page.locator("input[name=auth_bsn]").fill(BSN)
    page.locator("#submit-button").click()

    # no dossier yet: straight to "Bijstand aanvragen"
    _kop(page, "Bijstand aanvragen")
    assert BSN not in page.content()
    _bekijk(page, "1-start")
    fake_brp.storing = "500"  # the BRP is down: a message, nothing made
    _druk(page, "Ik meld mij voor bijstand")
    expect(page.get_by_role("alert")).to_contain_text("We kunnen uw gegevens nu niet ophalen")
    expect(page.locator(".nlds-error-summary")).to_be_focused()
    assert not Aanvraag.objects.exists()
    _bekijk(page, "1-start-brp-storing")
    fake_brp.storing = None
    _druk(page, "Ik meld mij voor bijstand")

    _kop(page, "Uw gegevens")
    expect(page.get_by_text("Uw melding is ontvangen op")).to_be_visible()
    expect(page.get_by_text("Emre Yılmaz")).to_be_visible()
    expect(page.locator("[aria-current=step]")).to_have_text("Uw gegevens")
    _bekijk(page, "2-persoon")
    _typ(page, "E-mailadres", "emre@example.org")
    _typ(page, "Telefoonnummer", "010-1234567")
    page.get_by_label(re.compile("digitaal ontvangen")).focus()
    page.keyboard.press("Space")
    _druk(page, "Opslaan en later verder")

    # stop, and resume later
    _kop(page, "Bijstand aanvragen")
    expect(page.get_by_text("Uw antwoorden zijn bewaard")).to_be_visible()
    _bekijk(page, "1-start-verder")
    _druk(page, "Verder met uw aanvraag")

    _kop(page, "Waar u woont")
    _bekijk(page, "3-wonen")
    page.get_by_label("Ik huur een woning of kamer").focus()
    page.keyboard.press("Space")
    _typ(page, re.compile(r"^Woonkosten per maand"), "-650")
    page.keyboard.press("Enter")
    # the error summary comes first and has the focus
    expect(page.get_by_role("alert")).to_contain_text("Het bedrag kan niet negatief zijn")
    expect(page.locator(".nlds-error-summary")).to_be_focused()
    _bekijk(page, "3-wonen-fout")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the link in the summary goes to the field
    _typ(page, re.compile(r"^Woonkosten per maand"), "650,00")
    page.keyboard.press("Enter")

    _kop(page, "Met wie u woont")
    expect(page.get_by_text("Elif Yılmaz, geboren op")).to_be_visible()
    expect(page.get_by_text("Op uw adres staat verder niemand ingeschreven.")).to_be_visible()
    _bekijk(page, "4-huishouden")
    _druk(page, "Nog iemand toevoegen")
    medebewoner = page.get_by_role("group", name="Medebewoner 1")
    expect(medebewoner).to_be_visible()
    expect(medebewoner.get_by_label(re.compile("^Naam"))).to_be_focused()  # the new row
    page.keyboard.type("Ayse Kaya")
    _bekijk(page, "4-huishouden-erbij")
    medebewoner.get_by_label(re.compile("^Geboortedatum")).fill("1960-05-01")
    medebewoner.get_by_label(re.compile("Familie")).focus()
    page.keyboard.press("Space")
    _druk(page, "Opslaan en verder")

    _kop(page, "Uw inkomen")
    _bekijk(page, "5-inkomen")
    _druk(page, "Opslaan en verder")

    _kop(page, "Uw geld en bezit")
    _bekijk(page, "6-vermogen")
    _typ(page, re.compile("^Geld op al uw bankrekeningen"), "120,50")
    page.keyboard.press("Enter")

    _kop(page, "Uw bankrekening")
    _bekijk(page, "7-bankrekening")
    _typ(page, re.compile(r"^Uw rekeningnummer \(IBAN\)"), "NL91 ABNA 0417 1643 00")
    _typ(page, re.compile("^Op naam van"), "E. Yılmaz")
    page.keyboard.press("Enter")

    _kop(page, "Bewijsstukken")
    _bekijk(page, "8-stukken")
    page.get_by_label(re.compile("^Wat voor bewijsstuk")).select_option("identiteit")
    page.get_by_label(re.compile("^Bestand")).set_input_files(
        {"name": "paspoort.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    _druk(page, "Bestand toevoegen")
    expect(page.get_by_text("Identiteitsbewijs, gestuurd op")).to_be_visible()
    assert "paspoort.pdf" not in page.content()
    _bekijk(page, "8-stukken-toegevoegd")
    _druk(page, "Opslaan en verder")

    _kop(page, "Controleren en versturen")
    expect(page.get_by_text("emre@example.org")).to_be_visible()
    expect(page.get_by_text("Ayse Kaya")).to_be_visible()
    _bekijk(page, "9-verklaring")
    page.get_by_label(re.compile("naar waarheid")).focus()
    page.keyboard.press("Space")
    _druk(page, "Aanvraag versturen")

    _kop(page, "Uw aanvraag is verstuurd")
    expect(page.get_by_text("Uw werkcoach is Wim Coach")).to_be_visible()
    expect(page.get_by_text("U hoort uiterlijk op")).to_be_visible()
    _bekijk(page, "10-verstuurd")
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.status == AanvraagStatus.INGEDIEND
    assert aanvraag.dossier.werkzoekende.account.bsn_hash == aanvraag.dossier.werkzoekende.bsn_hash
    assert aanvraag.elektronisch

    _druk(page, "Bekijk mijn aanvraag")
    _kop(page, "Mijn aanvraag")
    expect(page.get_by_text("Wij hebben uw aanvraag ontvangen")).to_be_visible()
    _bekijk(page, "11-mijn-aanvraag")

    # the aanvraag team asks for a stuk: the burger sees what and until when, and sends it
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    behandeling.neem_in_behandeling(aanvraag=aanvraag, door=consulent)
    behandeling.vraag_stukken_op(
        aanvraag=aanvraag, gevraagd="Uw huurcontract, alle bladzijden.", door=consulent
    )
    page.reload()
    expect(page.get_by_text("Uw huurcontract, alle bladzijden.")).to_be_visible()
    _bekijk(page, "11-mijn-aanvraag-gevraagd")
    page.get_by_label(re.compile("^Wat voor bewijsstuk")).select_option("huur")
    page.get_by_label(re.compile("^Bestand")).set_input_files(
        {"name": "huur.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    _druk(page, "Bewijsstuk sturen")
    expect(page.get_by_text("Huurcontract of hypotheek, gestuurd op")).to_be_visible()

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Mijn overzicht").click()
    expect(page.get_by_role("heading", name="Uw aanvraag voor bijstand")).to_be_visible()
    _bekijk(page, "12-overzicht")
