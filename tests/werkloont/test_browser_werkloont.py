"""In a real browser: the werkcoach plans a Werkloont week, the burger sees it in "Mijn week"
and reports absence; every new page passes axe-core (WCAG 2.1 A/AA). Keyboard-only: forms are
plain links, buttons and native fields."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from bijstand.core import tijd
from tests.browser import assert_accessible
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory
from werkloont import selectors, services, uren
from werkloont.models import Aanwezigheid, Afspraak

from .factories import TrainingsgroepFactory, WerkactiviteitPlekFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"


def _week_zonder_feestdag() -> datetime.date:
    """The first monday after this week whose working days have no public holiday."""
    ma = uren.maandag(tijd.vandaag()) + datetime.timedelta(weeks=1)
    while selectors.feestdagen(ma, ma + datetime.timedelta(days=6)):
        ma += datetime.timedelta(weeks=1)
    return ma


@pytest.fixture
def situatie():
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory(), username="coach")
    burger_persoon = WerkzoekendeFactory(achternaam="van 't Hof")
    dossier = DossierFactory(werkcoach=werkcoach, werkzoekende=burger_persoon)
    groep = TrainingsgroepFactory(
        startdatum=tijd.vandaag(), einddatum=tijd.vandaag() + datetime.timedelta(weeks=12)
    )
    WerkactiviteitPlekFactory()
    return {"dossier": dossier, "werkcoach": werkcoach, "groep": groep}


def _staff_login(page):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("coach")
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


def _plan(page, *, titel, soort, component, ma, dagen, van, tot, einde_weken=1):
    page.get_by_role("link", name="Activiteit plannen").first.click()
    expect(page.get_by_role("heading", name="Activiteit plannen")).to_be_visible()
    page.get_by_role("textbox", name=re.compile("^Titel")).fill(titel)
    page.get_by_label("Soort activiteit").select_option(label=soort)
    page.get_by_label(component, exact=True).check()
    page.get_by_label("Elke week", exact=True).check()
    page.get_by_label("Datum (bij elke week: de eerste datum)").fill(ma.isoformat())
    einde = ma + datetime.timedelta(weeks=einde_weken, days=-1)
    page.get_by_label("Laatste datum (alleen bij elke week)").fill(einde.isoformat())
    for dag in dagen:
        page.get_by_label(dag, exact=True).check()
    page.get_by_label("Begintijd").fill(van)
    page.get_by_label("Eindtijd").fill(tot)
    page.get_by_role("button", name="Activiteit plannen").click()


def test_werkcoach_plans_werkloont_week_and_burger_reports_absence(page, situatie):
    dossier = situatie["dossier"]
    ma = _week_zonder_feestdag()
    week = selectors.week_tekst(ma)

    _staff_login(page)
    page.goto(f"/dossiers/{dossier.pk}/agenda/")
    expect(page.get_by_role("heading", name="Werkweekagenda")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Programma starten").click()
    expect(page.get_by_role("heading", name="Programma starten")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Werkloont", exact=True).check()
    page.get_by_label("Startdatum").fill(tijd.vandaag().isoformat())
    page.get_by_role("button", name="Programma starten").click()
    expect(page.locator("#programma-soort")).to_have_text("Werkloont")

    page.goto(f"/dossiers/{dossier.pk}/agenda/?week={week}")
    _plan(
        page,
        titel="Werken bij de kringloop",
        soort="Betaald werk (deeltijd)",
        component="Werkcomponent (Werkloont)",
        ma=ma,
        dagen=["maandag", "dinsdag", "woensdag", "donderdag"],
        van="09:00",
        tot="13:00",
    )
    expect(page.get_by_text("'Werken bij de kringloop' staat in de agenda.")).to_be_visible()
    expect(page.locator("#norm-werk")).to_contain_text("In orde")
    expect(page.locator("#norm-training")).to_contain_text("Te weinig gepland")
    assert_accessible(page)

    # an overlapping activity is refused with a clear message, shown accessibly on the form
    _plan(
        page,
        titel="Taalles",
        soort="Taalcursus",
        component="Overig",
        ma=ma,
        dagen=["dinsdag"],
        van="12:00",
        tot="14:00",
    )
    expect(
        page.get_by_text(re.compile("Dit overlapt met 'Werken bij de kringloop'")).first
    ).to_be_visible()
    assert_accessible(page)

    page.goto(f"/dossiers/{dossier.pk}/agenda/?week={week}")
    _plan(
        page,
        titel="Sollicitatietraining",
        soort="Training",
        component="Trainingscomponent (Werkloont)",
        ma=ma,
        dagen=["maandag", "woensdag", "vrijdag"],
        van="13:00",
        tot="17:00",
    )
    expect(page.locator("#norm-training")).to_contain_text("In orde")
    expect(page.locator("#norm-werk")).to_contain_text("In orde")
    assert Afspraak.objects.filter(dossier=dossier).count() == 7

    page.get_by_role("link", name="Alle afspraken als lijst").click()
    expect(page.get_by_role("heading", name="Agenda als lijst")).to_be_visible()
    assert_accessible(page)
    page.goto("/werkloont/groepen/")
    assert_accessible(page)
    page.get_by_role("link", name=situatie["groep"].naam).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(situatie["groep"].naam)
    assert_accessible(page)
    page.goto("/werkloont/werkactiviteiten/")
    assert_accessible(page)
    page.get_by_role("link", name="Agendasignalen").click()
    expect(page.get_by_role("heading", name="Agendasignalen")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/werkloont/dossiers/{dossier.pk}/programma/nieuw/")
    assert_accessible(page)

    # the burger sees the week and reports that they cannot come
    page.context.clear_cookies()
    _digid_login(page, dossier.werkzoekende.bsn)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Mijn week").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn week")
    assert_accessible(page)
    page.goto(f"/portaal/mijn-week/?week={week}")
    expect(page.get_by_text("Deze week staat er 28 uur in uw agenda.")).to_be_visible()
    expect(page.get_by_text("Werken bij de kringloop").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^Ik kan niet komen")).first.click()
    expect(page.get_by_role("heading", name="Ik kan niet komen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ik kan niet komen om een andere reden").check()
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_text("Schrijf op waarom u niet kunt komen.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Waarom kunt u niet komen?").fill("Ik moet naar de rechtbank als getuige")
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_text("Dank u. Uw werkcoach weet nu dat u niet komt.")).to_be_visible()
    expect(page.get_by_text("U heeft zich afgemeld.")).to_be_visible()
    assert_accessible(page)
    eerste = Afspraak.objects.filter(dossier=dossier).order_by("datum", "begintijd").first()
    assert eerste.aanwezigheid == Aanwezigheid.AFWEZIG_MET_REDEN
    assert dossier.werkzoekende.bsn not in page.url

    page.get_by_role("link", name="Zet mijn week in mijn telefoon").click()
    assert_accessible(page)
    page.get_by_role("button", name="Maak een agenda-link").click()
    expect(page.locator("#agenda-link")).to_have_value(
        re.compile(r"/portaal/agenda/.+/werkweek\.ics$")
    )
    assert_accessible(page)


def test_every_staff_form_is_accessible(page, situatie):
    dossier = situatie["dossier"]
    vandaag = tijd.vandaag()
    services.start_traject(
        dossier=dossier, soort="iedereen_doet_mee", startdatum=vandaag, door=None
    )
    activiteit = services.plan_activiteit(
        dossier=dossier,
        door=None,
        soort="vrijwilligerswerk",
        titel="Voedselbank",
        herhaling="wekelijks",
        weekdagen=[0, 1, 2, 3, 4, 5, 6],
        startdatum=vandaag,
        einddatum=vandaag + datetime.timedelta(days=6),
        begintijd=datetime.time(9),
        eindtijd=datetime.time(12),
    )
    afspraak = activiteit.afspraken.get(datum=vandaag)
    traject = dossier.trajecten.get()
    _staff_login(page)
    basis = f"/werkloont/dossiers/{dossier.pk}"
    for pad, kop in (
        (f"{basis}/afspraken/{afspraak.pk}/aanwezigheid/", "Aanwezigheid registreren"),
        (f"{basis}/afspraken/{afspraak.pk}/annuleren/", "Afspraak annuleren"),
        (f"{basis}/activiteiten/{activiteit.pk}/stoppen/", "Activiteit stoppen"),
        (
            f"{basis}/activiteiten/{activiteit.pk}/competenties/",
            "Vrijwilligerswerk vertalen naar competenties",
        ),
        (f"{basis}/programma/{traject.pk}/norm/", "Persoonlijke norm naar vermogen"),
        (f"{basis}/programma/{traject.pk}/beeindigen/", "Programma beëindigen"),
    ):
        page.goto(pad)
        expect(page.get_by_role("heading", level=2, name=kop)).to_be_visible()
        assert_accessible(page)
    # keyboard only: register presence with Tab/Space/Enter
    page.goto(f"{basis}/afspraken/{afspraak.pk}/aanwezigheid/")
    page.get_by_label("Aanwezig", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Aanwezigheid opslaan").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("De aanwezigheid is vastgelegd.")).to_be_visible()
    afspraak.refresh_from_db()
    assert afspraak.aanwezigheid == Aanwezigheid.AANWEZIG
    assert_accessible(page)
