"""Browser check of berichten (Playwright + Debian chromium, axe on every new page):
the werkcoach writes from the dossier screen, the burger reads and replies in the portal, the
werkcoach sees the reply; a contact moment marked "extern" appears in the portal, "intern" not."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from bijstand.dossiers.models import JournaalRegel
from tests.browser import assert_accessible, assert_geen_csp_schendingen, bewaak_csp
from tests.factories import DossierFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contexten(browser, live_server):
    staff = browser.new_context(base_url=live_server.url, locale="nl-NL")
    burger = browser.new_context(base_url=live_server.url, locale="nl-NL")
    paginas = [staff.new_page(), burger.new_page()]
    meldingen = [bewaak_csp(p) for p in paginas]
    for p in paginas:
        p.set_default_timeout(10_000)
    yield paginas
    staff.close()
    burger.close()
    for m in meldingen:
        assert_geen_csp_schendingen(m)


def _staff_login(page, live_server, user) -> None:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _burger_login(page, bsn: str) -> None:
    page.goto("/portaal/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_role("link", name=re.compile("Met burgerservicenummer")).click()
    page.locator("input[name=auth_bsn]").fill(bsn)
    page.locator("#submit-button").click()
    expect(page).to_have_url(re.compile(r"/portaal/$"))


def test_werkcoach_writes_burger_replies_and_extern_contact(contexten, live_server):
    staff, burger = contexten
    coach = UserFactory(rol=Rol.WERKCONSULENT, first_name="Fatima", last_name="El Amrani")
    dossier = DossierFactory(werkcoach=coach)
    persoon = dossier.werkzoekende

    # werkcoach: dossier screen -> Berichten -> new message
    _staff_login(staff, live_server, coach)
    staff.goto(f"/dossiers/{dossier.pk}/")
    staff.get_by_role("link", name=re.compile("Berichten met de burger")).click()
    expect(staff.get_by_role("heading", name="Berichten met de burger")).to_be_visible()
    assert_accessible(staff)
    staff.get_by_label("Onderwerp").fill("Uw sollicitatie")
    staff.locator("textarea[name=tekst]").fill("Hoe ging uw gesprek <b>bij</b> de Hema?")
    staff.get_by_role("button", name="Bericht versturen").click()
    expect(staff.get_by_role("heading", level=2, name="Uw sollicitatie")).to_be_visible()
    expect(staff.locator("main")).to_contain_text("Hoe ging uw gesprek <b>bij</b> de Hema?")
    assert_accessible(staff)

    # werkcoach: two contact moments through the journaal form, one extern, one intern
    for zichtbaarheid, tekst in (
        ("Extern", "Telefonisch gesproken over de vacature."),
        ("Intern", "Interne afweging over de route."),
    ):
        staff.goto(f"/dossiers/{dossier.pk}/")
        staff.locator("summary", has_text="Notitie of contactmoment toevoegen").click()
        staff.locator("#journaal select[name=kanaal]").select_option("telefoon")
        staff.get_by_label(re.compile(f"^{zichtbaarheid}:")).check()
        staff.locator("#journaal textarea[name=tekst]").fill(tekst)
        staff.get_by_role("button", name="Toevoegen aan journaal").click()
        expect(staff.locator("#journaal")).to_contain_text(tekst)

    # burger: portal -> Berichten -> the thread -> reply
    _burger_login(burger, persoon.bsn)
    burger.get_by_role("link", name="Berichten", exact=True).click()
    expect(burger.locator("main")).to_contain_text("Hoe ging uw gesprek <b>bij</b> de Hema?")
    expect(burger.locator("main")).to_contain_text("Nieuw")
    assert_accessible(burger)
    burger.get_by_role("link", name=re.compile("Antwoord op dit bericht")).click()
    expect(burger.get_by_role("heading", level=1, name="Uw sollicitatie")).to_be_visible()
    assert_accessible(burger)
    burger.get_by_label("Uw antwoord").fill("Goed! Ik mag volgende week terugkomen.")
    burger.get_by_role("button", name="Verstuur antwoord").click()
    expect(burger.get_by_role("status")).to_contain_text("Uw antwoord is verstuurd.")
    expect(burger.locator("main")).to_contain_text("Ik mag volgende week terugkomen.")
    assert_accessible(burger)

    # burger: the timeline shows the extern contact moment, never the intern one
    burger.goto("/portaal/berichten/")
    burger.get_by_role("link", name=re.compile("gesprekken en ander contact")).click()
    expect(burger.get_by_role("heading", level=1)).to_have_text("Contact met Werk & Inkomen")
    expect(burger.locator("main")).to_contain_text("Telefonisch gesproken over de vacature.")
    expect(burger.locator("main")).not_to_contain_text("Interne afweging")
    assert_accessible(burger)

    # werkcoach: the reply is in the thread
    staff.goto(f"/dossiers/{dossier.pk}/berichten/")
    expect(staff.locator("main")).to_contain_text("1 antwoord")
    staff.get_by_role("link", name="Uw sollicitatie").click()
    expect(staff.locator("main")).to_contain_text("Ik mag volgende week terugkomen.")
    expect(staff.locator("main")).to_contain_text("Van de burger")

    antwoord = JournaalRegel.objects.get(tekst="Goed! Ik mag volgende week terugkomen.")
    assert antwoord.richting == "inkomend" and antwoord.antwoord_op.onderwerp == "Uw sollicitatie"
