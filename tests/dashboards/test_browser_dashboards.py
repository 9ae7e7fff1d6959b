"""Browser: a manager (teamleider) opens every dashboard, reads a chart's table with the
keyboard and exports a table; axe-core finds no WCAG 2.1 A/AA violation on any page."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from bijstand.dashboards.services import bouw_snapshot
from tests.browser import assert_accessible
from tests.dashboards.factories import lopend_sinds
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"
PAGINAS = ["Bestand", "Instroom, uitstroom en duurzaamheid", "Ontwikkeling", "Eén werkcoach"]
PAGINAS += ["Inkomen", "Overzicht"]


@pytest.fixture
def manager(db):
    team = TeamFactory()
    leider = UserFactory(rol=Rol.TEAMLEIDER, team=None, username="leider")
    team.teamleider = leider
    team.save()
    coach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    for _ in range(12):
        lopend_sinds(coach, date(2026, 1, 10))
    bouw_snapshot(peildatum=date(2026, 6, 15))
    return leider


def test_manager_opens_the_dashboards_and_exports_a_table(page, manager):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("leider")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dashboards").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")
    assert_accessible(page)
    for titel in PAGINAS:
        page.get_by_role("navigation", name="Dashboards").get_by_role("link", name=titel).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(titel)
        assert_accessible(page)

    # the overview: the chart is drawn from the table, which folds behind it
    grafiek = page.locator("figure.dashboard-grafiek").first
    expect(grafiek).to_be_visible()
    tabel = page.locator("#tabel-bestand")
    expect(tabel).to_be_hidden()
    page.locator("#bestand-titel ~ details summary").focus()
    page.keyboard.press("Enter")
    expect(tabel).to_be_visible()
    expect(tabel.get_by_role("row", name="Feb 2026")).to_contain_text("12")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role(
            "link", name=re.compile(r"^Download als CSV\W+Mensen in de bijstand")
        ).click()
    inhoud = Path(download.value.path()).read_text(encoding="utf-8-sig")
    regels = list(csv.reader(io.StringIO(inhoud), delimiter=";"))
    assert regels[0][:2] == ["Periode", "In de bijstand"]
    assert next(r for r in regels if r[0] == "Feb 2026")[:2] == ["Feb 2026", "12"]
