"""plan.services.maak_vervolgactie: the public entry point for other apps (werkloont)."""

from __future__ import annotations

import inspect

import pytest
from django.core.exceptions import ValidationError

from bijstand.dossiers.models import JournaalRegel
from bijstand.dossiers.services import wijzig_status
from plan import services
from plan.models import Actie, ActieOvergang, Plan

from .factories import maak_actie, over

pytestmark = pytest.mark.django_db


def test_handtekening_blijft_gelijk():
    parameters = inspect.signature(services.maak_vervolgactie).parameters
    assert list(parameters) == ["dossier", "titel", "toelichting", "deadline", "door"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())


def test_maakt_plan_en_actie_van_de_werkcoach(dossier, werkcoach):
    assert not Plan.objects.filter(dossier=dossier).exists()

    actie = services.maak_vervolgactie(
        dossier=dossier,
        titel="Evaluatie Werkloont bespreken",
        toelichting="Het traject is afgelopen.",
        deadline=over(14),
        door=werkcoach,
    )

    assert actie.plan.dossier == dossier
    assert (actie.eigenaar, actie.status, actie.bron, actie.doel) == (
        "werkcoach",
        "open",
        "vervolg",
        None,
    )
    assert actie.toelichting == "Het traject is afgelopen." and actie.deadline == over(14)
    teksten = list(JournaalRegel.objects.filter(dossier=dossier).values_list("tekst", flat=True))
    assert "Plan van aanpak gestart." in teksten
    assert any("Evaluatie Werkloont bespreken" in t for t in teksten)


def test_idempotent_voor_dossier_titel_en_deadline(dossier, werkcoach):
    kwargs = {
        "dossier": dossier,
        "titel": "Evaluatie Werkloont bespreken",
        "toelichting": "",
        "deadline": over(7),
        "door": werkcoach,
    }
    eerste = services.maak_vervolgactie(**kwargs)
    regels = JournaalRegel.objects.filter(dossier=dossier).count()

    tweede = services.maak_vervolgactie(**{**kwargs, "titel": "  Evaluatie Werkloont bespreken "})
    services.wijzig_actiestatus(
        actie=eerste, naar="vervallen", reden="Al besproken", door=werkcoach
    )
    derde = services.maak_vervolgactie(**{**kwargs, "door": None})

    assert eerste.pk == tweede.pk == derde.pk
    assert Actie.objects.filter(plan__dossier=dossier).count() == 1
    assert Plan.objects.filter(dossier=dossier).count() == 1
    assert ActieOvergang.objects.filter(actie=eerste, naar="open").count() == 1
    assert JournaalRegel.objects.filter(dossier=dossier).count() == regels + 1  # the vervallen

    andere_datum = services.maak_vervolgactie(**{**kwargs, "deadline": over(8)})
    assert andere_datum.pk != eerste.pk


def test_gebruikt_het_bestaande_plan_en_start_een_nieuwe_versie(plan, burger, werkcoach):
    maak_actie(plan)
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    actie = services.maak_vervolgactie(
        dossier=plan.dossier, titel="Nagesprek", toelichting="", deadline=over(3), door=werkcoach
    )
    assert actie.plan_id == plan.pk
    plan.refresh_from_db()
    assert plan.versie == 2


def test_een_handmatige_actie_met_dezelfde_titel_telt_niet(plan, werkcoach):
    handmatig = maak_actie(plan, "Nagesprek", dagen=3, eigenaar="werkcoach")
    vervolg = services.maak_vervolgactie(
        dossier=plan.dossier, titel="Nagesprek", toelichting="", deadline=over(3), door=werkcoach
    )
    assert vervolg.pk != handmatig.pk and vervolg.bron == "vervolg"


def test_weigert_lege_titel_en_beeindigd_dossier(dossier, werkcoach):
    with pytest.raises(ValidationError) as exc:
        services.maak_vervolgactie(
            dossier=dossier, titel=" ", toelichting="", deadline=over(1), door=werkcoach
        )
    assert exc.value.message_dict["titel"] == ["Beschrijf de actie."]
    bestaand = services.maak_vervolgactie(
        dossier=dossier, titel="Nagesprek", toelichting="", deadline=over(1), door=werkcoach
    )
    wijzig_status(dossier=dossier, naar="beeindigd", reden="werk", door=werkcoach)
    dossier.refresh_from_db()
    # The same call still returns what exists; a new one is refused.
    assert (
        services.maak_vervolgactie(
            dossier=dossier, titel="Nagesprek", toelichting="", deadline=over(1), door=werkcoach
        ).pk
        == bestaand.pk
    )
    with pytest.raises(ValidationError) as exc:
        services.maak_vervolgactie(
            dossier=dossier, titel="Nieuw", toelichting="", deadline=over(1), door=werkcoach
        )
    assert "Het dossier is beëindigd" in " ".join(exc.value.messages)


def test_zorg_voor_plan_maakt_hooguit_een_plan(dossier, werkcoach):
    eerste = services.zorg_voor_plan(dossier=dossier, door=werkcoach)
    tweede = services.zorg_voor_plan(dossier=dossier, door=None)
    assert eerste.pk == tweede.pk and Plan.objects.filter(dossier=dossier).count() == 1
    assert (
        JournaalRegel.objects.filter(dossier=dossier, tekst="Plan van aanpak gestart.").count() == 1
    )
