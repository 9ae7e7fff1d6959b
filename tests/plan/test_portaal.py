"""Burgerportaal "Mijn plan": my goals and actions in plain words, "Klaar" on my actions,
akkoord on the plan, my reminders and the versions of my plan."""

from __future__ import annotations

import html as html_module
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bijstand.accounts.models import Rol
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from plan import herinneringen, services
from plan.models import Actie, PlanVersie
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

from .conftest import client_voor
from .factories import maak_actie, maak_doel, maak_plan, over, zet_deadline

pytestmark = pytest.mark.django_db
MIJN_PLAN = reverse("portaal:plan")
AKKOORD = reverse("portaal:plan_akkoord")
VERSIES = reverse("portaal:plan_versies")


def tekst(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style|dialog)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def klaar_url(actie) -> str:
    return reverse("portaal:plan_actie_klaar", args=[actie.pk])


def test_zonder_plan(burger_client, dossier):
    response = burger_client.get(MIJN_PLAN)
    assert response.status_code == 200
    assert "Uw werkcoach maakt samen met u een plan." in tekst(response)


def test_zonder_dossier(db):
    burger = UserFactory(rol=Rol.BURGER, team=None)
    WerkzoekendeFactory(account=burger)
    response = client_voor(burger).get(MIJN_PLAN)
    assert "U heeft nog geen dossier bij ons. Daarom is er nog geen plan." in tekst(response)


def test_mijn_plan_in_gewone_woorden(burger_client, plan):
    doel = maak_doel(plan, "Schulden op orde")
    maak_actie(plan, "Schulden op een rij zetten", doel=doel)
    maak_actie(plan, "Schuldhulp bellen", doel=doel, eigenaar="werkcoach")
    maak_actie(plan, "Intake", doel=doel, eigenaar="partner", partner_naam="Wijkteam 't Oosten")
    maak_actie(plan, "Evaluatie", eigenaar="werkcoach")  # no goal

    response = burger_client.get(MIJN_PLAN)
    gezien = tekst(response)
    html = response.content.decode()

    assert "Gaat over: Geldzaken" in gezien
    assert "Wat ga ik doen? Schulden op een rij zetten" in gezien
    assert "Hoe staat het ervoor? Nog doen" in gezien
    assert "Uw werkcoach" in gezien and escape("Wijkteam 't Oosten") in html
    assert "Andere afspraken" in gezien and "Evaluatie" in gezien
    # "Klaar" only on my own open action
    assert html.count('action="/portaal/mijn-plan/acties/') == 1
    assert "Ik ga akkoord met mijn plan (versie 1)" in gezien
    assert 'aria-current="page">Mijn plan' in html
    regel = Verwerking.objects.filter(
        operatie="portaal_bekijk_plan",
        betrokkene=pseudoniem(plan.dossier.werkzoekende.log_subject),
    ).latest("id")
    assert regel.activiteit.code == "portaal"


def test_klaar_melden(burger_client, plan):
    actie = maak_actie(plan, "Cv maken")
    response = burger_client.post(klaar_url(actie))
    assert response.status_code == 302 and response["Location"].endswith("#mijn-acties")
    assert Actie.objects.get(pk=actie.pk).status == "accordering"
    gezien = tekst(burger_client.get(MIJN_PLAN))
    assert "Goed gedaan! U meldt 'Cv maken' klaar. Uw werkcoach kijkt ernaar." in gezien
    assert "Klaar gemeld. Uw werkcoach kijkt ernaar." in gezien
    # twice: refused with a plain message, nothing changes
    burger_client.post(klaar_url(actie))
    assert "is geen toegestane overgang" in tekst(burger_client.get(MIJN_PLAN))


def test_klaar_melden_alleen_eigen_acties_in_eigen_plan(burger_client, plan, werkcoach):
    van_coach = maak_actie(plan, "Werkgever bellen", eigenaar="werkcoach")
    assert burger_client.post(klaar_url(van_coach)).status_code == 403
    ander_plan = maak_plan(DossierFactory(werkcoach=werkcoach))
    vreemd = maak_actie(ander_plan, "Van een ander")
    assert burger_client.post(klaar_url(vreemd)).status_code == 404
    assert set(Actie.objects.values_list("status", flat=True)) == {"open"}


