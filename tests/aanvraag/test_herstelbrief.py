"""The hersteltermijn letter "Verzoek om aanvullende gegevens" (issue 12): made and sent inside
``vraag_stukken_op``, its text, post or electronic, idempotent, and who may download it (staff
and the burger's own "Mijn aanvraag")."""

from __future__ import annotations

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from aanvraag import behandeling, herstelbrief
from aanvraag.models import Aanvraag, AanvraagStatus, Hersteltermijn, Verzendwijze
from bijstand.accounts.models import Rol
from bijstand.dossiers.models import JournaalRegel, JournaalSoort
from bijstand.logboek.models import Verwerking
from bijstand.portaal.services import burger_voor_digid
from tests.aanvraag.beschikking_fabriek import pdf_tekst
from tests.aanvraag.conftest import client_voor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BACKEND = "bijstand.portaal.backends.DigiDMockBackend"
KWAAD = '<script>alert("x")</script> & <b>vet</b>'


def _vraag(aanvraag, consulent, vandaag, *, gevraagd="Bankafschriften van 3 maanden"):
    vandaag(date(2026, 4, 1))
    return behandeling.vraag_stukken_op(
        aanvraag=aanvraag, gevraagd=gevraagd, door=consulent, termijn_tot=date(2026, 4, 15)
    )


def _als_burger(client, aanvraag):
    account = burger_voor_digid(bsn=aanvraag.dossier.werkzoekende.bsn)
    client.force_login(account, backend=BACKEND)
    return client


def _berichten(dossier):
    return JournaalRegel.objects.filter(dossier=dossier, soort=JournaalSoort.BERICHT)


@pytest.fixture
def h(maak_aanvraag, consulent, vandaag):
    return _vraag(maak_aanvraag("in_behandeling"), consulent, vandaag)


# --- the letter -----------------------------------------------------------------------------


def test_brief_bevat_verzoek_datum_en_gevolgen(h, tmp_path):
    h.refresh_from_db()
    assert h.pdf_sha256 and h.verzonden_op == date(2026, 4, 1)
    data = h.pdf.open("rb").read()
    assert data.startswith(b"%PDF")
    tekst = pdf_tekst(data, tmp_path)
    assert "Verzoek om aanvullende gegevens" in tekst
    assert "Bankafschriften van 3 maanden" in tekst
    assert "Stuur de gegevens uiterlijk op 15 april 2026." in tekst
    assert "1 april 2026" in tekst
    assert "buiten behandeling" in tekst and "4:5" in tekst and "4:15" in tekst
    assert "Mijn aanvraag" in tekst and "loket" in tekst
    assert herstelbrief.kenmerk(h) in tekst
    assert "bezwaar maken tot" not in tekst.lower()
    bsn = h.aanvraag.dossier.werkzoekende.bsn
    assert bsn not in tekst and f"******{bsn[-3:]}" in tekst


def test_vijandige_tekst_als_tekst(maak_aanvraag, consulent, vandaag, tmp_path):
    h = _vraag(maak_aanvraag("in_behandeling"), consulent, vandaag, gevraagd=KWAAD)
    tekst = pdf_tekst(h.pdf.open("rb").read(), tmp_path)
    assert '<script>alert("x")</script>' in tekst
    assert "<b>vet</b>" in tekst
    html = render_to_string(herstelbrief.TEMPLATE, herstelbrief.brief_context(h))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_per_post(h):
    h.refresh_from_db()
    assert h.verzendwijze == Verzendwijze.POST
    dossier = h.aanvraag.dossier
    assert JournaalRegel.objects.filter(dossier=dossier, tekst__contains="per post").exists()
    bericht = _berichten(dossier).order_by("-pk").first()
    assert "klaar in 'Mijn aanvraag'" not in bericht.tekst
    assert Verwerking.objects.filter(operatie="verzend_herstelbrief").exists()


def test_elektronisch(maak_aanvraag, consulent, vandaag):
    aanvraag = maak_aanvraag("in_behandeling")
    Aanvraag.objects.filter(pk=aanvraag.pk).update(elektronisch=True)
    h = _vraag(aanvraag, consulent, vandaag)
    assert h.verzendwijze == Verzendwijze.ELEKTRONISCH and h.verzonden_op == date(2026, 4, 1)
    bericht = _berichten(aanvraag.dossier).order_by("-pk").first()
    assert "De brief met dit verzoek staat voor u klaar in 'Mijn aanvraag'." in bericht.tekst
    assert not JournaalRegel.objects.filter(
        dossier=aanvraag.dossier, tekst__contains="Verzoek om aanvullende gegevens per post"
    ).exists()


