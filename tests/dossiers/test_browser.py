"""Accessibility (axe-core, WCAG 2.2 AA tags) and keyboard checks of the staff pages in chromium."""

import re
from datetime import date

import pytest
from django.test import Client
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from bijstand.dossiers.models import HuishoudenLid, JournaalRegel, StandaardTekst
from tests.browser import assert_accessible
from tests.factories import DossierFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _inloggen(page, live_server, user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def situatie(db):
    team = TeamFactory()
    team.teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.save()
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    UserFactory(rol=Rol.WERKCONSULENT, team=team)
    dossiers = DossierFactory.create_batch(30, werkcoach=werkcoach)
    d = dossiers[0]
    HuishoudenLid.objects.create(
        huishouden=d.werkzoekende.huishouden,
        rol="kind",
        naam="Noor",
        geboortedatum=date(2015, 1, 1),
    )
    for i in range(25):
        JournaalRegel.objects.create(
            dossier=d, soort="notitie", tekst=f"Regel {i}", vertrouwelijk=i == 0
        )
    StandaardTekst.objects.create(titel="Uitnodiging", tekst="U bent uitgenodigd.")
    return {"werkcoach": werkcoach, "teamleider": team.teamleider, "dossier": d}


def test_staff_pages_accessible(page, live_server, situatie):
    d = situatie["dossier"]
    _inloggen(page, live_server, situatie["werkcoach"])
    for pad in (
        "/",
        f"/dossiers/{d.pk}/",
        f"/dossiers/{d.pk}/intake/",
        f"/dossiers/{d.pk}/status/",
    ):
        page.goto(pad)
        assert_accessible(page)

    # caseload with a failed filter (error summary) and a search
    page.goto("/?status=onzin")
    assert page.locator(".nlds-error-summary").is_visible()
    assert_accessible(page)
    page.fill("#id_zoek", d.werkzoekende.bsn)
    page.click("button:has-text('Zoeken')")
    page.wait_for_load_state()
    assert d.werkzoekende.bsn not in page.url
    assert d.werkzoekende.naam in page.content()

    # journaal: htmx submit with an error, then a valid one
    page.goto(f"/dossiers/{d.pk}/")
    page.click("summary")
    page.select_option("#id_soort", "contact")
    page.fill("#id_tekst", "Gebeld.")
    page.click("button:has-text('Toevoegen aan journaal')")
    page.wait_for_selector("#id_kanaal_error")
    assert page.url.endswith(f"/dossiers/{d.pk}/")  # swapped in place
    assert_accessible(page)
    page.select_option("#id_standaardtekst", label="Uitnodiging")
    # A locator wait: wait_for_function with a string would need eval, which the CSP forbids.
    expect(page.locator("#id_tekst")).to_have_value(re.compile("uitgenodigd"))
    page.select_option("#id_kanaal", "telefoon")
    page.click("button:has-text('Toevoegen aan journaal')")
    page.wait_for_selector("text=De journaalregel is toegevoegd.")
    assert JournaalRegel.objects.filter(dossier=d, kanaal="telefoon").exists()

    # status form with an error
    page.goto(f"/dossiers/{d.pk}/status/")
    page.check("input[value='beeindigd']")
    page.click("button:has-text('Status opslaan')")
    page.wait_for_selector("#id_reden_error")
    assert_accessible(page)


def test_teamleider_pages_accessible(page, live_server, situatie):
    d = situatie["dossier"]
    _inloggen(page, live_server, situatie["teamleider"])
    for pad in ("/", "/dashboards/werkcoaches/", f"/dossiers/{d.pk}/overdragen/"):
        page.goto(pad)
        assert_accessible(page)


def test_keyboard_skip_link_and_focus(page, live_server, situatie):
    _inloggen(page, live_server, situatie["werkcoach"])
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
