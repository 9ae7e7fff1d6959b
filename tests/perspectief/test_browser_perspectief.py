"""In a real browser: the werkcoach records a measurement and sees the chart beside the table;
the burger opens "Mijn perspectief" and does the self-assessment. axe-core finds no WCAG 2.x
A/AA violation on any new page; everything works with the keyboard."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from perspectief import services
from perspectief.models import Leefgebied, Meting
from tests.browser import assert_accessible
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory
from tests.perspectief.factories import alle_scores

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def situatie():
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory(), username="coach")
    # No account yet: the DigiD login links one to the person by BSN.
    dossier = DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory())
    services.registreer_meting(
        dossier=dossier, bron="intake", scores=alle_scores(3), trede=2, door=werkcoach
    )
    services.werk_profiel_bij(
        dossier=dossier, door=werkcoach, taalniveau="onder_1f", uren_per_week=24
    )
    services.leg_belemmeringen_vast(
        dossier=dossier,
        belemmeringen=[
            {"leefgebied": "financien", "omschrijving": "Schulden", "blokkeert_werk": 1}
        ],
        door=werkcoach,
    )
    services.leg_vaardigheden_vast(
        dossier=dossier, vaardigheden=[("Samenwerken", "vrijwilligerswerk")], door=werkcoach
    )
    services.stel_doelscores_vast(
        dossier=dossier,
        doelen={"financien": 4},
        streefdatum=timezone.localdate() + datetime.timedelta(days=90),
        door=werkcoach,
    )
    return {"dossier": dossier, "werkcoach": werkcoach}


def test_werkcoach_records_a_measurement_and_sees_chart_and_table(page, situatie):
    dossier = situatie["dossier"]
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("coach")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("caseload")

    page.goto(f"/dossiers/{dossier.pk}/perspectief/")
    expect(page.get_by_role("heading", name="Ontwikkelperspectief")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Nieuwe meting").click()
    expect(page.get_by_role("heading", name="Nieuwe meting")).to_be_visible()
    assert_accessible(page)
    # Previous scores are filled in; move two domains up and the ladder one step.
    page.get_by_label("Score Financiën").select_option("4")
    page.get_by_label("Score Werk & Opleiding").select_option("2")
    page.get_by_label("Trede op de participatieladder").select_option("3")
    page.get_by_role("button", name="Meting opslaan").click()
    # Score 2 needs an explanation: the error summary links to the field.
    expect(page.get_by_role("alert")).to_contain_text("Licht de score 2 voor Werk & Opleiding toe.")
    assert_accessible(page)
    page.get_by_label("Toelichting Werk & Opleiding").fill("Geen diploma, lang niet gewerkt.")
    page.get_by_role("button", name="Meting opslaan").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("De meting is vastgelegd.")).to_be_visible()
    grafiek = page.locator("figure.perspectief-grafiek")
    expect(grafiek).to_be_visible()  # Chart.js (npm static) drew the chart
    expect(page.locator("#grafiek-scores")).to_have_attribute("role", "img")
    financien = page.locator("#score-financien")
    expect(financien).to_contain_text("+1")
    expect(financien.locator("td").nth(1)).to_have_text("4")
    assert Meting.objects.filter(dossier=dossier, bron="werkcoach").exists()
    assert_accessible(page)

    for link, kop in (
        ("Doelen vaststellen", "Doelen vaststellen"),
        ("Belemmering toevoegen", "Belemmering toevoegen"),
        ("Vaardigheid toevoegen", "Vaardigheid toevoegen"),
        ("Werkprofiel bijwerken", "Werkprofiel bijwerken"),
        ("Segment en route vastleggen", "Segment en route vastleggen"),
    ):
        page.goto(f"/dossiers/{dossier.pk}/perspectief/")
        page.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", name=kop)).to_be_visible()
        assert_accessible(page)

    page.get_by_label("Grotere afstand met haalbaar perspectief").check()
    page.get_by_label("Dienstverleningsroute").select_option("intensief")
    page.get_by_label("Waarom kiest u dit?").fill("Eerst de schulden, dan werk.")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.locator("#huidig-besluit")).to_contain_text("Eerst de schulden, dan werk.")

    page.goto(f"/dossiers/{dossier.pk}/perspectief/")
    from perspectief.models import Belemmering

    belemmering = Belemmering.objects.get(dossier=dossier)
    knop = page.locator(f"#belemmering-{belemmering.pk}").get_by_role("button")
    expect(knop).to_contain_text("Opgelost")
    knop.click()
    expect(page.get_by_text("De belemmering is opgelost. Een stap vooruit!")).to_be_visible()
    assert_accessible(page)


def _digid_login(page, bsn: str) -> None:
    page.goto("/portaal/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.locator("#authentication_type_account_basis").click()
    page.locator("input[name=auth_bsn]").fill(bsn)
    page.locator("#submit-button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def test_burger_sees_mijn_perspectief_and_does_the_self_assessment(page, situatie):
    dossier = situatie["dossier"]
    _digid_login(page, dossier.werkzoekende.bsn)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Mijn perspectief").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn perspectief")
    expect(page.get_by_role("heading", name="Hoe gaat het nu?")).to_be_visible()
    expect(
        page.get_by_role("cell", name="Geldzaken").or_(
            page.get_by_role("rowheader", name="Geldzaken")
        )
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Welk werk past bij mij?")).to_be_visible()
    expect(page.get_by_text("Geldzaken: Schulden")).to_be_visible()
    expect(page.locator("figure.perspectief-grafiek")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Vul zelf in hoe het met u gaat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zelf invullen hoe het gaat")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Kies bij minstens één onderwerp hoe het gaat."
    )
    assert_accessible(page)

    groep = page.get_by_role("group", name="Hoe gaat het met: Geldzaken?")
    groep.get_by_label("Het gaat niet goed. Ik heb hulp nodig.").check()
    woning = page.get_by_role("group", name="Hoe gaat het met: Woning?")
    woning.get_by_label("Het gaat goed. Ik red me helemaal zelf.").focus()
    page.keyboard.press("Space")
    page.get_by_label("Wilt u nog iets vertellen?").fill("Ik heb hulp nodig met brieven.")
    page.get_by_role("button", name="Opslaan").click()

    expect(
        page.get_by_text("Dank u wel. Uw werkcoach ziet nu wat u zelf heeft ingevuld.")
    ).to_be_visible()
    zelf = Meting.objects.get(dossier=dossier, bron="zelfbeoordeling")
    assert {s.leefgebied.code: s.score for s in zelf.scores.all()} == {
        "financien": 2,
        "huisvesting": 5,
    }
    assert Leefgebied.objects.count() == 13
    assert dossier.werkzoekende.bsn not in page.url
    assert_accessible(page)
