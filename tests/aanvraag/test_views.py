"""The aanvraag page and its actions, through the client: every action as the right role and
as the wrong one, bad input (a Dutch error, nothing changed), hostile text (escaped), and the
bewijsstuk download (headers, access, log)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aanvraag import behandeling
from aanvraag.models import Aanvraag, AanvraagStatus, Besluit, Hersteltermijn, Stuk
from aanvraag.stappen import CHECKLIST_CODES
from bijstand.accounts.models import Rol
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from tests.aanvraag.conftest import client_voor
from tests.brp.fixtures import fake_brp  # noqa: F401 (the fake BRP server)
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
KWAAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
KWAAD_ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.fixture
def rollen(werkcoach, teamleider, consulent, loket):
    return {
        "anoniem": None,
        "werkcoach": werkcoach,
        "andere_werkcoach": loket,
        "inkomensconsulent": consulent,
        "andere_inkomensconsulent": UserFactory(rol=Rol.INKOMENSCONSULENT, team=None),
        "teamleider": teamleider,
        "andere_teamleider": TeamFactory(
            teamleider=UserFactory(rol=Rol.TEAMLEIDER, team=None)
        ).teamleider,
        "beheerder": UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True),
        "privacy": UserFactory(rol=Rol.PRIVACY, team=None),
        "burger": UserFactory(rol=Rol.BURGER, team=None),
    }


def _status(response) -> int | str:
    locatie = response.get("Location", "")
    if response.status_code == 302 and "login" in locatie:
        return "login"
    return response.status_code


def _url(naam: str, aanvraag: Aanvraag, *args) -> str:
    return reverse(f"aanvraag:{naam}", args=[aanvraag.pk, *args])


def _detail(aanvraag: Aanvraag) -> str:
    return _url("detail", aanvraag)


# --- who sees the aanvraag page --------------------------------------------------------------

DETAIL = {
    "anoniem": "login",
    "werkcoach": 200,
    "andere_werkcoach": 404,
    "inkomensconsulent": 200,
    "andere_inkomensconsulent": 404,  # taken up by "inkomensconsulent": no longer in the pool
    "teamleider": 200,
    "andere_teamleider": 404,
    "beheerder": 403,
    "privacy": 403,
    "burger": 403,
}


def test_aanvraagpagina_per_rol(maak_aanvraag, rollen):
    aanvraag = maak_aanvraag("in_behandeling")
    for rol, verwacht in DETAIL.items():
        response = client_voor(rollen[rol]).get(_detail(aanvraag))
        assert _status(response) == verwacht, rol


def test_pool_aanvraag_voor_elke_inkomensconsulent(maak_aanvraag, rollen):
    aanvraag = maak_aanvraag("ingediend")
    response = client_voor(rollen["andere_inkomensconsulent"]).get(_detail(aanvraag))
    assert response.status_code == 200
    assert "In behandeling nemen" in response.content.decode()


def test_paginaweergave_wordt_gelogd(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    subject = pseudoniem(aanvraag.dossier.werkzoekende.log_subject)
    client_voor(consulent).get(_detail(aanvraag))
    regel = Verwerking.objects.filter(betrokkene=subject, operatie="bekijk_aanvraag").get()
    assert regel.status == "ok"


def test_pagina_toont_termijnen_stappen_en_brp(maak_aanvraag, consulent, vandaag):
    aanvraag = maak_aanvraag("in_behandeling")
    Aanvraag.objects.filter(pk=aanvraag.pk).update(
        brp={
            "voornamen": "Anna",
            "geslachtsnaam": "Jansen",
            "geboortedatum": "1990-04-01",
            "straat": "Blaak",
            "huisnummer": "1",
            "postcode": "3011 AA",
            "woonplaats": "Rotterdam",
            "partners": [{"bsn": "999991012", "naam": "Piet Partner", "geboortedatum": None}],
            "kinderen": [],
        }
    )
    vandaag(date(2026, 5, 20))  # received 17-3: 8 weeks -> 12-5: 8 days late
    html = client_voor(consulent).get(_detail(aanvraag)).content.decode()
    assert "12 mei 2026" in html
    assert "8 dagen te laat" in html and "Te laat:" in html  # urgency in words
    assert "Uit de BRP" in html and "Piet Partner" in html
    assert "Wijkt af: controleren" in html  # the BRP's partner, none in the aanvraag
    assert "999991012" not in html  # no BSN of others
    assert "Ik huur een woning of kamer" in html and "€ 650,00" in html


# --- in behandeling nemen ------------------------------------------------------------------


def test_in_behandeling_nemen(maak_aanvraag, rollen):
    aanvraag = maak_aanvraag("ingediend")
    for rol in ("werkcoach", "teamleider", "beheerder", "burger"):
        response = client_voor(rollen[rol]).post(_url("in_behandeling", aanvraag))
        assert _status(response) in (403, 404), rol
    aanvraag.dossier.refresh_from_db()
    assert aanvraag.dossier.inkomensconsulent_id is None

    consulent = rollen["inkomensconsulent"]
    response = client_voor(consulent).post(_url("in_behandeling", aanvraag))
    assert response.status_code == 302
    aanvraag.dossier.refresh_from_db()
    assert aanvraag.dossier.inkomensconsulent_id == consulent.pk


def test_get_op_een_actie_mag_niet(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("ingediend")
    assert client_voor(consulent).get(_url("in_behandeling", aanvraag)).status_code == 405


# --- stukken opvragen / ontvangen ----------------------------------------------------------


def test_stukken_opvragen_en_ontvangen(maak_aanvraag, consulent, vandaag):
    aanvraag = maak_aanvraag("in_behandeling")  # received 17-3-2026
    vandaag(date(2026, 4, 1))
    client = client_voor(consulent)
    response = client.post(
        _url("stukken_opvragen", aanvraag),
        {"opvragen-gevraagd": KWAAD, "opvragen-termijn_tot": "2026-04-15"},
    )
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.OPGESCHORT
    h = Hersteltermijn.objects.get(aanvraag=aanvraag)
    html = client.get(_detail(aanvraag)).content.decode()
    assert KWAAD not in html and KWAAD_ESCAPED in html

    vandaag(date(2026, 4, 5))
    response = client.post(
        _url("stukken_ontvangen", aanvraag, h.pk), {f"herstel-{h.pk}-ontvangen_op": "2026-04-05"}
    )
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND
    assert aanvraag.beslissen_uiterlijk == date(2026, 5, 16)


@pytest.mark.parametrize(
    "data,fout",
    [
        ({"opvragen-gevraagd": "", "opvragen-termijn_tot": "2026-04-15"}, "Schrijf op welke"),
        ({"opvragen-gevraagd": "Loonstrook", "opvragen-termijn_tot": "morgen"}, "Vul een datum"),
        ({"opvragen-gevraagd": "Loonstrook", "opvragen-termijn_tot": "2026-03-01"}, "na vandaag"),
        ({"opvragen-gevraagd": "x" * 2001, "opvragen-termijn_tot": "2026-04-15"}, "hoogstens"),
    ],
)
def test_stukken_opvragen_foute_invoer(maak_aanvraag, consulent, data, fout):
    aanvraag = maak_aanvraag("in_behandeling")
    response = client_voor(consulent).post(_url("stukken_opvragen", aanvraag), data)
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert not Hersteltermijn.objects.exists()
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND


def test_stukken_opvragen_verkeerde_rol(maak_aanvraag, rollen):
    aanvraag = maak_aanvraag("in_behandeling")
    data = {"opvragen-gevraagd": "Loonstrook", "opvragen-termijn_tot": "2026-04-15"}
    for rol in ("werkcoach", "teamleider", "andere_inkomensconsulent", "beheerder"):
        response = client_voor(rollen[rol]).post(_url("stukken_opvragen", aanvraag), data)
        assert _status(response) in (403, 404), rol
    assert not Hersteltermijn.objects.exists()


def test_stukken_ontvangen_van_andere_aanvraag_is_404(maak_aanvraag, consulent, vandaag):
    a = maak_aanvraag("in_behandeling")
    b = maak_aanvraag("in_behandeling")
    vandaag(date(2026, 4, 1))
    h = behandeling.vraag_stukken_op(aanvraag=b, gevraagd="Loonstrook", door=consulent)
    response = client_voor(consulent).post(
        _url("stukken_ontvangen", a, h.pk), {f"herstel-{h.pk}-ontvangen_op": "2026-04-01"}
    )
    assert response.status_code == 404
    h.refresh_from_db()
    assert h.ontvangen_op is None


# --- checklist -----------------------------------------------------------------------------


def test_checklist_vastleggen_en_tonen_wie_wanneer(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    client = client_voor(consulent)
    response = client.post(
        _url("checklist", aanvraag, "vermogen"),
        {"controle-vermogen-uitkomst": "niet_akkoord", "controle-vermogen-toelichting": KWAAD},
    )
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.checklist["vermogen"]["uitkomst"] == "niet_akkoord"
    html = client.get(_detail(aanvraag)).content.decode()
    assert KWAAD not in html and KWAAD_ESCAPED in html
    assert f"door {consulent.get_full_name()}" in html or f"door {consulent}" in html


def test_checklist_niet_in_orde_zonder_toelichting(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    response = client_voor(consulent).post(
        _url("checklist", aanvraag, "vermogen"), {"controle-vermogen-uitkomst": "niet_akkoord"}
    )
    assert response.status_code == 200
    assert "Leg uit wat niet in orde is." in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.checklist == {}


def test_checklist_onbekende_code_en_verkeerde_rol(maak_aanvraag, rollen):
    aanvraag = maak_aanvraag("in_behandeling")
    data = {"controle-vermogen-uitkomst": "akkoord"}
    response = client_voor(rollen["inkomensconsulent"]).post(
        _url("checklist", aanvraag, "bestaat-niet"), data
    )
    assert response.status_code == 404
    for rol in ("werkcoach", "teamleider", "andere_inkomensconsulent"):
        response = client_voor(rollen[rol]).post(_url("checklist", aanvraag, "vermogen"), data)
        assert _status(response) in (403, 404), rol
    aanvraag.refresh_from_db()
    assert aanvraag.checklist == {}


# --- ingebrekestelling ---------------------------------------------------------------------


def test_ingebrekestelling(maak_aanvraag, rollen, vandaag):
    aanvraag = maak_aanvraag("in_behandeling")
    vandaag(date(2026, 5, 20))
    data = {"ingebrekestelling-ontvangen_op": "2026-05-19"}
    response = client_voor(rollen["werkcoach"]).post(_url("ingebrekestelling", aanvraag), data)
    assert response.status_code == 403
    response = client_voor(rollen["inkomensconsulent"]).post(
        _url("ingebrekestelling", aanvraag), {"ingebrekestelling-ontvangen_op": "2026-06-01"}
    )
    assert response.status_code == 200 and "Kies een datum" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.ingebrekestelling_op is None

    response = client_voor(rollen["inkomensconsulent"]).post(
        _url("ingebrekestelling", aanvraag), data
    )
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.ingebrekestelling_op == date(2026, 5, 19)
    html = client_voor(rollen["inkomensconsulent"]).get(_detail(aanvraag)).content.decode()
    assert "2 juni 2026" in html  # dwangsom from two weeks later


# --- bewijsstukken -------------------------------------------------------------------------


def test_stuk_toevoegen_en_downloaden(maak_aanvraag, rollen):
    aanvraag = maak_aanvraag("in_behandeling")
    client = client_voor(rollen["werkcoach"])
    response = client.post(
        _url("stuk_toevoegen", aanvraag),
        {
            "stuk-soort": "huur",
            "stuk-omschrijving": KWAAD[:200],
            "stuk-bestand": SimpleUploadedFile("huurcontract van Anna.pdf", PDF),
        },
    )
    assert response.status_code == 302
    stuk = Stuk.objects.get(aanvraag=aanvraag)
    assert "Anna" not in stuk.bestand.name

    html = client.get(_detail(aanvraag)).content.decode()
    assert KWAAD[:30] not in html

    subject = pseudoniem(aanvraag.dossier.werkzoekende.log_subject)
    response = client_voor(rollen["inkomensconsulent"]).get(_url("stuk", aanvraag, stuk.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Anna" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert Verwerking.objects.filter(betrokkene=subject, operatie="download_bewijsstuk").exists()

    verwacht = dict(DETAIL)
    for rol, status in verwacht.items():
        response = client_voor(rollen[rol]).get(_url("stuk", aanvraag, stuk.pk))
        assert _status(response) == status, rol
    ander = maak_aanvraag("in_behandeling")
    response = client_voor(rollen["inkomensconsulent"]).get(_url("stuk", ander, stuk.pk))
    assert response.status_code == 404


def test_stuk_toevoegen_geen_pdf(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    response = client_voor(consulent).post(
        _url("stuk_toevoegen", aanvraag),
        {"stuk-soort": "huur", "stuk-bestand": SimpleUploadedFile("x.pdf", b"<html>x</html>")},
    )
    assert response.status_code == 200
    assert "Stuur een PDF, PNG of JPG" in response.content.decode()
    assert not Stuk.objects.exists()


def test_stuk_toevoegen_verkeerde_rol(maak_aanvraag, rollen):
    aanvraag = maak_aanvraag("in_behandeling")
    for rol in ("teamleider", "andere_werkcoach", "burger"):
        response = client_voor(rollen[rol]).post(
            _url("stuk_toevoegen", aanvraag),
            {"stuk-soort": "huur", "stuk-bestand": SimpleUploadedFile("x.pdf", PDF)},
        )
        assert _status(response) in (403, 404), rol
    assert not Stuk.objects.exists()


# --- besluit -------------------------------------------------------------------------------


def test_toekennen_met_standaard_ingangsdatum(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("checklist")
    client = client_voor(consulent)
    html = client.get(_detail(aanvraag)).content.decode()
    assert 'value="2026-03-17"' in html  # ingangsdatum default: the melding
    assert "Buiten behandeling stellen" not in html  # no unused hersteltermijn

    response = client.post(
        _url("besluit", aanvraag, "toekennen"), {"toekennen-ingangsdatum": "2026-03-17"}
    )
    assert response.status_code == 302
    besluit = Besluit.objects.get(aanvraag=aanvraag)
    assert besluit.soort == "toekenning" and besluit.ingangsdatum == date(2026, 3, 17)
    html = client.get(_detail(aanvraag)).content.decode()
    assert "Besluit" in html and "Aanvraag toekennen" not in html
    assert "Bezwaar mogelijk tot en met" in html
    besluit.refresh_from_db()
    assert besluit.pdf  # made by aanvraag.beschikking
    assert reverse("aanvraag:beschikking_pdf", args=[besluit.pk]) in html


def test_toekennen_voor_de_melding_zonder_motivering(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("checklist")
    response = client_voor(consulent).post(
        _url("besluit", aanvraag, "toekennen"), {"toekennen-ingangsdatum": "2026-03-01"}
    )
    assert response.status_code == 200
    assert "alleen met een motivering" in response.content.decode()
    assert not Besluit.objects.exists()


def test_toekennen_met_open_checklist(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    response = client_voor(consulent).post(
        _url("besluit", aanvraag, "toekennen"), {"toekennen-ingangsdatum": "2026-03-17"}
    )
    assert response.status_code == 200
    assert "Rond eerst de controle af" in response.content.decode()
    assert not Besluit.objects.exists()


def test_afwijzen_met_vijandige_motivering(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    client = client_voor(consulent)
    response = client.post(_url("besluit", aanvraag, "afwijzen"), {"afwijzen-motivering": ""})
    assert response.status_code == 200
    assert "Schrijf de reden van het besluit op." in response.content.decode()
    assert not Besluit.objects.exists()

    response = client.post(_url("besluit", aanvraag, "afwijzen"), {"afwijzen-motivering": KWAAD})
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.AFGEWEZEN
    html = client.get(_detail(aanvraag)).content.decode()
    assert KWAAD not in html and KWAAD_ESCAPED in html

    # a second besluit is refused; the first stands
    response = client.post(_url("besluit", aanvraag, "afwijzen"), {"afwijzen-motivering": "x"})
    assert response.status_code in (200, 403)
    assert Besluit.objects.filter(aanvraag=aanvraag).count() == 1


def test_besluit_verkeerde_rol_en_soort(maak_aanvraag, rollen):
    aanvraag = maak_aanvraag("checklist")
    data = {"toekennen-ingangsdatum": "2026-03-17"}
    for rol in ("werkcoach", "teamleider", "andere_inkomensconsulent", "beheerder", "burger"):
        response = client_voor(rollen[rol]).post(_url("besluit", aanvraag, "toekennen"), data)
        assert _status(response) in (403, 404), rol
    response = client_voor(rollen["inkomensconsulent"]).post(
        _url("besluit", aanvraag, "goedkeuren"), data
    )
    assert response.status_code == 404
    assert not Besluit.objects.exists()


def test_buiten_behandeling_alleen_na_ongebruikte_termijn(maak_aanvraag, consulent, vandaag):
    aanvraag = maak_aanvraag("in_behandeling")
    client = client_voor(consulent)
    data = {"buiten-motivering": "De loonstroken ontbreken."}
    response = client.post(_url("besluit", aanvraag, "buiten-behandeling"), data)
    assert response.status_code == 200
    assert "hersteltermijn ongebruikt" in response.content.decode()

    vandaag(date(2026, 4, 1))
    behandeling.vraag_stukken_op(
        aanvraag=aanvraag, gevraagd="Loonstroken", door=consulent, termijn_tot=date(2026, 4, 15)
    )
    vandaag(date(2026, 4, 20))
    html = client.get(_detail(aanvraag)).content.decode()
    assert "Buiten behandeling stellen" in html
    response = client.post(_url("besluit", aanvraag, "buiten-behandeling"), data)
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.BUITEN_BEHANDELING


# --- voorschot -----------------------------------------------------------------------------


def test_geen_voorschot_met_reden(maak_aanvraag, rollen, vandaag):
    aanvraag = maak_aanvraag("in_behandeling")
    vandaag(date(2026, 4, 1))  # day 15: the signal
    client = client_voor(rollen["inkomensconsulent"])
    assert "Actie nodig:" in client.get(_detail(aanvraag)).content.decode()
    response = client.post(_url("geen_voorschot", aanvraag), {"geenvoorschot-reden": ""})
    assert response.status_code == 200
    assert "Schrijf op waarom er geen voorschot komt." in response.content.decode()
    response = client_voor(rollen["werkcoach"]).post(
        _url("geen_voorschot", aanvraag), {"geenvoorschot-reden": "x"}
    )
    assert response.status_code == 403
    aanvraag.refresh_from_db()
    assert aanvraag.geen_voorschot_reden == ""

    response = client.post(_url("geen_voorschot", aanvraag), {"geenvoorschot-reden": KWAAD})
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.geen_voorschot_reden == KWAAD
    html = client.get(_detail(aanvraag)).content.decode()
    assert KWAAD not in html and KWAAD_ESCAPED in html


def test_voorschot_betalen(maak_aanvraag, rollen, vandaag):
    aanvraag = maak_aanvraag("in_behandeling")
    vandaag(date(2026, 4, 1))
    response = client_voor(rollen["werkcoach"]).post(_url("voorschot_betalen", aanvraag))
    assert response.status_code == 403
    response = client_voor(rollen["inkomensconsulent"]).post(_url("voorschot_betalen", aanvraag))
    assert response.status_code == 302, response.content.decode()[:2000]
    aanvraag.refresh_from_db()
    assert aanvraag.voorschot.bedrag > 0
    # a second click pays nothing more
    response = client_voor(rollen["inkomensconsulent"]).post(_url("voorschot_betalen", aanvraag))
    assert response.status_code == 200
    assert "al een voorschot" in response.content.decode()


# --- the steps at the loket ----------------------------------------------------------------


def test_loket_vult_stappen_in_en_verstuurt(maak_aanvraag, loket, werkcoach):
    aanvraag = maak_aanvraag("concept", door=loket)
    assert aanvraag.dossier.werkcoach_id == werkcoach.pk  # someone else than the loket
    client = client_voor(loket)
    assert client.get(_detail(aanvraag)).status_code == 200
    assert client.get(_url("stap", aanvraag, "persoon")).status_code == 200
    subject = pseudoniem(aanvraag.dossier.werkzoekende.log_subject)
    assert Verwerking.objects.filter(betrokkene=subject, operatie="bekijk_aanvraagstap").exists()
    response = client.post(
        _url("stap", aanvraag, "persoon"),
        {"email": "anna@example.nl", "telefoon": KWAAD[:20], "actie": "volgende"},
    )
    assert response.status_code == 200  # telefoon: only digits
    assert "Gebruik alleen cijfers" in response.content.decode()
    response = client.post(
        _url("stap", aanvraag, "persoon"),
        {"email": "anna@example.nl", "telefoon": "0612345678", "actie": "volgende"},
    )
    assert response.status_code == 302
    assert response["Location"] == _url("stap", aanvraag, "wonen")
    client.post(_url("stap", aanvraag, "wonen"), {"woonsituatie": "huur", "woonkosten": "650,00"})
    client.post(
        _url("stap", aanvraag, "huishouden"),
        {
            "heeft_partner": "",
            "kinderen-TOTAL_FORMS": "1",
            "kinderen-INITIAL_FORMS": "0",
            "kinderen-0-naam": "Kees",
            "kinderen-0-geboortedatum": "2018-05-01",
            "medebewoners-TOTAL_FORMS": "1",
            "medebewoners-INITIAL_FORMS": "0",
        },
    )
    client.post(_url("stap", aanvraag, "inkomen"), {})
    client.post(_url("stap", aanvraag, "vermogen"), {"bank_saldo": "10"})
    client.post(
        _url("stap", aanvraag, "bankrekening"),
        {"iban": "NL91 ABNA 0417 1643 00", "tenaamstelling": "A. Jansen"},
    )
    client.post(
        _url("stap", aanvraag, "stukken"),
        {
            "actie": "uploaden",
            "stuk-soort": "identiteit",
            "stuk-bestand": SimpleUploadedFile("id.pdf", PDF),
        },
    )
    aanvraag.refresh_from_db()
    assert aanvraag.gegevens["huishouden"]["data"]["kinderen"][0]["naam"] == "Kees"
    assert aanvraag.stukken.count() == 1
    response = client.post(_url("stap", aanvraag, "verklaring"), {"actie": "versturen"})
    assert response.status_code == 200
    assert "Vink aan dat u alles naar waarheid" in response.content.decode()
    response = client.post(
        _url("stap", aanvraag, "verklaring"), {"akkoord": "on", "actie": "versturen"}
    )
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND
    assert aanvraag.ontvangen_op == date(2026, 3, 17)
    # once sent, the loket (not the werkcoach) no longer sees it; the steps are closed
    assert client.get(_detail(aanvraag)).status_code == 404
    response = client_voor(werkcoach).get(_url("stap", aanvraag, "persoon"))
    assert response.status_code == 302


def test_stappen_verkeerde_rol(maak_aanvraag, rollen, loket):
    """The werkcoach, the loket that registered it and (while it is in the pool) any
    inkomensconsulent may fill it in; others not."""
    aanvraag = maak_aanvraag("concept", door=loket)
    andere_loket = UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory())
    rollen = {**rollen, "andere_loket": andere_loket}
    for rol in ("teamleider", "andere_loket", "beheerder", "burger", "anoniem"):
        response = client_voor(rollen[rol]).post(
            _url("stap", aanvraag, "wonen"), {"woonsituatie": "huur", "woonkosten": "1"}
        )
        assert _status(response) in (403, 404, "login"), rol
    response = client_voor(loket).get(_url("stap", aanvraag, "bestaat-niet"))
    assert response.status_code == 404
    aanvraag.refresh_from_db()
    assert "wonen" not in aanvraag.gegevens


def test_jongere_kan_nog_niet_versturen(maak_aanvraag, loket):
    aanvraag = maak_aanvraag("concept", door=loket, persoon={"geboortedatum": date(2004, 1, 1)})
    client = client_voor(loket)
    for stap, data in (
        ("persoon", {}),
        ("wonen", {"woonsituatie": "inwonend"}),
        (
            "huishouden",
            {
                "kinderen-TOTAL_FORMS": "0",
                "kinderen-INITIAL_FORMS": "0",
                "medebewoners-TOTAL_FORMS": "0",
                "medebewoners-INITIAL_FORMS": "0",
            },
        ),
        ("inkomen", {}),
        ("vermogen", {"bank_saldo": "0"}),
        ("bankrekening", {"iban": "NL91ABNA0417164300", "tenaamstelling": "A"}),
    ):
        assert client.post(_url("stap", aanvraag, stap), data).status_code == 302, stap
    response = client.post(
        _url("stap", aanvraag, "verklaring"), {"akkoord": "on", "actie": "versturen"}
    )
    assert response.status_code == 200
    assert "U kunt de aanvraag versturen vanaf 14 april 2026" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.CONCEPT


def test_checklist_codes_hebben_een_formulier(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    html = client_voor(consulent).get(_detail(aanvraag)).content.decode()
    for code in CHECKLIST_CODES:
        assert reverse("aanvraag:checklist", args=[aanvraag.pk, code]) in html


# --- the vermogen against the limit (policy data) ------------------------------------------


def test_vermogen_tegen_de_grens_uit_het_beleid(maak_aanvraag, consulent):
    from aanvraag import selectors
    from aanvraag.models import Aanvraagbeleid

    aanvraag = maak_aanvraag("in_behandeling")
    toets = selectors.vermogen_toets(aanvraag)
    beleid = Aanvraagbeleid.objects.order_by("-geldig_vanaf").first()
    assert toets.grens == Decimal(beleid.data["vermogensgrens"]["alleenstaande"])
    assert toets.opgegeven == Decimal("120.00") and not toets.boven_grens
    html = client_voor(consulent).get(_detail(aanvraag)).content.decode()
    assert "Onder de grens." in html

    gegevens = dict(aanvraag.gegevens)
    gegevens["vermogen"] = {"data": {"bank_saldo": "9000.00", "auto_waarde": "500.00"}}
    gegevens["huishouden"] = {"data": {"partner": None, "kinderen": [], "medebewoners": []}}
    Aanvraag.objects.filter(pk=aanvraag.pk).update(gegevens=gegevens)
    aanvraag.refresh_from_db()
    toets = selectors.vermogen_toets(aanvraag)
    assert toets.opgegeven == Decimal("9500.00") and toets.boven_grens
    assert (
        "Let op: boven de grens." in client_voor(consulent).get(_detail(aanvraag)).content.decode()
    )

    # a household with a child: the gezin limit of the policy (data, not a constant)
    gegevens["huishouden"] = {
        "data": {"partner": None, "kinderen": [{"naam": "K", "geboortedatum": "2020-01-01"}]}
    }
    Aanvraag.objects.filter(pk=aanvraag.pk).update(gegevens=gegevens)
    aanvraag.refresh_from_db()
    toets = selectors.vermogen_toets(aanvraag)
    assert toets.gezin and toets.grens == Decimal(beleid.data["vermogensgrens"]["gezin"])
    assert not toets.boven_grens


# --- the household check: co-residents from the BRP ----------------------------------------

LISA, TOM_NAAM, LISA_ADRES = "999991103", "Tom Visser", "0599010000131208"


def test_bewoners_uit_de_brp_naast_de_aanvraag(maak_aanvraag, consulent, werkcoach, fake_brp):  # noqa: F811
    aanvraag = maak_aanvraag("in_behandeling", bsn=LISA)
    Aanvraag.objects.filter(pk=aanvraag.pk).update(
        brp={"geslachtsnaam": "Jansen", "adresseerbaar_object_id": LISA_ADRES}
    )
    url = reverse("aanvraag:bewoners", args=[aanvraag.pk])
    assert client_voor(werkcoach).post(url).status_code in (403, 404)  # only the behandelaar
    response = client_voor(consulent).post(url)
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert [b["naam"] for b in aanvraag.brp["bewoners"]] == [TOM_NAAM]  # not Lisa herself
    assert "bsn" not in str(aanvraag.brp["bewoners"]) and "999991115" not in str(aanvraag.brp)
    assert Verwerking.objects.filter(operatie="brp_bewoners:aanvraag_bijstand").exists()
    html = client_voor(consulent).get(_detail(aanvraag)).content.decode()
    assert TOM_NAAM in html and "Wijkt af: controleren (woonsituatie" in html

    # the BRP down: a Dutch message, nothing changed
    fake_brp.storing = "500"
    voor = dict(aanvraag.brp)
    response = client_voor(consulent).post(url)
    assert response.status_code == 200 and "BRP" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.brp == voor


def test_bewoners_zonder_brp_adres(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    response = client_voor(consulent).post(reverse("aanvraag:bewoners", args=[aanvraag.pk]))
    assert response.status_code == 200
    assert "Het adres komt niet uit de BRP" in response.content.decode()
