"""The measure "snel uitsluitsel" (figure ``aanvraag.uitsluitsel``, table
``paginas/aanvraag.py``): days from melding to besluit per month of the besluit, the mean, the
exact median, the share within the beslistermijn and the share within 8 weeks of the melding,
computed from a hand-built set of decided aanvragen and compared with Python's statistics."""

from __future__ import annotations

import os
import statistics
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from aanvraag.models import Aanvraag, AanvraagStatus, Besluit, BesluitSoort
from bijstand.accounts.models import Rol
from bijstand.dashboards import selectors
from bijstand.dashboards.paginas import PAGINAS
from bijstand.dashboards.paginas.aanvraag import TABEL_UITSLUITSEL, UITSLUITSEL, mediaan
from bijstand.dashboards.services import bouw_snapshot
from bijstand.dashboards.tabelspecs import Context
from tests.browser import assert_accessible
from tests.factories import DossierFactory, UserFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
PEIL = date(2026, 4, 15)
MAART = date(2026, 3, 1)
APRIL = date(2026, 4, 1)

# March 2026: days from melding to besluit, and whether the besluit came within the term
BINNEN_8_WEKEN = [3, 7, 10, 14, 14, 20, 21, 25, 28, 30, 35, 56]
NA_8_WEKEN = [57, 60, 63, 70, 70, 77, 84, 90, 100, 120, 150, 200]
ONBEKENDE_TERMIJN = [40, 45]  # no beslissen_uiterlijk recorded
BINNEN_TERMIJN = 14  # the first 14 (by days) of the 24 with a known term


def mediaan_cases():
    return [
        (Counter(), None),
        (Counter({5: 1}), 5),
        (Counter({1: 1, 2: 1, 3: 1, 4: 1}), 2.5),
        (Counter({10: 3, 20: 1}), 10),
        (Counter({1: 2, 9: 2}), 5),
        (Counter({0: 1, 7: 5, 100: 1}), 7),
    ]


@pytest.mark.parametrize("verdeling,verwacht", mediaan_cases())
def test_median_of_a_distribution(verdeling, verwacht):
    assert mediaan(verdeling) == verwacht
    if verdeling:
        assert mediaan(verdeling) == statistics.median(verdeling.elements())


def besluit(
    werkcoach,
    consulent,
    *,
    dagen: int,
    op: date,
    binnen_termijn: bool | None,
    soort: str = BesluitSoort.TOEKENNING,
) -> None:
    melddatum = op - timedelta(days=dagen)
    if binnen_termijn is None:
        uiterlijk = None
    else:
        uiterlijk = op + timedelta(days=3) if binnen_termijn else op - timedelta(days=1)
    aanvraag = Aanvraag.objects.create(
        dossier=DossierFactory(werkcoach=werkcoach),
        kanaal="loket",
        status=AanvraagStatus.TOEGEKEND
        if soort == BesluitSoort.TOEKENNING
        else AanvraagStatus.AFGEWEZEN
        if soort == BesluitSoort.AFWIJZING
        else AanvraagStatus.BUITEN_BEHANDELING,
        melddatum=melddatum,
        ontvangen_op=melddatum,
        beslissen_uiterlijk=uiterlijk,
    )
    Besluit.objects.create(
        aanvraag=aanvraag,
        soort=soort,
        ingangsdatum=melddatum if soort == BesluitSoort.TOEKENNING else None,
        genomen_door=consulent,
        genomen_op=datetime.combine(op, time(11), AMS),
        verzendwijze="post",
    )


@pytest.fixture
def besluiten(team):
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    met_termijn = sorted(BINNEN_8_WEKEN + NA_8_WEKEN)
    for i, dagen in enumerate(met_termijn):
        soort = BesluitSoort.AFWIJZING if i % 3 == 0 else BesluitSoort.TOEKENNING
        dag = date(2026, 3, 1 + i)
        besluit(werkcoach, consulent, dagen=dagen, op=dag, binnen_termijn=i < 14, soort=soort)
    for dagen in ONBEKENDE_TERMIJN:
        besluit(werkcoach, consulent, dagen=dagen, op=date(2026, 3, 27), binnen_termijn=None)
    # not counted: buiten behandeling in March; two besluiten in April (suppressed: < 10)
    besluit(
        werkcoach,
        consulent,
        dagen=5,
        op=date(2026, 3, 10),
        binnen_termijn=True,
        soort=BesluitSoort.BUITEN_BEHANDELING,
    )
    for dagen in (12, 30):
        besluit(werkcoach, consulent, dagen=dagen, op=date(2026, 4, 8), binnen_termijn=True)


