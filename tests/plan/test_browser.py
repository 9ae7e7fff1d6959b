"""In a real browser (chromium): the werkcoach creates a plan; the burger agrees to it and marks
an action done. axe-core finds no WCAG 2.x A/AA violation on any page of the plan app; the
status change works with htmx and with the keyboard only."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from plan import herinneringen, services
from plan.models import Actie, Plan
from tests.browser import assert_accessible
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

from .factories import maak_actie, maak_doel, maak_sjabloon, over, zet_deadline

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def werkcoach(db):
    return UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory(), username="coach")


def _staff_login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("caseload")


def _digid_login(page, bsn: str) -> None:
    page.goto("/portaal/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.locator("#authentication_type_account_basis").click()
    page.locator("input[name=auth_bsn]").fill(bsn)
    page.locator("#submit-button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def test_werkcoach_maakt_een_plan(page, werkcoach):
    dossier = DossierFactory(werkcoach=werkcoach, route="intensief")
    maak_sjabloon(naam="Intensief proef", route="intensief")
    _staff_login(page, "coach")

    page.goto(f"/dossiers/{dossier.pk}/plan/")
    expect(page.get_by_role("heading", name="Plan maken")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Sjabloon").select_option(
        label="Intensief proef (Grotere afstand, haalbaar perspectief: intensief)"
    )
    page.get_by_role("button", name="Plan maken").click()
    expect(page.get_by_text("Het plan van aanpak is gemaakt.")).to_be_visible()
    expect(
        page.get_by_role("cell", name="Intake bij het leerwerkbedrijf", exact=True)
    ).to_be_visible()
    assert_accessible(page)

    # A goal: first a mistake (an error page with the Dutch message), then right.
    doelform = page.locator("form[action$='/doelen/nieuw/']")
    page.get_by_text("Doel toevoegen", exact=True).click()
    doelform.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_text("Beschrijf het doel.", exact=True)).to_be_visible()
    expect(
        page.get_by_text("Kies een leefgebied of het uitstroomperspectief.", exact=True)
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("textbox", name="Doel (verplicht)").fill("Een eigen woning")
    page.get_by_label("Gekoppeld aan").select_option(label="Huisvesting")
    page.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_text("Het doel 'Een eigen woning' is toegevoegd.")).to_be_visible()

    # An action for that goal, from the goal's row.
    page.get_by_role("link", name="Actie toevoegen bij doel Een eigen woning").click()
    expect(page.get_by_role("heading", name="Actie toevoegen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("textbox", name="Actie (verplicht)").fill("Inschrijven bij Woonnet Rijnmond")
    page.get_by_label("Burger").check()
    page.get_by_label("Deadline").fill(over(10).isoformat())
    page.get_by_role("button", name="Actie opslaan").click()
    expect(
        page.get_by_text("De actie 'Inschrijven bij Woonnet Rijnmond' is toegevoegd.")
    ).to_be_visible()
    actie = Actie.objects.get(titel="Inschrijven bij Woonnet Rijnmond")
    assert actie.doel.titel == "Een eigen woning" and actie.eigenaar == "burger"

    # Status change with htmx, keyboard only: the row is replaced in place.
    partner = Actie.objects.get(titel="Intake bij het leerwerkbedrijf")
    rij = page.locator(f"#actie-{partner.pk}")
    rij.locator("summary").focus()
    page.keyboard.press("Enter")
    select = rij.get_by_label("Nieuwe status van actie: Intake bij het leerwerkbedrijf")
    select.focus()
    select.select_option(label="Afronden (klaar bevestigd)")
    rij.get_by_role("button", name=re.compile("^Opslaan")).focus()
    page.keyboard.press("Enter")
    expect(
        page.get_by_text("De status van 'Intake bij het leerwerkbedrijf' is nu: afgerond.")
    ).to_be_visible()
    assert Actie.objects.get(pk=partner.pk).status == "afgerond"
    assert re.search(rf"/dossiers/{dossier.pk}/plan/(#\w+)?$", page.url)  # htmx: same page
    assert_accessible(page)

    # The other pages of the werkcoach (the tab now with a reminder and a "klaar" report).
    zet_deadline(actie, over(-1))
    herinneringen.verstuur_herinneringen()
    for pad in (
        f"/dossiers/{dossier.pk}/plan/",
        f"/plan/dossiers/{dossier.pk}/acties/{actie.pk}/wijzigen/",
        f"/plan/dossiers/{dossier.pk}/acties/{actie.pk}/status/",
        f"/plan/dossiers/{dossier.pk}/doelen/{actie.doel_id}/wijzigen/",
        f"/plan/dossiers/{dossier.pk}/versies/",
        f"/plan/dossiers/{dossier.pk}/sjabloon/",
    ):
        page.goto(pad)
        expect(page.get_by_role("heading", level=2).first).to_be_visible()
        assert_accessible(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Herinneringen"
    ).click()
    expect(
        page.get_by_role("cell", name=re.compile("^Inschrijven bij Woonnet Rijnmond")).first
    ).to_be_visible()
    assert_accessible(page)
    assert Plan.objects.filter(dossier=dossier).count() == 1


def test_burger_gaat_akkoord_en_meldt_een_actie_klaar(page, werkcoach):
    persoon = WerkzoekendeFactory(email="burger@example.org")
    dossier = DossierFactory(werkcoach=werkcoach, werkzoekende=persoon)
    plan = services.maak_plan(dossier=dossier, door=werkcoach)
    doel = maak_doel(plan, "Schulden op orde")
    cv = maak_actie(plan, "Schulden op een rij zetten", doel=doel, dagen=3)
    maak_actie(plan, "Schuldhulp inschakelen", doel=doel, eigenaar="werkcoach")
    herinneringen.verstuur_herinneringen()

    _digid_login(page, persoon.bsn)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Mijn plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn plan")
    expect(page.get_by_text("Let op: dit moet binnenkort klaar zijn")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=re.compile(r"^Klaar\W+Schulden op een rij zetten$")).click()
    expect(
        page.get_by_text("Goed gedaan! U meldt 'Schulden op een rij zetten' klaar.")
    ).to_be_visible()
    expect(page.get_by_text("Klaar gemeld. Uw werkcoach kijkt ernaar.").first).to_be_visible()
    assert Actie.objects.get(pk=cv.pk).status == "accordering"
    assert_accessible(page)

    page.get_by_role("button", name="Ik ga akkoord met mijn plan (versie 1)").click()
    expect(page.get_by_text("Dank u wel. U gaf akkoord op uw plan.")).to_be_visible()
    expect(page.locator("#akkoord-status")).to_contain_text("Dat was versie 1 van uw plan.")
    plan.refresh_from_db()
    assert plan.is_akkoord and plan.akkoord_versie == 1
    assert_accessible(page)

    # The werkcoach adds an action: a new version, and the burger sees what changed.
    maak_actie(plan, "Budgetcursus volgen", doel=doel, dagen=20)
    page.reload()
    expect(page.locator("#akkoord-status")).to_contain_text("Uw plan is veranderd.")
    page.get_by_role("link", name="Bekijk wat er veranderd is").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versies van mijn plan")
    expect(page.get_by_text("Nieuw · Actie: Budgetcursus volgen")).to_be_visible()
    assert_accessible(page)
    assert dossier.werkzoekende.bsn not in page.url
