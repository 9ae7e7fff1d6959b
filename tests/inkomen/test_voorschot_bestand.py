"""The SEPA files of the voorschotten (inkomen.voorschotbestand) and the screen "Voorschotten"
of the medewerker betaalruns (inkomen.views_voorschotten): one payment in exactly one valid
pain.001 file, however often or concurrently the button is pressed; only that role sees and
downloads it; every person shown or downloaded is logged."""

from __future__ import annotations

import hashlib
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from lxml import etree

from bijstand.accounts.models import Rol
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from inkomen import voorschot, voorschotbestand
from inkomen.models import Voorschotbatch, VoorschotbatchStatus, Voorschotbetaling
from inkomen.sepa import NS, valideer
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory
from tests.gelijktijdig import ALLEEN_POSTGRES, tegelijk

from .conftest import D

NAAM_AANVAL = '<script>alert("x")</script> Jansen'


def betaal(bedrag: str = "1261.35", **persoon) -> Voorschotbetaling:
    dossier = DossierFactory(werkzoekende=WerkzoekendeFactory(**persoon))
    return voorschot.betaal_voorschot(dossier=dossier, bedrag=D(bedrag), door=None)


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def betaalrun_medewerker(db):
    return UserFactory(rol=Rol.BETAALRUN, team=None)


def inhoud(batch: Voorschotbatch) -> bytes:
    with batch.bestand.open("rb") as f:
        return f.read()


# --------------------------------------------------------------------------------------------
# the file


@pytest.mark.django_db
def test_bestand_is_geldig_pain001_met_precies_de_open_betalingen(vandaag):
    a, b = betaal("1261.35"), betaal("630.68")
    geannuleerd = betaal("100.00")
    voorschot.annuleer_open_betalingen(dossier_id=geannuleerd.dossier_id)

    batch = voorschotbestand.maak_voorschotbatch(door=None)

    xml = inhoud(batch)
    valideer(xml)  # the pain.001.001.03 XSD (raises SepaFout otherwise)
    boom = etree.fromstring(xml)
    ns = {"p": NS}
    assert sorted(boom.xpath("//p:EndToEndId/text()", namespaces=ns)) == sorted(
        [a.end_to_end_id, b.end_to_end_id]
    )
    assert boom.xpath("string(//p:GrpHdr/p:NbOfTxs)", namespaces=ns) == "2"
    assert boom.xpath("string(//p:GrpHdr/p:CtrlSum)", namespaces=ns) == "1892.03"
    assert boom.xpath("string(//p:GrpHdr/p:MsgId)", namespaces=ns) == batch.bericht_id
    assert boom.xpath("string(//p:ReqdExctnDt)", namespaces=ns) == "2026-04-05"
    assert re.fullmatch(r"WI-VS-20260405-\d+", batch.bericht_id)
    assert (batch.aantal, batch.totaal, batch.status) == (2, D("1892.03"), "aangemaakt")
    assert batch.bestand_sha256 == hashlib.sha256(xml).hexdigest()
    assert set(Voorschotbetaling.objects.filter(batch=batch)) == {a, b}
    assert b"Voorschot bijstand Participatiewet" in xml
    # Nothing open any more: a second click makes nothing.
    assert voorschotbestand.maak_voorschotbatch(door=None) is None
    assert Voorschotbatch.objects.count() == 1
    # A payment made later goes into the next file, alone.
    c = betaal("50.00")
    volgende = voorschotbestand.maak_voorschotbatch(door=None)
    assert list(volgende.betalingen.all()) == [c] and volgende.bericht_id != batch.bericht_id


@pytest.mark.django_db
def test_een_veranderde_lijst_maakt_niets(vandaag):
    a = betaal()
    kenmerk = voorschotbestand.kenmerk([a.pk])
    betaal("20.00")  # arrived after the list was shown
    with pytest.raises(Exception, match="veranderd"):
        voorschotbestand.maak_voorschotbatch(door=None, verwacht_kenmerk=kenmerk)
    assert not Voorschotbatch.objects.exists()


@pytest.mark.django_db
def test_command_voorschotbestand(vandaag):
    betaal()
    uit = StringIO()
    call_command("voorschotbestand", stdout=uit)
    assert "1 voorschotten, totaal EUR 1261.35" in uit.getvalue()
    uit = StringIO()
    call_command("voorschotbestand", stdout=uit)
    assert "geen voorschotten open" in uit.getvalue()
    assert Voorschotbatch.objects.count() == 1


def alleen_postgres(functie):
    for mark in ALLEEN_POSTGRES:
        functie = mark(functie)
    return functie


@alleen_postgres
@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_klikken_een_batch(vandaag):
    betalingen = [betaal(), betaal("20.00"), betaal("30.00")]

    uitkomsten = tegelijk([lambda: voorschotbestand.maak_voorschotbatch(door=None)] * 2)

    gemaakt = [u for u in uitkomsten if u is not None]
    assert len(gemaakt) == 1 and uitkomsten.count(None) == 1
    assert Voorschotbatch.objects.count() == 1
    assert set(Voorschotbetaling.objects.filter(batch=gemaakt[0])) == set(betalingen)


