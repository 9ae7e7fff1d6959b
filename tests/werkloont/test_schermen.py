"""The werkcoach's screens: the Agenda tab (week view), the list view, the forms, the training
group, the signals and the catalogue; confidential details; constant query counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from bijstand.core import tijd
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from tests.factories import DossierFactory
from werkloont import services
from werkloont.models import Afspraak, Signaal, Traject, Weekafsluiting

from .conftest import MA, VANDAAG
from .factories import TrainingsgroepFactory, WerkactiviteitPlekFactory

pytestmark = pytest.mark.django_db
T = datetime.time


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def tab(dossier, week=None):
    url = reverse("dossiers:tab", args=[dossier.pk, "agenda"])
    return f"{url}?week={week}" if week else url


def plan(dossier, **kwargs):
    kwargs.setdefault("titel", "Activiteit")
    kwargs.setdefault("soort", "overig")
    kwargs.setdefault("startdatum", MA)
    return services.plan_activiteit(dossier=dossier, door=None, **kwargs)


def test_week_view_shows_days_hours_and_norm(client, wl, klok):
    dossier = wl["dossier"]
    services.start_traject(dossier=dossier, soort="werkloont", startdatum=MA, door=None)
    plan(dossier, titel="Kringloop", soort="betaald_werk", component="werk", begintijd=T(9),
         eindtijd=T(13), locatie="Kringloop Zuid", verantwoordelijke="Henk de Vries")  # fmt: skip
    login(client, wl["werkcoach"])
    response = client.get(tab(dossier))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Week 10 van 2026: 2 maart tot en met zondag 8 maart 2026" in html
    assert "Maandag 2 maart 2026 (4 uur)" in html
    assert "Kringloop" in html and "Henk de Vries" in html
    werk = re.search(r'id="norm-werk" data-status="(\w+)"', html).group(1)
    assert werk == "onder"
    assert "Te weinig gepland" in html and "12 uur te weinig: de norm is minstens 16 uur" in html
    assert "Activiteit plannen" in html
    assert 'href="?week=2026-W11#week"' in html


def test_week_view_marks_holidays(client, wl, klok):
    login(client, wl["werkcoach"])
    html = client.get(tab(wl["dossier"], "2026-W18")).content.decode()
    assert "Feestdag: Koningsdag" in html


def test_teamleider_reads_but_does_not_plan_and_sees_no_health_details(client, wl, klok):
    plan(wl["dossier"], titel="Fysiotherapie Zuidplein", soort="gezondheid", begintijd=T(9),
         eindtijd=T(10), locatie="Zuidplein 12")  # fmt: skip
    login(client, wl["teamleider"])
    html = client.get(tab(wl["dossier"])).content.decode()
    assert "Afspraak (vertrouwelijk)" in html
    assert "Fysiotherapie" not in html and "Zuidplein 12" not in html
    assert "Activiteit plannen" not in html
    onderwerp = pseudoniem(wl["dossier"].werkzoekende.log_subject)
    assert not Verwerking.objects.filter(
        betrokkene=onderwerp, vertrouwelijk=True, operatie="bekijk_agenda"
    ).exists()


def test_own_werkcoach_sees_health_details_and_that_is_logged_as_confidential(client, wl, klok):
    plan(wl["dossier"], titel="Fysiotherapie Zuidplein", soort="gezondheid", begintijd=T(9),
         eindtijd=T(10))  # fmt: skip
    login(client, wl["werkcoach"])
    html = client.get(tab(wl["dossier"])).content.decode()
    assert "Fysiotherapie Zuidplein" in html
    onderwerp = pseudoniem(wl["dossier"].werkzoekende.log_subject)
    regel = Verwerking.objects.filter(
        betrokkene=onderwerp, vertrouwelijk=True, operatie="bekijk_agenda"
    ).get()
    assert regel.activiteit.code == "gezondheid"


def test_plan_activity_through_the_form(client, wl, klok):
    login(client, wl["werkcoach"])
    url = reverse("werkloont:activiteit_nieuw", args=[wl["dossier"].pk])
    assert client.get(url).status_code == 200
    data = {
        "titel": "Taalles",
        "soort": "taal",
        "component": "overig",
        "herhaling": "wekelijks",
        "startdatum": "2026-03-02",
        "einddatum": "2026-03-31",
        "weekdagen": ["1", "3"],
        "begintijd": "09:00",
        "eindtijd": "11:30",
        "locatie": "Taalhuis Feijenoord",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert Afspraak.objects.filter(dossier=wl["dossier"]).count() == 9
    # the same again overlaps: the service's message is shown on the form
    response = client.post(url, data)
    assert response.status_code == 200
    assert escape("Dit overlapt met 'Taalles' op dinsdag 3 maart 2026") in response.content.decode()
    # homework without a fixed time, hours with a decimal comma
    response = client.post(
        url,
        {"titel": "Huiswerk", "soort": "huiswerk", "component": "overig", "herhaling": "eenmalig",
         "startdatum": "2026-03-03", "uren": "1,5"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Afspraak.objects.get(activiteit__titel="Huiswerk").minuten == 90


def test_programme_norm_and_stop_forms(client, wl, klok):
    login(client, wl["werkcoach"])
    dossier = wl["dossier"]
    response = client.post(
        reverse("werkloont:traject_nieuw", args=[dossier.pk]),
        {"soort": "iedereen_doet_mee", "startdatum": "2026-03-02"},
    )
    assert response.status_code == 302
    traject = Traject.objects.get(dossier=dossier)
    response = client.post(
        reverse("werkloont:traject_norm", args=[dossier.pk, traject.pk]),
        {"uren_per_week": "12", "reden": ""},
    )
    assert "Leg vast waarom deze norm past bij wat de persoon kan." in response.content.decode()
    client.post(
        reverse("werkloont:traject_norm", args=[dossier.pk, traject.pk]),
        {"uren_per_week": "12", "reden": "Chronische pijn; 12 uur is haalbaar."},
    )
    html = client.get(tab(dossier)).content.decode()
    assert "Persoonlijke norm naar vermogen: 12 uur per week" in html
    client.post(
        reverse("werkloont:traject_beeindigen", args=[dossier.pk, traject.pk]),
        {"datum": "2026-03-04", "reden": "Verhuisd"},
    )
    traject.refresh_from_db()
    assert traject.status == "gestopt"


def test_presence_and_week_approval(client, wl, klok):
    login(client, wl["werkcoach"])
    dossier = wl["dossier"]
    vorige = MA - datetime.timedelta(weeks=1)
    a = plan(dossier, startdatum=vorige, begintijd=T(9), eindtijd=T(13)).afspraken.get()
    url = reverse("werkloont:aanwezigheid", args=[dossier.pk, a.pk])
    response = client.post(url, {"aanwezigheid": "afwezig_met_reden", "reden": ""})
    assert "Vul de reden van de afwezigheid in." in response.content.decode()
    response = client.post(url, {"aanwezigheid": "aanwezig", "gerealiseerde_uren": "3,5"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.gerealiseerde_minuten == 210
    response = client.post(
        reverse("werkloont:week_goedkeuren", args=[dossier.pk]), {"week": "2026-W09"}, follow=True
    )
    assert "Week 9 van 2026 is goedgekeurd en kan niet meer worden gewijzigd." in (
        response.content.decode()
    )
    assert Weekafsluiting.objects.filter(dossier=dossier, week=vorige).exists()
    response = client.post(url, {"aanwezigheid": "ziek"})
    assert "is al goedgekeurd" in response.content.decode()


def test_list_view_filters_and_paginates_in_the_database(client, wl, klok):
    dossier = wl["dossier"]
    plan(dossier, titel="Taal", soort="taal", herhaling="wekelijks", weekdagen=[0, 1, 2, 3, 4],
         einddatum=MA + datetime.timedelta(weeks=6), begintijd=T(9), eindtijd=T(10))  # fmt: skip
    plan(dossier, titel="Werk", soort="betaald_werk", begintijd=T(13), eindtijd=T(17))
    login(client, wl["werkcoach"])
    url = reverse("werkloont:lijst", args=[dossier.pk])
    html = client.get(url, {"van": "2026-03-02", "tot": "2026-04-30"}).content.decode()
    # 31 language lessons (Goede vrijdag and Tweede paasdag listed as holidays) + 1 work
    assert "32 afspraken van maandag 2 maart 2026 tot en met donderdag 30 april 2026" in html
    assert "Pagina 1 van 2" in html
    html2 = client.get(
        url, {"van": "2026-03-02", "tot": "2026-04-30", "pagina": 2}
    ).content.decode()
    assert "Vervalt (feestdag): Tweede paasdag" in html2
    html = client.get(
        url, {"van": "2026-03-02", "tot": "2026-04-30", "soort": "betaald_werk"}
    ).content.decode()
    assert "1 afspraak van" in html and ">Werk<" in html


def test_agenda_pages_have_a_constant_number_of_queries(client, wl, klok):
    dossier = wl["dossier"]
    login(client, wl["werkcoach"])
    services.start_traject(dossier=dossier, soort="werkloont", startdatum=MA, door=None,
                           trainingsgroep=TrainingsgroepFactory())  # fmt: skip
    plan(
        dossier,
        titel="Eén",
        soort="betaald_werk",
        component="werk",
        begintijd=T(14),
        eindtijd=T(15),
    )
    plan(dossier, titel="Gezond", soort="gezondheid", startdatum=MA + datetime.timedelta(5),
         begintijd=T(9), eindtijd=T(10))  # fmt: skip
    urls = [tab(dossier), reverse("werkloont:lijst", args=[dossier.pk])]

    def tel(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    weinig = [tel(u) for u in urls]
    plek = WerkactiviteitPlekFactory()
    for dag in range(5):
        for uur in (16, 17, 18):
            plan(dossier, titel=f"Groen {dag} {uur}", soort="werkactiviteit", plek=plek,
                 startdatum=MA + datetime.timedelta(days=dag), begintijd=T(uur),
                 eindtijd=T(uur, 45), afwijkingsreden="x")  # fmt: skip
    veel = [tel(u) for u in urls]
    assert veel == weinig
    assert veel[0] < 40


def test_training_group_shows_only_own_participants_by_name(client, wl, klok):
    groep = TrainingsgroepFactory()
    services.start_traject(dossier=wl["dossier"], soort="werkloont", startdatum=MA, door=None,
                           trainingsgroep=groep)  # fmt: skip
    ander = DossierFactory()
    services.start_traject(dossier=ander, soort="werkloont", startdatum=MA, door=None,
                           trainingsgroep=groep)  # fmt: skip
    a = Afspraak.objects.get(dossier=wl["dossier"], datum=datetime.date(2026, 3, 3),
                             activiteit__soort="training")  # fmt: skip
    services.registreer_aanwezigheid(afspraak=a, aanwezigheid="aanwezig", door=None)
    login(client, wl["werkcoach"])
    assert groep.naam in client.get(reverse("werkloont:groepen")).content.decode()
    html = client.get(reverse("werkloont:groep", args=[groep.pk])).content.decode()
    assert escape(wl["dossier"].werkzoekende.naam) in html
    assert escape(ander.werkzoekende.naam) not in html
    assert "1 deelnemer hoort bij een andere werkcoach" in html
    assert ">aanwezig<" in html
    onderwerp = pseudoniem(wl["dossier"].werkzoekende.log_subject)
    assert Verwerking.objects.filter(
        betrokkene=onderwerp, operatie="bekijk_trainingsgroep"
    ).exists()


def test_signals_page_lists_and_handles(client, wl, klok):
    services.start_traject(dossier=wl["dossier"], soort="werkloont", startdatum=MA, door=None)
    services.wekelijkse_controle()
    signaal = Signaal.objects.get()
    login(client, wl["werkcoach"])
    html = client.get(reverse("werkloont:signalen")).content.decode()
    assert escape(wl["dossier"].werkzoekende.naam) in html and "Minder uren gepland" in html
    login(client, wl["teamleider"])
    assert (
        escape(wl["dossier"].werkzoekende.naam)
        in client.get(reverse("werkloont:signalen")).content.decode()
    )
    assert (
        client.post(reverse("werkloont:signaal_afhandelen", args=[signaal.pk])).status_code == 403
    )
    login(client, wl["werkcoach"])
    client.post(reverse("werkloont:signaal_afhandelen", args=[signaal.pk]))
    signaal.refresh_from_db()
    assert signaal.afgehandeld_door == wl["werkcoach"]
    assert "Er zijn geen signalen." in client.get(reverse("werkloont:signalen")).content.decode()


def test_catalogue(client, wl):
    plek = WerkactiviteitPlekFactory(capaciteit=7)
    login(client, wl["werkcoach"])
    html = client.get(reverse("werkloont:werkactiviteiten")).content.decode()
    assert "Groenonderhoud" in html and "Hovenier / groenvoorziening" in html
    assert f"{plek.locatie.naam}, Slinge 60: 0 van 7 plaatsen bezet" in html


def test_staff_menu_entries(client, wl):
    login(client, wl["werkcoach"])
    html = client.get(reverse("dossiers:caseload")).content.decode()
    assert "Werkloont-groepen" in html and "Agendasignalen" in html


def test_vandaag_is_frozen(klok):
    assert tijd.vandaag() == VANDAAG
