"""The rules of the brede intake, through its services."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from bijstand.dossiers.models import JournaalRegel, Taalniveau
from bijstand.logboek.models import Verwerking
from intake import services
from intake.models import Intake, IntakeStatus, StapBron
from perspectief.models import Belemmering, LeefgebiedScore, Meting, Profiel, Vaardigheid
from tests.intake.factories import alle_scores, complete_intake, definitieve_intake, start

pytestmark = pytest.mark.django_db


def test_concept_may_be_incomplete(dossier, werkcoach):
    intake = start(dossier, werkcoach)
    services.sla_stap_op(
        intake=intake,
        stap="scores",
        antwoorden={"score_financien": 3, "trede": None},
        door=werkcoach,
    )
    services.sla_stap_op(
        intake=intake, stap="beschikbaarheid", antwoorden={"uren_per_week": 20}, door=werkcoach
    )
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.CONCEPT
    assert intake.antwoorden["scores"]["score_financien"] == 3
    assert intake.antwoorden["beschikbaarheid"]["uren_per_week"] == 20
    assert intake.stappen_meta["scores"]["bron"] == StapBron.CONSULENT


def test_finalising_requires_all_13_scores_and_names_the_missing_ones(dossier, werkcoach):
    scores = alle_scores()
    del scores["score_justitie"], scores["score_huisvesting"]
    intake = complete_intake(dossier, werkcoach, scores=scores)
    with pytest.raises(ValidationError) as fout:
        services.rond_intake_af(intake=intake, door=werkcoach)
    fouten = fout.value.message_dict
    assert fouten["score_justitie"] == ["Geef een score voor Justitie."]
    assert fouten["score_huisvesting"] == ["Geef een score voor Huisvesting."]
    assert len([k for k in fouten if k.startswith("score_")]) == 2
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.CONCEPT
    assert not Meting.objects.exists()


def test_finalising_requires_the_trede(dossier, werkcoach):
    scores = alle_scores()
    scores["trede"] = None
    intake = complete_intake(dossier, werkcoach, scores=scores)
    with pytest.raises(ValidationError) as fout:
        services.rond_intake_af(intake=intake, door=werkcoach)
    assert fout.value.message_dict == {"trede": ["Kies de trede op de participatieladder."]}


@pytest.mark.parametrize("score", [1, 2])
def test_low_score_needs_explanation(dossier, werkcoach, score):
    intake = start(dossier, werkcoach)
    with pytest.raises(ValidationError) as fout:
        services.sla_stap_op(
            intake=intake,
            stap="scores",
            antwoorden={"score_huisvesting": score, "toelichting_huisvesting": "  "},
            door=werkcoach,
        )
    assert fout.value.message_dict == {
        "toelichting_huisvesting": [f"Licht de score {score} voor Huisvesting toe."]
    }
    services.sla_stap_op(
        intake=intake,
        stap="scores",
        antwoorden={"score_huisvesting": score, "toelichting_huisvesting": "Dreigt dakloos."},
        door=werkcoach,
    )
    intake.refresh_from_db()
    assert intake.antwoorden["scores"]["score_huisvesting"] == score


@pytest.mark.parametrize("score", [0, 6, -1, "zes"])
def test_score_outside_1_to_5_refused(dossier, werkcoach, score):
    intake = start(dossier, werkcoach)
    with pytest.raises(ValidationError) as fout:
        services.sla_stap_op(
            intake=intake, stap="scores", antwoorden={"score_financien": score}, door=werkcoach
        )
    assert fout.value.message_dict["score_financien"] == [
        "De score voor Financiën moet 1, 2, 3, 4 of 5 zijn."
    ]
    intake.refresh_from_db()
    assert "scores" not in intake.antwoorden


def test_validation_errors_name_the_field_in_dutch(dossier, werkcoach):
    intake = start(dossier, werkcoach)
    with pytest.raises(ValidationError) as fout:
        services.sla_stap_op(
            intake=intake,
            stap="beschikbaarheid",
            antwoorden={"uren_per_week": 80, "max_fysieke_belasting": "extreem"},
            door=werkcoach,
        )
    fouten = fout.value.message_dict
    assert fouten["uren_per_week"] == [
        "Beschikbare uren per week: vul een getal in van hoogstens 60."
    ]
    assert fouten["max_fysieke_belasting"] == [
        "Maximale fysieke belasting: kies een van de mogelijkheden."
    ]
    with pytest.raises(ValidationError) as fout:
        services.sla_stap_op(
            intake=intake, stap="taal", antwoorden={"schoenmaat": 42}, door=werkcoach
        )
    assert fout.value.message_dict == {"schoenmaat": ["Onbekend veld in deze stap: schoenmaat."]}
    with pytest.raises(ValidationError) as fout:
        services.sla_stap_op(
            intake=intake,
            stap="belemmeringen",
            antwoorden={"belemmeringen": [{"leefgebied": "", "omschrijving": "Schulden"}]},
            door=werkcoach,
        )
    assert fout.value.message_dict == {
        "belemmeringen.0.leefgebied": ["Belemmering 1: kies het leefgebied."]
    }


def test_finalise_writes_everything_through_perspectief(dossier, werkcoach):
    intake = definitieve_intake(
        dossier,
        werkcoach,
        scores=alle_scores(score=3, trede=2, financien=(2, "Schulden bij de energieleverancier")),
        taal={"taalniveau": Taalniveau.ONDER_1F},
        certificaten={"certificaten": ["vca"], "rijbewijzen": ["B"]},
        beschikbaarheid={"uren_per_week": 24, "max_fysieke_belasting": "middel"},
        mobiliteit={"max_reistijd_minuten": 30},
        werkervaring={
            "beroepen_ervaring": ["9112"],
            "vrijwilligerswerk": "Voedselbank",
            "competenties": ["Klantcontact", "Samenwerken"],
        },
        wensen={"gewenste_beroepen": ["5120"]},
        belemmeringen={
            "belemmeringen": [
                {"leefgebied": "financien", "omschrijving": "Schulden", "blokkeert_werk": True},
                {"leefgebied": "lichamelijke_gezondheid", "omschrijving": "Rugklachten"},
            ]
        },
        vaardigheden={"vaardigheden": ["Plannen"]},
    )
    assert intake.status == IntakeStatus.DEFINITIEF
    assert intake.afgerond_door == werkcoach and intake.afgerond_op is not None
    meting = Meting.objects.get(dossier=dossier)
    assert intake.meting == meting
    assert (meting.bron, meting.trede, meting.vastgelegd_door) == ("intake", 2, werkcoach)
    assert LeefgebiedScore.objects.filter(meting=meting).count() == 13
    assert LeefgebiedScore.objects.get(meting=meting, leefgebied__code="financien").toelichting == (
        "Schulden bij de energieleverancier"
    )
    belemmeringen = Belemmering.objects.filter(dossier=dossier).order_by("leefgebied__nummer")
    assert [(b.leefgebied.code, b.blokkeert_werk) for b in belemmeringen] == [
        ("financien", True),
        ("lichamelijke_gezondheid", False),
    ]
    assert set(Vaardigheid.objects.filter(dossier=dossier).values_list("naam", flat=True)) == {
        "Klantcontact",
        "Samenwerken",
        "Plannen",
    }
    assert Vaardigheid.objects.get(dossier=dossier, naam="Klantcontact").bron.endswith(
        "Voedselbank"
    )
    profiel = Profiel.objects.get(dossier=dossier)
    assert profiel.trede == 2 and profiel.scores["financien"] == 2
    assert profiel.taalniveau == Taalniveau.ONDER_1F
    assert (profiel.certificaten, profiel.rijbewijzen) == (["vca"], ["B"])
    assert (profiel.uren_per_week, profiel.max_fysieke_belasting) == (24, "middel")
    assert profiel.max_reistijd_minuten == 30
    assert (profiel.beroepen_ervaring, profiel.gewenste_beroepen) == (["9112"], ["5120"])
    assert profiel.blokkerende_belemmeringen == 1
    regel = JournaalRegel.objects.get(dossier=dossier, onderwerp="Brede intake")
    assert "trede 2" in regel.tekst and not regel.vertrouwelijk
    assert "Rugklachten" not in regel.tekst


def test_finalising_twice_creates_one_meting(dossier, werkcoach):
    intake = complete_intake(dossier, werkcoach)
    eerste = services.rond_intake_af(intake=intake, door=werkcoach)
    tweede = services.rond_intake_af(intake=intake, door=werkcoach)
    assert Meting.objects.filter(dossier=dossier).count() == 1
    assert tweede.meting_id == eerste.meting_id
    assert JournaalRegel.objects.filter(dossier=dossier, onderwerp="Brede intake").count() == 1
    with pytest.raises(ValidationError) as fout:
        services.sla_stap_op(
            intake=intake, stap="taal", antwoorden={"taalniveau": "2f"}, door=werkcoach
        )
    assert "status" in fout.value.message_dict


def test_failing_write_rolls_back_everything(dossier, werkcoach, monkeypatch):
    intake = complete_intake(
        dossier,
        werkcoach,
        belemmeringen={"belemmeringen": [{"leefgebied": "financien", "omschrijving": "Schuld"}]},
        beschikbaarheid={"uren_per_week": 20},
    )

    def kapot(**kwargs):
        raise RuntimeError("profiel kapot")

    monkeypatch.setattr(services.perspectief_services, "werk_profiel_bij", kapot)
    with pytest.raises(RuntimeError):
        services.rond_intake_af(intake=intake, door=werkcoach)
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.CONCEPT
    assert not Meting.objects.exists() and not Belemmering.objects.exists()


def test_one_concept_per_dossier(dossier, werkcoach):
    start(dossier, werkcoach)
    with pytest.raises(ValidationError) as fout:
        start(dossier, werkcoach, "heronderzoek")
    assert "al een intake in concept" in fout.value.messages[0]
    assert Intake.objects.filter(dossier=dossier).count() == 1


def test_instroombron_recorded_on_the_intake_not_on_the_dossier(dossier, werkcoach):
    dossier.instroombron = "ww_einde"
    dossier.save()
    intake = start(dossier, werkcoach)
    assert intake.instroombron == "ww_einde"
    services.sla_stap_op(
        intake=intake, stap="persoon", antwoorden={"instroombron": "statushouder"}, door=werkcoach
    )
    intake.refresh_from_db()
    dossier.refresh_from_db()
    assert intake.instroombron == "statushouder"
    assert dossier.instroombron == "ww_einde"


def test_person_step_snapshots_the_household_read_only(dossier, werkcoach):
    from bijstand.dossiers.models import HuishoudenLid

    huishouden = dossier.werkzoekende.huishouden
    huishouden.leefvorm = "alleenstaande_ouder"
    huishouden.save()
    HuishoudenLid.objects.create(
        huishouden=huishouden, rol="kind", naam="Kind", geboortedatum="2018-01-01"
    )
    intake = start(dossier, werkcoach)
    # A value sent for a read-only field is ignored: the dossier decides.
    services.sla_stap_op(
        intake=intake,
        stap="persoon",
        antwoorden={"aantal_kinderen": 7, "gegevens_gecontroleerd": True},
        door=werkcoach,
    )
    intake.refresh_from_db()
    persoon = intake.antwoorden["persoon"]
    assert persoon["aantal_kinderen"] == 1
    assert persoon["leefvorm"] == "alleenstaande_ouder"
    assert persoon["gegevens_gecontroleerd"] is True


def test_confidential_answers_are_stored_apart_and_logged_as_such(dossier, werkcoach):
    intake = start(dossier, werkcoach)
    services.sla_stap_op(
        intake=intake,
        stap="gezondheid",
        antwoorden={"psychische_klachten": "Depressie", "middelengebruik": "verleden"},
        door=werkcoach,
    )
    services.sla_stap_op(
        intake=intake,
        stap="scores",
        antwoorden={
            "score_financien": 3,
            "score_justitie": 2,
            "toelichting_justitie": "Lopende zaak",
        },
        door=werkcoach,
    )
    services.sla_stap_op(
        intake=intake,
        stap="belemmeringen",
        antwoorden={
            "belemmeringen": [
                {"leefgebied": "financien", "omschrijving": "Schulden"},
                {"leefgebied": "middelengebruik", "omschrijving": "Alcohol"},
            ]
        },
        door=werkcoach,
    )
    intake.refresh_from_db()
    assert "gezondheid" not in intake.antwoorden
    assert intake.vertrouwelijke_antwoorden["gezondheid"]["psychische_klachten"] == "Depressie"
    geheime_codes = ("justitie", "middelengebruik", "geestelijke_", "lichamelijke_")
    assert not [k for k in intake.antwoorden["scores"] if any(c in k for c in geheime_codes)]
    assert intake.antwoorden["scores"]["score_financien"] == 3
    assert {k: v for k, v in intake.vertrouwelijke_antwoorden["scores"].items() if v} == {
        "score_justitie": 2,
        "toelichting_justitie": "Lopende zaak",
    }
    assert [b["omschrijving"] for b in intake.antwoorden["belemmeringen"]["belemmeringen"]] == [
        "Schulden"
    ]
    assert [
        b["omschrijving"]
        for b in intake.vertrouwelijke_antwoorden["belemmeringen"]["belemmeringen"]
    ] == ["Alcohol"]
    regels = Verwerking.objects.filter(operatie="sla_intakestap_op").order_by("id")
    assert [(r.activiteit.code, r.vertrouwelijk) for r in regels] == [
        ("gezondheid", True),
        ("gezondheid", True),
        ("gezondheid", True),
    ]
    services.sla_stap_op(
        intake=intake, stap="taal", antwoorden={"moedertaal": "Arabisch"}, door=werkcoach
    )
    laatste = Verwerking.objects.filter(operatie="sla_intakestap_op").latest("id")
    assert (laatste.activiteit.code, laatste.vertrouwelijk) == ("intake", False)
    # History keeps no confidential answers.
    assert not hasattr(Intake.history.model, "vertrouwelijke_antwoorden")


def test_heronderzoek_starts_from_last_definitive_intake(dossier, werkcoach):
    eerste = definitieve_intake(
        dossier,
        werkcoach,
        taal={"taalniveau": "onder_1f"},
        gezondheid={"lichamelijke_klachten": "Rug"},
    )
    her = start(dossier, werkcoach, "heronderzoek")
    assert her.vorige == eerste
    assert her.antwoorden["taal"] == eerste.antwoorden["taal"]
    assert her.vertrouwelijke_antwoorden["gezondheid"] == {
        **eerste.vertrouwelijke_antwoorden["gezondheid"]
    }
    assert her.stappen_meta["taal"]["bron"] == StapBron.VORIGE
    services.sla_stap_op(intake=her, stap="taal", antwoorden={"taalniveau": "1f"}, door=werkcoach)
    services.sla_stap_op(
        intake=her, stap="scores", antwoorden=alle_scores(score=5, trede=4), door=werkcoach
    )
    her = services.rond_intake_af(intake=her, door=werkcoach)
    assert list(Meting.objects.filter(dossier=dossier).values_list("bron", flat=True)) == [
        "heronderzoek",
        "intake",
    ]
    # Every step up counts: the journaal shows the steps forward (perspectief service).
    assert JournaalRegel.objects.filter(dossier=dossier, onderwerp="Stap vooruit").exists()
    eerste.refresh_from_db()
    assert eerste.antwoorden["taal"]["taalniveau"] == "onder_1f"


def test_heronderzoek_does_not_add_known_barriers_twice(dossier, werkcoach):
    belem = {"belemmeringen": [{"leefgebied": "financien", "omschrijving": "Schulden"}]}
    definitieve_intake(dossier, werkcoach, belemmeringen=belem)
    her = start(dossier, werkcoach, "heronderzoek")
    services.sla_stap_op(intake=her, stap="scores", antwoorden=alle_scores(), door=werkcoach)
    services.sla_stap_op(
        intake=her,
        stap="belemmeringen",
        antwoorden={
            "belemmeringen": [
                {"leefgebied": "financien", "omschrijving": "schulden "},
                {"leefgebied": "huisvesting", "omschrijving": "Huurachterstand"},
            ]
        },
        door=werkcoach,
    )
    services.rond_intake_af(intake=her, door=werkcoach)
    assert sorted(Belemmering.objects.values_list("omschrijving", flat=True)) == [
        "Huurachterstand",
        "Schulden",
    ]


def test_burger_prepares_draft_answers_without_overwriting_the_consulent(dossier, werkcoach):
    burger_user = dossier.werkzoekende.account
    assert burger_user is None  # the dossier fixture has no account; the service takes a user
    from tests.factories import UserFactory

    burger = UserFactory(rol="burger", team=None)
    intake = services.bereid_intake_voor(
        dossier=dossier, stap="beschikbaarheid", antwoorden={"uren_per_week": 16}, burger=burger
    )
    assert (intake.soort, intake.status, intake.gestart_door) == ("aanvraag", "concept", burger)
    assert intake.antwoorden["beschikbaarheid"]["uren_per_week"] == 16
    assert intake.stappen_meta["beschikbaarheid"]["bron"] == StapBron.BURGER
    # The consulent saves the step; a later burger edit does not overwrite it.
    services.sla_stap_op(
        intake=intake, stap="beschikbaarheid", antwoorden={"uren_per_week": 20}, door=werkcoach
    )
    services.bereid_intake_voor(
        dossier=dossier, stap="beschikbaarheid", antwoorden={"uren_per_week": 12}, burger=burger
    )
    intake.refresh_from_db()
    assert intake.antwoorden["beschikbaarheid"]["uren_per_week"] == 20
    assert intake.burger_antwoorden["beschikbaarheid"]["uren_per_week"] == 12
    assert intake.stappen_meta["beschikbaarheid"]["bron"] == StapBron.CONSULENT
    assert intake.stappen_meta["beschikbaarheid"]["burger_op"]
    # Only the burger's fields and steps.
    with pytest.raises(ValidationError) as fout:
        services.bereid_intake_voor(
            dossier=dossier,
            stap="beschikbaarheid",
            antwoorden={"max_fysieke_belasting": "licht"},
            burger=burger,
        )
    assert "max_fysieke_belasting" in fout.value.message_dict
    with pytest.raises(ValidationError):
        services.bereid_intake_voor(
            dossier=dossier, stap="gezondheid", antwoorden={}, burger=burger
        )


def test_burger_cannot_open_a_new_intake_after_a_definitive_one(dossier, werkcoach):
    from tests.factories import UserFactory

    definitieve_intake(dossier, werkcoach)
    with pytest.raises(ValidationError):
        services.bereid_intake_voor(
            dossier=dossier,
            stap="wensen",
            antwoorden={"wensen": "Koken"},
            burger=UserFactory(rol="burger", team=None),
        )
    assert Intake.objects.filter(dossier=dossier).count() == 1


def test_start_and_finalise_are_logged(dossier, werkcoach):
    from bijstand.core.crypto import pseudoniem

    intake = complete_intake(dossier, werkcoach)
    services.rond_intake_af(intake=intake, door=werkcoach)
    onderwerp = pseudoniem(dossier.werkzoekende.log_subject)
    for operatie in ("start_intake", "sla_intakestap_op", "rond_intake_af", "registreer_meting"):
        regel = Verwerking.objects.filter(operatie=operatie, betrokkene=onderwerp).latest("id")
        assert regel.soorten_gegevens
    assert Verwerking.objects.get(operatie="start_intake").activiteit.code == "intake"


def test_heronderzoek_resolves_barriers_no_longer_named(dossier, werkcoach):
    belem = {
        "belemmeringen": [
            {"leefgebied": "financien", "omschrijving": "Schulden", "blokkeert_werk": True},
            {"leefgebied": "huisvesting", "omschrijving": "Huurachterstand"},
        ]
    }
    definitieve_intake(dossier, werkcoach, belemmeringen=belem)
    # recorded on the perspective tab, not in the intake: the heronderzoek leaves it alone
    from perspectief import services as perspectief_services

    perspectief_services.leg_belemmeringen_vast(
        dossier=dossier,
        belemmeringen=[{"leefgebied": "sociaal_netwerk", "omschrijving": "Weinig contacten"}],
        door=werkcoach,
    )
    her = start(dossier, werkcoach, "heronderzoek")
    services.sla_stap_op(
        intake=her,
        stap="belemmeringen",
        antwoorden={
            "belemmeringen": [{"leefgebied": "huisvesting", "omschrijving": "Huurachterstand"}]
        },
        door=werkcoach,
    )
    services.rond_intake_af(intake=her, door=werkcoach)
    actief = dict(Belemmering.objects.values_list("omschrijving", "actief"))
    assert actief == {"Schulden": False, "Huurachterstand": True, "Weinig contacten": True}
    opgelost = Belemmering.objects.get(omschrijving="Schulden")
    assert opgelost.opgelost_op is not None
    assert Profiel.objects.get(dossier=dossier).blokkerende_belemmeringen == 0
    regel = JournaalRegel.objects.filter(dossier=dossier, onderwerp="Brede intake").latest("pk")
    assert "1 belemmering(en) opgelost" in regel.tekst
    assert JournaalRegel.objects.filter(
        dossier=dossier, onderwerp="Stap vooruit", tekst__contains="Niet meer genoemd"
    ).exists()


def test_finalising_sets_language_level_entry_point_and_starts_the_plan(dossier, werkcoach):
    from plan.models import Plan

    assert dossier.werkzoekende.taalniveau != Taalniveau.NIVEAU_2F
    intake = services.start_intake(
        dossier=dossier, soort="aanvraag", door=werkcoach, instroombron="jongerenloket"
    )
    services.sla_stap_op(intake=intake, stap="scores", antwoorden=alle_scores(), door=werkcoach)
    services.sla_stap_op(
        intake=intake, stap="taal", antwoorden={"taalniveau": Taalniveau.NIVEAU_2F}, door=werkcoach
    )
    assert not Plan.objects.filter(dossier=dossier).exists()
    services.rond_intake_af(intake=intake, door=werkcoach)
    dossier.refresh_from_db()
    dossier.werkzoekende.refresh_from_db()
    assert dossier.instroombron == "jongerenloket"
    assert dossier.werkzoekende.taalniveau == Taalniveau.NIVEAU_2F
    assert dossier.werkzoekende.history.latest().history_user == werkcoach
    plan = Plan.objects.get(dossier=dossier)
    assert plan.aangemaakt_door == werkcoach
    # a heronderzoek keeps the dossier's entry point and the existing plan
    her = start(dossier, werkcoach, "heronderzoek")
    services.rond_intake_af(intake=her, door=werkcoach)
    dossier.refresh_from_db()
    assert dossier.instroombron == "jongerenloket"
    assert Plan.objects.filter(dossier=dossier).count() == 1


def test_finalising_on_an_ended_dossier_starts_no_plan(dossier, werkcoach):
    from plan.models import Plan

    intake = complete_intake(dossier, werkcoach)
    type(dossier).objects.filter(pk=dossier.pk).update(status="beeindigd", beeindigingsreden="werk")
    services.rond_intake_af(intake=intake, door=werkcoach)
    assert not Plan.objects.filter(dossier=dossier).exists()
