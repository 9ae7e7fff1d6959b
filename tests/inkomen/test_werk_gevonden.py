"""Werk gevonden (issue 14): a registered dienstverband opens the payroll feed for that
employer and person; the consulent's screen; beheer connects an employer (token once,
rotated, revoked) with the privacy officer's approval (ADR 0007)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bijstand.accounts.models import Rol, SysteemClient
from bijstand.accounts.services import maak_medewerker
from bijstand.dossiers.models_wijziging import Wijziging, WijzigingSoort
from bijstand.logboek.models import Verwerking
from bijstand.portaal.services import burger_voor_digid
from inkomen import services
from inkomen.models import Berekening, Dienstverband, Inkomstenopgave, Werkgever
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory
from tests.koppelingen import goedgekeurde_koppeling, keur_goed

from .conftest import D

URL = "/api/v1/inkomen/loongegevens"
BSN = "111222333"


def _regel(**kw):
    return {
        "bsn": BSN,
        "periode": "2026-03",
        "netto_loon": "450.00",
        "vakantiegeld": "0.00",
        "uren": "30.00",
        "versie": 1,
        **kw,
    }


@pytest.fixture
def werkgever(db):
    client, token = goedgekeurde_koppeling(naam="Salaris BV", scopes=["loongegevens:schrijven"])
    werkgever = Werkgever.objects.create(
        naam="Haven BV", kvk_nummer="12345678", systeemclient=client
    )
    werkgever.token = token
    return werkgever


@pytest.fixture
def dossier(db, vandaag):
    vandaag(date(2026, 4, 10))
    persoon = WerkzoekendeFactory(bsn=BSN, geboortedatum=date(2000, 6, 1))
    dossier = DossierFactory(werkzoekende=persoon)
    services.start_uitkering(dossier=dossier, ingangsdatum=date(2026, 1, 1), door=None)
    return dossier


@pytest.fixture
def burger_client(client, dossier):
    burger_voor_digid(bsn=dossier.werkzoekende.bsn)
    dossier.werkzoekende.refresh_from_db()
    client.force_login(
        dossier.werkzoekende.account, backend="bijstand.portaal.backends.DigiDMockBackend"
    )
    return client


def _post_api(token, *regels, capture):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    with capture(execute=True):
        return api.post(URL, {"regels": list(regels)}, format="json")


def _meld(client, **kw):
    data = {
        "naam": "Haven BV",
        "kvk_nummer": "12345678",
        "van": "2026-03-01",
        "uren_per_week": "24",
        "verwacht_netto_loon": "900,50",
        **kw,
    }
    return client.post(reverse("portaal:werk_gevonden"), data)


@pytest.mark.django_db
def test_burger_meldt_werk_en_loonregel_wordt_geaccepteerd(
    burger_client, dossier, werkgever, django_capture_on_commit_callbacks
):
    voor = _post_api(werkgever.token, _regel(), capture=django_capture_on_commit_callbacks)
    assert voor.json()["regels"][0]["status"] == "fout"  # nothing registered yet

    antwoord = _meld(burger_client)
    assert antwoord.status_code == 302
    dv = Dienstverband.objects.get()
    assert (
        dv.werkgever,
        dv.van,
        dv.uren_per_week,
        dv.verwacht_netto_loon,
        dv.gemeld_door_burger,
    ) == (werkgever, date(2026, 3, 1), D("24.00"), D("900.50"), True)
    assert Verwerking.objects.filter(operatie="registreer_dienstverband").exists()

    na = _post_api(werkgever.token, _regel(), capture=django_capture_on_commit_callbacks)
    assert na.json()["regels"] == [{"regel": 0, "status": "geaccepteerd"}]
    opgave = Inkomstenopgave.objects.get(bron="werkgever")
    assert opgave.dossier == dossier and opgave.bedrag == D("450.00")
    assert Berekening.objects.filter(dossier=dossier, maand=date(2026, 3, 1)).exists()
    # The month before the first working day is still refused (van/tot checked per period).
    eerder = _post_api(
        werkgever.token, _regel(periode="2026-02"), capture=django_capture_on_commit_callbacks
    )
    assert eerder.json()["regels"][0]["status"] == "fout"

    # Back + resubmit: nothing twice.
    _meld(burger_client)
    assert Dienstverband.objects.count() == 1
    pagina = burger_client.get(reverse("portaal:werk_gevonden")).content.decode()
    assert "Haven BV" in pagina


@pytest.mark.django_db
def test_dienstverband_tot_sluit_latere_perioden_uit(
    dossier, werkgever, django_capture_on_commit_callbacks
):
    services.registreer_dienstverband(
        werkzoekende=dossier.werkzoekende, werkgever=werkgever, van=date(2026, 2, 1),
        tot=date(2026, 2, 28), door=None,
    )  # fmt: skip
    feb = _post_api(
        werkgever.token, _regel(periode="2026-02"), capture=django_capture_on_commit_callbacks
    )
    mrt = _post_api(
        werkgever.token, _regel(periode="2026-03"), capture=django_capture_on_commit_callbacks
    )
    assert feb.json()["regels"][0]["status"] == "geaccepteerd"
    assert mrt.json()["regels"][0]["status"] == "fout"


@pytest.mark.django_db
def test_burger_nieuwe_werkgever_en_fouten(burger_client, dossier):
    # Unknown name without KvK (the burger does not know it): not a dead end, a wijziging
    # "werk gevonden" for the consulent with what was typed; sent twice it is one.
    for _keer in range(2):
        r = _meld(burger_client, naam="Onbekend <b>BV</b>", kvk_nummer="")
        assert r.status_code == 302
    melding = burger_client.get(r.url).content.decode()
    assert "Uw consulent zoekt de werkgever op" in melding
    [wijziging] = Wijziging.objects.filter(dossier=dossier)
    assert wijziging.soort == WijzigingSoort.WERK_GEVONDEN
    assert wijziging.ingangsdatum == date(2026, 3, 1)
    assert "Onbekend <b>BV</b> (KvK-nummer onbekend)" in wijziging.toelichting
    assert "Uren per week: 24" in wijziging.toelichting
    wijziging.delete()
    # Bad KvK: Dutch error, no 500, nothing stored.
    r = _meld(burger_client, naam="Iets", kvk_nummer="12ab")
    assert r.status_code == 200 and "8 cijfers" in r.content.decode()
    r = _meld(burger_client, uren_per_week="veel", verwacht_netto_loon="x")
    assert r.status_code == 200
    assert Dienstverband.objects.count() == 0 and Werkgever.objects.count() == 0
    # Hostile name: stored as typed, escaped wherever shown; marked as reported by the burger.
    vijandig = '<script>alert(1)</script>"&'
    r = _meld(burger_client, naam=vijandig, kvk_nummer="87654321")
    assert r.status_code == 302
    w = Werkgever.objects.get(kvk_nummer="87654321")
    assert w.naam == vijandig and w.aangemeld_door_burger and w.systeemclient is None
    pagina = burger_client.get(reverse("portaal:werk_gevonden")).content.decode()
    assert "<script>alert(1)</script>" not in pagina and "&lt;script&gt;" in pagina


@pytest.mark.django_db
def test_consulent_registreert_en_rechten(client, dossier, werkgever):
    coach = dossier.werkcoach
    client.force_login(coach)
    url = reverse("inkomen:dienstverband_registreren", args=[dossier.pk])
    zoek = client.get(url, {"zoek": "haven"})
    assert zoek.status_code == 200 and "?kvk=12345678" in zoek.content.decode()
    gekozen = client.get(url, {"kvk": "12345678"})
    assert 'value="12345678"' in gekozen.content.decode()
    fout = client.post(url, {"kvk_nummer": "1234", "van": "2026-03-01", "uren_per_week": "20"})
    assert fout.status_code == 200 and "8 cijfers" in fout.content.decode()
    nieuw = client.post(url, {"kvk_nummer": "11112222", "van": "2026-03-01", "uren_per_week": "20"})
    assert "Vul ook de naam in" in nieuw.content.decode()
    r = client.post(
        url,
        {
            "kvk_nummer": "12345678",
            "van": "2026-03-01",
            "uren_per_week": "32",
            "verwacht_netto_loon": "1200,00",
        },
    )
    assert r.status_code == 302
    dv = Dienstverband.objects.get()
    assert dv.geregistreerd_door == coach and not dv.gemeld_door_burger
    tab = client.get(reverse("dossiers:tab", args=[dossier.pk, "inkomen"])).content.decode()
    assert "Haven BV" in tab and "Dienstverband registreren" in tab

    # Another werkcoach: outside scope or not theirs -> 403/404, nothing stored.
    ander = UserFactory(rol=Rol.WERKCONSULENT)
    client.force_login(ander)
    r = client.post(url, {"kvk_nummer": "12345678", "van": "2026-04-01", "uren_per_week": "8"})
    assert r.status_code in (403, 404)
    # A burger (other person) cannot reach the staff screen.
    andere = DossierFactory()
    burger_voor_digid(bsn=andere.werkzoekende.bsn)
    andere.werkzoekende.refresh_from_db()
    client.force_login(
        andere.werkzoekende.account, backend="bijstand.portaal.backends.DigiDMockBackend"
    )
    r = client.post(url, {"kvk_nummer": "12345678", "van": "2026-04-01", "uren_per_week": "8"})
    assert r.status_code in (302, 403, 404)
    assert Dienstverband.objects.count() == 1


@pytest.mark.django_db
def test_beheer_koppelt_werkgever_token_eenmalig_vernieuwd_ingetrokken(
    client, dossier, django_capture_on_commit_callbacks
):
    beheerder = maak_medewerker(
        username="beheer1", rol=Rol.BEHEERDER, team=None, password="Geheim-wachtwoord-123!"
    )
    werkgever = Werkgever.objects.create(naam="Nieuw BV", kvk_nummer="55556666")
    services.registreer_dienstverband(
        werkzoekende=dossier.werkzoekende, werkgever=werkgever, van=date(2026, 3, 1), door=None
    )
    client.force_login(beheerder)
    lijst = reverse("admin:inkomen_werkgever_changelist")
    r = client.post(lijst, {"action": "koppel", "_selected_action": [werkgever.pk]})
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    token = r.context["token"]
    assert token in r.content.decode()
    werkgever.refresh_from_db()
    sc = werkgever.systeemclient
    assert sc.token_hash == SysteemClient.hash_token(token)
    assert token not in client.get(lijst).content.decode()  # shown once
    # Personal data: waits for a privacy officer (four eyes), so the line is refused for now.
    wacht = _post_api(token, _regel(), capture=django_capture_on_commit_callbacks)
    assert wacht.status_code == 403
    keur_goed(sc)
    ok = _post_api(token, _regel(), capture=django_capture_on_commit_callbacks)
    assert ok.json()["regels"][0]["status"] == "geaccepteerd"

    # Connecting again is refused while active.
    r = client.post(lijst, {"action": "koppel", "_selected_action": [werkgever.pk]}, follow=True)
    assert "al gekoppeld" in r.content.decode()

    # Rotate: new token shown once, old one invalid, new one waits for a new approval.
    r = client.post(lijst, {"action": "nieuwe_token", "_selected_action": [werkgever.pk]})
    nieuw = r.context["token"]
    assert nieuw != token
    assert (
        _post_api(token, _regel(versie=2), capture=django_capture_on_commit_callbacks).status_code
        == 401
    )
    assert (
        _post_api(nieuw, _regel(versie=2), capture=django_capture_on_commit_callbacks).status_code
        == 403
    )
    keur_goed(SysteemClient.objects.get(pk=sc.pk))
    assert (
        _post_api(nieuw, _regel(versie=2), capture=django_capture_on_commit_callbacks).status_code
        == 200
    )

    # Revoke: the token stops working at once.
    client.post(lijst, {"action": "trek_in", "_selected_action": [werkgever.pk]})
    assert (
        _post_api(nieuw, _regel(versie=3), capture=django_capture_on_commit_callbacks).status_code
        == 401
    )
    werkgever.refresh_from_db()
    assert "ingetrokken" in client.get(lijst).content.decode()


@pytest.mark.django_db
def test_demo_werkgevers_en_tokens(dossier):
    from io import StringIO

    from django.core.management import call_command

    from inkomen import demo

    maak_medewerker(
        username="beheer", rol=Rol.BEHEERDER, team=None, password="Geheim-wachtwoord-123!"
    )
    maak_medewerker(
        username="privacy", rol=Rol.PRIVACY, team=None, password="Geheim-wachtwoord-123!"
    )
    assert demo.vul_demo_werkgevers(deze_maand=date(2026, 4, 1), log=lambda m: None) == 3
    assert demo.vul_demo_werkgevers(deze_maand=date(2026, 4, 1), log=lambda m: None) == 3
    assert Werkgever.objects.filter(systeemclient__isnull=False).count() == 3
    uit = StringIO()
    call_command("demo_logins", stdout=uit)
    tekst = uit.getvalue()
    token = demo.DEMO_WERKGEVERS[0][2]
    assert token in tekst and "wacht op goedkeuring" not in tekst
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    r = api.post(URL, {"regels": [_regel(bsn="999999990")]}, format="json")
    assert r.status_code == 200  # authenticated and approved; unknown person -> fout line
    assert r.json()["regels"][0]["status"] == "fout"
