"""Burgerportaal: "Mijn perspectief" in B1 with the plain labels, and the self-assessment that
the werkcoach sees beside their own scores."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from perspectief import services
from perspectief.models import Meting
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory
from tests.perspectief.factories import ingelogd, meet

pytestmark = pytest.mark.django_db

MIJN = "/portaal/mijn-perspectief/"
ZELF = "/portaal/mijn-perspectief/zelf-invullen/"


def test_urls_and_menu(burger, burger_dossier):
    assert reverse("portaal:perspectief") == MIJN
    assert reverse("portaal:perspectief_zelfbeoordeling") == ZELF
    html = ingelogd(burger).get(MIJN).content.decode()
    assert f'href="{MIJN}" aria-current="page">Mijn perspectief</a>' in html


def test_where_i_stand_in_plain_words(burger, burger_dossier, werkcoach):
    meet(burger_dossier, werkcoach, score=3, trede=2, bron="intake")
    meet(burger_dossier, werkcoach, score=3, trede=3, financien=4, middelengebruik=2)
    services.stel_doelscores_vast(
        dossier=burger_dossier,
        doelen={"financien": 4},
        streefdatum=timezone.localdate() + datetime.timedelta(days=30),
        door=werkcoach,
    )
    html = ingelogd(burger).get(MIJN).content.decode()
    assert "Hoe gaat het nu?" in html
    # Plain labels, the burger's own confidential domains included.
    assert '<th scope="row" class="utrecht-table__header-cell">Geldzaken</th>' in html
    assert "Verslaving" in html and "Middelengebruik" not in html
    assert "4: Het gaat goed genoeg <strong>(beter dan de vorige keer)</strong>" in html
    assert "(gehaald!)" in html
    assert "trede 3 van de 6" in html
    data = json.loads(
        re.search(r'id="grafiek-gegevens" type="application/json">(.*?)</script>', html).group(1)
    )
    assert data["labels"][0] == "Geldzaken"
    assert data["datasets"][1]["label"].startswith("Nu (")


def test_what_i_work_on_and_which_jobs_fit_me(burger, burger_dossier, werkcoach):
    services.leg_belemmeringen_vast(
        dossier=burger_dossier,
        belemmeringen=[{"leefgebied": "financien", "omschrijving": "Schulden regelen"}],
        door=werkcoach,
    )
    services.werk_profiel_bij(
        dossier=burger_dossier,
        door=werkcoach,
        taalniveau="onder_1f",
        uren_per_week=20,
        beroepen_ervaring=["9112"],
    )
    services.leg_vaardigheden_vast(
        dossier=burger_dossier,
        vaardigheden=[("Samenwerken", "vrijwilligerswerk bij de voedselbank")],
        door=werkcoach,
    )
    html = ingelogd(burger).get(MIJN).content.decode()
    assert "Geldzaken: Schulden regelen" in html
    assert "Welk werk past bij mij?" in html
    blokken = re.findall(r"<article.*?</article>", html, re.S)
    assert len(blokken) == 5
    schoonmaker = next(b for b in blokken if ">Schoonmaker<" in b)
    assert "U heeft al ervaring met dit werk." in schoonmaker
    assert "U heeft alles wat nodig is voor dit werk." in schoonmaker
    assert "mist " not in html and "nodig, nu" not in html  # no professional jargon
    assert "Samenwerken (geleerd bij: vrijwilligerswerk bij de voedselbank)" in html
    assert "Ervaring als Schoonmaker" in html


def test_plan_link_only_when_the_plan_page_exists(burger, burger_dossier):
    from django.urls import NoReverseMatch

    html = ingelogd(burger).get(MIJN).content.decode()
    try:
        plan = reverse("portaal:plan")
    except NoReverseMatch:
        assert "Bekijk mijn plan" not in html
    else:
        assert f'href="{plan}"' in html


def test_self_assessment_may_be_partial_and_the_werkcoach_sees_it(
    burger, burger_dossier, werkcoach
):
    meet(burger_dossier, werkcoach, score=3, trede=3)
    client = ingelogd(burger)
    html = client.get(ZELF).content.decode()
    assert "Hoe gaat het met: Geldzaken?" in html and "Dit sla ik over." in html
    fout = client.post(ZELF, {}).content.decode()
    assert "Kies bij minstens één onderwerp hoe het gaat." in fout
    response = client.post(
        ZELF, {"score_financien": "2", "score_justitie": "", "toelichting": "Rekeningen"}
    )
    assert response.status_code == 302 and response["Location"] == MIJN
    meting = Meting.objects.get(dossier=burger_dossier, bron="zelfbeoordeling")
    assert [(s.leefgebied.code, s.score) for s in meting.scores.all()] == [("financien", 2)]
    assert meting.toelichting == "Rekeningen" and meting.vastgelegd_door == burger
    regel = Verwerking.objects.filter(operatie="registreer_meting").latest("id")
    assert regel.betrokkene == pseudoniem(burger_dossier.werkzoekende.log_subject)
    staf = (
        ingelogd(werkcoach)
        .get(reverse("dossiers:tab", args=[burger_dossier.pk, "perspectief"]))
        .content.decode()
    )
    rij = re.search(r'id="score-financien">(.*?)</tr>', staf, re.S).group(1)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", rij)[-1] == "2"
    assert "Zelfbeoordeling" in staf


def test_reading_is_logged_under_portaal(burger, burger_dossier):
    ingelogd(burger).get(MIJN)
    regel = Verwerking.objects.get(operatie="portaal_bekijk_perspectief")
    assert regel.activiteit.code == "portaal"
    assert regel.betrokkene == pseudoniem(burger_dossier.werkzoekende.log_subject)


def test_without_dossier(db):
    burger = UserFactory(rol="burger", team=None)
    werkzoekende = WerkzoekendeFactory(account=burger)
    assert not werkzoekende.dossiers.exists()
    client = ingelogd(burger)
    assert "U heeft nog geen dossier bij ons." in client.get(MIJN).content.decode()
    assert "U heeft nog geen dossier bij ons." in client.get(ZELF).content.decode()
    assert client.post(ZELF, {"score_financien": "3"}).status_code == 200
    assert not Meting.objects.exists()


def test_query_count_constant(burger, burger_dossier, werkcoach, django_assert_max_num_queries):
    client = ingelogd(burger)
    meet(burger_dossier, werkcoach, score=3, trede=3)
    client.get(MIJN)
    with CaptureQueriesContext(connection) as ctx:
        client.get(MIJN)
    for i in range(6):
        meet(burger_dossier, werkcoach, score=3 + i % 2, trede=3)
        services.leg_belemmeringen_vast(
            dossier=burger_dossier,
            belemmeringen=[{"leefgebied": "financien", "omschrijving": f"b{i}"}],
            door=werkcoach,
        )
        services.leg_vaardigheden_vast(
            dossier=burger_dossier, vaardigheden=[(f"v{i}", "")], door=werkcoach
        )
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert client.get(MIJN).status_code == 200


def test_other_burgers_dossier_is_never_shown(burger, burger_dossier, werkcoach):
    ander = DossierFactory(werkcoach=werkcoach)
    services.leg_belemmeringen_vast(
        dossier=ander,
        belemmeringen=[{"leefgebied": "financien", "omschrijving": "Geheim van een ander"}],
        door=werkcoach,
    )
    assert "Geheim van een ander" not in ingelogd(burger).get(MIJN).content.decode()
