"""The werkcoach's Perspectief tab and its actions: chart data and table, confidential domains,
forms with Dutch errors, every step in the journaal, query counts constant."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bijstand.core.crypto import pseudoniem
from bijstand.dossiers.models import Dossier, JournaalRegel
from bijstand.logboek.models import Verwerking
from perspectief import services
from perspectief.models import (
    Belemmering,
    Doelscore,
    Meting,
    Profiel,
    RouteBesluit,
    Vaardigheid,
)
from tests.factories import DossierFactory
from tests.perspectief.factories import alle_scores, ingelogd, meet

pytestmark = pytest.mark.django_db


def tab(dossier):
    return reverse("dossiers:tab", args=[dossier.pk, "perspectief"])


def grafiek(html: str) -> dict:
    m = re.search(r'<script id="grafiek-gegevens" type="application/json">(.*?)</script>', html)
    assert m, "chart data missing"
    return json.loads(m.group(1))


def vul(dossier, werkcoach, n_metingen=2, n_belemmeringen=1, n_vaardigheden=1):
    for i in range(n_metingen):
        meet(dossier, werkcoach, score=3, trede=2 + (i % 3), financien=3 + (i % 2))
    services.leg_belemmeringen_vast(
        dossier=dossier,
        belemmeringen=[
            {"leefgebied": "financien", "omschrijving": f"Schuld {i}", "blokkeert_werk": i == 0}
            for i in range(n_belemmeringen)
        ],
        door=werkcoach,
    )
    services.leg_vaardigheden_vast(
        dossier=dossier,
        vaardigheden=[(f"Vaardigheid {i}", "vrijwilligerswerk") for i in range(n_vaardigheden)],
        door=werkcoach,
    )
    services.werk_profiel_bij(
        dossier=dossier, door=werkcoach, taalniveau="1f", uren_per_week=24, certificaten=["vca"]
    )
    services.stel_doelscores_vast(
        dossier=dossier,
        doelen={"financien": 4, "middelengebruik": 4},
        streefdatum=timezone.localdate() + datetime.timedelta(days=90),
        door=werkcoach,
    )
    services.registreer_meting(
        dossier=dossier,
        bron="zelfbeoordeling",
        scores={"financien": (2, "")},
        trede=None,
        door=None,
    )


def test_tab_shows_chart_and_table_with_targets_and_self_assessment(werkcoach, dossier):
    vul(dossier, werkcoach)
    response = ingelogd(werkcoach).get(tab(dossier))
    assert response.status_code == 200
    html = response.content.decode()
    data = grafiek(html)
    assert data["labels"][0] == "Financiën" and len(data["labels"]) == 13
    assert [d["soort"] for d in data["datasets"]] == ["vorig", "huidig", "doel", "zelf"]
    assert data["datasets"][1]["data"][0] == 4 and data["datasets"][3]["data"][0] == 2
    assert 'src="/static/npm/chartjs/chart.umd.min.js"' in html
    assert 'role="img"' in html and 'id="scores-tabel"' in html
    rij = re.search(r'<tr class="utrecht-table__row" id="score-financien">(.*?)</tr>', html, re.S)
    cellen = re.findall(r"<td[^>]*>(.*?)</td>", rij.group(1), re.S)
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in cellen] == ["3", "4", "+1", "4 gehaald", "2"]
    assert "Middelengebruik" in html  # the own werkcoach sees confidential domains
    assert "Schuld 0" in html and "Vaardigheid 0" in html and "vrijwilligerswerk" in html
    assert "Bouwplaatsmedewerker" in html and "eerst een belemmering oplossen" in html
    assert "Voorstel" in html and "Nieuwe meting" in html


def test_teamleider_sees_no_confidential_domains_and_no_actions(werkcoach, teamleider, dossier):
    vul(dossier, werkcoach)
    services.leg_belemmeringen_vast(
        dossier=dossier,
        belemmeringen=[{"leefgebied": "justitie", "omschrijving": "Reclasseringstoezicht"}],
        door=werkcoach,
    )
    html = ingelogd(teamleider).get(tab(dossier)).content.decode()
    assert "Middelengebruik" not in grafiek(html)["labels"]
    assert "Vertrouwelijk: alleen zichtbaar voor de eigen werkcoach" in html
    assert "Reclasseringstoezicht" not in html
    assert "Nieuwe meting" not in html and "Segment en route vastleggen" not in html
    onderwerp = pseudoniem(dossier.werkzoekende.log_subject)
    assert not Verwerking.objects.filter(
        betrokkene=onderwerp, vertrouwelijk=True, operatie__startswith="bekijk_perspectief"
    ).exists()


def test_reading_the_tab_is_logged_and_confidential_part_separately(werkcoach, dossier):
    ingelogd(werkcoach).get(tab(dossier))
    onderwerp = pseudoniem(dossier.werkzoekende.log_subject)
    gewoon = Verwerking.objects.get(betrokkene=onderwerp, operatie="bekijk_perspectief")
    assert gewoon.activiteit.code == "reintegratie" and not gewoon.vertrouwelijk
    geheim = Verwerking.objects.get(
        betrokkene=onderwerp, operatie="bekijk_perspectief_vertrouwelijk"
    )
    assert geheim.activiteit.code == "gezondheid" and geheim.vertrouwelijk


def test_empty_dossier_shows_explanations(werkcoach, dossier):
    html = ingelogd(werkcoach).get(tab(dossier)).content.decode()
    assert "Er is nog geen meting." in html
    assert "Er is nog geen werkprofiel." in html
    assert "grafiek-gegevens" not in html
    assert "Er is nog geen meting met scores en trede." in html


def test_query_count_is_constant(werkcoach, django_assert_max_num_queries):
    klein, groot = DossierFactory(werkcoach=werkcoach), DossierFactory(werkcoach=werkcoach)
    vul(klein, werkcoach, n_metingen=1, n_belemmeringen=1, n_vaardigheden=1)
    vul(groot, werkcoach, n_metingen=9, n_belemmeringen=14, n_vaardigheden=14)
    for d, n in ((klein, 1), (groot, 7)):
        for i in range(n):
            services.besluit_route(
                dossier=d, segment="ontdekken", route="ontdekken", reden=f"r{i}", door=werkcoach
            )
    client = ingelogd(werkcoach)
    client.get(tab(klein))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(tab(klein)).status_code == 200
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert client.get(tab(groot)).status_code == 200


# --- actions ----------------------------------------------------------------------------------


def test_werkcoach_records_a_measurement_and_the_step_up_reaches_the_journaal(werkcoach, dossier):
    meet(dossier, werkcoach, score=3, trede=2)
    client = ingelogd(werkcoach)
    url = reverse("perspectief:meting_nieuw", args=[dossier.pk])
    formulier = client.get(url).content.decode()
    assert 'value="3" selected' in formulier  # previous scores filled in
    data = {"datum": timezone.localdate().isoformat(), "bron": "werkcoach", "trede": "3"}
    for code, (score, _u) in alle_scores(3).items():
        data[f"score_{code}"] = str(score)
    data["score_financien"] = "4"
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].endswith("/perspectief/#ontwikkelperspectief")
    assert Meting.objects.filter(dossier=dossier).count() == 2
    regel = JournaalRegel.objects.get(dossier=dossier, onderwerp="Stap vooruit")
    assert "van trede 2 naar trede 3" in regel.tekst and "Financiën: van 3 naar 4" in regel.tekst


def test_measurement_form_errors_are_dutch_and_name_the_field(werkcoach, dossier):
    url = reverse("perspectief:meting_nieuw", args=[dossier.pk])
    data = {"datum": timezone.localdate().isoformat(), "bron": "werkcoach", "trede": "3"}
    for code in alle_scores():
        data[f"score_{code}"] = "4"
    data["score_huisvesting"] = "2"
    del data["score_justitie"]
    html = ingelogd(werkcoach).post(url, data).content.decode()
    assert "Geef een score voor Justitie." in html
    assert "Licht de score 2 voor Huisvesting toe." not in html  # form errors come first
    data["score_justitie"] = "4"
    html = ingelogd(werkcoach).post(url, data).content.decode()
    assert "Licht de score 2 voor Huisvesting toe." in html
    assert "Toelichting Huisvesting" in html
    assert not Meting.objects.exists()
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    html = ingelogd(werkcoach).post(url, {**data, "datum": morgen}).content.decode()
    assert "Een meting kan niet in de toekomst liggen." in html


def test_targets_form(werkcoach, dossier):
    client = ingelogd(werkcoach)
    url = reverse("perspectief:doelen", args=[dossier.pk])
    verleden = {"streefdatum": "2020-01-01", "doel_financien": "4"}
    assert (
        "De streefdatum moet in de toekomst liggen." in client.post(url, verleden).content.decode()
    )
    datum = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    response = client.post(
        url, {"streefdatum": datum, "doel_financien": "4", "toelichting": "Samen"}
    )
    assert response.status_code == 302
    assert Doelscore.objects.get(dossier=dossier).score == 4
    # The form shows the current target; emptying it removes it (with another target left).
    assert 'value="4" selected' in client.get(url).content.decode()
    client.post(url, {"streefdatum": datum, "doel_financien": "", "doel_huisvesting": "5"})
    assert list(Doelscore.objects.values_list("leefgebied__code", "score")) == [("huisvesting", 5)]


def test_barrier_add_and_resolve(werkcoach, dossier):
    client = ingelogd(werkcoach)
    url = reverse("perspectief:belemmering_nieuw", args=[dossier.pk])
    html = client.post(url, {"leefgebied": "", "omschrijving": ""}).content.decode()
    assert "Kies het leefgebied." in html and "Beschrijf de belemmering." in html
    response = client.post(
        url, {"leefgebied": "financien", "omschrijving": "Schulden", "blokkeert_werk": "on"}
    )
    assert response.status_code == 302
    b = Belemmering.objects.get(dossier=dossier)
    assert b.blokkeert_werk and Profiel.objects.get(dossier=dossier).blokkerende_belemmeringen == 1
    opgelost = reverse("perspectief:belemmering_opgelost", args=[dossier.pk, b.pk])
    assert client.get(opgelost).status_code == 405
    assert client.post(opgelost).status_code == 302
    b.refresh_from_db()
    assert not b.actief and Profiel.objects.get(dossier=dossier).blokkerende_belemmeringen == 0
    client.post(opgelost)
    assert JournaalRegel.objects.filter(onderwerp="Stap vooruit").count() == 1
    ander = DossierFactory(werkcoach=werkcoach)
    vreemd = reverse("perspectief:belemmering_opgelost", args=[ander.pk, b.pk])
    assert client.post(vreemd).status_code == 404


def test_skill_from_volunteer_work(werkcoach, dossier):
    client = ingelogd(werkcoach)
    url = reverse("perspectief:vaardigheid_nieuw", args=[dossier.pk])
    data = {"naam": "Voorraad bijhouden", "bron": "vrijwilligerswerk bij de voedselbank"}
    assert client.post(url, data).status_code == 302
    assert Vaardigheid.objects.get(dossier=dossier).bron == data["bron"]
    assert "Deze vaardigheid staat al in het dossier." in client.post(url, data).content.decode()


def test_work_profile_form_changes_the_ranking(werkcoach, dossier):
    client = ingelogd(werkcoach)
    url = reverse("perspectief:werkprofiel", args=[dossier.pk])
    data = {
        "taalniveau": "2f",
        "certificaten": ["vca"],
        "rijbewijzen": ["B"],
        "uren_per_week": "36",
        "max_fysieke_belasting": "zwaar",
        "max_reistijd_minuten": "45",
        "beroepen_ervaring": ["9313"],
    }
    assert client.post(url, data).status_code == 302
    profiel = Profiel.objects.get(dossier=dossier)
    assert (profiel.certificaten, profiel.uren_per_week, profiel.beroepen_ervaring) == (
        ["vca"],
        36,
        ["9313"],
    )
    html = client.get(tab(dossier)).content.decode()
    eerste = re.search(r'<tr class="utrecht-table__row" id="beroep-\d+">\s*<th[^>]*>([^<]*)', html)
    assert eerste.group(1).strip() == "Bouwplaatsmedewerker"
    assert "heeft ervaring in dit beroep" in html
    fout = client.post(url, {**data, "uren_per_week": "99"}).content.decode()
    assert "60" in fout and Profiel.objects.get(dossier=dossier).uren_per_week == 36


def test_route_decision_page(werkcoach, dossier):
    meet(dossier, werkcoach, score=4, trede=5)
    services.werk_profiel_bij(dossier=dossier, door=werkcoach, taalniveau="2f", uren_per_week=38)
    client = ingelogd(werkcoach)
    url = reverse("perspectief:route", args=[dossier.pk])
    html = client.get(url).content.decode()
    assert "Voorstel" in html and re.search(r'value="kansrijk"[^>]*checked', html)
    assert (
        "Leg uit waarom u voor dit segment en deze route kiest."
        in client.post(
            url, {"segment": "kansrijk", "route": "kansrijk", "reden": ""}
        ).content.decode()
    )
    response = client.post(
        url, {"segment": "grotere_afstand", "route": "intensief", "reden": "Wil eerst taal"}
    )
    assert response.status_code == 302
    besluit = RouteBesluit.objects.get(dossier=dossier)
    assert (besluit.voorgesteld_segment, besluit.segment, besluit.wijkt_af) == (
        "kansrijk",
        "grotere_afstand",
        True,
    )
    assert Dossier.objects.get(pk=dossier.pk).route == "intensief"
    html = client.get(tab(dossier)).content.decode()
    assert escape("Wil eerst taal") in html and "Grotere afstand met haalbaar perspectief" in html
