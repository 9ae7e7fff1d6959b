"""Burgerportaal "Inkomsten doorgeven" and "Mijn specificatie" (page and PDF)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bijstand.accounts.models import Rol
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from bijstand.portaal.services import burger_voor_digid
from inkomen import services
from inkomen.models import Bron, Inkomstenopgave
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MAART = date(2026, 3, 1)
VIJFENTWINTIG = date(2000, 6, 1)  # no vrijlating n (art. 31 lid 5): §8 example 11
DOORGEVEN = reverse("portaal:inkomsten")
SPECIFICATIE = reverse("portaal:specificatie")
PDF_URL = reverse("portaal:specificatie_pdf")
PDF = b"%PDF-1.4\n%%EOF\n"


def tekst(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def als_burger(dossier) -> Client:
    burger_voor_digid(bsn=dossier.werkzoekende.bsn)
    dossier.werkzoekende.refresh_from_db()
    client = Client()
    client.force_login(
        dossier.werkzoekende.account, backend="bijstand.portaal.backends.DigiDMockBackend"
    )
    return client


@pytest.fixture
def voorbeeld_2(maak_dossier, opgave):
    """§8 example 2: February was month 1 of vrijlating n; March is month 2."""
    dossier = maak_dossier(geboortedatum=date(1985, 5, 1), ingangsdatum=date(2026, 2, 1))
    opgave(dossier, date(2026, 2, 1), "600.00")
    return dossier


def doorgeven(client, capture, **velden):
    data = {"maand": "2026-03", "soort": "arbeid", "bedrag": "600", "periode": "maand"}
    data.update(velden)
    with capture(execute=True):
        return client.post(DOORGEVEN, data)


# --- access -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [DOORGEVEN, SPECIFICATIE, PDF_URL + "?maand=2026-03"])
@pytest.mark.parametrize(
    "rol",
    [
        Rol.WERKCONSULENT,
        Rol.INKOMENSCONSULENT,
        Rol.TEAMLEIDER,
        Rol.BEHEERDER,
        Rol.PRIVACY,
        Rol.BETAALRUN,
    ],
)
def test_medewerkers_krijgen_403(client, url, rol):
    client.force_login(UserFactory(rol=rol), backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [DOORGEVEN, SPECIFICATIE, PDF_URL])
def test_anoniem_naar_inloggen(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/portaal/inloggen/" in response["Location"]


def test_andere_burger_ziet_alleen_eigen_gegevens(voorbeeld_2, maak_dossier, opgave):
    opgave(voorbeeld_2, MAART, "600.00")
    ander = als_burger(maak_dossier())
    inhoud = tekst(ander.get(SPECIFICATIE + "?maand=2026-03"))
    assert "951,50" not in inhoud
    assert "Voor deze maand is er nog geen specificatie." in inhoud or "nog geen" in inhoud
    assert ander.get(PDF_URL + "?maand=2026-03").status_code == 302  # nothing of anyone else


# --- Inkomsten doorgeven ------------------------------------------------------------------


def test_formulier(voorbeeld_2):
    response = als_burger(voorbeeld_2).get(DOORGEVEN)
    assert response.status_code == 200
    inhoud = tekst(response)
    for zin in (
        "Inkomsten doorgeven",
        "Over welke maand gaat het?",
        "Ik weet het bedrag nog niet precies",
        "Elke 4 weken",
        "Uw loonstrook",
        "maart 2026",
        "april 2026",  # up to this month (today is 5 April 2026)
    ):
        assert zin in inhoud, zin
    assert "mei 2026" not in inhoud  # a month that has not started (issue 13 §4)
    assert "januari 2026" not in inhoud  # before the uitkering started
    assert "Van wie is het geld?" not in inhoud  # no partner
    assert 'enctype="multipart/form-data"' in response.content.decode()
    regel = Verwerking.objects.order_by("-id").first()
    assert regel.operatie == "portaal_bekijk_inkomsten_doorgeven"


def test_doorgeven_voorbeeld_2_toont_nieuwe_specificatie(
    voorbeeld_2, django_capture_on_commit_callbacks
):
    client = als_burger(voorbeeld_2)
    response = doorgeven(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == f"{SPECIFICATIE}?maand=2026-03#specificatie"
    opgave = Inkomstenopgave.objects.get(dossier=voorbeeld_2, maand=MAART)
    assert (opgave.bron, opgave.status, opgave.ingediend_door) == (
        Bron.BURGER,
        "definitief",
        voorbeeld_2.werkzoekende.account,
    )

    pagina = client.get(response["Location"])
    inhoud = tekst(pagina)
    assert "We rekenen uw uitkering opnieuw uit. U ziet de nieuwe specificatie hieronder." in (
        inhoud
    )
    assert "Uw specificatie van maart 2026" in inhoud
    assert "€ 1.401,50" in inhoud  # norm
    assert "U heeft geen partner." in inhoud
    assert "€ 600,00" in inhoud and "definitief" in inhoud and "U zelf" in inhoud
    assert "€ 150,00" in inhoud and "Dit is maand 2 van 6." in inhoud
    html = pagina.content.decode()
    assert re.search(r'id="spec-bijstand">€ 951,50<', html)
    assert re.search(r'id="spec-vakantiegeld">€ 47,58<', html)
    assert re.search(r'id="spec-uitkering"><strong>€ 903,92<', html)
    assert "Rond de 25e van de maand betalen we u € 903,92." in inhoud
    assert voorbeeld_2.werkzoekende.bsn not in html


def test_geschat_bedrag(voorbeeld_2, django_capture_on_commit_callbacks):
    client = als_burger(voorbeeld_2)
    doorgeven(client, django_capture_on_commit_callbacks, geschat="on")
    assert Inkomstenopgave.objects.get(dossier=voorbeeld_2, maand=MAART).status == "geschat"
    inhoud = tekst(client.get(SPECIFICATIE + "?maand=2026-03"))
    assert "geschat" in inhoud and "nog niet het echte bedrag" in inhoud


def test_vier_weken_met_betaaldata(voorbeeld_2, django_capture_on_commit_callbacks):
    client = als_burger(voorbeeld_2)
    zonder = doorgeven(client, django_capture_on_commit_callbacks, periode="vier_weken")
    assert zonder.status_code == 200
    assert "Vul in op welke dag u het loon kreeg." in tekst(zonder)
    assert not Inkomstenopgave.objects.filter(maand=MAART).exists()
    fout = doorgeven(
        client, django_capture_on_commit_callbacks, periode="vier_weken", betaaldatum_1="2026-04-03"
    )
    assert "De betaaldata moeten in de opgegeven maand liggen." in tekst(fout)
    goed = doorgeven(
        client,
        django_capture_on_commit_callbacks,
        periode="vier_weken",
        betaaldatum_1="2026-03-06",
        betaaldatum_2="2026-03-27",
    )
    assert goed.status_code == 302
    opgave = Inkomstenopgave.objects.get(maand=MAART)
    assert opgave.betaaldata == ["2026-03-06", "2026-03-27"]


@pytest.mark.parametrize(
    "bestand,melding",
    [
        (("loonstrook.pdf", b"<html>dit is geen pdf</html>"), "Alleen een PDF-, PNG- of JPEG"),
        (("loonstrook.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)), "groter dan 10 MB"),
    ],
    ids=["inhoud", "grootte"],
)
def test_loonstrook_wordt_gecontroleerd(
    voorbeeld_2, django_capture_on_commit_callbacks, bestand, melding
):
    client = als_burger(voorbeeld_2)
    response = doorgeven(
        client, django_capture_on_commit_callbacks, loonstrook=SimpleUploadedFile(*bestand)
    )
    assert response.status_code == 200
    inhoud = tekst(response)
    assert melding in inhoud
    assert "Er ging iets mis." in inhoud
    assert 'id="id_loonstrook_fout"' in response.content.decode()
    assert not Inkomstenopgave.objects.filter(maand=MAART).exists()


@pytest.mark.parametrize(
    "naam,inhoud,soort",
    [
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "png"),
        ("foto.JPG", b"\xff\xd8\xff" + b"0" * 20, "jpeg"),
        ("l.pdf", PDF, "pdf"),
    ],
)
def test_loonstrook_geaccepteerd(
    voorbeeld_2, django_capture_on_commit_callbacks, naam, inhoud, soort
):
    client = als_burger(voorbeeld_2)
    response = doorgeven(
        client, django_capture_on_commit_callbacks, loonstrook=SimpleUploadedFile(naam, inhoud)
    )
    assert response.status_code == 302
    assert Inkomstenopgave.objects.get(maand=MAART).loonstrook_type == soort


def test_onbekend_bedrag_en_maand(voorbeeld_2, django_capture_on_commit_callbacks):
    client = als_burger(voorbeeld_2)
    response = doorgeven(
        client, django_capture_on_commit_callbacks, bedrag="zeshonderd", maand="2030-01"
    )
    inhoud = tekst(response)
    assert "Vul een bedrag in. Bijvoorbeeld 600 of 600,50." in inhoud
    assert "Selecteer een geldige keuze" in inhoud
    assert (
        not Inkomstenopgave.objects.filter(dossier=voorbeeld_2)
        .exclude(maand=date(2026, 2, 1))
        .exists()
    )


# --- Mijn specificatie ----------------------------------------------------------------------


@pytest.fixture
def voorbeeld_11(maak_dossier, opgave):
    """Estimate 300 paid, then the payslip shows 450: 150,00 too much (verrekeningsschuld)."""
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
    eerste = opgave(dossier, MAART, "300.00", status="geschat", bron="burger")
    services.boek_maandbetaling(dossier_id=dossier.pk, maand=MAART)
    opgave(dossier, MAART, "450.00", vervangt=eerste)
    return dossier


def test_voorbeeld_11_verrekeningsschuld_met_uitleg(voorbeeld_11):
    client = als_burger(voorbeeld_11)
    response = client.get(SPECIFICATIE + "?maand=2026-03")
    assert response.status_code == 200
    inhoud = tekst(response)
    assert "U heeft over maart 2026 € 150,00 te veel gekregen." in inhoud
    assert "€ 7,50 halen we van het vakantiegeld af" in inhoud
    assert "€ 142,50 halen we in delen van uw volgende uitkeringen af. Dat heet verrekenen." in (
        inhoud
    )
    assert "Wat is verrekenen?" in inhoud
    assert "heet een verrekeningsschuld" in inhoud
    assert "U moet ons nu nog € 142,50 terugbetalen (verrekeningsschuld)." in inhoud
    # what was paid in March (on the estimate): 1.101,50 - VT 55,08
    html = response.content.decode()
    assert re.search(r'id="spec-betaald"><strong>€ 1.046,42<', html)
    # the new calculation: 1.401,50 - 450,00
    assert re.search(r'id="spec-bijstand">€ 951,50<', html)


def test_specificatie_zonder_berekening(maak_dossier):
    client = als_burger(maak_dossier())
    inhoud = tekst(client.get(SPECIFICATIE))
    assert "Er is nog geen specificatie voor u." in inhoud


def test_specificatie_kiest_standaard_nieuwste_maand_en_logt(voorbeeld_2, opgave):
    opgave(voorbeeld_2, MAART, "600.00")
    client = als_burger(voorbeeld_2)
    response = client.get(SPECIFICATIE)
    inhoud = tekst(response)
    assert "Uw specificatie van maart 2026" in inhoud
    assert 'value="2026-02"' in response.content.decode()  # month choice, no BSN
    onderwerp = pseudoniem(voorbeeld_2.werkzoekende.log_subject)
    regel = Verwerking.objects.filter(betrokkene=onderwerp).order_by("-id").first()
    assert (regel.operatie, regel.activiteit.code) == ("portaal_bekijk_specificatie", "portaal")


def test_specificatie_aantal_queries_constant(maak_dossier, opgave):
    een = maak_dossier(ingangsdatum=MAART, geboortedatum=VIJFENTWINTIG)
    opgave(een, MAART, "300.00")
    vier = maak_dossier(ingangsdatum=MAART, geboortedatum=VIJFENTWINTIG)
    for bedrag in ("100.00", "120.00"):
        opgave(vier, MAART, bedrag)
        opgave(vier, MAART, bedrag, soort="overig")

    def tel(dossier) -> int:
        client = als_burger(dossier)
        client.get(SPECIFICATIE + "?maand=2026-03")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(SPECIFICATIE + "?maand=2026-03").status_code == 200
        return len(ctx.captured_queries)

    assert tel(een) == tel(vier)


def _pdf_tekst(data: bytes, tmp_path) -> str:
    programma = shutil.which("pdftotext")
    if programma:
        pad = tmp_path / "spec.pdf"
        pad.write_bytes(data)
        uit = subprocess.run([programma, "-layout", str(pad), "-"], capture_output=True, check=True)  # noqa: S603
        return re.sub(r"\s+", " ", uit.stdout.decode())
    pytest.skip("pdftotext (poppler-utils) is not installed")


def test_pdf_voorbeeld_2(voorbeeld_2, opgave, tmp_path):
    opgave(voorbeeld_2, MAART, "600.00")
    client = als_burger(voorbeeld_2)
    pagina = client.get(SPECIFICATIE + "?maand=2026-03")
    assert f"{PDF_URL}?maand=2026-03" in pagina.content.decode()
    response = client.get(PDF_URL + "?maand=2026-03")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="specificatie-2026-03.pdf"'
    assert response.content.startswith(b"%PDF")
    inhoud = _pdf_tekst(response.content, tmp_path)
    for bedrag in ("1.401,50", "600,00", "150,00", "951,50", "47,58", "903,92"):
        assert bedrag in inhoud, bedrag
    assert "maand 2 van 6" in inhoud
    assert "Uw specificatie van maart 2026" in inhoud
    regel = Verwerking.objects.order_by("-id").first()
    assert regel.operatie == "portaal_download_specificatie"


def test_pdf_voorbeeld_11(voorbeeld_11, tmp_path):
    response = als_burger(voorbeeld_11).get(PDF_URL + "?maand=2026-03")
    inhoud = _pdf_tekst(response.content, tmp_path)
    assert "150,00 te veel gekregen" in inhoud
    assert "verrekeningsschuld" in inhoud


def test_navigatie_heeft_de_nieuwe_links(voorbeeld_2):
    html = als_burger(voorbeeld_2).get(SPECIFICATIE).content.decode()
    assert f'href="{DOORGEVEN}"' in html
    assert f'href="{reverse("portaal:watals")}"' in html
    assert f'href="{SPECIFICATIE}" aria-current="page"' in html
