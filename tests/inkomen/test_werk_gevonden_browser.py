"""In the browser (issue 14): the burger reports "Werk gevonden" in the portal and the
werkcoach registers a dienstverband on the Inkomen tab. axe-core finds no WCAG A/AA violation
on either page, at 1280 and at 320 px, and the pages do not scroll sideways at 320 px."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from bijstand.core import tijd
from inkomen import services
from inkomen.models import Dienstverband
from tests.browser import assert_accessible
from tests.factories import DossierFactory, WerkzoekendeFactory
from tests.plan.test_browser import _digid_login, _staff_login, werkcoach  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def _smal_en_toegankelijk(page) -> None:
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_werk_doorgeven_en_dienstverband_registreren(page, werkcoach):  # noqa: F811
    persoon = WerkzoekendeFactory(geboortedatum=date(1990, 5, 1))
    dossier = DossierFactory(werkcoach=werkcoach, werkzoekende=persoon)
    eerste = tijd.eerste_van_maand(tijd.vandaag())
    services.start_uitkering(dossier=dossier, ingangsdatum=eerste, door=None)

    _digid_login(page, persoon.bsn)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Werk gevonden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werk gevonden")
    _smal_en_toegankelijk(page)
    page.get_by_label("Bij welke werkgever gaat u werken?").fill("<b>Haven</b> BV")
    page.get_by_label("KvK-nummer van uw werkgever").fill("23456789")  # new to the register
    page.get_by_label("Wat is uw eerste werkdag?").fill(eerste.isoformat())
    page.get_by_label("Hoeveel uur per week gaat u werken?").fill("24")
    page.get_by_label("Hoeveel loon krijgt u ongeveer per maand?").fill("1200")
    page.get_by_role("button", name="Werk doorgeven").click()
    expect(page.get_by_text("Gefeliciteerd met uw nieuwe werk!")).to_be_visible()
    expect(page.locator("#mijn-werk")).to_contain_text("<b>Haven</b> BV")  # shown as text
    assert Dienstverband.objects.filter(werkzoekende=persoon, gemeld_door_burger=True).exists()
    _smal_en_toegankelijk(page)

    page.context.clear_cookies()
    _staff_login(page, "coach")
    page.goto(f"/dossiers/{dossier.pk}/inkomen/")
    page.get_by_role("link", name="Dienstverband registreren").click()
    _smal_en_toegankelijk(page)
    page.get_by_label("KvK-nummer van de werkgever").fill("12345678")
    page.get_by_label("Naam van de werkgever").fill("Zorg & Co")
    page.get_by_label("Eerste werkdag").fill(eerste.isoformat())
    page.get_by_label("Uren per week").fill("12")
    page.get_by_role("button", name="Dienstverband registreren").click()
    expect(page.get_by_text("is geregistreerd")).to_be_visible()
    assert Dienstverband.objects.filter(werkzoekende=persoon).count() == 2
    _smal_en_toegankelijk(page)
