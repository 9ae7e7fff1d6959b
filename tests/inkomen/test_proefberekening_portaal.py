"""Burgerportaal "Wat als ik meer ga werken?": own household, own counters, plain figures."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from bijstand.accounts.models import Rol
from bijstand.core import tijd
from bijstand.dossiers.models import HuishoudenLid
from bijstand.logboek.models import Verwerking
from bijstand.portaal import watals
from bijstand.portaal.services import burger_voor_digid
from inkomen.rekenregels import Maand
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db

URL = reverse("portaal:watals")
MAART_2026 = date(2026, 3, 15)


@pytest.fixture(autouse=True)
def _maart_2026(monkeypatch):
    """The page computes the current month; pin it to March 2026 (the §8 norms)."""
    monkeypatch.setattr(tijd, "vandaag", lambda: MAART_2026)


@pytest.fixture
def dossier(werkcoach):
    persoon = WerkzoekendeFactory(geboortedatum=date(1990, 7, 15))  # 35 on 1 March 2026
    return DossierFactory(werkcoach=werkcoach, werkzoekende=persoon)


@pytest.fixture
def burger(dossier):
    burger_voor_digid(bsn=dossier.werkzoekende.bsn)
    dossier.werkzoekende.refresh_from_db()
    return dossier.werkzoekende.account


@pytest.fixture
def burger_client(client, burger):
    client.force_login(burger, backend="bijstand.portaal.backends.DigiDMockBackend")
    return client


def lid(dossier, rol, geboren, **kwargs):
    return dossier.werkzoekende.huishouden.leden.create(
        rol=rol, naam="Iemand", geboortedatum=geboren, **kwargs
    )


def tekst(response) -> str:
    """The visible text, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_formulier_voor_burger(burger_client):
    response = burger_client.get(URL)
    assert response.status_code == 200
    inhoud = tekst(response)
    assert "Wat als ik meer ga werken?" in inhoud
    assert "Hoeveel geld gaat u verdienen?" in inhoud
    assert "Elke 4 weken" in inhoud
    assert "U heeft geen partner." in inhoud
    assert "maart 2026" in inhoud
    assert "Dat kan in totaal 6 maanden." in inhoud
    assert "partner_bedrag" not in response.content.decode()  # no partner: no partner field


def test_uitkomst_voorbeeld_2_in_gewone_woorden(burger_client):
    response = burger_client.post(URL, {"bedrag": "600", "periode": "maand"})
    assert response.status_code == 200
    inhoud = tekst(response)
    # §8 example 2 (first month of n): vrijlating 150,00, bijstand 951,50, paid 903,92.
    assert "Van de gemeente krijgt u dan € 903,92 per maand." in inhoud
    assert "U mag € 150,00 van uw loon extra houden." in inhoud
    assert "In totaal heeft u dan € 1.503,92 per maand." in inhoud
    assert "We sparen ook € 47,58 vakantiegeld voor u op." in inhoud
    assert "Zonder dit loon krijgt u € 1.331,42 van de gemeente." in inhoud
    assert "€ 172,50 per maand meer" in inhoud
    html = response.content.decode()
    assert '<ol class="utrecht-ordered-list" aria-labelledby="kop-rekensom"' in html
    # the sum as it is done (issue 13 §4): the vrijlating is taken off the income
    assert "25% van € 600,00 = € 150,00" in inhoud
    assert "€ 600,00 \u2212 € 150,00 = € 450,00" in inhoud
    assert "€ 1.401,50 \u2212 € 450,00 = € 951,50" in inhoud
    assert "€ 951,50 \u2212 € 47,58 = € 903,92" in inhoud


def test_komma_en_duizendtallen(burger_client):
    inhoud = tekst(burger_client.post(URL, {"bedrag": "1.300,00", "periode": "maand"}))
    # §8 example 3: vrijlating capped at 285,00, bijstand 386,50, paid 367,17.
    assert "Van de gemeente krijgt u dan € 367,17 per maand." in inhoud
    assert "U mag € 285,00 van uw loon extra houden." in inhoud


def test_vier_weken(burger_client, monkeypatch):
    monkeypatch.setattr(watals, "vrijlating_maanden_gebruikt", lambda **kw: {"aanvrager": {"n": 6}})
    inhoud = tekst(burger_client.post(URL, {"bedrag": "520", "periode": "vier_weken"}))
    # §8 example 10b: 520 x 13 / 12 = 563,33; bijstand 838,17; paid 796,26.
    assert "Wij rekenen dat om naar een bedrag per maand: € 563,33." in inhoud
    assert "Van de gemeente krijgt u dan € 796,26 per maand." in inhoud
    assert "U mag niets van uw loon extra houden." in inhoud
    assert "U mocht al 6 maanden een deel van uw loon extra houden." in inhoud


def test_tellers_komen_uit_de_selector(burger_client, dossier, monkeypatch):
    aanroepen = []

    def tellers(**kwargs):
        aanroepen.append(kwargs)
        return {"aanvrager": {"n": 2}, "partner": {"n": 9}}  # no partner: ignored

    monkeypatch.setattr(watals, "vrijlating_maanden_gebruikt", tellers)
    inhoud = tekst(burger_client.post(URL, {"bedrag": "600", "periode": "maand"}))
    assert aanroepen == [{"dossier_id": dossier.pk, "maand": date(2026, 3, 1)}]
    assert "U mocht al 2 maanden" in inhoud
    assert "€ 903,92" in inhoud


