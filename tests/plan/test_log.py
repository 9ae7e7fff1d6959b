"""Every GET route of the plan app writes a dataverwerkingen line for the person shown
(with a plan in place; the shared walk in tests/logboek has none), and every write too."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from plan import herinneringen, services

from .conftest import client_voor
from .factories import maak_actie, maak_doel, over, zet_deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def inhoud(plan, burger):
    doel = maak_doel(plan)
    actie = maak_actie(plan, doel=doel)
    zet_deadline(maak_actie(plan, "Te laat", eigenaar="werkcoach"), over(-1))
    herinneringen.verstuur_herinneringen()
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    maak_actie(plan, "Nieuw na akkoord")
    return {"plan": plan, "doel": doel, "actie": actie}


def routes(inhoud) -> dict[str, tuple[str, str]]:
    d = inhoud["plan"].dossier
    return {
        "plan:meldingen": ("werkcoach", reverse("plan:meldingen")),
        "plan:doel_nieuw": ("werkcoach", reverse("plan:doel_nieuw", args=[d.pk])),
        "plan:doel_wijzigen": (
            "werkcoach",
            reverse("plan:doel_wijzigen", args=[d.pk, inhoud["doel"].pk]),
        ),
        "plan:actie_nieuw": ("werkcoach", reverse("plan:actie_nieuw", args=[d.pk])),
        "plan:sjabloon_toepassen": ("werkcoach", reverse("plan:sjabloon_toepassen", args=[d.pk])),
        "plan:actie_wijzigen": (
            "werkcoach",
            reverse("plan:actie_wijzigen", args=[d.pk, inhoud["actie"].pk]),
        ),
        "plan:actie_status": (
            "werkcoach",
            reverse("plan:actie_status", args=[d.pk, inhoud["actie"].pk]),
        ),
        "plan:versies": ("werkcoach", reverse("plan:versies", args=[d.pk]) + "?van=1&naar=2"),
        "dossiers:tab": ("werkcoach", reverse("dossiers:tab", args=[d.pk, "plan"])),
        "portaal:plan": ("burger", reverse("portaal:plan")),
        "portaal:plan_versies": ("burger", reverse("portaal:plan_versies")),
        "api-plan-plannen": ("werkcoach", "/api/v1/plan/plannen/"),
        "api-plan-plan": ("werkcoach", f"/api/v1/plan/dossiers/{d.pk}/"),
        "api-plan-doelen": ("burger", f"/api/v1/plan/dossiers/{d.pk}/doelen/"),
        "api-plan-acties": ("werkcoach", f"/api/v1/plan/dossiers/{d.pk}/acties/"),
    }


def test_elke_pagina_schrijft_een_logregel(inhoud, werkcoach, burger):
    wie = {"werkcoach": client_voor(werkcoach), "burger": client_voor(burger)}
    onderwerp = pseudoniem(inhoud["plan"].dossier.werkzoekende.log_subject)
    for route, (rol, pad) in routes(inhoud).items():
        voor = Verwerking.objects.filter(betrokkene=onderwerp).count()
        response = wie[rol].get(pad)
        assert response.status_code == 200, (route, response.status_code)
        nieuw = list(Verwerking.objects.filter(betrokkene=onderwerp).order_by("-id"))
        assert len(nieuw) > voor, f"{route} showed personal data without a log line"
        regels = nieuw[: len(nieuw) - voor]
        assert all(r.soorten_gegevens and r.status == "ok" for r in regels)
        activiteiten = {r.activiteit.code for r in regels}
        assert activiteiten <= {"portaal" if rol == "burger" else "reintegratie"}, route


def test_elke_schrijfactie_wordt_gelogd(plan, werkcoach, burger):
    onderwerp = pseudoniem(plan.dossier.werkzoekende.log_subject)

    def operaties() -> set[str]:
        return set(
            Verwerking.objects.filter(betrokkene=onderwerp).values_list("operatie", flat=True)
        )

    doel = maak_doel(plan)
    actie = maak_actie(plan, doel=doel)
    services.wijzig_doel(
        doel=doel, door=werkcoach, titel="Anders", soort="leefgebied", leefgebied=doel.leefgebied
    )
    services.wijzig_actie(
        actie=actie, door=werkcoach, titel="Anders", deadline=actie.deadline, eigenaar="burger"
    )
    services.wijzig_actiestatus(actie=actie, naar="accordering", door=burger)
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    services.maak_vervolgactie(
        dossier=plan.dossier, titel="Vervolg", toelichting="", deadline=over(2), door=None
    )
    assert {
        "maak_plan",
        "voeg_doel_toe",
        "voeg_actie_toe",
        "wijzig_doel",
        "wijzig_actie",
        "wijzig_actiestatus",
        "geef_akkoord_plan",
        "voeg_journaalregel_toe",
    } <= operaties()
