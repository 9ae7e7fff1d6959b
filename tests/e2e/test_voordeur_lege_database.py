"""The acceptance test of issue 12 (the front door), in a real browser, from an EMPTY database.

Start: migrations and reference data only (the rule sets, wijken, aanvraagbeleid), no demo data,
one functioneel beheerder made directly in the database. Everything after that goes through
the screens:

1. beheer (admin at /beheer/) makes a team, a werkcoach in it, a second werkcoach outside it
   (who would get the dossier if the wijk had no team: the oldest account with the smallest
   caseload), an inkomensconsulent and a medewerker betaalruns, and gives the wijk of the
   burger's postcode that team;
2. 17 March 2026: a burger whom only the fake BRP knows logs in with DigiD (mock), reports and
   applies in the portal (every step, one bewijsstuk) and sends the aanvraag; the dossier lands
   with the werkcoach of the wijk's team;
3. 18 March: the werkcoach does the brede intake (scores and trede; finalising starts the plan);
4. 20 March: an inkomensconsulent takes the aanvraag from the worklist, finds every item of the
   rechtmatigheid checklist in order and grants per 17 March (the melding); the besluit has a
   send date and a bezwaartermijn, and its beschikking is a PDF;
5. the burger finds the letter under "Mijn brieven";
6. 25 March: the monthly payment run (started as beat starts it: the Betaalruns screen has no
   start button) pays March prorated (levensloop.md §3: 1.401,50 x 15/31 = 678,15, minus 5 %
   vakantietoeslag 33,91 = 644,24); the medewerker betaalruns downloads the SEPA file, which
   holds exactly that one transfer; the calculation core gives the same amount.

axe-core finds no WCAG 2.x A/AA violation on any page of the front door on the way (at 1280 px,
the key pages also at 320 px, where no page may scroll sideways: checked at the end, so a
layout fault does not hide the rest); the ``page`` fixture fails the test on any Content-
Security-Policy message. Full-page screenshots go to ``$SCREENSHOT_DIR`` when set. The app's clock
(``bijstand.core.tijd.vandaag``) is moved with monkeypatch: the live server runs in this process.
"""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.urls import NoReverseMatch, reverse
from lxml import etree
from playwright.sync_api import Page, expect

from aanvraag.models import Aanvraag, Aanvraagbeleid, AanvraagStatus, BesluitSoort
from aanvraag.stappen import CHECKLIST
from bijstand.accounts import services as account_services
from bijstand.accounts.models import Rol, User
from bijstand.core import tijd
from bijstand.dossiers.models import Dossier, DossierStatus, JournaalRegel, Werkzoekende, Wijk
from inkomen import rekenregels
from inkomen import selectors as inkomen_selectors
from inkomen.models import Betaalrun, Uitkering
from intake.models import Intake
from perspectief.models import Leefgebied
from plan.models import Plan
from tests.browser import assert_accessible
from tests.brp.fixtures import fake_brp  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BSN = "999991085"  # Sanne Kok, born 14-3-1996, alone at Nieuwe Binnenweg 301A, 3021 GD
NAAM = "Sanne Kok"
IBAN = "NL91ABNA0417164300"
WACHTWOORD = "Voordeur-lente-2026!"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PAIN = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}

MELDING = date(2026, 3, 17)
INTAKE = date(2026, 3, 18)
BESLUIT = date(2026, 3, 20)
BETAALDAG = date(2026, 3, 25)
MAART = date(2026, 3, 1)
VERWACHT = Decimal("644.24")  # levensloop.md §3, first row


# position:absolute elements (visually hidden text) that stick out to the right of the viewport
TE_BREED_JS = """b => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > b + 1
    && ['absolute', 'fixed'].includes(getComputedStyle(e).position))
  .map(e => e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.')
    + ' "' + e.textContent.trim().slice(0, 40) + '"')"""


# Pages at 320 px that scroll sideways (WCAG 1.4.10): collected and asserted at the end of the
# test, so that one layout fault does not hide whether the rest of the front door works.
SCROLLEN_OPZIJ: list[str] = []


