"""The staff screens of the front door in a real browser (issue 12), at 1280 and 320 px:

1. a werkconsulent registers a melding at the loket (BSN -> the person from the fake BRP ->
   confirm) and fills the first step of the aanvraag with the burger;
2. the BRP does not know the BSN: the person is typed in ("niet uit de BRP");
3. an inkomensconsulent opens the worklist, takes up an aanvraag, and sees the aanvraag page
   with its terms, checklist and besluit forms.

axe-core finds no WCAG 2.x A/AA violation on any page on the way; the ``page`` fixture fails
the test on any Content-Security-Policy message. Screenshots go to ``$SCREENSHOT_DIR`` when set.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from aanvraag import services
from aanvraag.models import Aanvraag
from bijstand.accounts.models import Rol
from bijstand.core import tijd
from tests.aanvraag.conftest import PERSOON, STAP_GEGEVENS
from tests.browser import assert_accessible
from tests.brp.fixtures import fake_brp  # noqa: F401 (fixture)
from tests.factories import TeamFactory, UserFactory, WijkFactory, geldig_bsn

pytestmark = pytest.mark.django_db(transaction=True)

BREEDTES = (1280, 320)
BSN_BRP = "999991085"  # Kok, in tools/fake_brp_personen.json
BSN_ONBEKEND = "999990123"  # 11-proef valid, unknown to the fake BRP


def _inloggen(page, live_server, user) -> None:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _bekijk(page, naam: str) -> None:
    """axe at both widths, and a full-page screenshot of each when SCREENSHOT_DIR is set."""
    map_ = os.environ.get("SCREENSHOT_DIR")
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        assert_accessible(page)
        if map_:
            Path(map_).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{map_}/{naam}-{breedte}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def team():
    team = TeamFactory(naam="Team Feijenoord")
    team.teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.save()
    UserFactory(rol=Rol.WERKCONSULENT, team=team, first_name="Wim", last_name="Coach")
    for code, postcodes in (("W3021", "3021,3035,3036"), ("W3072", "3072,3073,3074")):
        WijkFactory(code=code, naam=f"Wijk {code}", postcodes=postcodes, team=team)
    return team


def test_melding_aan_het_loket(page, live_server, team, fake_brp):  # noqa: F811
    loket = UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory(), username="loket")
    _inloggen(page, live_server, loket)
    page.goto("/")
    page.get_by_role("link", name="Melding aan het loket").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding aan het loket")
    page.get_by_label("Burgerservicenummer (BSN)").fill("123456789")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("Dit BSN klopt niet").first).to_be_visible()
    _bekijk(page, "melding-1-fout")

    page.get_by_label("Burgerservicenummer (BSN)").fill(BSN_BRP)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="Uit de BRP")).to_be_visible()
    assert BSN_BRP not in page.url
    _bekijk(page, "melding-2-brp")

    page.get_by_role("button", name="Gegevens kloppen: melding registreren").click()
    expect(page.get_by_text("De melding is geregistreerd")).to_be_visible()
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.brp["geslachtsnaam"] and "bsn" not in aanvraag.brp  # no plain BSN stored
    assert aanvraag.dossier.werkcoach.team_id == team.pk
    _bekijk(page, "aanvraag-concept")

    page.get_by_role("link", name="Aanvraag samen met de burger invullen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stap 1 van 8")
    _bekijk(page, "stap-persoon")
    page.get_by_label("E-mailadres").fill("kok@example.nl")
    page.get_by_role("button", name="Opslaan en naar de volgende stap").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stap 2 van 8")
    aanvraag.refresh_from_db()
    assert aanvraag.gegevens["persoon"]["data"]["email"] == "kok@example.nl"


def test_melding_niet_uit_de_brp(page, live_server, team, fake_brp):  # noqa: F811
    loket = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None, username="loket2")
    _inloggen(page, live_server, loket)
    page.goto("/aanvragen/melding/")
    page.get_by_label("Burgerservicenummer (BSN)").fill(BSN_ONBEKEND)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("De BRP kent dit BSN niet.")).to_be_visible()
    page.get_by_role("button", name="Melding registreren").click()
    expect(page.get_by_text("Er ging iets mis")).to_be_visible()
    _bekijk(page, "melding-3-handmatig")

    page.get_by_label("Voornamen").fill("Sara")
    page.get_by_label("Achternaam").fill("de Boer")
    page.get_by_label("Geboortedatum").fill("1991-02-03")
    page.get_by_label("Postcode").fill("3072 AB")
    page.get_by_role("button", name="Melding registreren").click()
    expect(page.get_by_text("Niet uit de BRP.")).to_be_visible()
    assert Aanvraag.objects.get().brp == {}


def test_werklijst_en_aanvraagpagina(page, live_server, team):
    consulent = UserFactory(
        rol=Rol.INKOMENSCONSULENT, team=None, first_name="Ineke", last_name="Consulent"
    )
    vandaag = tijd.vandaag()
    aanvragen = []
    for i, naam in enumerate(("Jansen", "Bakker", "Visser")):
        aanvraag = services.registreer_melding(
            bsn=geldig_bsn(),
            kanaal="loket",
            door=None,
            persoon={**PERSOON, "achternaam": naam, "postcode": "3072 AB"},
            melddatum=vandaag - timedelta(days=3 + i),
        )
        for stap, gegevens in STAP_GEGEVENS.items():
            services.sla_stap_op(aanvraag=aanvraag, stap=stap, gegevens=gegevens, door=None)
        aanvragen.append(services.dien_in(aanvraag=aanvraag, door=None))
    # one far overdue (received long ago: the term has run out)
    Aanvraag.objects.filter(pk=aanvragen[0].pk).update(
        ontvangen_op=vandaag - timedelta(days=70),
        melddatum=vandaag - timedelta(days=75),
        beslissen_uiterlijk=vandaag - timedelta(days=14),
    )

    _inloggen(page, live_server, consulent)
    page.goto("/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanvragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvragen")
    expect(page.get_by_text("14 dagen te laat")).to_be_visible()
    _bekijk(page, "werklijst")

    page.get_by_role("link", name="Anna Bakker").click()
    page.get_by_role("button", name="In behandeling nemen").click()
    expect(page.get_by_text("U behandelt deze aanvraag nu.")).to_be_visible()
    expect(page.get_by_role("heading", name="Rechtmatigheidscontrole")).to_be_visible()
    page.get_by_text("Afwijzen", exact=True).click()
    page.get_by_role("button", name="Aanvraag afwijzen").click()
    expect(page.get_by_text("Schrijf de reden van het besluit op.").first).to_be_visible()
    _bekijk(page, "aanvraag-behandeling")
