"""Ontwikkelperspectief: targets, barriers, the self-assessment, the segment decision and the
table/chart data (current scores against earlier measurements and targets)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bijstand.dossiers.models import Dossier, JournaalRegel
from bijstand.logboek.models import Verwerking
from perspectief import selectors, services
from perspectief.models import Doelscore, Profiel, RouteBesluit
from tests.perspectief.factories import meet

pytestmark = pytest.mark.django_db

MORGEN = timezone.localdate() + datetime.timedelta(days=1)
OVER_HALF_JAAR = timezone.localdate() + datetime.timedelta(days=180)


# --- doelscores -----------------------------------------------------------------------------


def test_targets_are_set_replaced_and_removed_with_history(dossier, werkcoach):
    services.stel_doelscores_vast(
        dossier=dossier,
        doelen={"financien": 3, "huisvesting": 4},
        streefdatum=OVER_HALF_JAAR,
        toelichting="Samen afgesproken",
        door=werkcoach,
    )
    services.stel_doelscores_vast(
        dossier=dossier,
        doelen={"financien": 4, "huisvesting": None},
        streefdatum=MORGEN,
        door=werkcoach,
    )
    doelen = {d.leefgebied.code: d for d in Doelscore.objects.filter(dossier=dossier)}
    assert set(doelen) == {"financien"}
    assert (doelen["financien"].score, doelen["financien"].streefdatum) == (4, MORGEN)
    assert doelen["financien"].history.count() == 2
    assert doelen["financien"].history.first().history_user == werkcoach
    regels = JournaalRegel.objects.filter(dossier=dossier, onderwerp="Doelen ontwikkelperspectief")
    assert regels.count() == 2
    assert "Financiën 3, Huisvesting 4" in regels.order_by("op").first().tekst


@pytest.mark.parametrize(
    "doelen,streefdatum,veld,melding",
    [
        (
            {"financien": 3},
            timezone.localdate(),
            "streefdatum",
            "De streefdatum moet in de toekomst liggen.",
        ),
        ({"financien": 3}, None, "streefdatum", "Kies de datum waarop u de doelen wilt halen."),
        (
            {"financien": 6},
            MORGEN,
            "doel_financien",
            "Het doel voor Financiën moet 1, 2, 3, 4 of 5 zijn.",
        ),
        ({"onzin": 3}, MORGEN, "doel_onzin", "Onbekend leefgebied: onzin."),
        ({"financien": None}, MORGEN, "doelen", "Geef op minstens één leefgebied een doelscore."),
    ],
)
def test_bad_targets_are_refused(dossier, werkcoach, doelen, streefdatum, veld, melding):
    with pytest.raises(ValidationError) as fout:
        services.stel_doelscores_vast(
            dossier=dossier, doelen=doelen, streefdatum=streefdatum, door=werkcoach
        )
    assert fout.value.message_dict[veld] == [melding]
    assert not Doelscore.objects.exists()


def test_confidential_target_stays_out_of_the_journaal_and_is_logged_confidential(
    dossier, werkcoach
):
    services.stel_doelscores_vast(
        dossier=dossier, doelen={"middelengebruik": 3}, streefdatum=MORGEN, door=werkcoach
    )
    assert not JournaalRegel.objects.filter(onderwerp="Doelen ontwikkelperspectief").exists()
    regel = Verwerking.objects.filter(operatie="stel_doelscores_vast").get()
    assert regel.vertrouwelijk and regel.activiteit.code == "gezondheid"


# --- belemmeringen ----------------------------------------------------------------------------


def test_resolving_a_barrier_recounts_and_counts_as_a_step(dossier, werkcoach):
    schuld, _woning = services.leg_belemmeringen_vast(
        dossier=dossier,
        belemmeringen=[
            {"leefgebied": "financien", "omschrijving": "Schulden", "blokkeert_werk": True},
            {"leefgebied": "huisvesting", "omschrijving": "Geen woning", "blokkeert_werk": True},
        ],
        door=werkcoach,
    )
    assert Profiel.objects.get(dossier=dossier).blokkerende_belemmeringen == 2
    services.los_belemmering_op(belemmering=schuld, door=werkcoach)
    schuld.refresh_from_db()
    assert not schuld.actief and schuld.opgelost_op == timezone.localdate()
    assert Profiel.objects.get(dossier=dossier).blokkerende_belemmeringen == 1
    regel = JournaalRegel.objects.get(dossier=dossier, onderwerp="Stap vooruit")
    assert regel.tekst == "Belemmering opgelost (Financiën): Schulden"
    assert not regel.vertrouwelijk
    assert schuld.history.first().history_user == werkcoach
    with pytest.raises(ValidationError) as fout:
        services.los_belemmering_op(belemmering=schuld, door=werkcoach)
    assert fout.value.message_dict == {"belemmering": ["Deze belemmering is al opgelost."]}


def test_resolving_a_confidential_barrier_writes_a_confidential_journaal_line(dossier, werkcoach):
    (b,) = services.leg_belemmeringen_vast(
        dossier=dossier,
        belemmeringen=[{"leefgebied": "middelengebruik", "omschrijving": "Alcohol"}],
        door=werkcoach,
    )
    services.los_belemmering_op(belemmering=b, door=werkcoach)
    assert JournaalRegel.objects.get(dossier=dossier, onderwerp="Stap vooruit").vertrouwelijk


# --- zelfbeoordeling --------------------------------------------------------------------------


def test_self_assessment_needs_no_explanation_but_at_least_one_score(dossier):
    meting = services.registreer_meting(
        dossier=dossier,
        bron="zelfbeoordeling",
        scores={"financien": (1, "")},
        trede=None,
        door=None,
    )
    assert meting.scores.get().score == 1
    with pytest.raises(ValidationError) as fout:
        services.registreer_meting(
            dossier=dossier, bron="zelfbeoordeling", scores={}, trede=None, door=None
        )
    assert "scores" in fout.value.message_dict


def test_professional_measurement_still_needs_explanation_for_low_scores(dossier, werkcoach):
    with pytest.raises(ValidationError) as fout:
        meet(dossier, werkcoach, financien=(1, ""))
    assert "toelichting_financien" in fout.value.message_dict


# --- the table and chart data -------------------------------------------------------------


def test_table_rows_against_earlier_measurements_targets_and_self_assessment(dossier, werkcoach):
    meet(dossier, werkcoach, score=3, trede=2, bron="intake")
    meet(dossier, werkcoach, score=3, trede=3, financien=4, middelengebruik=(4, ""))
    services.registreer_meting(
        dossier=dossier,
        bron="zelfbeoordeling",
        scores={"financien": (5, "")},
        trede=None,
        door=None,
    )
    services.stel_doelscores_vast(
        dossier=dossier,
        doelen={"financien": 4, "huisvesting": 5},
        streefdatum=MORGEN,
        door=werkcoach,
    )
    o = selectors.ontwikkelperspectief(dossier=dossier, vertrouwelijk=False)
    rij = {r.leefgebied.code: r for r in o.rijen}
    assert rij["financien"].scores == [3, 4] and rij["financien"].stap == 1
    assert rij["financien"].zelf == 5 and rij["financien"].doel.score == 4
    assert rij["financien"].doel_gehaald and not rij["huisvesting"].doel_gehaald
    assert rij["middelengebruik"].verborgen and rij["middelengebruik"].scores == [None, None]
    assert o.aantal_verborgen == 4 and o.trede_verloop[-1][1] == 3
    grafiek = o.grafiek()
    assert "Middelengebruik" not in grafiek["labels"] and len(grafiek["labels"]) == 9
    assert [d["soort"] for d in grafiek["datasets"]] == ["vorig", "huidig", "doel", "zelf"]
    assert grafiek["datasets"][1]["data"][0] == 4  # Financiën now
    burger = selectors.ontwikkelperspectief(dossier=dossier, vertrouwelijk=True).grafiek(
        burger=True
    )
    assert "Verslaving" in burger["labels"] and "Geldzaken" in burger["labels"]


def test_chart_shows_the_latest_measurements_only(dossier, werkcoach):
    for i, dagen in enumerate((300, 200, 100, 50, 10)):
        services.registreer_meting(
            dossier=dossier,
            bron="werkcoach",
            scores={c: (3, "") for c in selectors.leefgebied_namen(vertrouwelijk=True)},
            trede=1 + i,
            door=werkcoach,
            datum=timezone.localdate() - datetime.timedelta(days=dagen),
        )
    o = selectors.ontwikkelperspectief(dossier=dossier, vertrouwelijk=True, aantal=4)
    assert [m.trede for m in o.metingen] == [2, 3, 4, 5]
    assert [d["soort"] for d in o.grafiek()["datasets"]] == ["vorig", "huidig"]


# --- segment and route ------------------------------------------------------------------------


def test_werkcoach_decides_segment_and_route_with_a_reason(dossier, werkcoach):
    meet(dossier, werkcoach, score=4, trede=4)
    besluit = services.besluit_route(
        dossier=dossier,
        segment="grotere_afstand",
        route="intensief",
        reden="Wil eerst taal leren.",
        door=werkcoach,
    )
    assert besluit.voorgesteld_segment in {"kansrijk", "grotere_afstand", "ontdekken"}
    assert besluit.voorstel_redenen
    assert Profiel.objects.get(dossier=dossier).segment == "grotere_afstand"
    assert Dossier.objects.get(pk=dossier.pk).route == "intensief"
    regel = JournaalRegel.objects.get(dossier=dossier, onderwerp="Dienstverleningsroute")
    assert "Wil eerst taal leren." in regel.tekst and "Grotere afstand" in regel.tekst
    # Same route again with another segment: still recorded and written to the journaal.
    services.besluit_route(
        dossier=dossier,
        segment="ontdekken",
        route="intensief",
        reden="Toch eerst ontdekken.",
        door=werkcoach,
    )
    assert RouteBesluit.objects.filter(dossier=dossier).count() == 2
    assert JournaalRegel.objects.filter(onderwerp="Dienstverleningsroute").count() == 2
    assert (
        "Route blijft"
        in JournaalRegel.objects.filter(onderwerp="Dienstverleningsroute")
        .order_by("-op", "-id")
        .first()
        .tekst
    )


@pytest.mark.parametrize(
    "segment,route,reden,veld",
    [
        ("onbepaald", "kansrijk", "x", "segment"),
        ("kansrijk", "onbepaald", "x", "route"),
        ("kansrijk", "snel", "x", "route"),
        ("kansrijk", "kansrijk", "  ", "reden"),
    ],
)
def test_bad_decision_changes_nothing(dossier, werkcoach, segment, route, reden, veld):
    with pytest.raises(ValidationError) as fout:
        services.besluit_route(
            dossier=dossier, segment=segment, route=route, reden=reden, door=werkcoach
        )
    assert veld in fout.value.message_dict
    assert not RouteBesluit.objects.exists()
    assert Dossier.objects.get(pk=dossier.pk).route == "onbepaald"
