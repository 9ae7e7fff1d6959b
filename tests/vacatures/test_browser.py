"""In a real browser: a werkcoach opens a vacancy, sees the candidates and proposes one (with
the keyboard); the burger makes the job profile visible. axe-core finds no WCAG 2.x A/AA
violation on any new page."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from perspectief.models import Profiel
from tests.browser import assert_accessible
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory
from vacatures.models import Voordracht

from .factories import ProfielFactory, VacatureFactory, WerkgeverFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def situatie(db):
    team = TeamFactory()
    coach = UserFactory(rol=Rol.WERKCONSULENT, team=team, username="coach")
    collega = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    werkgever = WerkgeverFactory(naam="Rotterdamse Horeca Groep", inclusief=True)
    vacature = VacatureFactory(werkgever=werkgever, titel="50 koks", aantal_plaatsen=50)
    eigen = ProfielFactory(dossier=DossierFactory(werkcoach=coach), beroepen_ervaring=["5120"])
    bijna = ProfielFactory(dossier=DossierFactory(werkcoach=coach), certificaten=[])
    elders = [ProfielFactory(dossier=DossierFactory(werkcoach=collega),
                             zichtbaar_voor_werkgevers=True) for _ in range(3)]  # fmt: skip
    return {"coach": coach, "collega": collega, "vacature": vacature, "eigen": eigen,
            "bijna": bijna, "elders": elders, "werkgever": werkgever}  # fmt: skip


def test_werkcoach_opens_vacancy_sees_candidates_and_proposes(page, situatie):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("coach")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vacatures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vacatures")
    assert_accessible(page)

    page.get_by_role("link", name="50 koks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("50 koks")
    eigen = situatie["eigen"].dossier.werkzoekende
    expect(page.locator("#eigen")).to_contain_text(eigen.naam)
    expect(page.locator("#eigen")).to_contain_text("heeft ervaring in dit beroep")
    expect(page.locator("#eigen")).to_contain_text("mist HACCP / hygiënecode")
    expect(page.locator("#collegas")).to_contain_text(str(situatie["collega"]))
    for p in situatie["elders"]:
        assert escape(p.dossier.werkzoekende.naam) not in page.content()
    assert_accessible(page)

    # Propose with the keyboard only.
    knop = page.get_by_role("button", name=re.compile(f"Voordragen {re.escape(eigen.naam)}"))
    knop.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(eigen.naam)
    expect(page.locator("#voordracht-status")).to_have_text("Voorgedragen")
    assert_accessible(page)
    voordracht = Voordracht.objects.get(dossier=situatie["eigen"].dossier)
    assert voordracht.voorgedragen_door == situatie["coach"]

    # Interview, then back to the vacancy.
    page.get_by_label("Datum van het gesprek").fill("2026-05-04")
    page.get_by_label("Tijd").fill("10:30")
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.locator("#voordracht-status")).to_have_text("Gesprek gepland")
    assert_accessible(page)

    page.get_by_role("link", name="Terug naar de vacature").click()
    page.get_by_role("link", name="Anonieme werkprofielen voor de werkgever").click()
    expect(page.get_by_role("heading", name="3 werkprofielen")).to_be_visible()
    assert_accessible(page)

    page.goto("/vacatures/werkgevers/")
    assert_accessible(page)
    page.get_by_role("link", name="Rotterdamse Horeca Groep").click()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe vacature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe vacature")
    assert_accessible(page)


def _digid_login(page, bsn: str) -> None:
    page.goto("/portaal/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.locator("#authentication_type_account_basis").click()
    page.locator("input[name=auth_bsn]").fill(bsn)
    page.locator("#submit-button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def test_burger_sees_vacancies_and_opts_in(page, situatie):
    persoon = WerkzoekendeFactory(bsn="111222333")  # the DigiD login links the account
    dossier = DossierFactory(werkcoach=situatie["coach"], werkzoekende=persoon)
    ProfielFactory(dossier=dossier, certificaten=[], gewenste_beroepen=["5120"])

    _digid_login(page, "111222333")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Vacatures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vacatures voor u")
    expect(
        page.get_by_text("U heeft nog geen diploma of certificaat: HACCP / hygiënecode.")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Bekijk of wijzig wie uw werkprofiel mag zien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw werkprofiel voor werkgevers")
    assert_accessible(page)
    page.get_by_label(re.compile("^Ja, werkgevers mogen")).check()
    page.get_by_role("button", name="Keuze opslaan").click()
    expect(page.get_by_text("Werkgevers kunnen uw werkprofiel nu zien.")).to_be_visible()
    assert_accessible(page)
    assert Profiel.objects.get(dossier=dossier).zichtbaar_voor_werkgevers
