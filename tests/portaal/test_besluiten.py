"""Burgerportaal "Mijn brieven": the burger's own beschikkingen (list and PDF) and nobody
else's. The besluiten are made through the real services (registreer_melding ... neem_besluit)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from bijstand.accounts.models import Rol
from bijstand.logboek.models import Verwerking
from bijstand.portaal import besluit_views
from bijstand.portaal.services import burger_voor_digid
from tests.aanvraag.beschikking_fabriek import (
    aanvraag_in_behandeling,
    beslis,
    maak_mensen,
    pdf_tekst,
    zet_klok,
)
from tests.factories import UserFactory, geldig_bsn

pytestmark = pytest.mark.django_db

LIJST = "/portaal/mijn-brieven/"
BACKEND = "bijstand.portaal.backends.DigiDMockBackend"


@pytest.fixture(autouse=True)
def _omgeving(settings, tmp_path, monkeypatch):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def mensen(db):
    return maak_mensen()


def _besluit(monkeypatch, mensen, *, bsn=None, soort="toekenning", op=date(2026, 3, 27), **kw):
    aanvraag = aanvraag_in_behandeling(
        monkeypatch, mensen, melddatum=kw.pop("melddatum", date(2026, 3, 2)), bsn=bsn, **kw
    )
    if soort == "toekenning":
        return beslis(monkeypatch, aanvraag, mensen, op=op, ingangsdatum=date(2026, 3, 17))
    return beslis(monkeypatch, aanvraag, mensen, op=op, soort=soort, motivering="Te veel geld.")


def _als_burger(client, besluit):
    persoon = besluit.aanvraag.dossier.werkzoekende
    account = burger_voor_digid(bsn=persoon.bsn)
    client.force_login(account, backend=BACKEND)
    return client


@pytest.fixture
def besluit(monkeypatch, mensen):
    return _besluit(monkeypatch, mensen, elektronisch=True)


def test_urls():
    assert reverse("portaal:besluiten") == LIJST
    assert reverse("portaal:besluit_pdf", args=[7]) == "/portaal/mijn-brieven/7/brief.pdf"


def test_lijst_toont_eigen_brief_met_bezwaardatum(client, besluit, monkeypatch):
    zet_klok(monkeypatch, date(2026, 4, 1))
    response = _als_burger(client, besluit).get(LIJST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mijn brieven" in html
    assert "U krijgt bijstand vanaf 17 maart 2026." in html
    assert "Verstuurd op 27 maart 2026" in html
    assert "bezwaar maken tot en met 8 mei 2026" in html
    assert reverse("portaal:besluit_pdf", args=[besluit.pk]) in html
    assert besluit.aanvraag.dossier.werkzoekende.bsn not in html
    assert Verwerking.objects.filter(operatie="portaal_bekijk_besluiten").exists()


def test_bezwaartermijn_voorbij(client, besluit, monkeypatch):
    zet_klok(monkeypatch, date(2026, 5, 11))
    html = _als_burger(client, besluit).get(LIJST).content.decode()
    assert "Bezwaar maken kon tot en met 8 mei 2026." in html
    assert "bezwaar maken tot en met" not in html


def test_download_eigen_brief(client, besluit, tmp_path):
    response = _als_burger(client, besluit).get(reverse("portaal:besluit_pdf", args=[besluit.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="besluit-2026-03-27-{besluit.pk}.pdf"'
    )
    assert response.content == besluit.pdf.open("rb").read()
    assert "U krijgt bijstand vanaf 17 maart 2026." in pdf_tekst(response.content, tmp_path)
    assert Verwerking.objects.filter(operatie="portaal_download_besluit").exists()


def test_brief_per_post_staat_er_ook(client, monkeypatch, mensen):
    besluit = _besluit(monkeypatch, mensen, elektronisch=False, soort="afwijzing")
    html = _als_burger(client, besluit).get(LIJST).content.decode()
    assert "U krijgt geen bijstand." in html
    assert "ook per post" in html


def test_andere_burger_krijgt_404(client, besluit, monkeypatch, mensen):
    ander = _besluit(monkeypatch, mensen, soort="afwijzing")
    client = _als_burger(client, ander)
    response = client.get(reverse("portaal:besluit_pdf", args=[besluit.pk]))
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")
    html = client.get(LIJST).content.decode()
    assert reverse("portaal:besluit_pdf", args=[besluit.pk]) not in html
    assert reverse("portaal:besluit_pdf", args=[ander.pk]) in html
    assert client.get(reverse("portaal:besluit_pdf", args=[999_999])).status_code == 404


def test_zonder_brieven(client, dossier):
    persoon = dossier.werkzoekende
    client.force_login(burger_voor_digid(bsn=persoon.bsn), backend=BACKEND)
    response = client.get(LIJST)
    assert response.status_code == 200
    assert "U heeft nog geen brieven van ons." in response.content.decode()


@pytest.mark.parametrize("url", [LIJST, "/portaal/mijn-brieven/1/brief.pdf"])
def test_anoniem_en_medewerker(client, besluit, url):
    response = client.get(url)
    assert response.status_code == 302 and "/portaal/inloggen/" in response["Location"]
    client.force_login(UserFactory(rol=Rol.INKOMENSCONSULENT))
    assert client.get(url).status_code == 403


def test_paginering_nieuwste_eerst(client, monkeypatch, mensen):
    monkeypatch.setattr(besluit_views, "PER_PAGINA", 2)
    bsn = geldig_bsn()
    besluiten = [
        _besluit(monkeypatch, mensen, bsn=bsn, soort="afwijzing", melddatum=dag, op=dag)
        for dag in (date(2026, 1, 5), date(2026, 2, 2), date(2026, 3, 2))
    ]
    client = _als_burger(client, besluiten[0])
    eerste = client.get(LIJST).content.decode()
    tweede = client.get(LIJST + "?pagina=2").content.decode()
    pdf = "portaal:besluit_pdf"
    assert reverse(pdf, args=[besluiten[2].pk]) in eerste
    assert reverse(pdf, args=[besluiten[1].pk]) in eerste
    assert reverse(pdf, args=[besluiten[0].pk]) not in eerste
    assert reverse(pdf, args=[besluiten[0].pk]) in tweede
    assert eerste.index("2 maart 2026") < eerste.index("2 februari 2026")
    assert client.get(LIJST + "?pagina=<script>").status_code == 200


def test_post_niet_toegestaan(client, besluit):
    assert _als_burger(client, besluit).post(LIJST).status_code == 405


# --------------------------------------------------------------------------------------------
# browser: accessible at 1280 and 320 px, no horizontal scrolling


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_mijn_brieven_in_de_browser(browser, live_server, monkeypatch, tmp_path):
    from playwright.sync_api import expect

    from tests.browser import assert_accessible, assert_geen_csp_schendingen, bewaak_csp

    mensen = maak_mensen()
    besluit = _besluit(monkeypatch, mensen, elektronisch=True)
    zet_klok(monkeypatch, date(2026, 4, 1))
    bsn = besluit.aanvraag.dossier.werkzoekende.bsn
    for breedte in (1280, 320):
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport={"width": breedte, "height": 900}
        )
        page = context.new_page()
        meldingen = bewaak_csp(page)
        page.goto("/portaal/inloggen/")
        page.get_by_role("link", name="Inloggen met DigiD").click()
        page.get_by_role("link", name=re.compile("Met burgerservicenummer")).click()
        page.locator("input[name=auth_bsn]").fill(bsn)
        page.locator("#submit-button").click()
        expect(page).to_have_url(re.compile(r"/portaal/$"))
        page.goto(LIJST)
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn brieven")
        link = page.get_by_role("link", name="Download de brief van 27 maart 2026 (PDF)")
        expect(link).to_be_visible()
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=str(tmp_path / f"mijn-brieven-{breedte}.png"), full_page=True)
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == f"besluit-2026-03-27-{besluit.pk}.pdf"
        context.close()
        assert_geen_csp_schendingen(meldingen)
