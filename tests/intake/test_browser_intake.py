"""In a real browser: the consulent completes a brede intake (every step, then finalise), with
the keyboard for navigation and submitting; the burger prepares a part in the portal. axe-core
finds no WCAG 2.x A/AA violation on any page on the way.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from intake.models import Intake
from perspectief.models import Leefgebied, Meting, Profiel
from tests.browser import assert_accessible
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db(transaction=True)
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def situatie():
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory(), username="coach")
    # No account yet: DigiD links one on the first login.
    dossier = DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory())
    return {"dossier": dossier, "werkcoach": werkcoach}


def _volgende(page, titel: str) -> None:
    """Submit with the keyboard (focus the primary button, press Enter) and land on ``titel``."""
    page.get_by_role("button", name="Opslaan en naar de volgende stap").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2)).to_contain_text(titel)
    assert_accessible(page)


def test_consulent_completes_an_intake(page, situatie):
    dossier = situatie["dossier"]
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("coach")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("caseload")

    page.goto(f"/dossiers/{dossier.pk}/intake/")
    expect(page.get_by_role("heading", name="Brede intake")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Aanvraag").check()
    page.get_by_role("button", name="Intake starten").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Stap 1 van 17")
    assert_accessible(page)

    page.get_by_label("De gegevens uit het dossier zijn met de burger nagelopen").check()
    _volgende(page, "Inkomen en schulden")
    page.locator("#id_schulden").select_option("problematisch")
    page.locator("#id_schuldhulp").select_option("aangemeld")
    _volgende(page, "Huisvesting")
    page.locator("#id_woonsituatie").select_option("huur")
    _volgende(page, "Gezondheid")
    expect(page.get_by_text("Vertrouwelijk: alleen u als werkcoach")).to_be_visible()
    page.locator("#id_lichamelijke_klachten").fill("Rugklachten bij tillen")
    _volgende(page, "Taal")
    page.locator("#id_taalniveau").select_option("1f")
    _volgende(page, "Opleiding")
    page.locator("#id_hoogste_opleiding").select_option("vmbo")
    _volgende(page, "Werkervaring")
    page.locator("#id_laatste_werk").fill("Vijf jaar schoonmaker in een ziekenhuis")
    page.get_by_label("Schoonmaker", exact=True).check()
    page.locator("#id_vrijwilligerswerk").fill("Kok bij het buurthuis")
    page.locator("#id_competenties").fill("Koken voor groepen\nHygiënisch werken")
    _volgende(page, "Certificaten")
    page.get_by_label("VCA (veiligheid)").check()
    page.get_by_label("Rijbewijs B").check()
    _volgende(page, "Kinderopvang")
    page.locator("#id_kinderopvang").select_option("nvt")
    _volgende(page, "Mobiliteit")
    page.get_by_label("Fiets").check()
    page.locator("#id_max_reistijd_minuten").fill("40")
    _volgende(page, "Sociaal netwerk")
    page.locator("#id_steun").select_option("beperkt")
    _volgende(page, "Justitie")
    page.locator("#id_justitie").select_option("geen")
    _volgende(page, "Wensen en motivatie")
    page.get_by_label("Kok", exact=True).check()
    page.locator("#id_motivatie").select_option("hoog")
    _volgende(page, "Uren beschikbaar")
    page.locator("#id_uren_per_week").fill("24")
    page.locator("#id_max_fysieke_belasting").select_option("middel")
    _volgende(page, "Zelfredzaamheid")

    # Scores: first a mistake (score 2 without explanation), summarised at the top.
    for lg in Leefgebied.objects.order_by("nummer"):
        page.locator(f"#id_score_{lg.code}").select_option("4")
    page.locator("#id_score_financien").select_option("2")
    page.locator("#id_trede").select_option("3")
    page.get_by_role("button", name="Opslaan en naar de volgende stap").focus()
    page.keyboard.press("Enter")
    samenvatting = page.locator("[data-error-summary]")
    expect(samenvatting).to_be_focused()
    link = samenvatting.get_by_role("link", name="Licht de score 2 voor Financiën toe.")
    expect(link).to_have_attribute("href", "#id_toelichting_financien")
    assert_accessible(page)
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.locator("#id_toelichting_financien").fill("Problematische schulden, bewind aangevraagd")
    _volgende(page, "Belemmeringen")

    page.locator("#id_belemmeringen-0-leefgebied").select_option("financien")
    page.locator("#id_belemmeringen-0-omschrijving").fill("Schulden vragen alle aandacht")
    page.get_by_label("Belemmering 1: Blokkeert werk op dit moment").check()
    _volgende(page, "Vaardigheden")
    page.locator("#id_vaardigheden").fill("Plannen")
    page.get_by_role("button", name="Opslaan en naar afronden").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Intake afronden")).to_be_visible()
    expect(page.get_by_text("Alle leefgebieden zijn gescoord")).to_be_visible()
    assert_accessible(page)

    # Step navigation with the keyboard: go back to a step and return.
    stappen = page.get_by_role("navigation", name="Stappen van de intake")
    stappen.get_by_role("link", name="Taal").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Stap 5 van 17: Taal")
    expect(page.get_by_text("Taaleis (Nederlands op niveau 1F): voldaan.")).to_be_visible()
    page.get_by_role("navigation", name="Stappen van de intake").get_by_role(
        "link", name="Afronden"
    ).click()

    page.get_by_role("button", name="Intake definitief maken").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("De intake is definitief.")).to_be_visible()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Aanvraag (definitief)")
    expect(page.get_by_text("Rugklachten bij tillen")).to_be_visible()
    assert_accessible(page)

    intake = Intake.objects.get(dossier=dossier)
    assert intake.status == "definitief"
    meting = Meting.objects.get(dossier=dossier)
    assert (meting.bron, meting.trede, meting.scores.count()) == ("intake", 3, 13)
    profiel = Profiel.objects.get(dossier=dossier)
    assert (profiel.uren_per_week, profiel.certificaten, profiel.gewenste_beroepen) == (
        24,
        ["vca"],
        ["5120"],
    )

    # From the finished intake straight on to the plan van aanpak, which now exists.
    page.get_by_role("link", name="Verder met het plan van aanpak").click()
    expect(page.get_by_role("heading", name="Doelen", level=3)).to_be_visible()
    page.get_by_text("Doel toevoegen", exact=True).click()
    page.get_by_role("textbox", name="Doel (verplicht)").fill("Schulden in beeld")
    page.get_by_label("Gekoppeld aan").select_option(label="Financiën")
    page.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_text("Schulden in beeld").first).to_be_visible()
    assert_accessible(page)
    from plan.models import Doel

    assert list(Doel.objects.filter(plan__dossier=dossier).values_list("titel", flat=True)) == [
        "Schulden in beeld"
    ]

    page.goto(f"/dossiers/{dossier.pk}/intake/")
    expect(page.get_by_role("link", name="Bekijken aanvraag")).to_be_visible()
    assert_accessible(page)


def test_burger_bereidt_intake_voor(page, situatie):
    dossier = situatie["dossier"]
    page.goto("/portaal/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.locator("#authentication_type_account_basis").click()
    page.locator("input[name=auth_bsn]").fill(dossier.werkzoekende.bsn)
    page.locator("#submit-button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")

    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Intake voorbereiden"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Intake voorbereiden")
    assert_accessible(page)
    page.get_by_role("link", name="Hoeveel uur kunt u werken?").click()
    page.get_by_label("Hoeveel uur per week kunt u werken?").fill("80")
    page.get_by_role("button", name="Bewaren en terug naar het overzicht").click()
    expect(
        page.get_by_role("link", name="Hoeveel uur per week kunt u werken? Vul een getal in van 60")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Hoeveel uur per week kunt u werken?").fill("20")
    page.get_by_role("button", name="Bewaren en terug naar het overzicht").click()
    expect(page.get_by_text("Uw antwoorden zijn bewaard.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Wat wilt u graag?").click()
    page.get_by_label("Kok", exact=True).check()
    page.get_by_label("Hoe graag wilt u aan het werk?").select_option("hoog")
    assert_accessible(page)
    page.get_by_role("button", name="Bewaren en terug naar het overzicht").click()
    intake = Intake.objects.get(dossier=dossier)
    assert intake.burger_antwoorden["beschikbaarheid"]["uren_per_week"] == 20
    assert intake.burger_antwoorden["wensen"]["gewenste_beroepen"] == ["5120"]


def test_heronderzoek_shows_changes_accessibly(page, situatie):
    from intake import services
    from tests.intake.factories import alle_scores, definitieve_intake

    dossier, werkcoach = situatie["dossier"], situatie["werkcoach"]
    definitieve_intake(
        dossier,
        werkcoach,
        scores=alle_scores(score=3),
        beschikbaarheid={"uren_per_week": 8},
        belemmeringen={"belemmeringen": [{"leefgebied": "financien", "omschrijving": "Schulden"}]},
    )
    her = services.start_intake(dossier=dossier, soort="heronderzoek", door=werkcoach)
    services.sla_stap_op(
        intake=her, stap="scores", antwoorden=alle_scores(score=4, trede=4), door=werkcoach
    )
    services.sla_stap_op(
        intake=her, stap="beschikbaarheid", antwoorden={"uren_per_week": 20}, door=werkcoach
    )
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("coach")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"/intake/dossiers/{dossier.pk}/{her.pk}/scores/")
    tabel = page.get_by_role("table", name="vorige keer")
    expect(tabel.get_by_role("row", name="Score Financiën")).to_contain_text(
        "3 - Beperkt zelfredzaam"
    )
    expect(tabel.get_by_role("row", name="Score Financiën")).to_contain_text("(hoger)")
    assert_accessible(page)
    page.goto(f"/intake/dossiers/{dossier.pk}/{her.pk}/")
    expect(page.get_by_role("heading", name="Brede intake: Heronderzoek (concept)")).to_be_visible()
    assert_accessible(page)
