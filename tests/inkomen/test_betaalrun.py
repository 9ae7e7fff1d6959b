"""The monthly payment run: planning, Betalingen, the file, the task chain, VT in May."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from inkomen import betaalrun, betaling, tasks
from inkomen.models import (
    BETAALRUN_OVERGANGEN,
    Betaalrun,
    BetaalrunStatus,
    Betaling,
    BetalingStatus,
    Boeking,
    BoekingSoort,
    NietBetaaldReden,
)

from .conftest import D

MAART = date(2026, 3, 1)
APRIL = date(2026, 4, 1)
MEI = date(2026, 5, 1)
VIJFENTWINTIG = date(2000, 6, 1)  # 25 in 2026: no vrijlating (art. 31 lid 5); 1331.42 a month


@pytest.fixture(params=[True, False], ids=["bulk", "per_dossier"])
def bulk(request, settings):
    settings.INKOMEN_BETAALRUN_BULK = request.param
    return request.param


@pytest.mark.django_db
class TestBetaalrun:
    def test_betaalt_elke_lopende_uitkering_een_keer(self, maak_dossier, bulk, settings):
        settings.INKOMEN_BETAALRUN_CHUNK = 2
        dossiers = [maak_dossier(geboortedatum=VIJFENTWINTIG) for _ in range(5)]
        later = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=APRIL)

        run = betaalrun.voer_uit(maand=MAART)

        assert run.status == BetaalrunStatus.KLAAR
        assert (run.chunks_totaal, run.chunks_klaar) == (3, 3)
        betalingen = Betaling.objects.filter(maand=MAART)
        assert sorted(b.dossier_id for b in betalingen) == sorted(d.pk for d in dossiers)
        assert not Betaling.objects.filter(dossier=later).exists()
        assert {b.bedrag for b in betalingen} == {D("1331.42")}
        assert run.aantal_betalingen == 5
        assert run.totaal_bedrag == 5 * D("1331.42")
        b = betalingen.first()
        assert b.end_to_end_id == f"WI-202603-{b.dossier_id}"
        assert b.iban == "NL91ABNA0417164300"
        assert b.naam == b.dossier.werkzoekende.naam
        assert run.bestand.name.startswith("betaalbestanden/2026/")
        assert run.bestand.storage.exists(run.bestand.name)
        assert len(run.bestand_sha256) == 64
        assert list(run.wijzigingen.values_list("van", "naar")) == [
            ("gepland", "bezig"),
            ("bezig", "klaar"),
        ]

    def test_niet_betaald_met_reden(self, maak_dossier, opgave, bulk):
        geen_iban = maak_dossier(geboortedatum=VIJFENTWINTIG)
        geen_iban.werkzoekende.iban = ""
        geen_iban.werkzoekende.save()
        nihil = maak_dossier(geboortedatum=VIJFENTWINTIG)
        opgave(nihil, MAART, "2500.00")
        gewoon = maak_dossier(geboortedatum=VIJFENTWINTIG)

        run = betaalrun.voer_uit(maand=MAART)

        b = {x.dossier_id: x for x in Betaling.objects.filter(maand=MAART)}
        assert b[geen_iban.pk].status == BetalingStatus.NIET_BETAALD
        assert b[geen_iban.pk].reden == NietBetaaldReden.GEEN_IBAN
        assert b[geen_iban.pk].bedrag == D("1331.42")  # owed: the consulent pays by hand
        assert b[nihil.pk].reden == NietBetaaldReden.NIHIL
        assert b[nihil.pk].bedrag == 0
        assert b[gewoon.pk].status == BetalingStatus.OPGENOMEN
        assert (run.aantal_betalingen, run.aantal_niet_betaald) == (1, 2)
        assert run.totaal_bedrag == D("1331.42")

    def test_vakantietoeslag_in_mei_via_de_run(self, maak_dossier, vandaag, bulk):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
        for maand in (MAART, APRIL, MEI):
            vandaag(maand.replace(day=20))
            betaalrun.voer_uit(maand=maand)
        bedragen = dict(Betaling.objects.filter(dossier=dossier).values_list("maand", "bedrag"))
        assert bedragen[MAART] == bedragen[APRIL] == D("1331.42")
        # May: the monthly amount plus the VT reserved in March, April and May (3 x 70.08)
        assert bedragen[MEI] == D("1331.42") + 3 * D("70.08")
        assert Boeking.objects.filter(
            dossier=dossier, soort=BoekingSoort.VAKANTIETOESLAG_UITBETALING, betaalmaand=MEI
        ).exists()

    def test_opnieuw_draaien_van_een_afgeronde_maand_verandert_niets(self, maak_dossier, bulk):
        for _ in range(3):
            maak_dossier(geboortedatum=VIJFENTWINTIG)
        run = betaalrun.voer_uit(maand=MAART)
        inhoud = run.bestand.read()
        aantallen = (Betaling.objects.count(), Boeking.objects.count())

        maak_dossier(geboortedatum=VIJFENTWINTIG)  # arrives after the run: not in this month
        tweede = betaalrun.voer_uit(maand=MAART)
        betaalrun.verwerk_chunk(
            betaalrun_id=run.pk, dossier_ids=betaalrun.te_betalen_dossiers(MAART), nummer=0
        )

        tweede.refresh_from_db()
        assert tweede.pk == run.pk
        assert tweede.bestand_sha256 == run.bestand_sha256
        assert tweede.bestand.read() == inhoud
        assert (Betaling.objects.count(), Boeking.objects.count()) == aantallen
        assert tweede.wijzigingen.count() == 2

    def test_zonder_dossiers_klaar_zonder_bestand(self, db):
        run = betaalrun.voer_uit(maand=MAART)
        assert run.status == BetaalrunStatus.KLAAR
        assert run.aantal_betalingen == 0
        assert not run.bestand


@pytest.mark.django_db
def test_statusovergangen():
    assert BETAALRUN_OVERGANGEN[BetaalrunStatus.KLAAR] == frozenset()
    run = Betaalrun.objects.create(maand=MAART, betaaldatum=date(2026, 3, 25))
    with pytest.raises(ValidationError):
        betaalrun.rond_af(betaalrun_id=run.pk)  # not started
    betaalrun.markeer_mislukt(betaalrun_id=run.pk, fout="test")
    run.refresh_from_db()
    assert run.status == BetaalrunStatus.MISLUKT
    assert run.foutmelding == "test"
    hervat = betaalrun.start_betaalrun(maand=MAART)
    assert hervat.status == BetaalrunStatus.BEZIG
    assert hervat.foutmelding == ""


@pytest.mark.django_db
def test_taak_met_chord_eager(maak_dossier, settings):
    settings.INKOMEN_BETAALRUN_CHUNK = 2
    for _ in range(3):
        maak_dossier(geboortedatum=VIJFENTWINTIG)
    uitslag = tasks.maandelijkse_betaalrun.delay("2026-03-01").get()
    run = Betaalrun.objects.get(maand=MAART)
    assert uitslag["delen"] == 2
    assert run.status == BetaalrunStatus.KLAAR
    assert (run.chunks_klaar, run.chunks_totaal) == (2, 2)
    assert run.aantal_betalingen == 3
    # delivered again (beat twice, or by hand): nothing changes
    assert tasks.maandelijkse_betaalrun.delay("2026-03-01").get()["status"] == "klaar"
    assert Betaling.objects.count() == 3


@pytest.mark.django_db
def test_voortgang(maak_dossier, settings):
    settings.INKOMEN_BETAALRUN_CHUNK = 1
    for _ in range(2):
        maak_dossier(geboortedatum=VIJFENTWINTIG)
    run = betaalrun.start_betaalrun(maand=MAART)
    assert betaalrun.betaalrun_voortgang(run)["percentage"] == 0
    nummer, ids = run.te_doen[0]
    betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    v = betaalrun.betaalrun_voortgang(run)
    assert (v["chunks_klaar"], v["chunks_totaal"], v["percentage"]) == (1, 2, 50)
    assert v["aantal_betalingen"] == 1
    assert v["totaal_bedrag"] == D("1331.42")
    betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=run.te_doen[1][1], nummer=1)
    betaalrun.rond_af(betaalrun_id=run.pk)
    assert betaalrun.betaalrun_voortgang(run)["percentage"] == 100


@pytest.mark.django_db
def test_beat_schema_uit_migratie():
    taak = PeriodicTask.objects.get(task="inkomen.maandelijkse_betaalrun")
    assert taak.enabled
    assert taak.crontab.day_of_month == "25"
    assert str(taak.crontab.timezone) == "Europe/Amsterdam"


@pytest.mark.django_db
def test_command(maak_dossier):
    maak_dossier(geboortedatum=VIJFENTWINTIG)
    uit = StringIO()
    call_command("betaalrun", "--maand", "2026-03", stdout=uit)
    tekst = uit.getvalue()
    assert "1 betalingen" in tekst
    assert "1331.42" in tekst
    assert "sha256" in tekst
    uit2 = StringIO()
    call_command("betaalrun", "--maand", "2026-03", stdout=uit2)
    sha = Betaalrun.objects.get().bestand_sha256
    assert sha in uit2.getvalue()


def test_betaaldatum_niet_in_het_verleden():
    assert betaalrun.betaaldatum_voor(MAART, date(2026, 3, 1)) == date(2026, 3, 25)
    assert betaalrun.betaaldatum_voor(MAART, date(2026, 3, 27)) == date(2026, 3, 27)
    assert betaling.end_to_end_id(MAART, 123) == "WI-202603-123"
    assert betaalrun.omschrijving(MAART) == "Uitkering Participatiewet maart 2026"


@pytest.mark.django_db
def test_beheerder_ziet_de_run_alleen_lezen(client, maak_dossier):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from bijstand.accounts.models import Rol
    from bijstand.accounts.permissions import BEHEER_GROEP
    from tests.factories import UserFactory

    maak_dossier(geboortedatum=VIJFENTWINTIG)
    run = betaalrun.voer_uit(maand=MAART)
    beheerder = UserFactory(rol=Rol.BEHEERDER, is_staff=True)
    beheerder.groups.add(Group.objects.get(name=BEHEER_GROEP))
    client.force_login(beheerder)
    lijst = client.get(reverse("admin:inkomen_betaalrun_changelist"))
    assert lijst.status_code == 200
    assert "1 van 1 delen (100%)" in lijst.content.decode()
    detail = client.get(reverse("admin:inkomen_betaalrun_change", args=[run.pk]))
    assert detail.status_code == 200
    assert 'name="status"' not in detail.content.decode()  # read-only
    assert client.post(reverse("admin:inkomen_betaalrun_delete", args=[run.pk])).status_code == 403
    schema = PeriodicTask.objects.get(task="inkomen.maandelijkse_betaalrun")
    assert (
        client.get(
            reverse("admin:django_celery_beat_periodictask_change", args=[schema.pk])
        ).status_code
        == 200
    )
