"""Melding aan het loket: BSN search (POST only, never in a URL, not cached, encrypted in the
session), the BRP prefill ("uit de BRP"), typing the person when the BRP does not know the BSN
or is down ("niet uit de BRP"), and a person who already has an active dossier."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from aanvraag.models import Aanvraag
from aanvraag.views_melding import SESSIE
from bijstand.accounts.models import Rol
from bijstand.dossiers import services as dossier_services
from bijstand.dossiers.models import Beeindigingsreden, Dossier, DossierStatus, Werkzoekende
from tests.aanvraag.conftest import client_voor
from tests.brp.fixtures import fake_brp  # noqa: F401 (fixture)
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db

BSN_BRP = "999991085"  # Sanne Kok in tools/fake_brp_personen.json, 3021 GD
BSN_ONBEKEND = "999990123"  # passes the 11-proef, unknown to the fake BRP
KWAAD = '<script>alert("x")</script>'

MELDING = reverse("aanvraag:melding")
BEVESTIGEN = reverse("aanvraag:melding_bevestigen")


def _sessie_tekst(client) -> str:
    """The stored session, decoded (what is in the database)."""
    sessie = Session.objects.get(session_key=client.session.session_key)
    return str(sessie.get_decoded()) + sessie.session_data


@pytest.mark.parametrize(
    "rol,verwacht",
    [
        (Rol.WERKCONSULENT, 200),
        (Rol.INKOMENSCONSULENT, 200),
        (Rol.TEAMLEIDER, 403),
        (Rol.BEHEERDER, 403),
        (Rol.PRIVACY, 403),
        (Rol.BURGER, 403),
    ],
)
def test_wie_mag_een_melding_registreren(rol, verwacht):
    user = UserFactory(rol=rol, team=None)
    assert client_voor(user).get(MELDING).status_code == verwacht
    assert client_voor(user).get(BEVESTIGEN).status_code in (302, verwacht)
    assert client_voor(user).post(MELDING, {"bsn": BSN_BRP}).status_code in (302, verwacht)


def test_anoniem_naar_de_login():
    response = client_voor(None).post(MELDING, {"bsn": BSN_BRP})
    assert response.status_code == 302 and "login" in response["Location"]
    assert BSN_BRP not in response["Location"]


def test_ongeldig_bsn(loket, fake_brp):  # noqa: F811
    client = client_voor(loket)
    response = client.post(MELDING, {"bsn": "123456789"})
    assert response.status_code == 200
    assert "Dit BSN klopt niet" in response.content.decode()
    assert fake_brp.verzoeken == []
    assert SESSIE not in client.session


def test_bsn_uit_de_brp_en_bevestigen(loket, werkcoach, fake_brp, vandaag):  # noqa: F811
    client = client_voor(loket)
    response = client.post(MELDING, {"bsn": BSN_BRP})
    assert response.status_code == 302
    assert response["Location"] == BEVESTIGEN  # the BSN is not in the URL
    assert "no-store" in response["Cache-Control"]
    assert BSN_BRP not in _sessie_tekst(client)  # encrypted in the session
    assert len(fake_brp.verzoeken) == 1

    response = client.get(BEVESTIGEN)
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "Uit de BRP" in html and "Sanne Kok" in html and "3021 GD" in html
    assert f'value="{BSN_BRP}"' not in html and 'name="bsn"' not in html  # no hidden field

    response = client.post(BEVESTIGEN)
    aanvraag = Aanvraag.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("aanvraag:detail", args=[aanvraag.pk])
    assert aanvraag.kanaal == "loket" and aanvraag.melddatum == date(2026, 3, 17)
    assert aanvraag.brp["geslachtsnaam"] == "Kok" and aanvraag.aangemaakt_door == loket
    persoon = aanvraag.dossier.werkzoekende
    assert persoon.bsn == BSN_BRP and persoon.achternaam == "Kok"
    assert SESSIE not in client.session  # cleared
    # the werkcoach was chosen by the wijk's team (3021 is not in the fixture's wijk): someone
    assert aanvraag.dossier.werkcoach.rol == Rol.WERKCONSULENT

    page = client.get(response["Location"]).content.decode()
    assert "De melding is geregistreerd" in page
    assert "Aanvraag samen met de burger invullen" in page

    # a second confirmation (back button) finds no search any more
    response = client.post(BEVESTIGEN)
    assert response.status_code == 302 and response["Location"] == MELDING
    assert Aanvraag.objects.count() == 1


def test_brp_kent_bsn_niet_handmatig(loket, werkcoach, fake_brp, vandaag):  # noqa: F811
    client = client_voor(loket)
    client.post(MELDING, {"bsn": BSN_ONBEKEND})
    html = client.get(BEVESTIGEN).content.decode()
    assert "De BRP kent dit BSN niet." in html and "niet uit de BRP" in html

    response = client.post(BEVESTIGEN, {"persoon-voornamen": "Sara"})
    assert response.status_code == 200
    assert "Vul de achternaam in" in response.content.decode()
    assert (
        not Aanvraag.objects.exists() and not Werkzoekende.objects.filter(voornamen="Sara").exists()
    )

    response = client.post(
        BEVESTIGEN,
        {
            "persoon-voornamen": KWAAD,
            "persoon-achternaam": "de Boer",
            "persoon-geboortedatum": "1991-02-03",
            "persoon-postcode": "3011ab",
            "persoon-woonplaats": "Rotterdam",
        },
    )
    assert response.status_code == 302
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.brp == {}
    assert aanvraag.dossier.werkzoekende.postcode == "3011 AB"
    assert aanvraag.dossier.werkcoach == werkcoach  # wijk 3011 -> the team's werkcoach
    html = client.get(response["Location"]).content.decode()
    assert KWAAD not in html and "&lt;script&gt;" in html
    assert "Niet uit de BRP." in html


@pytest.mark.parametrize(
    "data,fout",
    [
        ({"persoon-geboortedatum": "31-02-1990"}, "Vul een datum in"),
        ({"persoon-geboortedatum": "2030-01-01"}, "in de toekomst"),
        ({"persoon-postcode": "12345"}, "postcode"),
        ({"persoon-achternaam": "x" * 201}, "hoogstens"),
    ],
)
def test_handmatig_foute_invoer(loket, werkcoach, fake_brp, vandaag, data, fout):  # noqa: F811
    client = client_voor(loket)
    client.post(MELDING, {"bsn": BSN_ONBEKEND})
    goed = {
        "persoon-voornamen": "Sara",
        "persoon-achternaam": "de Boer",
        "persoon-geboortedatum": "1991-02-03",
        "persoon-woonplaats": "Rotterdam",
    }
    response = client.post(BEVESTIGEN, {**goed, **data})
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert not Aanvraag.objects.exists()


def test_brp_storing(loket, werkcoach, fake_brp, vandaag):  # noqa: F811
    fake_brp.storing = "500"
    client = client_voor(loket)
    client.post(MELDING, {"bsn": BSN_BRP})
    html = client.get(BEVESTIGEN).content.decode()
    assert "De BRP kon niet worden geraadpleegd." in html
    assert "storing" in html
    assert "persoon-voornamen" in html  # the consulent types the person


def test_actief_dossier_met_link_alleen_voor_wie_het_mag_zien(werkcoach, loket, fake_brp):  # noqa: F811
    persoon = WerkzoekendeFactory(bsn=BSN_BRP)
    dossier = DossierFactory(werkzoekende=persoon, werkcoach=werkcoach, status="lopend")
    dossier_url = reverse("dossiers:detail", args=[dossier.pk])

    client = client_voor(werkcoach)
    client.post(MELDING, {"bsn": BSN_BRP})
    html = client.get(BEVESTIGEN).content.decode()
    assert "heeft al een actief dossier" in html
    assert dossier_url in html
    assert fake_brp.verzoeken == []  # nothing to register: the BRP is not read

    client = client_voor(loket)
    client.post(MELDING, {"bsn": BSN_BRP})
    response = client.get(BEVESTIGEN)
    html = response.content.decode()
    assert "heeft al een actief dossier" in html
    assert dossier_url not in html and persoon.achternaam not in html
    client.post(BEVESTIGEN)  # confirming does nothing here
    assert not Aanvraag.objects.exists()
    assert Dossier.objects.count() == 1


def test_beeindigd_dossier_nieuwe_melding(werkcoach, loket, fake_brp, vandaag):  # noqa: F811
    persoon = WerkzoekendeFactory(bsn=BSN_BRP, achternaam="Kok-Eerder")
    oud = DossierFactory(werkzoekende=persoon, werkcoach=werkcoach, status="lopend")
    dossier_services.wijzig_status(
        dossier=oud,
        naar=DossierStatus.BEEINDIGD,
        reden=Beeindigingsreden.WERK,
        einddatum=date(2025, 6, 1),
        door=None,
    )
    client = client_voor(loket)
    client.post(MELDING, {"bsn": BSN_BRP})
    html = client.get(BEVESTIGEN).content.decode()
    assert "Bekend bij Werk en Inkomen" in html and "Kok-Eerder" in html
    assert "Uit de BRP" in html
    response = client.post(BEVESTIGEN)
    assert response.status_code == 302
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.dossier.werkzoekende == persoon and aanvraag.dossier != oud
    assert aanvraag.brp["geslachtsnaam"] == "Kok"  # beside, not over, our record
    persoon.refresh_from_db()
    assert persoon.achternaam == "Kok-Eerder"


def test_nieuwe_zoekopdracht_wist_de_vorige(loket, fake_brp):  # noqa: F811
    client = client_voor(loket)
    client.post(MELDING, {"bsn": BSN_BRP})
    assert SESSIE in client.session
    client.get(MELDING)
    assert SESSIE not in client.session


def test_geknoeide_sessie(loket, fake_brp):  # noqa: F811
    client = client_voor(loket)
    sessie = client.session
    sessie[SESSIE] = "geen-geldig-token"
    sessie.save()
    response = client.get(BEVESTIGEN)
    assert response.status_code == 302 and response["Location"] == MELDING
