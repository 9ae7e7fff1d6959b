"""The API for programmes, activities, agenda items and presence, within the access rules;
system clients with scopes; a provider registers presence for its own participants only."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from tests.koppelingen import goedgekeurde_koppeling
from werkloont import services
from werkloont.models import Aanwezigheid

from .conftest import MA, VANDAAG
from .factories import BegeleiderFactory

pytestmark = pytest.mark.django_db
T = datetime.time
API = "/api/v1/werkloont"


def sessie(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def token_client(scopes):
    client, token = goedgekeurde_koppeling(naam="Aanbieder", scopes=scopes)
    return client, Client(HTTP_AUTHORIZATION=f"Token {token}")


def plan(dossier, **kwargs):
    kwargs.setdefault("titel", "Activiteit")
    kwargs.setdefault("soort", "overig")
    kwargs.setdefault("startdatum", MA)
    return services.plan_activiteit(dossier=dossier, door=None, **kwargs)


def test_werkcoach_plans_through_the_api_with_the_same_rules(wl, klok):
    c = sessie(wl["werkcoach"])
    url = f"{API}/dossiers/{wl['dossier'].pk}/activiteiten/"
    data = {
        "titel": "Taalles",
        "soort": "taal",
        "herhaling": "wekelijks",
        "weekdagen": [0, 2],
        "startdatum": "2026-03-02",
        "einddatum": "2026-03-15",
        "begintijd": "09:00",
        "eindtijd": "11:00",
    }
    response = c.post(url, data, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["minuten"] == 120
    response = c.post(url, data, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "ongeldig"
    assert body["fouten"]["begintijd"][0].startswith("Dit overlapt met 'Taalles'")
    agenda = c.get(
        f"{API}/dossiers/{wl['dossier'].pk}/agenda/", {"van": "2026-03-02", "tot": "2026-03-15"}
    )
    assert agenda.status_code == 200
    assert [r["datum"] for r in agenda.json()["results"]] == [
        "2026-03-02", "2026-03-04", "2026-03-09", "2026-03-11",
    ]  # fmt: skip
    week = c.get(f"{API}/dossiers/{wl['dossier'].pk}/weken/2026-W10/").json()
    assert week["week"] == "2026-03-02" and week["gepland_minuten"] == 240
    assert week["normregels"][-1]["sleutel"] == "richting"


def test_werkloont_limit_in_the_api(wl, klok):
    services.start_traject(dossier=wl["dossier"], soort="werkloont", startdatum=MA, door=None)
    c = sessie(wl["werkcoach"])
    response = c.post(
        f"{API}/dossiers/{wl['dossier'].pk}/activiteiten/",
        {"titel": "Training", "soort": "training", "component": "training",
         "herhaling": "wekelijks", "weekdagen": [1], "startdatum": "2026-03-03",
         "einddatum": "2026-07-01", "begintijd": "09:00", "eindtijd": "12:00"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "Werkloont duurt maximaal 15 weken" in response.json()["fouten"]["einddatum"][0]
    programmas = c.get(f"{API}/dossiers/{wl['dossier'].pk}/programmas/").json()["results"]
    assert programmas[0]["soort"] == "werkloont" and programmas[0]["einddatum"] == "2026-06-14"


def test_confidential_details_are_hidden_from_teamleider_and_systems(wl, klok):
    plan(wl["dossier"], titel="Verslavingszorg Bouman", soort="gezondheid", begintijd=T(9),
         eindtijd=T(10), locatie="Bouman GGZ")  # fmt: skip
    url = f"{API}/dossiers/{wl['dossier'].pk}/agenda/?van=2026-03-02&tot=2026-03-08"
    eigen = sessie(wl["werkcoach"]).get(url).json()["results"][0]
    assert (eigen["titel"], eigen["locatie"]) == ("Verslavingszorg Bouman", "Bouman GGZ")
    leider = sessie(wl["teamleider"]).get(url).json()["results"][0]
    assert (leider["titel"], leider["locatie"]) == ("Afspraak (vertrouwelijk)", "")
    burger = sessie(wl["burger"]).get(url).json()["results"][0]
    assert burger["titel"] == "Verslavingszorg Bouman"
    _, systeem = token_client(["werkloont:lezen"])
    rij = systeem.get(url).json()["results"][0]
    assert (rij["titel"], rij["locatie"]) == ("Afspraak (vertrouwelijk)", "")
    onderwerp = pseudoniem(wl["dossier"].werkzoekende.log_subject)
    assert Verwerking.objects.filter(
        betrokkene=onderwerp, activiteit__code="api", operatie="api_bekijk_agenda"
    ).exists()
    assert "bsn" not in str(eigen).lower()


def test_system_client_scopes(wl, klok):
    _, zonder = token_client([])
    assert zonder.get(f"{API}/dossiers/{wl['dossier'].pk}/agenda/").status_code == 403
    assert zonder.get(f"{API}/werkactiviteiten/").status_code == 403
    _, lezer = token_client(["werkloont:lezen"])
    assert lezer.get(f"{API}/werkactiviteiten/").status_code == 200
    assert lezer.get(f"{API}/dossiers/{wl['dossier'].pk}/programmas/").status_code == 200
    # reading is not planning
    response = lezer.post(
        f"{API}/dossiers/{wl['dossier'].pk}/activiteiten/", {}, content_type="application/json"
    )
    assert response.status_code == 403


def test_provider_registers_presence_for_its_own_participants_only(wl, klok):
    systeem, aanbieder = token_client(["werkloont:aanwezigheid"])
    begeleider = BegeleiderFactory(systeemclient=systeem, organisatie="Buurtwerk Zuid")
    eigen = plan(wl["dossier"], titel="Klussendienst", startdatum=VANDAAG, begintijd=T(9),
                 eindtijd=T(13), begeleider=begeleider).afspraken.get()  # fmt: skip
    ander = plan(wl["dossier"], titel="Taal", startdatum=VANDAAG, begintijd=T(14),
                 eindtijd=T(15)).afspraken.get()  # fmt: skip
    response = aanbieder.post(
        f"{API}/afspraken/{eigen.pk}/aanwezigheid/",
        {"aanwezigheid": "aanwezig", "gerealiseerde_minuten": 180},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    eigen.refresh_from_db()
    assert (eigen.aanwezigheid, eigen.gerealiseerde_minuten) == (Aanwezigheid.AANWEZIG, 180)
    assert eigen.geregistreerd_door is None
    assert "Aanbieder" in eigen.geregistreerd_door_systeem
    assert aanbieder.post(
        f"{API}/afspraken/{ander.pk}/aanwezigheid/", {"aanwezigheid": "aanwezig"},
        content_type="application/json",
    ).status_code == 404  # fmt: skip
    # the Dutch service message comes back structured
    response = aanbieder.post(
        f"{API}/afspraken/{eigen.pk}/aanwezigheid/", {"aanwezigheid": "afwezig_met_reden"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["fouten"] == {"reden": ["Vul de reden van de afwezigheid in."]}
    # a provider cannot read the agenda without the read scope
    assert aanbieder.get(f"{API}/dossiers/{wl['dossier'].pk}/agenda/").status_code == 403


def test_agenda_period_is_validated(wl, klok):
    c = sessie(wl["werkcoach"])
    response = c.get(
        f"{API}/dossiers/{wl['dossier'].pk}/agenda/", {"van": "2026-03-10", "tot": "2026-03-01"}
    )
    assert response.status_code == 400
    assert "tot" in response.json()["fouten"]