def tabel(peildag, per: str = "m", van: date = MAART, tot: date = APRIL):
    filters = selectors.Filters(per=per, van=van, tot=tot)
    ctx = Context(
        peildag=peildag,
        filters=filters,
        cijfers=selectors.lees_cijfers(peildag=peildag, filters=filters, stromen=(UITSLUITSEL,)),
        referenties={},
        doeltraject=None,
    )
    return TABEL_UITSLUITSEL(ctx)


def test_measure_from_the_decided_aanvragen(besluiten):
    peildag = bouw_snapshot(peildatum=PEIL)
    assert UITSLUITSEL in peildag.figuren, peildag.fouten
    maart, april = tabel(peildag).rijen

    alle = BINNEN_8_WEKEN + NA_8_WEKEN + ONBEKENDE_TERMIJN
    aantal, gemiddeld, med, termijn, acht_weken = maart.cellen
    assert aantal.waarde == len(alle) == 26
    assert gemiddeld.waarde == round(statistics.mean(alle)) == 57  # 1,489 / 26 = 57.3
    assert med.waarde == statistics.median(alle) == 50.5  # (45 + 56) / 2
    assert med.tekst == "50,5"
    assert termijn.waarde == round(100 * BINNEN_TERMIJN / 24, 1) == 58.3
    binnen_8 = [d for d in alle if d <= 56]  # the 12, and both without a known term
    assert acht_weken.waarde == round(100 * len(binnen_8) / len(alle), 1) == 53.8
    assert not any(c.onderdrukt for c in maart.cellen)

    # April: two besluiten, every cell suppressed (fewer than 10 people)
    assert all(c.onderdrukt for c in april.cellen)
    assert "12" not in april.html() and "30" not in april.html()


def test_measure_per_quarter_and_filtered_by_team(besluiten, team):
    peildag = bouw_snapshot(peildatum=PEIL)
    (k1,) = tabel(peildag, per="k", van=date(2026, 1, 1), tot=date(2026, 1, 1)).rijen
    assert k1.cellen[0].waarde == 26 and k1.cellen[2].waarde == 50.5
    filters = selectors.Filters(per="m", van=MAART, tot=MAART, team=team.pk)
    ctx = Context(
        peildag=peildag,
        filters=filters,
        cijfers=selectors.lees_cijfers(peildag=peildag, filters=filters, stromen=(UITSLUITSEL,)),
        referenties={},
        doeltraject=None,
    )
    (rij,) = TABEL_UITSLUITSEL(ctx).rijen
    assert rij.cellen[0].waarde == 26


def test_not_available_before_the_aanvraag_app_delivered_figures(besluiten):
    peildag = bouw_snapshot(peildatum=PEIL)
    peildag.figuren = [f for f in peildag.figuren if f != UITSLUITSEL]
    uit = tabel(peildag)
    assert "Nog niet beschikbaar" in uit.rijen[0].cellen[0].tekst


def _op_de_pagina() -> None:
    assert TABEL_UITSLUITSEL in PAGINAS["inkomen"].tabellen


def test_the_inkomen_page_shows_the_measure(besluiten, teamleider, login):
    _op_de_pagina()
    bouw_snapshot(peildatum=PEIL)
    response = login(teamleider).get("/dashboards/inkomen/?per=m&van=2026-03&tot=2026-04")
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "Snel uitsluitsel" in tekst and "50,5" in tekst


@pytest.mark.django_db(transaction=True)
def test_browser_the_manager_reads_the_measure(page, besluiten, teamleider):
    """Keyboard to the table behind the chart, axe at 1280 and 320 px; full-page screenshots
    when SCREENSHOT_DIR is set."""
    _op_de_pagina()
    bouw_snapshot(peildatum=PEIL)
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(teamleider.username)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.goto("/dashboards/inkomen/?per=m&van=2026-01&tot=2026-04")
    kop = page.get_by_role("heading", name="Snel uitsluitsel: dagen van melding tot besluit")
    expect(kop).to_be_visible()
    page.locator("#uitsluitsel-titel ~ details summary").focus()
    page.keyboard.press("Enter")
    tabel = page.locator("#tabel-uitsluitsel")
    expect(tabel).to_be_visible()
    expect(tabel.get_by_role("row", name="mrt 2026")).to_contain_text("50,5")
    map_ = os.environ.get("SCREENSHOT_DIR")
    for breedte in (1280, 320):
        page.set_viewport_size({"width": breedte, "height": 900})
        kop.scroll_into_view_if_needed()
        assert_accessible(page)
        if map_:
            Path(map_).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{map_}/uitsluitsel-{breedte}.png", full_page=True)
            page.screenshot(path=f"{map_}/uitsluitsel-{breedte}-tabel.png")
