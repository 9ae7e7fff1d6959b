"""The idempotency key on opgaven (issue 13 §1): the consulent's screen, the burger's portal and
the payroll API. A resubmission or retry with the same key stores nothing new, returns the
first receipt and still schedules a recalculation that is missing; the same key with other
data is refused; a bad key is a structured error. Plus the payroll retry after a batch that
failed half-way, and the double click at the same moment (PostgreSQL)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from bijstand.accounts.models import Rol
from inkomen import opgaven, payroll_api, services
from inkomen.models import Berekening, Inkomstenopgave, Werkgever
from inkomen.models_herberekening import HerberekenVerzoek
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory
from tests.gelijktijdig import tegelijk
from tests.koppelingen import goedgekeurde_koppeling

from .conftest import D

MAART = date(2026, 3, 1)
FEBRUARI = date(2026, 2, 1)
SLEUTEL_RE = re.compile(r'name="idempotentiesleutel" value="([^"]*)"')
URL = "/api/v1/inkomen/loongegevens"
BSN = "111222333"
TWEEDE_BSN = "123456782"


def sleutel_in(html: str) -> str:
    [sleutel] = SLEUTEL_RE.findall(html)
    return sleutel


def in_berekening(opgave: Inkomstenopgave) -> bool:
    return Berekening.objects.filter(
        dossier_id=opgave.dossier_id, maand=opgave.maand, actueel=True, opgaven=opgave
    ).exists()


# --------------------------------------------------------------------------------------------
# the consulent's screen


@pytest.fixture
def scherm(vandaag, db):
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    dossier = DossierFactory(
        inkomensconsulent=consulent,
        werkzoekende=WerkzoekendeFactory(geboortedatum=date(2000, 6, 1)),
    )
    services.start_uitkering(dossier=dossier, ingangsdatum=FEBRUARI, door=None)
    client = Client()
    client.force_login(consulent, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("inkomen:opgave_registreren", args=[dossier.pk])
    return {"dossier": dossier, "client": client, "url": url}


def maandopgave(sleutel: str, **anders) -> dict:
    return {
        "idempotentiesleutel": sleutel,
        "maand": "2026-03",
        "persoon": "aanvrager",
        "soort": "arbeid",
        "status": "definitief",
        "periode": "maand",
        "bedrag": "450,00",
        **anders,
    }


@pytest.mark.django_db
class TestScherm:
    def test_tweede_keer_versturen_slaat_niets_op(self, scherm, django_capture_on_commit_callbacks):
        client, url = scherm["client"], scherm["url"]
        sleutel = sleutel_in(client.get(url).content.decode())
        assert len(sleutel) >= 16
        assert sleutel != sleutel_in(client.get(url).content.decode())  # fresh per render

        with django_capture_on_commit_callbacks(execute=True):
            eerste = client.post(url, maandopgave(sleutel))
        assert eerste.status_code == 302
        [opgave] = Inkomstenopgave.objects.all()
        assert opgave.idempotentiesleutel == sleutel
        assert in_berekening(opgave)

        with django_capture_on_commit_callbacks(execute=True) as taken:
            tweede = client.post(url, maandopgave(sleutel), follow=True)
        assert taken == []  # nothing to schedule: the berekening has it
        html = tweede.content.decode()
        assert "Deze opgave was al vastgelegd" in html
        assert f"(opgave {opgave.pk})" in html
        assert "Telt mee voor 03-2026: € 450,00" in html
        assert Inkomstenopgave.objects.count() == 1
        assert Berekening.objects.filter(dossier=scherm["dossier"], maand=MAART).count() == 1

    def test_sleutel_blijft_bij_een_fout_in_het_formulier(self, scherm):
        client, url = scherm["client"], scherm["url"]
        sleutel = sleutel_in(client.get(url).content.decode())
        antwoord = client.post(url, maandopgave(sleutel, bedrag=""))
        assert antwoord.status_code == 200
        html = antwoord.content.decode()
        assert "Vul het netto bedrag over de maand in." in html
        assert sleutel_in(html) == sleutel
        assert not Inkomstenopgave.objects.exists()

    def test_zelfde_sleutel_andere_gegevens(self, scherm, django_capture_on_commit_callbacks):
        client, url = scherm["client"], scherm["url"]
        sleutel = sleutel_in(client.get(url).content.decode())
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, maandopgave(sleutel))
        # Back, the amount changed, sent again: not silently dropped, not stored twice.
        antwoord = client.post(url, maandopgave(sleutel, bedrag="500,00"))
        assert antwoord.status_code == 200
        html = antwoord.content.decode()
        assert "Met deze sleutel is al een opgave vastgelegd" in html
        nieuwe_sleutel = sleutel_in(html)
        assert nieuwe_sleutel != sleutel
        assert Inkomstenopgave.objects.count() == 1
        # Sending the corrected form (with its fresh key) stores it, deliberately.
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, maandopgave(nieuwe_sleutel, bedrag="500,00")).status_code == 302
        assert sorted(Inkomstenopgave.objects.values_list("bedrag", flat=True)) == [
            D("450.00"),
            D("500.00"),
        ]

    @pytest.mark.parametrize("sleutel", ["", "kort", '"><script>alert(1)</script>' * 3])
    def test_ontbrekende_of_vreemde_sleutel_wordt_vervangen(self, scherm, sleutel):
        client, url = scherm["client"], scherm["url"]
        antwoord = client.post(url, maandopgave(sleutel, bedrag=""))
        html = antwoord.content.decode()
        assert "<script>alert(1)" not in html
        vervangen = sleutel_in(html)
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", vervangen)
        assert client.post(url, maandopgave(sleutel)).status_code == 302
        [opgave] = Inkomstenopgave.objects.all()
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", opgave.idempotentiesleutel)

    def test_herhaling_plant_een_ontbrekende_herberekening(
        self, scherm, consulent, django_capture_on_commit_callbacks
    ):
        """An opgave whose recalculation was lost (stored before the outbox: no open row, not
        in any berekening): a resubmission with its key schedules it."""
        dossier = scherm["dossier"]
        with django_capture_on_commit_callbacks(execute=False):
            opgave = services.registreer_inkomstenopgave(
                dossier=dossier,
                maand=MAART,
                persoon="aanvrager",
                soort="arbeid",
                bedrag=Decimal("450.00"),
                periode="maand",
                status="definitief",
                bron="consulent",
                door=consulent,
                idempotentiesleutel="a" * 32,
            )
        HerberekenVerzoek.objects.update(verwerkt_op="2026-03-31T12:00:00+02:00")
        assert not in_berekening(opgave)

        with django_capture_on_commit_callbacks(execute=True) as taken:
            antwoord = scherm["client"].post(scherm["url"], maandopgave("a" * 32))
        assert antwoord.status_code == 302
        assert len(taken) == 1
        assert Inkomstenopgave.objects.count() == 1
        assert in_berekening(opgave)
        assert not HerberekenVerzoek.objects.filter(verwerkt_op__isnull=True).exists()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_dubbelklik_tegelijk_een_opgave(maak_dossier, consulent, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    dossier = maak_dossier(ingangsdatum=FEBRUARI)

    def versturen():
        return services.registreer_inkomstenopgave(
            dossier=dossier,
            maand=MAART,
            persoon="aanvrager",
            soort="arbeid",
            bedrag=Decimal("450.00"),
            periode="maand",
            status="definitief",
            bron="consulent",
            door=consulent,
            idempotentiesleutel="dubbelklik-" + "x" * 20,
        ).pk

    uitkomsten = tegelijk([versturen] * 3)
    [opgave] = Inkomstenopgave.objects.all()
    assert uitkomsten == [opgave.pk] * 3


# --------------------------------------------------------------------------------------------
# the burger's portal


@pytest.mark.django_db
def test_portaal_tweede_keer_versturen(vandaag, django_capture_on_commit_callbacks):
    burger = UserFactory(rol=Rol.BURGER, team=None)
    dossier = DossierFactory(werkzoekende=WerkzoekendeFactory(account=burger))
    services.start_uitkering(dossier=dossier, ingangsdatum=FEBRUARI, door=None)
    client = Client()
    client.force_login(burger, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("portaal:inkomsten")
    sleutel = sleutel_in(client.get(url).content.decode())
    data = {
        "idempotentiesleutel": sleutel,
        "maand": "2026-03",
        "soort": "arbeid",
        "bedrag": "600",
        "periode": "maand",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
        tweede = client.post(url, data, follow=True)
    assert "U had deze inkomsten al doorgegeven" in tweede.content.decode()
    [opgave] = Inkomstenopgave.objects.all()
    assert (opgave.bron, opgave.idempotentiesleutel) == ("burger", sleutel)

    anders = client.post(url, {**data, "bedrag": "650"})
    assert anders.status_code == 200
    html = anders.content.decode()
    assert "U heeft net al inkomsten doorgegeven met andere gegevens" in html
    assert sleutel_in(html) != sleutel
    assert Inkomstenopgave.objects.count() == 1


# --------------------------------------------------------------------------------------------
# the payroll API


@pytest.fixture
def werkgever(db):
    client, token = goedgekeurde_koppeling(naam="Salaris BV", scopes=["loongegevens:schrijven"])
    werkgever = Werkgever.objects.create(
        naam="Haven BV", kvk_nummer="12345678", systeemclient=client
    )
    werkgever.token = token
    return werkgever


@pytest.fixture
def werknemers(werkgever, vandaag):
    dossiers = []
    for bsn in (BSN, TWEEDE_BSN):
        persoon = WerkzoekendeFactory(bsn=bsn, geboortedatum=date(2000, 6, 1))
        dossier = DossierFactory(werkzoekende=persoon)
        services.start_uitkering(dossier=dossier, ingangsdatum=date(2026, 1, 1), door=None)
        services.registreer_dienstverband(
            werkzoekende=persoon, werkgever=werkgever, van=date(2026, 1, 1), door=None
        )
        dossiers.append(dossier)
    return dossiers


@pytest.fixture
def api(werkgever):
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Token {werkgever.token}")
    return client


def regel(**kwargs):
    return {
        "bsn": BSN,
        "periode": "2026-03",
        "netto_loon": "450.00",
        "vakantiegeld": "0.00",
        "versie": 1,
        **kwargs,
    }


@pytest.fixture
def post(api, django_capture_on_commit_callbacks):
    def _post(*regels, sleutel: str | None = None):
        kop = {} if sleutel is None else {"HTTP_IDEMPOTENCY_KEY": sleutel}
        with django_capture_on_commit_callbacks(execute=True):
            return api.post(URL, {"regels": list(regels)}, format="json", **kop)

    return _post


def statussen(antwoord) -> list[str]:
    return [r["status"] for r in antwoord.json()["regels"]]


@pytest.mark.django_db
class TestLoongegevensSleutel:
    def test_herhaling_geeft_het_eerste_antwoord(self, post, werknemers):
        regels = [regel(), regel(bsn="999999990")]
        eerste = post(*regels, sleutel="batch-2026-03-001")
        assert statussen(eerste) == ["geaccepteerd", "fout"]
        tweede = post(*regels, sleutel="batch-2026-03-001")
        assert tweede.status_code == 200
        assert tweede.json()["regels"] == eerste.json()["regels"]
        [opgave] = Inkomstenopgave.objects.all()
        assert len(opgave.idempotentiesleutel) == 64
        assert BSN not in opgave.idempotentiesleutel
        # Without the key the same line is reported as received before.
        assert statussen(post(regel())) == ["dubbel"]
        assert Inkomstenopgave.objects.count() == 1

    def test_zelfde_sleutel_andere_gegevens(self, post, werknemers):
        post(regel(), sleutel="k1")
        antwoord = post(regel(netto_loon="500.00", versie=2), sleutel="k1")
        [uitkomst] = antwoord.json()["regels"]
        assert uitkomst["status"] == "fout"
        assert "Idempotency-Key" in uitkomst["fouten"]
        assert Inkomstenopgave.objects.count() == 1

    @pytest.mark.parametrize("sleutel", ["", "met spatie", "x" * 256, "é"])
    def test_ongeldige_sleutel(self, api, werknemers, sleutel):
        antwoord = api.post(
            URL,
            {"regels": [regel()]},
            format="json",
            HTTP_IDEMPOTENCY_KEY=sleutel.encode().decode("latin-1"),
        )
        assert antwoord.status_code == 400
        data = antwoord.json()
        assert data["code"] == "ongeldige_idempotency_key"
        assert list(data["fouten"]) == ["Idempotency-Key"]
        assert not Inkomstenopgave.objects.exists()

    def test_in_het_openapi_schema(self, client):
        schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
        operatie = schema["paths"][URL]["post"]
        [kop] = [p for p in operatie["parameters"] if p["name"] == "Idempotency-Key"]
        assert kop["in"] == "header"
        assert not kop.get("required", False)
        assert "ongeldige_idempotency_key" in kop["description"]

    def test_herhaling_na_een_half_mislukte_batch(self, post, werknemers, monkeypatch):
        """The request dies at line 1 (after line 0 committed). The employer retries with the
        same key: line 0 is answered as the first time, line 1 is processed now; both months
        are recalculated, nothing is stored twice."""
        echt = services.registreer_inkomstenopgave
        aanroepen = []

        def sterft_bij_regel_1(**kwargs):
            aanroepen.append(1)
            if len(aanroepen) == 2:
                raise RuntimeError("worker weg")
            return echt(**kwargs)

        monkeypatch.setattr(services, "registreer_inkomstenopgave", sterft_bij_regel_1)
        regels = [regel(), regel(bsn=TWEEDE_BSN, netto_loon="300.00")]
        assert post(*regels, sleutel="batch-7").status_code == 500
        assert Inkomstenopgave.objects.count() == 1
        monkeypatch.setattr(services, "registreer_inkomstenopgave", echt)

        opnieuw = post(*regels, sleutel="batch-7")
        assert statussen(opnieuw) == ["geaccepteerd", "geaccepteerd"]
        assert Inkomstenopgave.objects.count() == 2
        for opgave in Inkomstenopgave.objects.all():
            assert in_berekening(opgave)
        assert not HerberekenVerzoek.objects.filter(verwerkt_op__isnull=True).exists()

    def test_dubbel_plant_de_verloren_herberekening(
        self, api, werknemers, django_capture_on_commit_callbacks
    ):
        """The issue's case: line 0 stored, its recalculation never queued and nothing left to
        find it (no open outbox row, as before this change). The retry answers 'dubbel' and
        schedules it."""
        with django_capture_on_commit_callbacks(execute=False):
            api.post(URL, {"regels": [regel()]}, format="json")
        HerberekenVerzoek.objects.update(verwerkt_op="2026-03-31T12:00:00+02:00")
        [opgave] = Inkomstenopgave.objects.all()
        assert not in_berekening(opgave)

        with django_capture_on_commit_callbacks(execute=True) as taken:
            antwoord = api.post(URL, {"regels": [regel()]}, format="json")
        assert statussen(antwoord) == ["dubbel"]
        assert len(taken) == 1
        assert in_berekening(opgave)
        assert Berekening.objects.get(dossier=opgave.dossier, actueel=True, maand=MAART).inkomsten
        # Once recalculated, a further retry schedules nothing.
        with django_capture_on_commit_callbacks(execute=True) as taken:
            api.post(URL, {"regels": [regel()]}, format="json")
        assert taken == []

    def test_dubbel_met_open_verzoek_stuurt_alleen_opnieuw(
        self, api, werknemers, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False):
            api.post(URL, {"regels": [regel()]}, format="json")
        [opgave] = Inkomstenopgave.objects.all()
        assert opgaven.zorg_voor_herberekening(opgave) is True
        assert HerberekenVerzoek.objects.count() == 1  # the open row is reused

    def test_regelsleutel_per_werkgever_en_regel(self, werkgever):
        sleutels = {
            payroll_api.regelsleutel(werkgever, "k", 0),
            payroll_api.regelsleutel(werkgever, "k", 1),
            payroll_api.regelsleutel(werkgever, "k2", 0),
        }
        assert len(sleutels) == 3
