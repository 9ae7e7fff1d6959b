"""Burgerportaal "Mijn week": own agenda and hours in B1, reporting absence or illness, and the
personal iCalendar feed (RFC 5545, no BSN or confidential details, revocable token)."""

from __future__ import annotations

import datetime
import re

import icalendar
import pytest
from django.urls import reverse
from django.utils.html import escape

from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory
from werkloont import services
from werkloont.models import Aanwezigheid, Agenda

from .conftest import MA, VANDAAG

pytestmark = pytest.mark.django_db
T = datetime.time


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def plan(dossier, **kwargs):
    kwargs.setdefault("soort", "overig")
    kwargs.setdefault("startdatum", MA)
    return services.plan_activiteit(dossier=dossier, door=None, **kwargs)


def test_mijn_week_shows_own_week_in_plain_dutch(client, wl, klok):
    dossier = wl["dossier"]
    services.start_traject(dossier=dossier, soort="werkloont", startdatum=MA, door=None)
    plan(dossier, titel="Werken in de kringloopwinkel", soort="betaald_werk", component="werk",
         startdatum=VANDAAG + datetime.timedelta(1), begintijd=T(9), eindtijd=T(13),
         locatie="Kringloop Zuid", verantwoordelijke="Henk")  # fmt: skip
    plan(dossier, titel="Fysiotherapie", soort="gezondheid", startdatum=VANDAAG,
         begintijd=T(14), eindtijd=T(15))  # fmt: skip
    login(client, wl["burger"])
    response = client.get(reverse("portaal:mijn_week"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze week staat er 5 uur in uw agenda." in html
    assert "Werken in de kringloopwinkel" in html and "Waar</span>" not in html
    assert "Waar: Kringloop Zuid" in html and "Bij wie: Henk" in html
    assert "Fysiotherapie" in html  # their own appointment: no secret for them
    assert "Werkloont: werken: 4 uur gepland. De afspraak is 16 uur." in html
    assert "Dat is minder dan afgesproken." in html
    assert 'aria-current="page"' in html and ">Mijn week</a>" in html
    onderwerp = pseudoniem(dossier.werkzoekende.log_subject)
    assert Verwerking.objects.filter(
        betrokkene=onderwerp, operatie="portaal_bekijk_mijn_week", activiteit__code="portaal"
    ).exists()


def test_burger_reports_absence_in_the_portal(client, wl, klok):
    a = plan(wl["dossier"], titel="Taalles", startdatum=VANDAAG + datetime.timedelta(1),
             begintijd=T(9), eindtijd=T(11)).afspraken.get()  # fmt: skip
    login(client, wl["burger"])
    html = client.get(reverse("portaal:mijn_week")).content.decode()
    url = reverse("portaal:mijn_week_afmelden", args=[a.pk])
    assert url in html
    response = client.post(url, {"wat": "afwezig", "reden": ""})
    assert "Schrijf op waarom u niet kunt komen." in response.content.decode()
    response = client.post(
        url, {"wat": "afwezig", "reden": "Afspraak bij de tandarts"}, follow=True
    )
    assert "Uw werkcoach weet nu dat u niet komt." in response.content.decode()
    assert "U heeft zich afgemeld." in response.content.decode()
    a.refresh_from_db()
    assert (a.aanwezigheid, a.aanwezigheid_reden) == (
        Aanwezigheid.AFWEZIG_MET_REDEN,
        "Afspraak bij de tandarts",
    )


def test_burger_reports_illness_without_saying_what(client, wl, klok):
    a = plan(wl["dossier"], titel="Training", startdatum=VANDAAG, begintijd=T(13),
             eindtijd=T(16)).afspraken.get()  # fmt: skip
    login(client, wl["burger"])
    client.post(reverse("portaal:mijn_week_afmelden", args=[a.pk]), {"wat": "ziek", "reden": ""})
    a.refresh_from_db()
    assert a.aanwezigheid == Aanwezigheid.ZIEK


def test_burger_cannot_touch_someone_elses_appointment(client, wl, klok):
    ander = DossierFactory(
        werkzoekende=WerkzoekendeFactory(account=UserFactory(rol="burger", team=None))
    )
    a = plan(
        ander, titel="Taalles", startdatum=VANDAAG, begintijd=T(9), eindtijd=T(10)
    ).afspraken.get()
    login(client, wl["burger"])
    assert client.get(reverse("portaal:mijn_week_afmelden", args=[a.pk])).status_code == 404
    assert (
        client.post(reverse("portaal:mijn_week_afmelden", args=[a.pk]), {"wat": "ziek"}).status_code
        == 404
    )


# --- the iCalendar feed ---------------------------------------------------------------------


def _maak_link(client) -> str:
    response = client.post(reverse("portaal:agenda_koppelen"), {"actie": "maken"})
    assert response.status_code == 200
    link = re.search(
        r'id="agenda-link" type="text" readonly value="([^"]+)"', response.content.decode()
    )
    return link.group(1).replace("http://testserver", "")


def test_feed_is_valid_rfc5545_without_bsn_or_confidential_details(client, wl, klok):
    dossier = wl["dossier"]
    plan(
        dossier,
        titel="Groenonderhoud",
        herhaling="wekelijks",
        weekdagen=[0],
        einddatum=MA + datetime.timedelta(weeks=2),
        begintijd=T(9),
        eindtijd=T(13),
        locatie="Stadsboerderij Charlois",
        verantwoordelijke="Kees",
    )
    plan(
        dossier,
        titel="GGZ-behandeling Parnassia",
        soort="gezondheid",
        startdatum=MA + datetime.timedelta(1),
        begintijd=T(10),
        eindtijd=T(11),
        locatie="Parnassia Dijkzigt",
    )
    plan(
        dossier,
        titel="Huiswerk",
        soort="huiswerk",
        startdatum=MA + datetime.timedelta(2),
        minuten=120,
    )
    login(client, wl["burger"])
    pad = _maak_link(client)
    client.logout()

    response = client.get(pad)  # no login needed
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    tekst = response.content.decode()
    assert dossier.werkzoekende.bsn not in tekst
    assert dossier.werkzoekende.achternaam not in tekst
    assert "Parnassia" not in tekst and "GGZ" not in tekst

    cal = icalendar.Calendar.from_ical(response.content)
    assert cal.name == "VCALENDAR"
    assert cal["VERSION"] == "2.0" and "Werk en Inkomen" in str(cal["PRODID"])
    events = cal.walk("VEVENT")
    assert len(events) == 5  # 3 mondays, the confidential one, the homework
    for e in events:
        for veld in ("UID", "DTSTAMP", "DTSTART"):
            assert veld in e, veld
    assert len({str(e["UID"]) for e in events}) == 5
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Amsterdam"
    groen = [e for e in events if str(e["SUMMARY"]) == "Groenonderhoud"]
    assert len(groen) == 3
    assert groen[0].decoded("DTSTART") == datetime.datetime(
        2026, 3, 2, 9, 0, tzinfo=groen[0].decoded("DTSTART").tzinfo
    )
    assert str(groen[0].decoded("DTSTART").tzinfo) == "Europe/Amsterdam"
    assert str(groen[0]["LOCATION"]) == "Stadsboerderij Charlois"
    geheim = next(e for e in events if str(e["SUMMARY"]) == "Afspraak")
    assert "LOCATION" not in geheim and "DESCRIPTION" not in geheim
    huiswerk = next(e for e in events if str(e["SUMMARY"]).startswith("Huiswerk"))
    assert huiswerk.decoded("DTSTART") == datetime.date(2026, 3, 4)
    assert str(huiswerk["SUMMARY"]) == "Huiswerk (2 uur)"
    onderwerp = pseudoniem(dossier.werkzoekende.log_subject)
    assert Verwerking.objects.filter(betrokkene=onderwerp, operatie="agenda_feed").exists()


def test_only_the_hash_of_the_token_is_stored(client, wl, klok):
    login(client, wl["burger"])
    pad = _maak_link(client)
    token = pad.split("/")[-2]
    assert len(token) >= 43
    agenda = Agenda.objects.get(dossier=wl["dossier"])
    assert agenda.ical_token_hash and token not in agenda.ical_token_hash
    html = client.get(reverse("portaal:agenda_koppelen")).content.decode()
    assert token not in html  # shown once only
    assert "U heeft een agenda-link sinds" in html


def test_revoked_and_renewed_tokens_answer_404(client, wl, klok):
    login(client, wl["burger"])
    oud = _maak_link(client)
    assert client.get(oud).status_code == 200
    nieuw = _maak_link(client)
    assert client.get(oud).status_code == 404
    assert client.get(nieuw).status_code == 200
    response = client.post(reverse("portaal:agenda_koppelen"), {"actie": "stoppen"}, follow=True)
    assert "De agenda-link werkt niet meer." in response.content.decode()
    assert client.get(nieuw).status_code == 404
    assert client.get("/portaal/agenda/" + "x" * 43 + "/werkweek.ics").status_code == 404
    assert Agenda.objects.get(dossier=wl["dossier"]).ical_token_hash is None


def test_portal_pages_are_for_burgers_only(client, wl):
    login(client, wl["werkcoach"])
    assert client.get(reverse("portaal:mijn_week")).status_code == 403
    assert client.get(reverse("portaal:agenda_koppelen")).status_code == 403


def test_mijn_week_has_a_constant_number_of_queries(
    client, wl, klok, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dossier = wl["dossier"]
    plan(dossier, titel="Eén", startdatum=VANDAAG, begintijd=T(8), eindtijd=T(9))
    login(client, wl["burger"])

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("portaal:mijn_week")).status_code == 200
        return len(ctx.captured_queries)

    tel()  # warm-up: the first request of a session stores its start
    weinig = tel()
    for dag in range(7):
        for uur in (10, 12, 14):
            plan(dossier, titel=f"Activiteit {dag} {uur}", startdatum=MA + datetime.timedelta(dag),
                 begintijd=T(uur), eindtijd=T(uur + 1))  # fmt: skip
    assert tel() == weinig
    with django_assert_max_num_queries(weinig):
        client.get(reverse("portaal:mijn_week"))
    assert escape("Activiteit 6 14") in client.get(reverse("portaal:mijn_week")).content.decode()
