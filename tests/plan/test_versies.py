"""Akkoord and versions: the burger agrees to the version they read (recorded with the date);
after that, a new or changed goal or action starts the next version; versions can be
compared in readable words."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bijstand.accounts.models import Rol
from bijstand.dossiers.models import JournaalRegel
from plan import services
from plan.models import PlanVersie
from plan.selectors import vergelijking, versienummers
from plan.versies import maak_snapshot, vergelijk, zonder_vertrouwelijk
from tests.factories import UserFactory

from .factories import maak_actie, maak_doel, over

pytestmark = pytest.mark.django_db


def test_akkoord_legt_datum_en_versie_vast(plan, burger):
    doel = maak_doel(plan)
    maak_actie(plan, "Schulden op een rij", doel=doel)
    voor = timezone.now()

    versie = services.geef_akkoord(plan=plan, versie=1, door=burger)

    plan.refresh_from_db()
    assert (plan.akkoord_versie, plan.versie, plan.is_akkoord) == (1, 1, True)
    assert plan.akkoord_op >= voor and versie.akkoord_op == plan.akkoord_op
    assert versie.akkoord_door == burger and versie.nummer == 1
    assert [d["titel"] for d in versie.snapshot["doelen"]] == ["Schulden op orde"]
    assert [a["titel"] for a in versie.snapshot["acties"]] == ["Schulden op een rij"]
    regel = JournaalRegel.objects.filter(dossier=plan.dossier).latest("id")
    assert regel.tekst == "De burger gaf akkoord op versie 1 van het plan van aanpak."


def test_wijziging_na_akkoord_maakt_een_nieuwe_versie(plan, burger, werkcoach):
    actie = maak_actie(plan, "Cv maken")
    services.geef_akkoord(plan=plan, versie=1, door=burger)

    maak_actie(plan, "Solliciteren bij de haven")
    plan.refresh_from_db()
    assert (plan.versie, plan.akkoord_versie, plan.gewijzigd_na_akkoord) == (2, 1, True)

    # A second change before the next akkoord stays in version 2.
    services.wijzig_actie(
        actie=actie,
        door=werkcoach,
        titel="Cv maken met het Taalhuis",
        deadline=actie.deadline,
        eigenaar="burger",
    )
    plan.refresh_from_db()
    assert plan.versie == 2

    services.geef_akkoord(plan=plan, versie=2, door=burger)
    plan.refresh_from_db()
    assert plan.is_akkoord and list(
        PlanVersie.objects.filter(plan=plan).values_list("nummer", flat=True)
    ) == [2, 1]
    assert versienummers(plan=plan) == [2, 1]


def test_wijzigingen_voor_het_eerste_akkoord_blijven_versie_1(plan):
    doel = maak_doel(plan)
    maak_actie(plan, doel=doel)
    maak_actie(plan, "Nog een actie")
    plan.refresh_from_db()
    assert plan.versie == 1 and plan.akkoord_versie is None


def test_ongewijzigd_opslaan_maakt_geen_nieuwe_versie(plan, burger, werkcoach):
    actie = maak_actie(plan)
    doel = maak_doel(plan)
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    services.wijzig_actie(
        actie=actie,
        door=werkcoach,
        titel=actie.titel,
        deadline=actie.deadline,
        eigenaar=actie.eigenaar,
        toelichting=actie.toelichting,
    )
    services.wijzig_doel(
        doel=doel, door=werkcoach, titel=doel.titel, soort=doel.soort, leefgebied=doel.leefgebied
    )
    plan.refresh_from_db()
    assert plan.versie == 1 and plan.is_akkoord


def test_akkoord_op_een_oude_versie_wordt_geweigerd(plan, burger):
    maak_actie(plan)
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    maak_actie(plan, "Nieuw")  # now version 2
    with pytest.raises(ValidationError) as exc:
        services.geef_akkoord(plan=plan, versie=1, door=burger)
    assert exc.value.message_dict["versie"] == [
        "Het plan is net veranderd. Lees de nieuwe versie en geef dan opnieuw akkoord."
    ]


def test_twee_keer_akkoord_en_leeg_plan_worden_geweigerd(plan, burger):
    with pytest.raises(ValidationError) as exc:
        services.geef_akkoord(plan=plan, versie=1, door=burger)
    assert exc.value.messages == ["Het plan is nog leeg. Er is nog niets om akkoord op te geven."]
    maak_actie(plan)
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    with pytest.raises(ValidationError) as exc:
        services.geef_akkoord(plan=plan, versie=1, door=burger)
    assert exc.value.message_dict["versie"] == [
        "U heeft al akkoord gegeven op deze versie van het plan."
    ]


def test_alleen_de_burger_zelf_geeft_akkoord(plan, werkcoach):
    maak_actie(plan)
    andere_burger = UserFactory(rol=Rol.BURGER, team=None)
    for wie in (werkcoach, andere_burger):
        with pytest.raises(ValidationError) as exc:
            services.geef_akkoord(plan=plan, versie=1, door=wie)
        assert exc.value.messages == ["Alleen de burger zelf kan akkoord geven op het plan."]
    assert not PlanVersie.objects.exists()


def test_vergelijking_in_woorden(plan, burger, werkcoach):
    doel = maak_doel(plan, "Schulden op orde")
    actie = maak_actie(plan, "Cv maken", doel=doel, dagen=10)
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    services.wijzig_actie(
        actie=actie,
        door=werkcoach,
        titel="Cv maken",
        deadline=over(20),
        eigenaar="werkcoach",
        doel=doel,
    )
    maak_actie(plan, "Sollicitatietraining", doel=doel)

    uitkomst = vergelijking(plan=plan, van=1, naar=2, met_vertrouwelijk=True)

    assert uitkomst.van_label == "versie 1"
    assert uitkomst.naar_label == "versie 2 (nog geen akkoord)"
    gewijzigd = next(w for w in uitkomst.wijzigingen if w.soort == "gewijzigd")
    assert gewijzigd.titel == "Cv maken"
    assert ("Wie doet het", "Burger", "Werkcoach") in gewijzigd.velden
    assert (
        "Deadline",
        over(10).strftime("%d-%m-%Y"),
        over(20).strftime("%d-%m-%Y"),
    ) in gewijzigd.velden
    nieuw = [w for w in uitkomst.wijzigingen if w.soort == "toegevoegd"]
    assert [(w.onderdeel, w.titel) for w in nieuw] == [("actie", "Sollicitatietraining")]


def test_vergelijk_is_zuiver_en_herkent_verwijderd_en_doelwijziging():
    oud = {
        "doelen": [{"id": 1, "titel": "Werk", "koppeling": "Leefgebied: Werk & Opleiding"}],
        "acties": [
            {"id": 5, "doel_id": 1, "titel": "Weg", "deadline": "2026-03-01", "status": "open"}
        ],
    }
    nieuw = {
        "doelen": [{"id": 1, "titel": "Betaald werk", "koppeling": "Uitstroomperspectief: Kok"}],
        "acties": [],
    }
    wijzigingen = vergelijk(oud, nieuw)
    assert [(w.soort, w.onderdeel, w.titel) for w in wijzigingen] == [
        ("gewijzigd", "doel", "Betaald werk"),
        ("verwijderd", "actie", "Weg"),
    ]
    assert wijzigingen[0].velden == [
        ("Doel", "Werk", "Betaald werk"),
        ("Gekoppeld aan", "Leefgebied: Werk & Opleiding", "Uitstroomperspectief: Kok"),
    ]
    assert vergelijk(oud, oud) == []


def test_vertrouwelijke_doelen_vallen_weg_voor_anderen(plan, burger):
    geheim = maak_doel(plan, "Behandeling", code="middelengebruik")
    maak_actie(plan, "Gesprek verslavingszorg", doel=geheim)
    open_doel = maak_doel(plan, "Werk")
    maak_actie(plan, "Cv", doel=open_doel)
    snapshot = maak_snapshot(plan.doelen.all(), plan.acties.all())
    gefilterd = zonder_vertrouwelijk(snapshot)
    assert [d["titel"] for d in gefilterd["doelen"]] == ["Werk"]
    assert [a["titel"] for a in gefilterd["acties"]] == ["Cv"]

    services.geef_akkoord(plan=plan, versie=1, door=burger)
    maak_actie(plan, "Tweede gesprek", doel=geheim)
    voor_anderen = vergelijking(plan=plan, van=1, naar=2, met_vertrouwelijk=False)
    assert voor_anderen.wijzigingen == [] and not voor_anderen.vertrouwelijk
    voor_coach = vergelijking(plan=plan, van=1, naar=2, met_vertrouwelijk=True)
    assert [w.titel for w in voor_coach.wijzigingen] == ["Tweede gesprek"]
    assert voor_coach.vertrouwelijk
