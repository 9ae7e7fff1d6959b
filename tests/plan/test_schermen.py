"""The werkcoach's screens: the plan tab, the goal/action forms, htmx status changes, the
versions page and the list of reminders; confidential goals; constant query counts."""

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
from bijstand.dossiers.services import wijzig_status
from bijstand.logboek.models import Verwerking
from perspectief.models import Beroep
from plan import herinneringen, services
from plan.models import Actie, Doel, Melding, Plan
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

from .conftest import client_voor
from .factories import maak_actie, maak_doel, maak_sjabloon, over, zet_deadline

pytestmark = pytest.mark.django_db


def tab(dossier) -> str:
    return reverse("dossiers:tab", args=[dossier.pk, "plan"])


def tekst(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style|dialog)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def queries(client, url, **kwargs) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


@pytest.fixture
def teamleider(werkcoach):
    leider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    werkcoach.team.teamleider = leider
    werkcoach.team.save()
    return leider


# --- without a plan -----------------------------------------------------------------------


def test_tab_zonder_plan_werkcoach_kan_plan_maken(coach_client, dossier, teamleider):
    response = coach_client.get(tab(dossier))
    assert response.status_code == 200
    assert "Er is nog geen plan van aanpak voor dit dossier." in tekst(response)
    assert reverse("plan:maak_plan", args=[dossier.pk]) in response.content.decode()
    leider = client_voor(teamleider).get(tab(dossier))
    assert leider.status_code == 200
    assert reverse("plan:maak_plan", args=[dossier.pk]) not in leider.content.decode()


def test_plan_maken_met_sjabloon(coach_client, dossier):
    sjabloon = maak_sjabloon()
    response = coach_client.post(
        reverse("plan:maak_plan", args=[dossier.pk]),
        {"sjabloon-sjabloon": sjabloon.pk, "sjabloon-startdatum": "2026-03-02"},
    )
    assert response.status_code == 302 and response["Location"] == tab(dossier)
    plan = Plan.objects.get(dossier=dossier)
    assert plan.doelen.count() == 2 and plan.acties.count() == 3
    assert "Het plan van aanpak is gemaakt." in tekst(coach_client.get(tab(dossier)))


def test_leeg_plan_maken(coach_client, dossier):
    response = coach_client.post(reverse("plan:maak_plan", args=[dossier.pk]), {})
    assert response.status_code == 302
    assert Plan.objects.get(dossier=dossier).acties.count() == 0
    # a second time: refused with a message, no second plan
    response = coach_client.post(reverse("plan:maak_plan", args=[dossier.pk]), {})
    assert response.status_code == 400
    assert Plan.objects.filter(dossier=dossier).count() == 1


# --- the tab ------------------------------------------------------------------------------


def test_tab_toont_doelen_acties_en_akkoord(coach_client, plan, burger):
    plan.dossier.werkzoekende.achternaam = "van 't Hof"
    plan.dossier.werkzoekende.save()
    doel = maak_doel(plan, "Schulden <op> orde")
    maak_actie(plan, "Cv maken", doel=doel)
    maak_actie(plan, "Werkgever bellen", eigenaar="partner", partner_naam="Werkgeversservicepunt")
    services.geef_akkoord(plan=plan, versie=1, door=burger)

    response = coach_client.get(tab(plan.dossier))
    html = response.content.decode()

    assert escape("van 't Hof") in html
    assert escape("Schulden <op> orde") in html and "Schulden <op> orde" not in html
    assert "Werkgeversservicepunt" in html
    datum = timezone.localdate().strftime("%d-%m-%Y")
    assert f"Akkoord op {datum} (versie 1)" in tekst(response)
    regel = Verwerking.objects.filter(
        operatie="bekijk_plan", betrokkene=pseudoniem(plan.dossier.werkzoekende.log_subject)
    ).latest("id")
    assert regel.activiteit.code == "reintegratie" and not regel.vertrouwelijk