def test_akkoord_geven(burger_client, plan):
    maak_actie(plan, "Cv maken")
    response = burger_client.post(AKKOORD, {"versie": "1"})
    assert response.status_code == 302
    assert PlanVersie.objects.filter(plan=plan, nummer=1).exists()
    gezien = tekst(burger_client.get(MIJN_PLAN))
    assert "Dank u wel. U gaf akkoord op uw plan." in gezien
    datum = timezone.localdate()
    assert f"U gaf akkoord op {datum.day} " in gezien and "Dat was versie 1 van uw plan." in gezien
    assert "Ik ga akkoord" not in gezien


def test_akkoord_op_oude_versie_geeft_uitleg(burger_client, plan):
    maak_actie(plan, "Cv maken")
    services.geef_akkoord(plan=plan, versie=1, door=plan.dossier.werkzoekende.account)
    maak_actie(plan, "Solliciteren")
    burger_client.post(AKKOORD, {"versie": "1"})
    gezien = tekst(burger_client.get(MIJN_PLAN))
    assert "Het plan is net veranderd. Lees de nieuwe versie en geef dan opnieuw akkoord." in gezien
    assert "Uw plan is veranderd." in gezien and "Bekijk wat er veranderd is" in gezien
    assert "Ik ga akkoord met mijn plan (versie 2)" in gezien


def test_versies_bekijken(burger_client, plan, burger):
    maak_actie(plan, "Cv maken")
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    maak_actie(plan, "Solliciteren bij de haven")
    gezien = tekst(burger_client.get(VERSIES))
    assert "Versie 1: u gaf akkoord op" in gezien
    assert "Versie 2 is de nieuwste. Daarop gaf u nog geen akkoord." in gezien
    assert "Nieuw · Actie: Solliciteren bij de haven" in gezien


def test_herinneringen_op_mijn_plan(burger_client, plan):
    maak_actie(plan, "Formulier inleveren", dagen=2)
    zet_deadline(maak_actie(plan, "Oud"), over(-3))
    herinneringen.verstuur_herinneringen()
    gezien = tekst(burger_client.get(MIJN_PLAN))
    assert "Let op: dit moet binnenkort klaar zijn" in gezien
    assert f"Formulier inleveren: klaar vóór {over(2).day} " in gezien
    assert "Oud: klaar vóór" not in gezien


def test_burger_ziet_ook_eigen_vertrouwelijke_doelen_en_dat_wordt_gelogd(burger_client, plan):
    doel = maak_doel(plan, "Behandeling volgen", code="middelengebruik")
    maak_actie(plan, "Afspraak bij de verslavingszorg", doel=doel)
    gezien = tekst(burger_client.get(MIJN_PLAN))
    assert "Gaat over: Verslaving" in gezien
    log = Verwerking.objects.filter(operatie="portaal_bekijk_plan_vertrouwelijk").get()
    assert log.vertrouwelijk


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
def test_medewerkers_krijgen_403(rol, db):
    client = client_voor(UserFactory(rol=rol))
    assert client.get(MIJN_PLAN).status_code == 403
    assert client.post(AKKOORD, {"versie": "1"}).status_code == 403


def _vul(plan, burger, aantal: int) -> None:
    for i in range(aantal):
        doel = maak_doel(plan, f"Doel {i}", code="justitie" if i % 2 == 0 else "financien")
        maak_actie(plan, f"Mijn actie {i}", doel=doel, dagen=2)
        maak_actie(plan, f"Coach {i}", doel=doel, eigenaar="werkcoach")
        maak_actie(plan, f"Los {i}", eigenaar="partner", partner_naam="Wijkteam")
    herinneringen.verstuur_herinneringen()
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    maak_actie(plan, "Na akkoord")


def test_aantal_queries_constant(plan, burger, werkcoach):
    _vul(plan, burger, 1)
    groot_burger = UserFactory(rol=Rol.BURGER, team=None)
    groot = maak_plan(
        DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(account=groot_burger))
    )
    _vul(groot, groot_burger, 9)
    for url in (MIJN_PLAN, VERSIES):
        tellingen = []
        for wie in (burger, groot_burger):
            client = client_voor(wie)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            tellingen.append(len(ctx.captured_queries))
        assert tellingen[0] == tellingen[1] and tellingen[1] <= 30, (url, tellingen)