def _bekijk(page: Page, naam: str, *, smal: bool = False) -> None:
    """axe at 1280 px, for the key pages also at 320 px (and no sideways scrolling there). A
    full-page screenshot of each width when SCREENSHOT_DIR is set."""
    map_ = os.environ.get("SCREENSHOT_DIR")
    for breedte in (1280, 320) if smal else (1280,):
        page.set_viewport_size({"width": breedte, "height": 900})
        if map_:
            Path(map_).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{map_}/voordeur-{naam}-{breedte}.png", full_page=True)
        assert_accessible(page)
        breed = page.evaluate("document.documentElement.scrollWidth")
        if breed > breedte:
            SCROLLEN_OPZIJ.append(
                f"{naam} ({page.url}): {breed} px wide at {breedte} px, sticking out: "
                + ", ".join(page.evaluate(TE_BREED_JS, breedte))
            )
    page.set_viewport_size({"width": 1280, "height": 900})


def _kop(page: Page, tekst: str | re.Pattern) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(tekst)


def _knop(page: Page, naam: str) -> None:
    page.get_by_role("button", name=naam, exact=True).first.click()


def _medewerker_login(page: Page, gebruikersnaam: str) -> None:
    """Log out whoever was logged in (new cookies) and log in at the staff login form."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: urlparse(url).path != "/accounts/login/")


def _digid_login(page: Page) -> None:
    page.context.clear_cookies()
    page.goto("/portaal/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.locator("#authentication_type_account_basis").click()
    page.locator("input[name=auth_bsn]").fill(BSN)
    page.locator("#submit-button").click()
    page.wait_for_url(
        lambda url: urlparse(url).path.startswith("/portaal/") and "inloggen" not in url
    )


def _hoofdmenu(page: Page, naam: str) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=naam).click()


# --------------------------------------------------------------------------------------------
# beheer


def _beheer_opgeslagen(page: Page) -> None:
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()


def _beheer_gebruiker(
    page: Page, gebruikersnaam: str, voornaam: str, achternaam: str, rol: str, team: str = ""
) -> None:
    page.goto(reverse("admin:accounts_user_add"))
    page.locator("#id_username").fill(gebruikersnaam)
    page.locator("#id_first_name").fill(voornaam)
    page.locator("#id_last_name").fill(achternaam)
    page.locator("#id_rol").select_option(rol)
    if team:
        page.locator("#id_team").select_option(label=team)
    page.locator("#id_password1").fill(WACHTWOORD)
    page.locator("#id_password2").fill(WACHTWOORD)
    _beheer_opgeslagen(page)


def _beheer_richt_in(page: Page) -> None:
    _medewerker_login(page, "beheer")
    page.goto("/beheer/")
    expect(page.locator("#content")).to_be_visible()

    page.goto(reverse("admin:accounts_team_add"))
    page.locator("#id_naam").fill("Team Delfshaven")
    _beheer_opgeslagen(page)
    # first the werkcoach outside the team: the oldest account wins a tie without a wijk team
    _beheer_gebruiker(page, "belders", "Bram", "Elders", Rol.WERKCONSULENT)
    _beheer_gebruiker(page, "wdewit", "Wendy", "de Wit", Rol.WERKCONSULENT, "Team Delfshaven")
    _beheer_gebruiker(page, "ikramer", "Ineke", "Kramer", Rol.INKOMENSCONSULENT)
    _beheer_gebruiker(page, "bbetaal", "Bert", "Betaal", Rol.BETAALRUN)

    # the wijk of 3021 GD gets the team (the team is editable in the list)
    page.goto(reverse("admin:dossiers_wijk_changelist") + "?q=Middelland")
    rij = page.locator("#result_list tbody tr").filter(has_text="Middelland")
    expect(rij).to_have_count(1)
    rij.locator("select[name$='-team']").select_option(label="Team Delfshaven")
    _beheer_opgeslagen(page)


# --------------------------------------------------------------------------------------------
# the burger applies


def _burger_vraagt_aan(page: Page) -> None:
    _digid_login(page)
    _kop(page, "Bijstand aanvragen")
    assert BSN not in page.content()
    _bekijk(page, "01-portaal-start", smal=True)
    _knop(page, "Ik meld mij voor bijstand")

    _kop(page, "Uw gegevens")
    expect(page.get_by_text(NAAM).first).to_be_visible()
    _bekijk(page, "02-persoon", smal=True)
    page.get_by_label("E-mailadres", exact=True).fill("sanne.kok@example.org")
    page.get_by_label("Telefoonnummer", exact=True).fill("06-12345678")
    page.get_by_label(re.compile("digitaal ontvangen")).check()
    _knop(page, "Opslaan en verder")

    _kop(page, "Waar u woont")
    page.get_by_label("Ik huur een woning of kamer").check()
    page.get_by_label(re.compile(r"^Woonkosten per maand")).fill("725,00")
    _bekijk(page, "03-wonen")
    _knop(page, "Opslaan en verder")

    _kop(page, "Met wie u woont")
    _bekijk(page, "04-huishouden")
    _knop(page, "Opslaan en verder")

    _kop(page, "Uw inkomen")
    _bekijk(page, "05-inkomen")
    _knop(page, "Opslaan en verder")

    _kop(page, "Uw geld en bezit")
    page.get_by_label(re.compile("^Geld op al uw bankrekeningen")).fill("250,00")
    _bekijk(page, "06-vermogen")
    _knop(page, "Opslaan en verder")

    _kop(page, "Uw bankrekening")
    page.get_by_label(re.compile(r"^Uw rekeningnummer \(IBAN\)")).fill("NL91 ABNA 0417 1643 00")
    page.get_by_label(re.compile("^Op naam van")).fill("S. Kok")
    _bekijk(page, "07-bankrekening")
    _knop(page, "Opslaan en verder")

    _kop(page, "Bewijsstukken")
    page.get_by_label(re.compile("^Wat voor bewijsstuk")).select_option("identiteit")
    page.get_by_label(re.compile("^Bestand")).set_input_files(
        {"name": "paspoort.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    _knop(page, "Bestand toevoegen")
    expect(page.get_by_text("Identiteitsbewijs, gestuurd op")).to_be_visible()
    _bekijk(page, "08-stukken")
    _knop(page, "Opslaan en verder")

    _kop(page, "Controleren en versturen")
    expect(page.get_by_text("sanne.kok@example.org")).to_be_visible()
    page.get_by_label(re.compile("naar waarheid")).check()
    _bekijk(page, "09-verklaring", smal=True)
    _knop(page, "Aanvraag versturen")

    _kop(page, "Uw aanvraag is verstuurd")
    expect(page.get_by_text("Uw werkcoach is Wendy de Wit")).to_be_visible()
    _bekijk(page, "10-verstuurd", smal=True)
    page.get_by_role("link", name="Bekijk mijn aanvraag").click()
    _kop(page, "Mijn aanvraag")
    _bekijk(page, "11-mijn-aanvraag")


# --------------------------------------------------------------------------------------------
# the werkcoach: brede intake


def _werkcoach_intake(page: Page, dossier: Dossier) -> None:
    _medewerker_login(page, "wdewit")
    _kop(page, re.compile("caseload"))
    page.get_by_role("link", name=NAAM).first.click()
    expect(page).to_have_url(re.compile(rf"/dossiers/{dossier.pk}/$"))
    page.get_by_role("navigation", name="Onderdelen van het dossier").get_by_role(
        "link", name="Aanvraag"
    ).click()
    _bekijk(page, "12-dossier-aanvraagtab")
    page.get_by_role("navigation", name="Onderdelen van het dossier").get_by_role(
        "link", name="Intake"
    ).click()
    expect(page.get_by_role("heading", name="Brede intake")).to_be_visible()
    page.get_by_label("Aanvraag", exact=True).check()
    page.get_by_role("button", name="Intake starten").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Stap 1 van 17")
    page.get_by_label("De gegevens uit het dossier zijn met de burger nagelopen").check()
    page.get_by_role("button", name="Opslaan en naar de volgende stap").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Inkomen en schulden")

    page.get_by_role("navigation", name="Stappen van de intake").get_by_role(
        "link", name=re.compile("^Zelfredzaamheid")
    ).click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Zelfredzaamheid")
    for lg in Leefgebied.objects.order_by("nummer"):
        page.locator(f"#id_score_{lg.code}").select_option("4")
    page.locator("#id_trede").select_option("3")
    page.get_by_role("button", name="Opslaan en naar de volgende stap").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Belemmeringen")

    page.get_by_role("navigation", name="Stappen van de intake").get_by_role(
        "link", name=re.compile("^Afronden")
    ).click()
    expect(page.get_by_role("heading", name="Intake afronden")).to_be_visible()
    page.get_by_role("button", name="Intake definitief maken").click()
    expect(page.get_by_text("De intake is definitief.")).to_be_visible()
    page.get_by_role("link", name="Verder met het plan van aanpak").click()
    expect(page.get_by_role("heading", name="Doelen", level=3)).to_be_visible()


# --------------------------------------------------------------------------------------------
# the inkomensconsulent: checklist and besluit


def _consulent_kent_toe(page: Page) -> None:
    _medewerker_login(page, "ikramer")
    _hoofdmenu(page, "Aanvragen")
    _kop(page, "Aanvragen")
    _bekijk(page, "13-werklijst", smal=True)
    page.get_by_role("link", name=NAAM).first.click()
    expect(page.get_by_role("button", name="In behandeling nemen")).to_be_visible()
    _bekijk(page, "14-aanvraag", smal=True)
    page.get_by_role("button", name="In behandeling nemen").click()
    expect(page.get_by_text("U behandelt deze aanvraag nu.")).to_be_visible()
    expect(page.get_by_role("heading", name="Rechtmatigheidscontrole")).to_be_visible()

    for code, _label in CHECKLIST:
        item = page.locator(f"#controle-{code}")
        item.locator("summary").click()
        item.get_by_label("In orde", exact=True).check()
        item.get_by_role("button", name=re.compile("^Vastleggen")).click()
        expect(page.locator(f"#controle-{code} .utrecht-status-badge--success")).to_be_visible()
    expect(page.get_by_text("Alle onderdelen zijn in orde.")).to_be_visible()
    _bekijk(page, "15-aanvraag-gecontroleerd")

    page.locator("#besluit-nemen summary").filter(has_text="Toekennen").click()
    ingangsdatum = page.locator("#id_toekennen-ingangsdatum")
    expect(ingangsdatum).to_have_value(MELDING.isoformat())  # the melding is the default
    ingangsdatum.fill(MELDING.isoformat())
    page.get_by_role("button", name="Aanvraag toekennen").click()
    expect(page.get_by_text("De aanvraag is toegekend.")).to_be_visible(timeout=30_000)
    besluit = page.locator("#besluit")
    expect(besluit.get_by_role("heading", level=2)).to_contain_text("toekenning")
    expect(besluit).to_contain_text("17 maart 2026")  # ingangsdatum
    expect(besluit).to_contain_text("20 maart 2026")  # verzonden
    expect(besluit).to_contain_text("Bezwaar mogelijk tot en met")
    _bekijk(page, "16-besluit", smal=True)

    pdf_link = page.get_by_role("link", name="Beschikking downloaden (PDF)")
    expect(pdf_link).to_be_visible()
    antwoord = page.request.get(pdf_link.get_attribute("href"))
    assert antwoord.status == 200
    assert antwoord.headers["content-type"].startswith("application/pdf")
    assert antwoord.body().startswith(b"%PDF")


# --------------------------------------------------------------------------------------------
# the burger reads the letter


def _burger_leest_brief(page: Page) -> None:
    _digid_login(page)
    try:
        reverse("portaal:besluiten")
    except NoReverseMatch:  # "Mijn brieven" not there yet
        return
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Mijn brieven").click()
    _kop(page, "Mijn brieven")
    expect(page.get_by_text("U krijgt bijstand vanaf 17 maart 2026.")).to_be_visible()
    expect(page.get_by_text("Verstuurd op 20 maart 2026")).to_be_visible()
    _bekijk(page, "17-mijn-brieven", smal=True)
    link = page.get_by_role("link", name=re.compile(r"^Download de brief van 20 maart 2026"))
    antwoord = page.request.get(link.get_attribute("href"))
    assert antwoord.status == 200
    assert antwoord.body().startswith(b"%PDF")


# --------------------------------------------------------------------------------------------
# the payment run


def _start_betaalrun_zoals_beat() -> None:
    """What beat does on the 25th (``inkomen.maandelijkse_betaalrun``, without arguments: the
    month of today). Celery is eager in the tests, so the run is finished on return."""
    from inkomen.tasks import maandelijkse_betaalrun

    maandelijkse_betaalrun.delay()


def _download_betaalbestand(page: Page) -> bytes:
    _medewerker_login(page, "bbetaal")
    _hoofdmenu(page, "Betaalruns")
    _kop(page, "Betaalruns")
    _bekijk(page, "18-betaalruns")
    page.get_by_role("link", name=re.compile("maart 2026", re.IGNORECASE)).click()
    link = page.get_by_role("link", name=re.compile(r"^Betaalbestand .* downloaden"))
    expect(link).to_be_visible()
    _bekijk(page, "19-betaalrun")
    antwoord = page.request.get(link.get_attribute("href"))
    assert antwoord.status == 200
    return antwoord.body()


def _uit_de_kern(werkzoekende: Werkzoekende) -> rekenregels.Resultaat:
    """March 2026 for this household straight from the calculation core."""
    invoer = rekenregels.Invoer(
        maand=rekenregels.Maand(2026, 3),
        aanvrager=rekenregels.Persoon(geboortedatum=werkzoekende.geboortedatum),
        recht_vanaf=MELDING,
    )
    return rekenregels.bereken(
        invoer,
        inkomen_selectors.regelset_voor_maand(MAART),
        inkomen_selectors.beleid_voor_maand(MAART),
    )


# --------------------------------------------------------------------------------------------


def test_van_lege_database_tot_betaalbestand(
    page,
    live_server,
    fake_brp,  # noqa: F811
    monkeypatch,
):
    SCROLLEN_OPZIJ.clear()
    # --- 1. the empty database: reference data only, one beheer account
    assert not Werkzoekende.objects.exists()
    assert not Dossier.objects.exists()
    assert not Aanvraag.objects.exists()
    assert not Uitkering.objects.exists()
    assert not Betaalrun.objects.exists()
    assert not JournaalRegel.objects.exists()
    assert not User.objects.exists()  # no demo logins
    middelland = Wijk.objects.get(naam="Middelland")
    assert middelland.team is None and "3021" in middelland.postcodes.split(",")
    assert Aanvraagbeleid.objects.exists()
    regelset = inkomen_selectors.regelset_voor_maand(MAART)  # raises when none covers March
    assert regelset.geldig_vanaf == date(2026, 1, 1)
    assert regelset.norm_alleenstaande == Decimal("1401.50")
    assert any(p["burgerservicenummer"] == BSN for p in fake_brp.personen)  # only there

    beheer = account_services.maak_medewerker(
        username="beheer",
        rol=Rol.BEHEERDER,
        password=WACHTWOORD,
        first_name="Bea",
        last_name="Heer",
    )
    assert list(User.objects.values_list("username", "rol", "is_staff")) == [
        ("beheer", Rol.BEHEERDER, True)
    ]
    assert beheer.has_perm("accounts.add_user")

    klok = {"vandaag": MELDING}
    monkeypatch.setattr(tijd, "vandaag", lambda: klok["vandaag"])

    # --- 2. beheer sets up the organisation
    _beheer_richt_in(page)
    medewerkers = {u.username: u for u in User.objects.exclude(username="beheer")}
    assert {n: (u.rol, u.team.naam if u.team else None) for n, u in medewerkers.items()} == {
        "belders": (Rol.WERKCONSULENT, None),
        "wdewit": (Rol.WERKCONSULENT, "Team Delfshaven"),
        "ikramer": (Rol.INKOMENSCONSULENT, None),
        "bbetaal": (Rol.BETAALRUN, None),
    }
    assert not any(u.is_staff for u in medewerkers.values())
    assert Wijk.objects.get(naam="Middelland").team.naam == "Team Delfshaven"

    # --- 3. 17 March: the burger applies in the portal
    _burger_vraagt_aan(page)
    aanvraag = Aanvraag.objects.select_related("dossier__werkzoekende", "dossier__werkcoach").get()
    dossier = aanvraag.dossier
    assert aanvraag.status == AanvraagStatus.INGEDIEND
    assert (aanvraag.kanaal, aanvraag.melddatum, aanvraag.ontvangen_op) == (
        "portaal",
        MELDING,
        MELDING,
    )
    assert aanvraag.elektronisch
    assert dossier.werkcoach.username == "wdewit"  # the team of the wijk, not the oldest coach
    assert dossier.werkzoekende.wijk.naam == "Middelland"
    assert dossier.werkzoekende.iban == IBAN
    assert aanvraag.stukken.count() == 1

    # --- 4. 18 March: the werkcoach does the brede intake
    klok["vandaag"] = INTAKE
    _werkcoach_intake(page, dossier)
    assert Intake.objects.get(dossier=dossier).status == "definitief"
    assert Plan.objects.filter(dossier=dossier).exists()

    # --- 5. 20 March: the inkomensconsulent grants per the melding
    klok["vandaag"] = BESLUIT
    _consulent_kent_toe(page)
    aanvraag.refresh_from_db()
    dossier.refresh_from_db()
    besluit = aanvraag.besluit
    assert aanvraag.status == AanvraagStatus.TOEGEKEND
    assert (besluit.soort, besluit.ingangsdatum, besluit.verzonden_op) == (
        BesluitSoort.TOEKENNING,
        MELDING,
        BESLUIT,
    )
    assert besluit.verzendwijze == "elektronisch"
    assert besluit.bezwaar_tot == date(2026, 5, 1)  # 6 weeks from the day after sending
    assert besluit.pdf_sha256
    assert dossier.status == DossierStatus.LOPEND
    assert dossier.inkomensconsulent.username == "ikramer"
    assert Uitkering.objects.get(dossier=dossier).ingangsdatum == MELDING

    # --- 6. the burger reads the letter
    _burger_leest_brief(page)

    # --- 7. 25 March: the payment run of March pays the prorated month
    klok["vandaag"] = BETAALDAG
    _start_betaalrun_zoals_beat()
    run = Betaalrun.objects.get(maand=MAART)
    assert run.status == "klaar", run.status
    xml = _download_betaalbestand(page)
    document = etree.fromstring(xml)
    transfers = document.findall(".//p:CdtTrfTxInf", PAIN)
    van_burger = [
        t for t in transfers if t.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=PAIN) == IBAN
    ]
    assert len(transfers) == 1 and len(van_burger) == 1, [
        (
            t.findtext("p:Cdtr/p:Nm", namespaces=PAIN),
            t.findtext("p:Amt/p:InstdAmt", namespaces=PAIN),
        )
        for t in transfers
    ]
    bedrag = Decimal(van_burger[0].findtext("p:Amt/p:InstdAmt", namespaces=PAIN))
    assert van_burger[0].findtext("p:Cdtr/p:Nm", namespaces=PAIN) == NAAM
    assert BSN.encode() not in xml  # names and IBANs, never a BSN

    kern = _uit_de_kern(dossier.werkzoekende)
    assert kern.deelmaand is not None
    assert (kern.norm, kern.vakantietoeslag, kern.uitbetaling) == (
        Decimal("678.15"),
        Decimal("33.91"),
        VERWACHT,
    )
    assert bedrag == kern.uitbetaling == VERWACHT, (
        f"SEPA file pays {bedrag} for March 2026, the core says {kern.uitbetaling}"
    )
    assert not SCROLLEN_OPZIJ, "Pages scroll sideways at 320 px:\n" + "\n".join(SCROLLEN_OPZIJ)
