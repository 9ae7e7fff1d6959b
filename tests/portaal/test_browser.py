"""Browser check of the DigiD mock login and the session warning (Playwright + Debian chromium).

Runs with the e2e tests (marker `e2e`); the timeouts are shortened so the warning shows within
seconds. Also runs axe-core on every portal page.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from tests.browser import assert_geen_csp_schendingen, bewaak_csp
from tests.factories import DossierFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pagina(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    p = context.new_page()
    p.set_default_timeout(10_000)
    meldingen = bewaak_csp(p)
    yield p
    context.close()
    assert_geen_csp_schendingen(meldingen)


def _login(page, bsn: str) -> None:
    page.goto("/portaal/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_role("link", name=re.compile("Met burgerservicenummer")).click()
    page.locator("input[name=auth_bsn]").fill(bsn)
    page.locator("#submit-button").click()


def test_login_pages_accessible_and_session_warning(pagina, settings):
    from tests.browser import assert_accessible

    settings.DIGID_IDLE_TIMEOUT_SECONDS = 14
    settings.DIGID_IDLE_WARNING_SECONDS = 10
    coach = UserFactory(rol=Rol.WERKCONSULENT, first_name="Fatima", last_name="El Amrani")
    dossier = DossierFactory(werkcoach=coach)
    persoon = dossier.werkzoekende

    pagina.goto("/portaal/inloggen/")
    assert_accessible(pagina)
    _login(pagina, persoon.bsn)
    expect(pagina).to_have_url(re.compile(r"/portaal/$"))
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Welkom")
    assert persoon.bsn not in pagina.url
    assert_accessible(pagina)

    # the warning opens (timeout - warning = 4 s), focus on "Blijf ingelogd"
    dialoog = pagina.get_by_role("alertdialog")
    expect(dialoog).to_be_visible(timeout=8_000)
    blijf = dialoog.get_by_role("button", name="Blijf ingelogd")
    expect(blijf).to_be_focused()
    assert_accessible(pagina)
    blijf.click()
    expect(dialoog).to_be_hidden()
    expect(pagina).to_have_url(re.compile(r"/portaal/$"))

    # it comes back; without an answer the session ends and the login page explains why
    expect(dialoog).to_be_visible(timeout=8_000)
    expect(pagina).to_have_url(re.compile(r"/portaal/inloggen/"), timeout=15_000)
    expect(pagina.locator("main")).to_contain_text("niet actief")


def test_portal_pages_accessible(pagina, settings):
    from tests.browser import assert_accessible

    dossier = DossierFactory(werkcoach=UserFactory(rol=Rol.WERKCONSULENT))
    _login(pagina, dossier.werkzoekende.bsn)
    expect(pagina).to_have_url(re.compile(r"/portaal/$"))
    pagina.get_by_role("link", name="Berichten").click()
    assert_accessible(pagina)
    pagina.get_by_role("textbox", name="Uw bericht").fill("Hallo, ik heb een vraag.")
    pagina.get_by_role("button", name="Verstuur bericht").click()
    expect(pagina.locator("main")).to_contain_text("Uw bericht is verstuurd")
    assert_accessible(pagina)
    pagina.get_by_role("link", name="Wie heeft mijn gegevens bekeken?").click()
    assert_accessible(pagina)
    pagina.get_by_role("button", name="Uitloggen").first.click()
    expect(pagina.locator("main")).to_contain_text("U bent uitgelogd")