def test_idempotent(h, consulent, vandaag):
    h.refresh_from_db()
    sha, pad = h.pdf_sha256, h.pdf.name
    vandaag(date(2026, 4, 3))
    opnieuw = herstelbrief.maak_en_verzend_herstelbrief(hersteltermijn=h, door=consulent)
    assert (opnieuw.pdf_sha256, opnieuw.pdf.name) == (sha, pad)
    assert opnieuw.verzonden_op == date(2026, 4, 1)
    assert Verwerking.objects.filter(operatie="verzend_herstelbrief").count() == 1


@pytest.mark.parametrize("waar", ["pdf", "bericht"])
def test_terugdraaien_laat_geen_hersteltermijn(
    maak_aanvraag, consulent, vandaag, monkeypatch, waar
):
    aanvraag = maak_aanvraag("in_behandeling")

    def faal(*args, **kwargs):
        raise RuntimeError("stuk")

    if waar == "pdf":
        monkeypatch.setattr(herstelbrief, "html_naar_pdf", faal)
    else:
        monkeypatch.setattr(behandeling.dossier_services, "stuur_bericht_aan_burger", faal)
    with pytest.raises(RuntimeError):
        _vraag(aanvraag, consulent, vandaag)
    assert not Hersteltermijn.objects.exists()
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND
    assert not Verwerking.objects.filter(operatie="verzend_herstelbrief").exists()


# --- staff download -------------------------------------------------------------------------


def _staff_url(h) -> str:
    return reverse("aanvraag:herstelbrief_pdf", args=[h.pk])


def test_medewerker_downloadt(h, consulent):
    response = client_voor(consulent).get(_staff_url(h))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="verzoek-om-gegevens-2026-04-01-{h.pk}.pdf"'
    )
    assert response.content == h.pdf.open("rb").read()
    assert Verwerking.objects.order_by("-id").first().operatie == "download_herstelbrief"


def test_link_op_aanvraagpagina(h, consulent):
    html = client_voor(consulent).get(reverse("aanvraag:detail", args=[h.aanvraag_id])).content
    assert _staff_url(h) in html.decode()


def test_werkcoach_van_het_dossier_mag(h, werkcoach):
    assert client_voor(werkcoach).get(_staff_url(h)).status_code == 200


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        (Rol.WERKCONSULENT, 404),
        (Rol.INKOMENSCONSULENT, 404),
        (Rol.TEAMLEIDER, 404),
        (Rol.BEHEERDER, 403),
        (Rol.PRIVACY, 403),
        (Rol.BETAALRUN, 403),
    ],
)
def test_andere_medewerkers_niet(h, rol, status):
    response = client_voor(UserFactory(rol=rol)).get(_staff_url(h))
    assert response.status_code == status
    assert not response.content.startswith(b"%PDF")


def test_anoniem_onbekend_en_post(client, h, consulent):
    response = client.get(_staff_url(h))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    c = client_voor(consulent)
    assert c.get(reverse("aanvraag:herstelbrief_pdf", args=[h.pk + 999])).status_code == 404
    assert c.post(_staff_url(h)).status_code == 405


def test_burger_niet_via_medewerkersroute(client, h):
    assert _als_burger(client, h.aanvraag).get(_staff_url(h)).status_code == 403


# --- portal ---------------------------------------------------------------------------------


def _portaal_url(h) -> str:
    return reverse("portaal:herstelbrief_pdf", args=[h.pk])


def test_burger_downloadt_eigen_brief(client, h, tmp_path):
    client = _als_burger(client, h.aanvraag)
    html = client.get(reverse("portaal:aanvraag")).content.decode()
    assert _portaal_url(h) in html
    assert "ook per post gestuurd" in html
    response = client.get(_portaal_url(h))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Bankafschriften van 3 maanden" in pdf_tekst(response.content, tmp_path)
    assert Verwerking.objects.filter(operatie="portaal_download_herstelbrief").exists()


def test_andere_burger_krijgt_404(client, h, maak_aanvraag, consulent, vandaag):
    ander = _vraag(maak_aanvraag("in_behandeling"), consulent, vandaag, gevraagd="Loonstrook")
    client = _als_burger(client, ander.aanvraag)
    response = client.get(_portaal_url(h))
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")
    assert client.get(_portaal_url(ander)).status_code == 200
    assert client.get(reverse("portaal:herstelbrief_pdf", args=[999_999])).status_code == 404
    html = client.get(reverse("portaal:aanvraag")).content.decode()
    assert _portaal_url(h) not in html and _portaal_url(ander) in html


def test_medewerker_niet_via_portaal(h, consulent):
    assert client_voor(consulent).get(_portaal_url(h)).status_code == 403


def test_vijandige_tekst_op_mijn_aanvraag(client, maak_aanvraag, consulent, vandaag):
    h = _vraag(maak_aanvraag("in_behandeling"), consulent, vandaag, gevraagd=KWAAD)
    html = _als_burger(client, h.aanvraag).get(reverse("portaal:aanvraag")).content.decode()
    assert '<script>alert("x")' not in html and "&lt;script&gt;" in html