@alleen_postgres
@pytest.mark.django_db(transaction=True)
def test_annuleren_en_bestand_tegelijk_nooit_allebei(vandaag):
    betaling = betaal()

    tegelijk(
        [
            lambda: voorschotbestand.maak_voorschotbatch(door=None),
            lambda: voorschot.vorder_open_voorschot(dossier_id=betaling.dossier_id),
        ]
    )

    betaling.refresh_from_db()
    assert (betaling.batch is None) != (betaling.geannuleerd_op is None)
    assert voorschot.open_voorschot(dossier_id=betaling.dossier_id) == 0
    if betaling.batch is not None:  # sent: the money is claimed back
        assert betaling.dossier.boekingen.filter(soort="voorschot_vordering").count() == 1


# --------------------------------------------------------------------------------------------
# the screen


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rol",
    [Rol.WERKCONSULENT, Rol.INKOMENSCONSULENT, Rol.TEAMLEIDER, Rol.BEHEERDER, Rol.PRIVACY],
)
def test_andere_rollen_krijgen_403(vandaag, rol):
    betaal()
    batch = voorschotbestand.maak_voorschotbatch(door=None)
    client = ingelogd(UserFactory(rol=rol, team=None))
    assert client.get(reverse("inkomen:voorschotten")).status_code == 403
    assert client.post(reverse("inkomen:voorschotbestand_maken")).status_code == 403
    download = client.get(reverse("inkomen:voorschotbestand", args=[batch.pk]))
    assert download.status_code == 403
    assert not Verwerking.objects.filter(operatie="download_voorschotbestand").exists()
    batch.refresh_from_db()
    assert batch.gedownload_op is None


@pytest.mark.django_db
def test_burger_en_anoniem_komen_er_niet_in(vandaag):
    burger = UserFactory(rol=Rol.BURGER, team=None)
    assert ingelogd(burger).get(reverse("inkomen:voorschotten")).status_code in (302, 403)
    anoniem = Client().get(reverse("inkomen:voorschotten"))
    assert anoniem.status_code == 302 and "login" in anoniem["Location"]


@pytest.mark.django_db
def test_lijst_toont_open_voorschotten_escaped_en_logt(vandaag, betaalrun_medewerker):
    betaling = betaal(voornamen=NAAM_AANVAL)
    client = ingelogd(betaalrun_medewerker)

    response = client.get(reverse("inkomen:voorschotten"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "NL91ABNA0417164300" in html and "1.261,35" in html
    assert 'name="kenmerk" value="' + voorschotbestand.kenmerk([betaling.pk]) in html
    assert response["Cache-Control"] == "private, no-store"
    onderwerp = pseudoniem(betaling.dossier.werkzoekende.log_subject)
    assert Verwerking.objects.filter(
        operatie="bekijk_voorschotbetalingen", betrokkene=onderwerp
    ).exists()


@pytest.mark.django_db
def test_knop_twee_keer_een_bestand_en_download(vandaag, betaalrun_medewerker):
    betaling = betaal()
    client = ingelogd(betaalrun_medewerker)
    kenmerk = voorschotbestand.kenmerk([betaling.pk])
    url = reverse("inkomen:voorschotbestand_maken")

    eerste = client.post(url, {"kenmerk": kenmerk}, follow=True)
    tweede = client.post(url, {"kenmerk": kenmerk}, follow=True)  # back button, resubmit

    assert Voorschotbatch.objects.count() == 1
    batch = Voorschotbatch.objects.get()
    assert batch.aangemaakt_door == betaalrun_medewerker
    assert "is gemaakt: 1 voorschotten" in eerste.content.decode()
    assert "geen voorschotten open" in tweede.content.decode()
    assert f'id="bestand-{batch.pk}"' in tweede.content.decode()

    response = client.get(reverse("inkomen:voorschotbestand", args=[batch.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == inhoud(batch)
    batch.refresh_from_db()
    assert batch.status == VoorschotbatchStatus.GEDOWNLOAD
    assert batch.gedownload_door == betaalrun_medewerker
    eerst = batch.gedownload_op
    client.get(reverse("inkomen:voorschotbestand", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.gedownload_op == eerst
    onderwerp = pseudoniem(betaling.dossier.werkzoekende.log_subject)
    assert (
        Verwerking.objects.filter(
            operatie="download_voorschotbestand", betrokkene=onderwerp
        ).count()
        == 2
    )
    assert client.get(reverse("inkomen:voorschotbestand", args=[batch.pk + 99])).status_code == 404


@pytest.mark.django_db
def test_knop_met_verouderde_lijst_maakt_niets(vandaag, betaalrun_medewerker):
    betaal()
    client = ingelogd(betaalrun_medewerker)
    for kenmerk in ("oud", "", "<b>x</b>" * 50):
        response = client.post(
            reverse("inkomen:voorschotbestand_maken"), {"kenmerk": kenmerk}, follow=True
        )
        assert response.status_code == 200
        assert "is veranderd" in response.content.decode()
    assert not Voorschotbatch.objects.exists()
    assert client.get(reverse("inkomen:voorschotbestand_maken")).status_code == 405


@pytest.mark.django_db
def test_lege_lijst(vandaag, betaalrun_medewerker):
    html = ingelogd(betaalrun_medewerker).get(reverse("inkomen:voorschotten")).content.decode()
    assert "Er staan geen voorschotten open" in html
    assert "Betaalbestand maken" not in html