def test_filter_op_status_en_eigenaar(coach_client, plan, werkcoach):
    maak_actie(plan, "Open actie")
    klaar = maak_actie(plan, "Klaar actie", eigenaar="werkcoach")
    services.wijzig_actiestatus(actie=klaar, naar="afgerond", door=werkcoach)
    standaard = tekst(coach_client.get(tab(plan.dossier)))
    assert "Open actie" in standaard and "Klaar actie" not in standaard
    afgerond = tekst(coach_client.get(tab(plan.dossier) + "?status=afgerond"))
    assert "Klaar actie" in afgerond and "Open actie" not in afgerond
    werkcoach_filter = tekst(
        coach_client.get(tab(plan.dossier) + "?status=alle&eigenaar=werkcoach")
    )
    assert "Klaar actie" in werkcoach_filter and "Open actie" not in werkcoach_filter


def test_vertrouwelijk_doel_alleen_voor_de_eigen_werkcoach(coach_client, plan, teamleider):
    geheim = maak_doel(plan, "Behandeling volgen", code="geestelijke_gezondheid")
    maak_actie(plan, "Intake GGZ", doel=geheim)
    maak_doel(plan, "Werk vinden", code="werk_opleiding")
    inkomens = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    plan.dossier.inkomensconsulent = inkomens
    plan.dossier.save()

    eigen = tekst(coach_client.get(tab(plan.dossier)))
    assert "Behandeling volgen" in eigen and "Intake GGZ" in eigen
    log = Verwerking.objects.filter(operatie="bekijk_plan_vertrouwelijk").latest("id")
    assert log.vertrouwelijk and log.activiteit.code == "gezondheid"

    for ander in (teamleider, inkomens):
        voor = Verwerking.objects.filter(vertrouwelijk=True).count()
        gezien = tekst(client_voor(ander).get(tab(plan.dossier)))
        assert "Werk vinden" in gezien
        assert "Behandeling volgen" not in gezien and "Intake GGZ" not in gezien
        assert "Doel toevoegen" not in gezien  # read only
        assert Verwerking.objects.filter(vertrouwelijk=True).count() == voor


def test_beeindigd_dossier_is_alleen_lezen(coach_client, plan, werkcoach):
    maak_actie(plan, "Cv maken")
    wijzig_status(dossier=plan.dossier, naar="beeindigd", reden="werk", door=werkcoach)
    gezien = tekst(coach_client.get(tab(plan.dossier)))
    assert "Cv maken" in gezien and "Doel toevoegen" not in gezien
    assert "Status wijzigen van actie" not in gezien


# --- goals --------------------------------------------------------------------------------


