"""The inkomensconsulent's screens: the Inkomen tab, beoordelen, registreren, loonstrook."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bijstand.accounts.models import Rol
from bijstand.core import tijd
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from inkomen import services
from inkomen.models import Beoordeling, BeoordelingWijziging, Berekening, Bron, Inkomstenopgave
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db

MAART = date(2026, 3, 1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
L = "login"

ROLLEN = [
    "anoniem",
    "werkcoach",
    "andere_werkcoach",
    "inkomensconsulent",
    "andere_inkomensconsulent",
    "teamleider",
    "beheerder",
    "privacy",
    "betaalrun",
    "burger",
    "andere_burger",
]


@pytest.fixture
def wereld(vandaag, consulent):
    team = TeamFactory()
    teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.teamleider = teamleider
    team.save()
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    andere_werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory())
    burger = UserFactory(rol=Rol.BURGER, team=None)
    andere_burger = UserFactory(rol=Rol.BURGER, team=None)
    dossier = DossierFactory(
        werkcoach=werkcoach,
        inkomensconsulent=consulent,
        werkzoekende=WerkzoekendeFactory(account=burger, geboortedatum=date(1985, 5, 1)),
    )
    services.start_uitkering(dossier=dossier, ingangsdatum=date(2026, 1, 1), door=None)
    DossierFactory(
        werkcoach=andere_werkcoach, werkzoekende=WerkzoekendeFactory(account=andere_burger)
    )
    users = {
        "anoniem": None,
        "werkcoach": werkcoach,
        "andere_werkcoach": andere_werkcoach,
        "inkomensconsulent": consulent,
        "andere_inkomensconsulent": UserFactory(rol=Rol.INKOMENSCONSULENT, team=None),
        "teamleider": teamleider,
        "beheerder": UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True),
        "privacy": UserFactory(rol=Rol.PRIVACY, team=None),
        "betaalrun": UserFactory(rol=Rol.BETAALRUN, team=None),
        "burger": burger,
        "andere_burger": andere_burger,
    }
    return {"dossier": dossier, "users": users}


@pytest.fixture
def opgave_met_loonstrook(wereld, opgave):
    return opgave(
        wereld["dossier"],
        MAART,
        "600.00",
        status="geschat",
        bron="burger",
        door=wereld["users"]["burger"],
        loonstrook=SimpleUploadedFile("mijn loonstrook.pdf", PDF),
    )


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _tab(dossier) -> str:
    return reverse("dossiers:tab", args=[dossier.pk, "inkomen"])


def _status(response) -> int | str:
    locatie = response.get("Location", "")
    if response.status_code == 302 and ("login" in locatie or "inloggen" in locatie):
        return L
    return response.status_code


MATRIX = [
    ("tab", "get", lambda d, o: _tab(d), None,
     [L, 200, 404, 200, 404, 403, 403, 403, 403, 403, 403]),
    ("beoordelen", "get",
     lambda d, o: reverse("inkomen:opgave_beoordelen", args=[d.pk, o.pk]), None,
     [L, 403, 403, 200, 404, 403, 403, 403, 403, 403, 403]),
    ("beoordelen post", "post",
     lambda d, o: reverse("inkomen:opgave_beoordelen", args=[d.pk, o.pk]),
     {"besluit": "afgewezen", "reden": ""},  # invalid: nothing changes for anyone
     [L, 403, 403, 200, 404, 403, 403, 403, 403, 403, 403]),
    ("registreren", "get", lambda d, o: reverse("inkomen:opgave_registreren", args=[d.pk]), None,
     [L, 403, 403, 200, 404, 403, 403, 403, 403, 403, 403]),
    ("loonstrook", "get", lambda d, o: reverse("inkomen:loonstrook", args=[d.pk, o.pk]), None,
     [L, 200, 404, 200, 404, 403, 403, 403, 403, 403, 403]),
]  # fmt: skip


@pytest.mark.parametrize("naam,methode,url,data,verwacht", MATRIX, ids=[m[0] for m in MATRIX])
def test_permissiematrix(wereld, opgave_met_loonstrook, naam, methode, url, data, verwacht):
    pad = url(wereld["dossier"], opgave_met_loonstrook)
    werkelijk = {}
    for rol in ROLLEN:
        client = _client(wereld["users"][rol])
        response = client.get(pad) if methode == "get" else client.post(pad, data)
        werkelijk[rol] = _status(response)
    assert werkelijk == dict(zip(ROLLEN, verwacht, strict=True)), werkelijk
    opgave_met_loonstrook.refresh_from_db()
    assert opgave_met_loonstrook.beoordeling == Beoordeling.OPEN


def test_tab_toont_opgaven_berekeningen_en_saldi(wereld, opgave_met_loonstrook, opgave):
    dossier = wereld["dossier"]
    correctie = opgave(dossier, MAART, "650.00", vervangt=opgave_met_loonstrook)
    response = _client(wereld["users"]["inkomensconsulent"]).get(_tab(dossier))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inkomstenopgaven" in html
    assert "€ 600,00" in html and "€ 650,00" in html
    assert f"Vervangen door opgave {correctie.pk}" in html
    assert f"Vervangt opgave {opgave_met_loonstrook.pk}" in html
    assert "Burger (portaal)" in html and "Geschat" in html and "Definitief" in html
    assert reverse("inkomen:loonstrook", args=[dossier.pk, opgave_met_loonstrook.pk]) in html
    # berekeningen with versions and their explanation lines
    assert "Berekeningen per maand" in html
    assert "(actueel)" in html
    assert "art. 31 lid 2 onder n Participatiewet" in html
    assert "Open verrekeningsschuld" in html and "Vorderingen" in html
    assert f'href="/dossiers/{dossier.pk}/inkomen/" aria-current="page"' in html
    # never a public URL of the payslip
    assert opgave_met_loonstrook.loonstrook.name not in html


def test_tab_logt_met_activiteit_uitkering(wereld):
    dossier = wereld["dossier"]
    onderwerp = pseudoniem(dossier.werkzoekende.log_subject)
    _client(wereld["users"]["werkcoach"]).get(_tab(dossier))
    regel = Verwerking.objects.filter(betrokkene=onderwerp).order_by("-id").first()
    assert regel.operatie == "bekijk_inkomen"
    assert regel.activiteit.code == "uitkering"


def test_werkcoach_ziet_geen_beoordeelknop(wereld, opgave_met_loonstrook):
    html = _client(wereld["users"]["werkcoach"]).get(_tab(wereld["dossier"])).content.decode()
    assert "Beoordelen" not in html
    assert "Opgave registreren" not in html


def test_afwijzen_zonder_reden_verandert_niets(wereld, opgave_met_loonstrook):
    dossier = wereld["dossier"]
    url = reverse("inkomen:opgave_beoordelen", args=[dossier.pk, opgave_met_loonstrook.pk])
    versies = Berekening.objects.filter(dossier=dossier).count()
    response = _client(wereld["users"]["inkomensconsulent"]).post(
        url, {"besluit": "afgewezen", "reden": "  "}
    )
    assert response.status_code == 200
    assert "Geef een reden voor de afwijzing." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode() or "is-invalid" in str(
        response.content
    )
    opgave_met_loonstrook.refresh_from_db()
    assert opgave_met_loonstrook.beoordeling == Beoordeling.OPEN
    assert not BeoordelingWijziging.objects.exists()
    assert Berekening.objects.filter(dossier=dossier).count() == versies


def test_afwijzen_met_reden_herberekent(
    wereld, opgave_met_loonstrook, django_capture_on_commit_callbacks
):
    dossier = wereld["dossier"]
    client = _client(wereld["users"]["inkomensconsulent"])
    url = reverse("inkomen:opgave_beoordelen", args=[dossier.pk, opgave_met_loonstrook.pk])
    assert Berekening.objects.get(dossier=dossier, maand=MAART, actueel=True).inkomsten == (
        Decimal("600.00")
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"besluit": "afgewezen", "reden": "Geen loon in maart."})
    assert response.status_code == 302
    assert response["Location"].endswith(_tab(dossier) + "#opgaven")
    opgave_met_loonstrook.refresh_from_db()
    assert opgave_met_loonstrook.beoordeling == Beoordeling.AFGEWEZEN
    assert opgave_met_loonstrook.beoordeling_reden == "Geen loon in maart."
    actueel = Berekening.objects.get(dossier=dossier, maand=MAART, actueel=True)
    assert actueel.inkomsten == Decimal("0.00") and actueel.versie == 2
    volgende = client.get(response["Location"])
    assert "De opgave is afgewezen." in volgende.content.decode()
    assert "Afgewezen: Geen loon in maart." in volgende.content.decode()


def test_accepteren(wereld, opgave_met_loonstrook):
    dossier = wereld["dossier"]
    url = reverse("inkomen:opgave_beoordelen", args=[dossier.pk, opgave_met_loonstrook.pk])
    response = _client(wereld["users"]["inkomensconsulent"]).post(
        url, {"besluit": "geaccepteerd", "reden": ""}
    )
    assert response.status_code == 302
    opgave_met_loonstrook.refresh_from_db()
    assert opgave_met_loonstrook.beoordeling == Beoordeling.GEACCEPTEERD
    assert opgave_met_loonstrook.beoordeeld_door == wereld["users"]["inkomensconsulent"]


def test_ongeldige_overgang_geeft_fout(wereld, opgave_met_loonstrook):
    dossier = wereld["dossier"]
    client = _client(wereld["users"]["inkomensconsulent"])
    url = reverse("inkomen:opgave_beoordelen", args=[dossier.pk, opgave_met_loonstrook.pk])
    client.post(url, {"besluit": "geaccepteerd"})
    response = client.post(url, {"besluit": "geaccepteerd"})  # accepted -> accepted
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode() or (
        "niet mogelijk" in response.content.decode()
    )


def test_opgave_van_ander_dossier_404(wereld, opgave_met_loonstrook, maak_dossier):
    ander = maak_dossier()
    url = reverse("inkomen:opgave_beoordelen", args=[ander.pk, opgave_met_loonstrook.pk])
    ander.inkomensconsulent = wereld["users"]["inkomensconsulent"]
    ander.save()
    assert _client(wereld["users"]["inkomensconsulent"]).get(url).status_code == 404


def test_loonstrook_download(wereld, opgave_met_loonstrook):
    dossier = wereld["dossier"]
    url = reverse("inkomen:loonstrook", args=[dossier.pk, opgave_met_loonstrook.pk])
    response = _client(wereld["users"]["inkomensconsulent"]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "mijn loonstrook" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    regel = Verwerking.objects.order_by("-id").first()
    assert (regel.operatie, regel.activiteit.code) == ("bekijk_loonstrook", "uitkering")


def test_loonstrook_zonder_bestand_404(wereld, opgave):
    zonder = opgave(wereld["dossier"], MAART, "100.00")
    url = reverse("inkomen:loonstrook", args=[wereld["dossier"].pk, zonder.pk])
    assert _client(wereld["users"]["inkomensconsulent"]).get(url).status_code == 404


def test_consulent_registreert_namens_burger(wereld, django_capture_on_commit_callbacks):
    dossier = wereld["dossier"]
    url = reverse("inkomen:opgave_registreren", args=[dossier.pk])
    client = _client(wereld["users"]["inkomensconsulent"])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "maand": "2026-03",
                "persoon": "aanvrager",
                "soort": "arbeid",
                "bedrag": "600,00",
                "status": "definitief",
                "periode": "maand",
                "loonstrook": SimpleUploadedFile("x.pdf", PDF),
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    opgave = Inkomstenopgave.objects.get(dossier=dossier)
    assert (opgave.bron, opgave.bedrag, opgave.loonstrook_type) == (
        Bron.CONSULENT,
        Decimal("600.00"),
        "pdf",
    )
    assert opgave.ingediend_door == wereld["users"]["inkomensconsulent"]
    assert Berekening.objects.get(dossier=dossier, maand=MAART, actueel=True).bijstand


def test_registreren_fouten_van_de_service(wereld):
    dossier = wereld["dossier"]
    url = reverse("inkomen:opgave_registreren", args=[dossier.pk])
    response = _client(wereld["users"]["inkomensconsulent"]).post(
        url,
        {
            "maand": "2026-03",
            "persoon": "aanvrager",
            "soort": "arbeid",
            "betaaldatum_1": "2026-04-03",
            "bedrag_1": "600",
            "status": "definitief",
            "periode": "vier_weken",
            "loonstrook": SimpleUploadedFile("x.pdf", b"<html>geen pdf</html>"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "De betaaldata moeten in de opgegeven maand liggen." in html
    assert "Alleen een PDF-, PNG- of JPEG-bestand is toegestaan." in html
    assert not Inkomstenopgave.objects.exists()


def _maak_rijen(dossier, opgave, aantal: int) -> None:
    """``aantal`` months with an opgave, a correction, a payment and a recalculation."""
    for i in range(aantal):
        maand = tijd.maand_plus(MAART, -i)
        eerste = opgave(
            dossier,
            maand,
            "300.00",
            status="geschat",
            loonstrook=SimpleUploadedFile("x.pdf", PDF),
        )
        services.boek_maandbetaling(dossier_id=dossier.pk, maand=maand)
        opgave(dossier, maand, "450.00", vervangt=eerste)


def test_aantal_queries_constant(wereld, opgave, maak_dossier):
    klein = wereld["dossier"]
    groot = maak_dossier(ingangsdatum=date(2025, 1, 1))
    groot.werkcoach = klein.werkcoach
    groot.inkomensconsulent = klein.inkomensconsulent
    groot.save()
    _maak_rijen(klein, opgave, 1)
    _maak_rijen(groot, opgave, 14)
    assert Inkomstenopgave.objects.filter(dossier=groot).count() > 20
    assert Berekening.objects.filter(dossier=groot).count() > 20
    client = _client(wereld["users"]["inkomensconsulent"])

    def tel(dossier) -> int:
        client.get(_tab(dossier))  # warm caches (session, rules)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(_tab(dossier))
        assert response.status_code == 200
        return len(ctx.captured_queries)

    assert tel(klein) == tel(groot)
    # and the pages beyond the first work
    tweede = client.get(_tab(groot) + "?opgaven=2&berekeningen=2&boekingen=2")
    assert tweede.status_code == 200
    assert 'aria-label="Paginering van de opgaven"' in tweede.content.decode()
