"""The voorschot (art. 52 PW) from the aanvraag's side: the amount, granting it once, the
automatic payment near day 28, and what a besluit does with it (ADR 0008).

Fixtures (``maak_aanvraag``, ``vandaag``, ``consulent``) come from tests/aanvraag/conftest.py:
an aanvraag sent through the real services, ``ontvangen_op`` = 17 March 2026, an alleenstaande
born 1 April 1990 with IBAN NL91ABNA0417164300.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from django_celery_beat.models import PeriodicTask

from aanvraag import behandeling, services, voorschot
from aanvraag.models import Aanvraag, AanvraagStatus, Voorschot, VoorschotStatus
from bijstand.dossiers.models import JournaalRegel
from inkomen import rekenregels, selectors
from inkomen import voorschot as inkomen_voorschot
from inkomen.models import Boeking, BoekingSoort, RedenCode, Voorschotbetaling
from inkomen.voorschotbestand import maak_voorschotbatch

pytestmark = pytest.mark.django_db

ONTVANGEN = date(2026, 3, 17)
CENT = Decimal("0.01")


@pytest.fixture(autouse=True)
def _regelcache():
    selectors.wis_regelcache()
    yield
    selectors.wis_regelcache()


def verwacht_bedrag(geboortedatum: date, maand: date, **huishouden) -> tuple[Decimal, Decimal]:
    """(norm, 90 % of it) from the calculation core with the rule set stored for ``maand``."""
    invoer = rekenregels.Invoer(
        maand=rekenregels.Maand(maand.year, maand.month),
        aanvrager=rekenregels.Persoon(geboortedatum=geboortedatum),
        **huishouden,
    )
    resultaat = rekenregels.bereken(
        invoer, selectors.regelset_voor_maand(maand), selectors.beleid_voor_maand(maand)
    )
    return resultaat.norm, (resultaat.norm * Decimal("0.90")).quantize(CENT, ROUND_HALF_UP)


def boekingen(aanvraag: Aanvraag, soort: str) -> list[Boeking]:
    return list(Boeking.objects.filter(dossier_id=aanvraag.dossier_id, soort=soort).order_by("pk"))


# --------------------------------------------------------------------------------------------
# the amount


def test_bedrag_alleenstaande_27_plus_is_90_procent_van_de_norm(maak_aanvraag):
    aanvraag = maak_aanvraag()
    assert aanvraag.ontvangen_op == ONTVANGEN

    norm, percentage, bedrag, toelichting = voorschot.bereken(aanvraag)

    verwacht_norm, verwacht = verwacht_bedrag(date(1990, 4, 1), date(2026, 3, 1))
    regelset = selectors.regelset_voor_maand(date(2026, 3, 1))
    assert norm == verwacht_norm == regelset.norm_alleenstaande
    assert percentage == Decimal("90.00")
    assert bedrag == verwacht
    assert toelichting["regelset_geldig_vanaf"] == regelset.geldig_vanaf.isoformat()
    assert toelichting["aanvraagbeleid_geldig_vanaf"] == "2025-01-01"
    assert toelichting["maand"] == "2026-03"
    assert toelichting["norm"] == f"{norm:.2f}" and toelichting["percentage"] == "90.00"
    assert toelichting["invoer"]["partner"] is None


def test_bedrag_volgt_het_huishouden_van_dien_in(maak_aanvraag):
    """A medebewoner of 30 (no student, no commercial rent): the kostendelersnorm."""
    aanvraag = maak_aanvraag("concept")
    gegevens = {
        "partner": None,
        "kinderen": [],
        "medebewoners": [
            {"naam": "Broer", "geboortedatum": "1995-01-01", "student": False, "familie": True}
        ],
    }
    from tests.aanvraag.conftest import STAP_GEGEVENS

    for stap, data in STAP_GEGEVENS.items():
        services.sla_stap_op(
            aanvraag=aanvraag,
            stap=stap,
            gegevens=gegevens if stap == "huishouden" else data,
            door=None,
        )
    aanvraag = services.dien_in(aanvraag=aanvraag, door=None)

    norm, _pct, bedrag, toelichting = voorschot.bereken(aanvraag)

    verwacht_norm, verwacht = verwacht_bedrag(
        date(1990, 4, 1),
        date(2026, 3, 1),
        medebewoners=(
            rekenregels.Medebewoner(
                geboortedatum=date(1995, 1, 1), familie_eerste_of_tweede_graad=True
            ),
        ),
    )
    assert (norm, bedrag) == (verwacht_norm, verwacht)
    assert norm < selectors.regelset_voor_maand(date(2026, 3, 1)).norm_alleenstaande
    assert toelichting["kostendelers"] == 2


def test_bedrag_vast_bij_verlening_ook_als_het_beleid_later_wijzigt(maak_aanvraag, consulent):
    from aanvraag.models import Aanvraagbeleid

    aanvraag = maak_aanvraag()
    vs = voorschot.verleen_voorschot(aanvraag=aanvraag, door=consulent)
    versie = Aanvraagbeleid.objects.get()
    versie.data = {**versie.data, "voorschot_percentage": "50.00"}
    versie.save()
    vs.refresh_from_db()
    assert vs.percentage == Decimal("90.00")
    assert inkomen_voorschot.open_voorschot(dossier_id=aanvraag.dossier_id) == vs.bedrag


# --------------------------------------------------------------------------------------------
# granting


def test_verleen_twee_keer_een_betaling(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag()
    vs = voorschot.verleen_voorschot(aanvraag=aanvraag, door=consulent)

    with pytest.raises(ValidationError, match="al een voorschot"):
        voorschot.verleen_voorschot(aanvraag=aanvraag, door=consulent)

    assert Voorschot.objects.filter(aanvraag=aanvraag).count() == 1
    [betaling] = Voorschotbetaling.objects.filter(dossier_id=aanvraag.dossier_id)
    assert betaling.bedrag == vs.bedrag and betaling.batch is None
    assert betaling.iban == "NL91ABNA0417164300"
    assert betaling.end_to_end_id == f"VS-{aanvraag.dossier_id}-1"
    [boeking] = boekingen(aanvraag, BoekingSoort.VOORSCHOT)
    assert boeking == betaling.boeking
    assert (boeking.bedrag, boeking.vakantietoeslag, boeking.betaalmaand) == (
        vs.bedrag,
        Decimal("0.00"),
        None,
    )
    assert vs.status == VoorschotStatus.BETAALD and vs.door == consulent
    assert vs.toelichting["betaling"] == betaling.end_to_end_id
    assert JournaalRegel.objects.filter(
        dossier_id=aanvraag.dossier_id, tekst__startswith="Voorschot verleend"
    ).exists()


def test_zonder_iban_niets_geboekt(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag()
    persoon = aanvraag.dossier.werkzoekende
    persoon.iban = ""
    persoon.save()

    with pytest.raises(ValidationError) as fout:
        voorschot.verleen_voorschot(aanvraag=aanvraag, door=consulent)

    assert "IBAN" in " ".join(fout.value.messages)
    assert not Voorschot.objects.filter(aanvraag=aanvraag).exists()
    assert not Boeking.objects.filter(dossier_id=aanvraag.dossier_id).exists()
    assert not Voorschotbetaling.objects.exists()


def test_alleen_een_inkomensconsulent_verleent(maak_aanvraag, werkcoach):
    aanvraag = maak_aanvraag()
    with pytest.raises(ValidationError, match="inkomensconsulent"):
        voorschot.verleen_voorschot(aanvraag=aanvraag, door=werkcoach)
    assert not Boeking.objects.exists()


def test_niet_bij_concept_of_na_besluit(maak_aanvraag, consulent):
    concept = maak_aanvraag("concept")
    with pytest.raises(ValidationError):
        voorschot.verleen_voorschot(aanvraag=concept, door=consulent)
    aanvraag = maak_aanvraag("in_behandeling")
    behandeling.neem_besluit(
        aanvraag=aanvraag, soort="afwijzing", door=consulent, motivering="Vermogen te hoog."
    )
    with pytest.raises(ValidationError, match="nog niet is besloten"):
        voorschot.verleen_voorschot(aanvraag=aanvraag, door=consulent)
    assert not Boeking.objects.exists()


def test_weiger_voorschot_met_reden(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag()
    with pytest.raises(ValidationError):
        voorschot.weiger_voorschot(aanvraag=aanvraag, reden="  ", door=consulent)
    tekst = "<script>alert(1)</script> recht niet aannemelijk"
    voorschot.weiger_voorschot(aanvraag=aanvraag, reden=tekst, door=consulent)
    aanvraag.refresh_from_db()
    assert aanvraag.geen_voorschot_reden == tekst
    assert JournaalRegel.objects.filter(
        dossier_id=aanvraag.dossier_id, tekst__contains="Geen voorschot"
    ).exists()


# --------------------------------------------------------------------------------------------
# the automatic payment (day 26 = 28 - 2 bank days, ADR 0008 [U])


def test_automatisch_dag_25_niet_dag_26_wel_tweede_run_niet(maak_aanvraag, vandaag):
    aanvraag = maak_aanvraag()
    vandaag(ONTVANGEN + timedelta(days=25))
    assert voorschot.betaal_automatisch() == 0
    assert not Voorschot.objects.exists()

    vandaag(ONTVANGEN + timedelta(days=26))
    assert voorschot.betaal_automatisch() == 1
    vs = Voorschot.objects.get(aanvraag=aanvraag)
    assert vs.door is None and vs.toelichting["automatisch"] is True
    assert voorschot.betaal_automatisch() == 0
    assert Voorschotbetaling.objects.count() == 1
    assert len(boekingen(aanvraag, BoekingSoort.VOORSCHOT)) == 1
    # A missed day is caught up: later days do not pay again either.
    vandaag(ONTVANGEN + timedelta(days=30))
    assert voorschot.betaal_automatisch() == 0


def test_automatisch_niet_bij_opgeschort_reden_of_besluit(maak_aanvraag, vandaag, consulent):
    opgeschort = maak_aanvraag("in_behandeling")
    behandeling.vraag_stukken_op(aanvraag=opgeschort, gevraagd="Bankafschriften", door=consulent)
    met_reden = maak_aanvraag()
    voorschot.weiger_voorschot(aanvraag=met_reden, reden="Recht niet aannemelijk", door=consulent)
    besloten = maak_aanvraag("in_behandeling")
    behandeling.neem_besluit(
        aanvraag=besloten, soort="afwijzing", door=consulent, motivering="Geen recht."
    )
    assert Aanvraag.objects.get(pk=opgeschort.pk).status == AanvraagStatus.OPGESCHORT

    vandaag(ONTVANGEN + timedelta(days=27))
    assert voorschot.betaal_automatisch() == 0
    assert not Voorschot.objects.exists() and not Boeking.objects.exists()


def test_automatisch_een_fout_stopt_de_rest_niet(maak_aanvraag, vandaag):
    zonder_iban = maak_aanvraag()
    persoon = zonder_iban.dossier.werkzoekende
    persoon.iban = ""
    persoon.save()
    goed = maak_aanvraag()
    vandaag(ONTVANGEN + timedelta(days=26))
    assert voorschot.betaal_automatisch() == 1
    assert list(Voorschot.objects.values_list("aanvraag_id", flat=True)) == [goed.pk]


def test_beat_schema_bevat_de_taak():
    import aanvraag.tasks  # noqa: F401 (the worker finds it through autodiscover_tasks)
    from bijstand.celery import app

    taak = PeriodicTask.objects.get(task="aanvraag.voorschotten_betalen")
    assert taak.enabled
    assert (taak.crontab.minute, taak.crontab.hour, taak.crontab.day_of_month) == ("15", "5", "*")
    assert str(taak.crontab.timezone) == "Europe/Amsterdam"
    assert "aanvraag.voorschotten_betalen" in app.tasks
    assert app.tasks["aanvraag.voorschotten_betalen"].acks_late


def test_taak_betaalt(maak_aanvraag, vandaag):
    from aanvraag.tasks import voorschotten_betalen

    maak_aanvraag()
    assert voorschotten_betalen.delay("2026-04-12").get() == {"betaald": 1}
    assert voorschotten_betalen.delay("2026-04-12").get() == {"betaald": 0}


# --------------------------------------------------------------------------------------------
# after the besluit


def test_afwijzing_na_betaald_voorschot_vordering_volle_bedrag(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    vs = voorschot.verleen_voorschot(aanvraag=aanvraag, door=consulent)
    assert maak_voorschotbatch(door=None) is not None  # the money went to the bank

    behandeling.neem_besluit(
        aanvraag=aanvraag, soort="afwijzing", door=consulent, motivering="Geen recht."
    )

    [vordering] = boekingen(aanvraag, BoekingSoort.VOORSCHOT_VORDERING)
    assert vordering.bedrag == -vs.bedrag
    assert vordering.reden_code == RedenCode.ART_58_LID_2_E
    assert vordering.betaalmaand is None and vordering.vakantietoeslag == 0
    assert inkomen_voorschot.open_voorschot(dossier_id=aanvraag.dossier_id) == 0
    vs.refresh_from_db()
    assert vs.status == VoorschotStatus.TERUGGEVORDERD
    assert vs.toelichting["teruggevorderd"] == f"{vs.bedrag:.2f}"
    # idempotent
    assert voorschot.vorder_terug(aanvraag=aanvraag, door=consulent) == []
    assert len(boekingen(aanvraag, BoekingSoort.VOORSCHOT_VORDERING)) == 1


def test_intrekking_voor_het_betaalbestand_annuleert_de_betaling(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag()
    vs = voorschot.verleen_voorschot(aanvraag=aanvraag, door=consulent)

    services.trek_in(aanvraag=aanvraag, door=None)

    betaling = Voorschotbetaling.objects.get(dossier_id=aanvraag.dossier_id)
    assert betaling.geannuleerd_op is not None and betaling.batch is None
    assert betaling.annulering.bedrag == -vs.bedrag
    assert not boekingen(aanvraag, BoekingSoort.VOORSCHOT_VORDERING)
    assert inkomen_voorschot.open_voorschot(dossier_id=aanvraag.dossier_id) == 0
    assert maak_voorschotbatch(door=None) is None  # never reaches the bank


def test_geen_voorschot_dan_niets(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    behandeling.neem_besluit(
        aanvraag=aanvraag, soort="afwijzing", door=consulent, motivering="Geen recht."
    )
    assert not Boeking.objects.filter(dossier_id=aanvraag.dossier_id).exists()


def test_toekenning_verrekend_en_de_betaalrun_verrekent(maak_aanvraag, consulent, vandaag):
    from inkomen import services as inkomen_services

    aanvraag = maak_aanvraag("checklist")
    vs = voorschot.verleen_voorschot(aanvraag=aanvraag, door=consulent)
    maak_voorschotbatch(door=None)
    behandeling.neem_besluit(
        aanvraag=aanvraag, soort="toekenning", door=consulent, ingangsdatum=ONTVANGEN
    )
    vs.refresh_from_db()
    assert vs.status == VoorschotStatus.VERREKEND
    assert inkomen_voorschot.dossiers_met_open_voorschot([aanvraag.dossier_id]) == {
        aanvraag.dossier_id
    }

    # The payment run of March sets the voorschot off against what it pays (rule 9).
    vandaag(date(2026, 3, 25))
    maart = date(2026, 3, 1)
    betaling = inkomen_services.boek_maandbetaling(dossier_id=aanvraag.dossier_id, maand=maart)
    kas = {b.soort: b.bedrag - b.vakantietoeslag for b in betaling.boekingen}
    uitbetaald = kas["uitbetaling_voorlopig"]
    verrekend = min(vs.bedrag, uitbetaald)
    assert kas["voorschot_verrekening"] == -verrekend
    assert betaling.bedrag == uitbetaald - verrekend >= 0
    assert inkomen_voorschot.open_voorschot(dossier_id=aanvraag.dossier_id) == (
        vs.bedrag - verrekend
    )
    # the same month again books nothing more
    tweede = inkomen_services.boek_maandbetaling(dossier_id=aanvraag.dossier_id, maand=maart)
    assert tweede.al_geboekt and tweede.bedrag == betaling.bedrag