def test_doel_toevoegen_op_leefgebied_en_beroep(coach_client, plan):
    url = reverse("plan:doel_nieuw", args=[plan.dossier.pk])
    assert coach_client.get(url).status_code == 200
    response = coach_client.post(
        url, {"doel-titel": "Geld op orde", "doel-koppeling": "lg:financien"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#doelen")
    beroep = Beroep.objects.get(naam="Kok")
    coach_client.post(
        url, {"doel-titel": "Werken als kok", "doel-koppeling": f"beroep:{beroep.pk}"}
    )
    coach_client.post(
        url,
        {
            "doel-titel": "Eigen bedrijf",
            "doel-koppeling": "uitstroom",
            "doel-uitstroom_tekst": "Zelfstandig schoonmaker",
        },
    )
    velden = ("titel", "leefgebied__code", "beroep__naam", "uitstroom_tekst")
    assert list(plan.doelen.order_by("id").values_list(*velden)) == [
        ("Geld op orde", "financien", None, ""),
        ("Werken als kok", None, "Kok", ""),
        ("Eigen bedrijf", None, None, "Zelfstandig schoonmaker"),
    ]  # fmt: skip


def test_formulieren_laden_met_htmx_in_de_tab(coach_client, plan):
    tab_html = coach_client.get(tab(plan.dossier)).content.decode()
    for naam in ("plan:doel_nieuw", "plan:actie_nieuw", "plan:sjabloon_toepassen"):
        url = reverse(naam, args=[plan.dossier.pk])
        assert f'href="{url}" hx-get="{url}"' in tab_html
        deel = coach_client.get(url, headers={"HX-Request": "true"}).content.decode()
        assert deel.lstrip().startswith("<form") and "<html" not in deel
        assert "<html" in coach_client.get(url).content.decode()


def test_doel_fouten_in_het_nederlands(coach_client, plan):
    url = reverse("plan:doel_nieuw", args=[plan.dossier.pk])
    response = coach_client.post(url, {"doel-titel": "", "doel-koppeling": ""})
    assert response.status_code == 200
    gezien = tekst(response)
    assert "Beschrijf het doel." in gezien
    assert "Kies een leefgebied of het uitstroomperspectief." in gezien
    response = coach_client.post(url, {"doel-titel": "Werk", "doel-koppeling": "uitstroom"})
    assert "Kies een beroep of beschrijf het uitstroomperspectief." in tekst(response)
    assert not Doel.objects.filter(plan=plan).exists()


def test_doel_wijzigen(coach_client, plan, burger):
    doel = maak_doel(plan, "Geld")
    maak_actie(plan, doel=doel)
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    url = reverse("plan:doel_wijzigen", args=[plan.dossier.pk, doel.pk])
    assert "Na deze wijziging ontstaat een nieuwe versie" in tekst(coach_client.get(url))
    response = coach_client.post(
        url, {"doel-titel": "Huis op orde", "doel-koppeling": "lg:huisvesting"}
    )
    assert response.status_code == 302
    doel.refresh_from_db()
    plan.refresh_from_db()
    assert (doel.titel, doel.leefgebied.code, plan.versie) == ("Huis op orde", "huisvesting", 2)


# --- actions ------------------------------------------------------------------------------


def test_actie_toevoegen_en_fouten(coach_client, plan):
    doel = maak_doel(plan)
    url = reverse("plan:actie_nieuw", args=[plan.dossier.pk])
    assert (
        f'value="{doel.pk}" selected' in coach_client.get(f"{url}?doel={doel.pk}").content.decode()
    )
    data = {
        "actie-titel": "Intake",
        "actie-doel": doel.pk,
        "actie-eigenaar": "partner",
        "actie-partner_naam": "",
        "actie-deadline": over(5).isoformat(),
    }
    assert "Vul de naam van de partnerorganisatie in." in tekst(coach_client.post(url, data))
    verleden = {**data, "actie-partner_naam": "Wijkteam", "actie-deadline": over(-1).isoformat()}
    assert "De deadline mag niet in het verleden liggen." in tekst(coach_client.post(url, verleden))
    assert not Actie.objects.filter(plan=plan).exists()
    response = coach_client.post(url, {**data, "actie-partner_naam": "Wijkteam"})
    assert response.status_code == 302
    actie = Actie.objects.get(plan=plan)
    assert (actie.eigenaar, actie.partner_naam, actie.doel) == ("partner", "Wijkteam", doel)


def test_doel_van_een_ander_plan_kan_niet(coach_client, plan, werkcoach):
    ander_plan = services.maak_plan(dossier=DossierFactory(werkcoach=werkcoach), door=werkcoach)
    vreemd = maak_doel(ander_plan)
    response = coach_client.post(
        reverse("plan:actie_nieuw", args=[plan.dossier.pk]),
        {
            "actie-titel": "X",
            "actie-doel": vreemd.pk,
            "actie-eigenaar": "burger",
            "actie-deadline": over(3).isoformat(),
        },
    )
    assert response.status_code == 200 and not Actie.objects.filter(plan=plan).exists()


def test_actie_wijzigen(coach_client, plan, werkcoach):
    actie = maak_actie(plan, "Cv maken")
    url = reverse("plan:actie_wijzigen", args=[plan.dossier.pk, actie.pk])
    assert coach_client.get(url).status_code == 200
    response = coach_client.post(
        url,
        {
            "actie-titel": "Cv maken met hulp",
            "actie-eigenaar": "werkcoach",
            "actie-deadline": over(9).isoformat(),
        },
    )
    assert response.status_code == 302
    actie.refresh_from_db()
    assert (actie.titel, actie.eigenaar, actie.deadline) == (
        "Cv maken met hulp",
        "werkcoach",
        over(9),
    )
    services.wijzig_actiestatus(actie=actie, naar="afgerond", door=werkcoach)
    response = coach_client.post(
        url,
        {
            "actie-titel": "Later",
            "actie-eigenaar": "werkcoach",
            "actie-deadline": over(9).isoformat(),
        },
    )
    assert "Deze actie is afgerond en kan niet meer worden gewijzigd." in tekst(response)


def test_status_wijzigen_met_htmx_geeft_de_rij_terug(coach_client, plan, burger):
    actie = maak_actie(plan, "Cv maken")
    services.wijzig_actiestatus(actie=actie, naar="accordering", door=burger)
    url = reverse("plan:actie_status", args=[plan.dossier.pk, actie.pk])
    prefix = f"status-{actie.pk}"

    fout = coach_client.post(url, {f"{prefix}-naar": "open"}, headers={"HX-Request": "true"})
    assert fout.status_code == 200
    html = fout.content.decode()
    assert html.lstrip().startswith(f'<tr class="utrecht-table__row" id="actie-{actie.pk}">')
    assert "Geef aan waarom de actie nog niet klaar is." in html
    assert Actie.objects.get(pk=actie.pk).status == "accordering"

    goed = coach_client.post(url, {f"{prefix}-naar": "afgerond"}, headers={"HX-Request": "true"})
    assert "De status van &#x27;Cv maken&#x27; is nu: afgerond." in goed.content.decode()
    assert Actie.objects.get(pk=actie.pk).status == "afgerond"
    assert "<html" not in goed.content.decode()


def test_status_wijzigen_zonder_javascript(coach_client, plan):
    actie = maak_actie(plan, "Cv maken")
    url = reverse("plan:actie_status", args=[plan.dossier.pk, actie.pk])
    assert coach_client.get(url).status_code == 200
    prefix = f"status-{actie.pk}"
    response = coach_client.post(url, {f"{prefix}-naar": "vervallen"})
    assert response.status_code == 200
    assert "Geef een reden waarom de actie vervalt." in tekst(response)
    response = coach_client.post(url, {f"{prefix}-naar": "vervallen", f"{prefix}-reden": "Dubbel"})
    assert response.status_code == 302 and response["Location"].endswith(f"#actie-{actie.pk}")
    assert Actie.objects.get(pk=actie.pk).status == "vervallen"
    # a status the role may not choose is not offered, and refused when posted anyway
    response = coach_client.post(url, {f"{prefix}-naar": "open", f"{prefix}-reden": "x"})
    assert Actie.objects.get(pk=actie.pk).status == "vervallen"
    assert "De status van deze actie kan niet meer worden gewijzigd." in tekst(response)


def test_sjabloon_toepassen_op_bestaand_plan(coach_client, plan):
    sjabloon = maak_sjabloon()
    url = reverse("plan:sjabloon_toepassen", args=[plan.dossier.pk])
    response = coach_client.post(
        url, {"sjabloon-sjabloon": sjabloon.pk, "sjabloon-startdatum": over(0).isoformat()}
    )
    assert response.status_code == 302
    assert plan.acties.count() == 3
    # applied templates are no longer offered
    response = coach_client.post(
        url, {"sjabloon-sjabloon": sjabloon.pk, "sjabloon-startdatum": over(0).isoformat()}
    )
    assert response.status_code == 400 and plan.acties.count() == 3


# --- versions -----------------------------------------------------------------------------


def test_versiepagina_vergelijkt(coach_client, plan, burger, werkcoach):
    actie = maak_actie(plan, "Cv maken", dagen=5)
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    services.wijzig_actie(
        actie=actie, door=werkcoach, titel="Cv maken", deadline=over(12), eigenaar="burger"
    )
    url = reverse("plan:versies", args=[plan.dossier.pk])
    gezien = tekst(coach_client.get(url))
    assert "De huidige versie is 2; daarop is nog geen akkoord." in gezien
    gezien = tekst(coach_client.get(f"{url}?van=1&naar=2"))
    assert "Wat is er veranderd van versie 1 naar versie 2 (nog geen akkoord)?" in gezien
    assert f'Deadline: was "{over(5):%d-%m-%Y}", is nu "{over(12):%d-%m-%Y}"' in gezien
    assert coach_client.get(f"{url}?van=1&naar=7").status_code == 404


# --- reminders ----------------------------------------------------------------------------


def test_herinneringen_pagina_en_teller(coach_client, plan, werkcoach):
    te_laat = zet_deadline(maak_actie(plan, "Taalles starten"), over(-2))
    andere_coach = UserFactory(rol=Rol.WERKCONSULENT)
    ander_plan = services.maak_plan(
        dossier=DossierFactory(werkcoach=andere_coach), door=andere_coach
    )
    zet_deadline(maak_actie(ander_plan, "Van een ander"), over(-2))
    herinneringen.verstuur_herinneringen()

    lijst = coach_client.get(reverse("plan:meldingen"))
    gezien = tekst(lijst)
    assert "Taalles starten" in gezien and "Van een ander" not in gezien
    assert escape(plan.dossier.werkzoekende.naam) in lijst.content.decode()
    assert Verwerking.objects.filter(
        operatie="bekijk_plan_meldingen",
        betrokkene=pseudoniem(plan.dossier.werkzoekende.log_subject),
    ).exists()
    assert "Herinneringen (1 open)" in tekst(coach_client.get(tab(plan.dossier)))

    melding = Melding.objects.get(actie=te_laat)
    response = coach_client.post(
        reverse("plan:melding_gezien", args=[melding.pk]), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("plan:meldingen")
    assert "Taalles starten" not in tekst(coach_client.get(reverse("plan:meldingen")))
    assert "Taalles starten" in tekst(coach_client.get(reverse("plan:meldingen") + "?alle=1"))
    andere = Melding.objects.exclude(actie=te_laat).get()
    response = coach_client.post(reverse("plan:melding_gezien", args=[andere.pk]))
    assert response.status_code == 404


def test_herinneringen_in_het_menu_van_de_werkcoach(coach_client, teamleider):
    assert 'href="/plan/herinneringen/"' in coach_client.get("/").content.decode()
    assert 'href="/plan/herinneringen/"' not in client_voor(teamleider).get("/").content.decode()


# --- query counts -------------------------------------------------------------------------


def _vul(plan, aantal: int, burger) -> None:
    for i in range(aantal):
        code = "geestelijke_gezondheid" if i % 2 == 0 else "financien"
        doel = maak_doel(plan, f"Doel {i}", code=code)
        for j, eigenaar in enumerate(("burger", "werkcoach", "partner")):
            actie = maak_actie(
                plan,
                f"Actie {i}-{j}",
                doel=doel,
                eigenaar=eigenaar,
                partner_naam="Wijkteam" if eigenaar == "partner" else "",
            )
            if j == 0:
                services.wijzig_actiestatus(actie=actie, naar="accordering", door=burger)
            if j == 1:
                zet_deadline(actie, over(-1))
    herinneringen.verstuur_herinneringen()
    services.geef_akkoord(plan=plan, versie=plan.versie, door=burger)
    maak_actie(plan, f"Na akkoord {aantal}")


def test_aantal_queries_constant(plan, burger, werkcoach):
    client = client_voor(werkcoach)
    klein_plan = plan
    _vul(klein_plan, 1, burger)
    meldingen_klein = queries(client, reverse("plan:meldingen") + "?alle=1")

    groot_burger = UserFactory(rol=Rol.BURGER, team=None)
    groot_dossier = DossierFactory(
        werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(account=groot_burger)
    )
    groot_plan = services.maak_plan(dossier=groot_dossier, door=werkcoach)
    _vul(groot_plan, 8, groot_burger)
    assert Melding.objects.count() > 15
    assert queries(client, reverse("plan:meldingen") + "?alle=1") == meldingen_klein

    for pagina in (
        lambda d: tab(d),
        lambda d: tab(d) + "?status=alle",
        lambda d: reverse("plan:versies", args=[d.pk]) + "?van=1&naar=2",
        lambda d: reverse("plan:doel_nieuw", args=[d.pk]),
        lambda d: reverse("plan:actie_nieuw", args=[d.pk]),
    ):
        klein = queries(client, pagina(klein_plan.dossier))
        groot = queries(client, pagina(groot_plan.dossier))
        assert groot == klein, (pagina(groot_plan.dossier), klein, groot)
        assert groot <= 40
