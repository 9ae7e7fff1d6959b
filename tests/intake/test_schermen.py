"""The consulent's intake pages: tab, steps, finalising, read-only view, confidentiality."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from bijstand.accounts.models import Rol
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from intake import services
from intake.models import Intake, IntakeStatus
from perspectief.models import Meting
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory
from tests.intake.factories import alle_scores, complete_intake, definitieve_intake, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(werkcoach, inkomensconsulent, teamleider):
    return DossierFactory(werkcoach=werkcoach, inkomensconsulent=inkomensconsulent)


def tab_url(d):
    return reverse("dossiers:tab", args=[d.pk, "intake"])


def stap_url(d, i, stap):
    return reverse("intake:stap", args=[d.pk, i.pk, stap])


def test_tab_lists_intakes_and_starts_one(login, dossier, werkcoach):
    client = login(werkcoach)
    html = client.get(tab_url(dossier)).content.decode()
    assert "Voor dit dossier is nog geen intake gedaan." in html
    assert "Intake starten" in html
    response = client.post(
        reverse("intake:starten", args=[dossier.pk]),
        {"soort": "aanvraag", "instroombron": "online"},
    )
    intake = Intake.objects.get(dossier=dossier)
    assert response.status_code == 302
    assert response["Location"] == stap_url(dossier, intake, "persoon")
    assert (intake.soort, intake.instroombron, intake.gestart_door) == (
        "aanvraag",
        "online",
        werkcoach,
    )
    html = client.get(tab_url(dossier)).content.decode()
    assert "Verder met de intake" in html and "Intake starten" not in html


def test_start_form_errors_name_the_field(login, dossier, werkcoach):
    response = login(werkcoach).post(reverse("intake:starten", args=[dossier.pk]), {"soort": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Soort intake: kies aanvraag of heronderzoek." in html
    assert 'href="#id_soort_0"' in html
    assert not Intake.objects.exists()


def test_step_saves_and_moves_on(login, dossier, werkcoach):
    intake = start(dossier, werkcoach)
    client = login(werkcoach)
    response = client.get(stap_url(dossier, intake, "taal"))
    html = response.content.decode()
    assert "Stap 5 van 17: Taal" in html
    assert 'aria-current="step"' in html
    assert "taalniveau nog onbekend" in html
    response = client.post(
        stap_url(dossier, intake, "taal"),
        {"taalniveau": "onder_1f", "moedertaal": "Tigrinya", "actie": "volgende"},
    )
    assert response["Location"] == stap_url(dossier, intake, "opleiding")
    intake.refresh_from_db()
    assert intake.antwoorden["taal"]["taalniveau"] == "onder_1f"
    html = client.get(stap_url(dossier, intake, "taal")).content.decode()
    assert "nog niet voldaan" in html
    response = client.post(stap_url(dossier, intake, "taal"), {"actie": "vorige"})
    assert response["Location"] == stap_url(dossier, intake, "gezondheid")
    response = client.post(stap_url(dossier, intake, "vaardigheden"), {"actie": "volgende"})
    assert response["Location"] == reverse("intake:afronden", args=[dossier.pk, intake.pk])


def test_step_errors_summarised_at_top_with_links(login, dossier, werkcoach):
    intake = start(dossier, werkcoach)
    response = login(werkcoach).post(
        stap_url(dossier, intake, "scores"),
        {"score_financien": "2", "toelichting_financien": "", "score_werk_opleiding": "6"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    samenvatting = html.split('id="foutsamenvatting-titel"')[1].split("</ul>")[0]
    assert '<a class="utrecht-link" href="#id_toelichting_financien">Licht de score 2 voor ' in (
        samenvatting
    )
    assert 'href="#id_score_werk_opleiding">De score voor Werk &amp; Opleiding moet 1, 2, 3, 4' in (
        samenvatting
    )
    assert 'id="id_toelichting_financien"' in html
    intake.refresh_from_db()
    assert "scores" not in intake.antwoorden


def test_belemmeringen_formset(login, dossier, werkcoach):
    intake = start(dossier, werkcoach)
    client = login(werkcoach)
    html = client.get(stap_url(dossier, intake, "belemmeringen")).content.decode()
    assert "Belemmering 2: Leefgebied" in html
    data = {
        "belemmeringen-TOTAL_FORMS": "2",
        "belemmeringen-INITIAL_FORMS": "0",
        "belemmeringen-MIN_NUM_FORMS": "0",
        "belemmeringen-MAX_NUM_FORMS": "30",
        "belemmeringen-0-leefgebied": "financien",
        "belemmeringen-0-omschrijving": "Schulden",
        "belemmeringen-0-blokkeert_werk": "on",
        "belemmeringen-1-leefgebied": "",
        "belemmeringen-1-omschrijving": "Zonder leefgebied",
        "actie": "opslaan",
    }
    response = client.post(stap_url(dossier, intake, "belemmeringen"), data)
    assert response.status_code == 200
    assert 'href="#id_belemmeringen-1-leefgebied">Belemmering 2: kies het leefgebied.' in (
        response.content.decode()
    )
    data["belemmeringen-1-omschrijving"] = ""
    response = client.post(stap_url(dossier, intake, "belemmeringen"), data)
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.antwoorden["belemmeringen"] == {
        "belemmeringen": [
            {"leefgebied": "financien", "omschrijving": "Schulden", "blokkeert_werk": True}
        ]
    }


def test_afronden_lists_what_is_missing_and_finalises(login, dossier, werkcoach):
    scores = alle_scores()
    del scores["score_justitie"]
    intake = complete_intake(dossier, werkcoach, scores=scores)
    client = login(werkcoach)
    url = reverse("intake:afronden", args=[dossier.pk, intake.pk])
    html = client.get(url).content.decode()
    assert "Nog niet compleet" in html
    assert f'href="{stap_url(dossier, intake, "scores")}#id_score_justitie"' in html
    response = client.post(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="foutsamenvatting-titel"' in html and "Geef een score voor Justitie." in html
    assert not Meting.objects.exists()
    services.sla_stap_op(intake=intake, stap="scores", antwoorden=alle_scores(), door=werkcoach)
    response = client.post(url)
    assert response["Location"] == reverse("intake:detail", args=[dossier.pk, intake.pk])
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.DEFINITIEF
    # A definitive intake is read-only: step pages lead to the overview.
    response = client.get(stap_url(dossier, intake, "taal"))
    assert response["Location"].endswith(f"/{intake.pk}/#stap-taal")
    assert client.post(url).status_code == 302
    assert Meting.objects.count() == 1


def _vertrouwelijke_intake(dossier, werkcoach):
    return definitieve_intake(
        dossier,
        werkcoach,
        scores=alle_scores(justitie=(1, "Detentie tot vorig jaar")),
        gezondheid={"psychische_klachten": "Depressieve klachten"},
        justitie={"toelichting": "Reclassering Rotterdam"},
        inkomen={"toelichting": "Schulden bij Eneco"},
        belemmeringen={
            "belemmeringen": [
                {"leefgebied": "middelengebruik", "omschrijving": "Cannabisgebruik"},
                {"leefgebied": "financien", "omschrijving": "Beslag op loon"},
            ]
        },
    )


GEHEIM = ("Depressieve klachten", "Reclassering Rotterdam", "Detentie tot vorig jaar", "Cannabis")


@pytest.mark.parametrize("rol", ["inkomensconsulent", "teamleider"])
def test_confidential_hidden_from_other_roles(login, dossier, werkcoach, rol, request):
    intake = _vertrouwelijke_intake(dossier, werkcoach)
    gebruiker = request.getfixturevalue(rol)
    response = login(gebruiker).get(reverse("intake:detail", args=[dossier.pk, intake.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for tekst in GEHEIM:
        assert tekst not in html, tekst
    assert "Schulden bij Eneco" in html and "Beslag op loon" in html
    assert "Score Financiën" in html and "Score Justitie" not in html
    assert "Vertrouwelijk: alleen zichtbaar voor de werkcoach van dit dossier." in html
    assert not Verwerking.objects.filter(vertrouwelijk=True, operatie="bekijk_intake").exists()
    # The step pages are for the werkcoach only.
    assert login(gebruiker).get(stap_url(dossier, intake, "gezondheid")).status_code == 403


def test_werkcoach_sees_confidential_and_it_is_logged(login, dossier, werkcoach):
    intake = _vertrouwelijke_intake(dossier, werkcoach)
    response = login(werkcoach).get(reverse("intake:detail", args=[dossier.pk, intake.pk]))
    html = response.content.decode()
    for tekst in GEHEIM:
        assert tekst in html, tekst
    regel = Verwerking.objects.filter(operatie="bekijk_intake", vertrouwelijk=True).get()
    assert regel.activiteit.code == "gezondheid"
    assert regel.betrokkene == pseudoniem(dossier.werkzoekende.log_subject)


def test_substitute_werkcoach_sees_confidential(login, dossier, werkcoach, collega):
    from django.utils import timezone

    from bijstand.accounts.models import Vervanging

    intake = _vertrouwelijke_intake(dossier, werkcoach)
    vandaag = timezone.localdate()
    Vervanging.objects.create(afwezige=werkcoach, vervanger=collega, van=vandaag, tot=vandaag)
    html = login(collega).get(reverse("intake:detail", args=[dossier.pk, intake.pk])).content
    assert b"Depressieve klachten" in html


def test_heronderzoek_shows_what_changed(login, dossier, werkcoach):
    definitieve_intake(
        dossier,
        werkcoach,
        scores=alle_scores(score=3, huisvesting=(2, "Inwonend bij zus")),
        beschikbaarheid={"uren_per_week": 8},
        belemmeringen={"belemmeringen": [{"leefgebied": "financien", "omschrijving": "Schulden"}]},
    )
    her = start(dossier, werkcoach, "heronderzoek")
    client = login(werkcoach)
    html = client.get(stap_url(dossier, her, "beschikbaarheid")).content.decode()
    assert "Deze antwoorden komen uit de vorige intake." in html
    assert "Niets veranderd sinds de vorige intake." in html
    services.sla_stap_op(
        intake=her, stap="beschikbaarheid", antwoorden={"uren_per_week": 24}, door=werkcoach
    )
    services.sla_stap_op(
        intake=her,
        stap="scores",
        antwoorden=alle_scores(score=3, huisvesting=(4, "")),
        door=werkcoach,
    )
    services.sla_stap_op(
        intake=her,
        stap="belemmeringen",
        antwoorden={"belemmeringen": [{"leefgebied": "huisvesting", "omschrijving": "Huur"}]},
        door=werkcoach,
    )
    html = client.get(stap_url(dossier, her, "beschikbaarheid")).content.decode()
    rij = re.search(
        r"Beschikbare uren per week</th>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>", html
    )
    assert rij and (rij.group(1), rij.group(2)) == ("8", "24")
    html = client.get(stap_url(dossier, her, "scores")).content.decode()
    rij = re.search(r"Score Huisvesting</th>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>", html)
    assert rij.group(1) == "2 - Niet zelfredzaam"
    assert rij.group(2).startswith("4 - Voldoende zelfredzaam <strong>(hoger)")
    assert "Score Financiën</th>" not in html  # unchanged scores are not listed
    detail = client.get(reverse("intake:detail", args=[dossier.pk, her.pk])).content.decode()
    assert escape("Financiën: Schulden (blokkeert werk niet)") in detail
    assert "Huisvesting: Huur (blokkeert werk niet)" in detail
    assert "Wat is er veranderd sinds de vorige intake?" in detail


def test_burger_answers_shown_to_consulent(login, dossier, werkcoach, burger):
    services.bereid_intake_voor(
        dossier=dossier,
        stap="wensen",
        antwoorden={
            "gewenste_beroepen": ["5120"],
            "wensen": "Graag in een keuken",
            "motivatie": "hoog",
        },
        burger=burger,
    )
    intake = Intake.objects.get(dossier=dossier)
    client = login(werkcoach)
    html = client.get(tab_url(dossier)).content.decode()
    assert "De burger heeft al delen ingevuld in het portaal." in html
    html = client.get(stap_url(dossier, intake, "wensen")).content.decode()
    assert "Ingevuld door burger" in html
    assert "Graag in een keuken" in html
    assert html.count("Ingevuld door burger.") == 3  # per field: the same as now
    assert "(ingevuld door burger)" in html  # in the step navigation
    services.sla_stap_op(
        intake=intake, stap="wensen", antwoorden={"motivatie": "gemiddeld"}, door=werkcoach
    )
    html = client.get(stap_url(dossier, intake, "wensen")).content.decode()
    assert "De burger vulde in: Hoog." in html
    assert "(opgeslagen, ook ingevuld door burger)" in html


def _aantal_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_constant(login, werkcoach, django_assert_max_num_queries):
    klein = DossierFactory(werkcoach=werkcoach)
    groot = DossierFactory(werkcoach=werkcoach)
    k = definitieve_intake(klein, werkcoach)
    belem = {
        "belemmeringen": [
            {"leefgebied": "financien", "omschrijving": f"Belemmering {n}"} for n in range(8)
        ]
    }
    for _ in range(5):
        g = definitieve_intake(
            groot, werkcoach, belemmeringen=belem, vaardigheden={"vaardigheden": ["a", "b", "c"]}
        )
    her_k = start(klein, werkcoach, "heronderzoek")
    her_g = start(groot, werkcoach, "heronderzoek")
    client = login(werkcoach)
    paren = [
        (tab_url(klein), tab_url(groot)),
        (
            reverse("intake:detail", args=[klein.pk, k.pk]),
            reverse("intake:detail", args=[groot.pk, g.pk]),
        ),
        (stap_url(klein, her_k, "belemmeringen"), stap_url(groot, her_g, "belemmeringen")),
        (stap_url(klein, her_k, "scores"), stap_url(groot, her_g, "scores")),
        (
            reverse("intake:afronden", args=[klein.pk, her_k.pk]),
            reverse("intake:afronden", args=[groot.pk, her_g.pk]),
        ),
    ]
    for url_klein, url_groot in paren:
        _aantal_queries(client, url_klein)  # warm-up (sessions, caches)
        a, b = _aantal_queries(client, url_klein), _aantal_queries(client, url_groot)
        assert a == b, (url_klein, a, b)
        with django_assert_max_num_queries(30):
            client.get(url_groot)


def test_other_dossiers_intake_is_404(login, dossier, werkcoach):
    ander = DossierFactory(werkcoach=werkcoach)
    intake = start(ander, werkcoach)
    client = login(werkcoach)
    assert client.get(reverse("intake:detail", args=[dossier.pk, intake.pk])).status_code == 404
    assert client.get(stap_url(dossier, intake, "taal")).status_code == 404
    assert client.get(stap_url(ander, intake, "bestaat-niet")).status_code == 404


def test_names_are_escaped(login, werkcoach):
    persoon = WerkzoekendeFactory(achternaam="van 't Hof")
    d = DossierFactory(werkcoach=werkcoach, werkzoekende=persoon)
    html = login(werkcoach).get(tab_url(d)).content.decode()
    assert escape(persoon.naam) in html


def test_burger_and_beheer_get_403(login, dossier, beheerder):
    burger = UserFactory(rol=Rol.BURGER, team=None)
    for user in (burger, beheerder):
        assert login(user).get(tab_url(dossier)).status_code == 403


def test_person_step_shows_dossier_facts_read_only_and_chosen_instroom(login, dossier, werkcoach):
    client = login(werkcoach)
    client.post(
        reverse("intake:starten", args=[dossier.pk]),
        {"soort": "aanvraag", "instroombron": "online"},
    )
    intake = Intake.objects.get(dossier=dossier)
    html = client.get(stap_url(dossier, intake, "persoon")).content.decode()
    assert "Gegevens uit het dossier" in html
    assert 'name="leefvorm"' not in html  # read-only: shown as text, not as a field
    assert re.search(r'<option value="online" selected>', html)