def test_eigen_huishouden_kostendeler(burger_client, dossier):
    lid(dossier, HuishoudenLid.Rol.MEDEBEWONER, date(1985, 7, 15),
        familie_eerste_of_tweede_graad=True)  # fmt: skip
    inhoud = tekst(burger_client.post(URL, {"bedrag": "400", "periode": "maand"}))
    # §8 example 6 (month 1 of n): norm 1.001,07, bijstand 701,07, paid 666,02.
    assert "Er woont 1 andere volwassene bij u." in inhoud
    assert "Samen met u zijn dat 2 mensen. Daarom is uw norm lager." in inhoud
    assert "Uw norm per maand is: € 1.001,07" in inhoud
    assert "Van de gemeente krijgt u dan € 666,02 per maand." in inhoud


def test_huishouden_van_dossier(dossier):
    lid(dossier, HuishoudenLid.Rol.PARTNER, date(1988, 1, 1))
    lid(dossier, HuishoudenLid.Rol.KIND, date(2019, 7, 15))
    lid(dossier, HuishoudenLid.Rol.KIND, date(2005, 1, 1))  # 21: lives at home, family
    lid(dossier, HuishoudenLid.Rol.MEDEBEWONER, date(1960, 1, 1), commerciele_huur=True)
    lid(dossier, HuishoudenLid.Rol.KIND, date(2026, 5, 1))  # not born yet in March
    h = watals.huishouden_van(dossier, Maand(2026, 3))
    assert h.met_partner and (h.kinderen, h.medebewoners) == (1, 2)
    assert h.verzoek == {
        "maand": "2026-03",
        "aanvrager": {"geboortedatum": "1990-07-15", "medisch_urenbeperkt": False},
        "partner": {"geboortedatum": "1988-01-01", "medisch_urenbeperkt": False},
        "kinderen": [{"geboortedatum": "2019-07-15"}],
        "medebewoners": [
            {"geboortedatum": "2005-01-01", "student": False, "commerciele_huur": False,
             "familie_eerste_of_tweede_graad": True},
            {"geboortedatum": "1960-01-01", "student": False, "commerciele_huur": True,
             "familie_eerste_of_tweede_graad": False},
        ],
    }  # fmt: skip


def test_partner_veld_en_partnerloon(burger_client, dossier):
    lid(dossier, HuishoudenLid.Rol.PARTNER, date(1988, 1, 1))
    assert "partner_bedrag" in burger_client.get(URL).content.decode()
    inhoud = tekst(
        burger_client.post(URL, {"bedrag": "600", "periode": "maand", "partner_bedrag": "200"})
    )
    # Gehuwdennorm 2.002,13; income 800,00; vrijlating 150,00 + 50,00 -> bijstand 1.402,13.
    assert "U heeft een partner." in inhoud
    assert "U mag € 200,00 van uw loon extra houden." in inhoud
    assert "Uw partner mag ook een deel van het loon houden." in inhoud
    assert "€ 150,00 + € 50,00 = € 200,00" in inhoud


def test_geen_bijstand_meer(burger_client):
    inhoud = tekst(burger_client.post(URL, {"bedrag": "2000", "periode": "maand"}))
    assert "Met dit loon krijgt u geen geld meer van de gemeente." in inhoud


@pytest.mark.parametrize("bedrag", ["", "abc", "-5", "600,505", "100000"])
def test_ongeldig_bedrag(burger_client, bedrag):
    response = burger_client.post(URL, {"bedrag": bedrag, "periode": "maand"})
    assert response.status_code == 200
    assert response.context["uitkomst"] is None
    assert 'aria-invalid="true"' in response.content.decode()


def test_bekijken_wordt_gelogd(burger_client, dossier):
    burger_client.get(URL)
    burger_client.post(URL, {"bedrag": "600", "periode": "maand"})
    regels = Verwerking.objects.filter(operatie=watals.OPERATIE)
    assert regels.count() == 2
    assert {r.activiteit.code for r in regels} == {"portaal"}
    assert len({r.betrokkene for r in regels}) == 1  # the burger (pseudonymised)
    assert set(regels[0].soorten_gegevens) >= {"huishouden", "inkomen"}


def test_geen_bsn_in_de_pagina(burger_client, dossier):
    response = burger_client.post(URL, {"bedrag": "600", "periode": "maand"})
    assert dossier.werkzoekende.bsn not in response.content.decode()


def test_anoniem_naar_inloggen(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portaal:login"))


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
def test_medewerker_krijgt_403(client, team, rol):
    client.force_login(UserFactory(rol=rol, team=team))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"bedrag": "600", "periode": "maand"}).status_code == 403


def test_burger_zonder_dossier(client, db):
    persoon = WerkzoekendeFactory()
    burger_voor_digid(bsn=persoon.bsn)
    persoon.refresh_from_db()
    client.force_login(persoon.account, backend="bijstand.portaal.backends.DigiDMockBackend")
    response = client.get(URL)
    assert response.status_code == 200
    assert "U heeft nog geen dossier bij ons." in tekst(response)
