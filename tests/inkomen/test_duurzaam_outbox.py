"""The outbox (HerberekenVerzoek) and its reconciliation (issue 13 §1): written in the caller's
transaction, consumed by the recalculation that saw it before reading its inputs, and the
beat task that picks up what the broker missed (grace period, bounded, oldest first, a month
that fails recorded and sent to the back)."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from inkomen import herberekening, selectors, services
from inkomen.models import Berekening, Inkomstenopgave
from inkomen.models_herberekening import HerberekenVerzoek
from inkomen.tasks import herbereken
from inkomen.tasks_herstel import herstel_herberekeningen

from .conftest import D
from .duurzaam_redis import echte_broker_fixture, eigen_redis_fixture  # noqa: F401

MAART = date(2026, 3, 1)
FEBRUARI = date(2026, 2, 1)
VIJFENTWINTIG = date(2000, 6, 1)  # no vrijlating n
SKIP_REDEN = "needs PostgreSQL row locks and READ COMMITTED (CI runs them)"


def open_rijen(**filters) -> list[HerberekenVerzoek]:
    return list(HerberekenVerzoek.objects.filter(verwerkt_op__isnull=True, **filters))


def ouder_maken(seconden: int = 3600) -> None:
    HerberekenVerzoek.objects.update(aangemaakt_op=timezone.now() - timedelta(seconds=seconden))


def stil_opgave(dossier, maand, bedrag, consulent, **kwargs):
    """An opgave stored with its outbox row, but its on-commit task never ran (the broker
    missed it): the state the reconciliation exists for."""
    velden = {
        "persoon": "aanvrager",
        "soort": "arbeid",
        "periode": "maand",
        "status": "definitief",
        "bron": "consulent",
        "door": consulent,
    }
    velden.update(kwargs)
    return services.registreer_inkomstenopgave(
        dossier=dossier, maand=maand, bedrag=Decimal(bedrag), **velden
    )


@pytest.mark.django_db
class TestOutbox:
    def test_rij_in_de_transactie_van_de_aanroeper(self, maak_dossier):
        dossier = maak_dossier(ingangsdatum=MAART)
        with pytest.raises(RuntimeError), transaction.atomic():
            herberekening.plan_herberekening(dossier_id=dossier.pk, maand=MAART, aanleiding="x")
            raise RuntimeError("de wijziging gaat niet door")
        assert not HerberekenVerzoek.objects.exists()

        herberekening.plan_herberekening(
            dossier_id=dossier.pk, maand=date(2026, 3, 17), aanleiding="opgave"
        )
        [rij] = HerberekenVerzoek.objects.all()
        assert (rij.maand, rij.aanleiding, rij.verwerkt_op) == (MAART, "opgave", None)

    def test_opgave_en_beoordeling_schrijven_een_rij(
        self, maak_dossier, consulent, django_capture_on_commit_callbacks
    ):
        dossier = maak_dossier(ingangsdatum=MAART)
        with django_capture_on_commit_callbacks(execute=False) as taken:
            opgave = stil_opgave(dossier, MAART, "450.00", consulent)
        assert len(taken) == 1
        assert [r.aanleiding for r in open_rijen(dossier=dossier, maand=MAART)] == ["opgave"]
        with django_capture_on_commit_callbacks(execute=False):
            services.beoordeel_opgave(opgave=opgave, besluit="geaccepteerd", door=consulent)
        assert [r.aanleiding for r in open_rijen(dossier=dossier, maand=MAART)] == [
            "opgave",
            "beoordeling",
        ]

    def test_taak_verwerkt_alleen_de_rijen_van_zijn_dossiermaand(self, maak_dossier, consulent):
        dossier = maak_dossier(ingangsdatum=FEBRUARI)
        ander = maak_dossier(ingangsdatum=FEBRUARI)
        stil_opgave(dossier, MAART, "450.00", consulent)
        stil_opgave(dossier, FEBRUARI, "100.00", consulent)
        stil_opgave(ander, MAART, "200.00", consulent)

        herbereken.apply(args=(dossier.pk, "2026-03-01")).get()

        assert open_rijen(dossier=dossier, maand=MAART) == []
        assert len(open_rijen(dossier=dossier, maand=FEBRUARI)) == 1
        assert len(open_rijen(dossier=ander)) == 1
        actueel = Berekening.objects.get(dossier=dossier, maand=MAART, actueel=True)
        assert actueel.inkomsten == D("450.00")

    def test_maand_buiten_de_uitkering_wordt_afgesloten(self, maak_dossier):
        dossier = maak_dossier(ingangsdatum=MAART)
        herberekening.plan_herberekening(dossier_id=dossier.pk, maand=FEBRUARI, aanleiding="x")
        uitkomst = services.herbereken_maand(dossier_id=dossier.pk, maand=FEBRUARI)
        assert uitkomst.overgeslagen == "buiten de uitkeringsperiode"
        assert open_rijen() == []


@pytest.mark.django_db
class TestHerstel:
    def test_wachttijd_laat_de_directe_taak_voorgaan(self, maak_dossier, consulent, settings):
        settings.INKOMEN_HERSTEL_WACHTTIJD = 120
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
        stil_opgave(dossier, MAART, "450.00", consulent)

        assert herstel_herberekeningen.apply(throw=True).result["maanden"] == 0
        assert len(open_rijen()) == 1

        ouder_maken(121)
        uitkomst = herstel_herberekeningen.apply(throw=True).result
        assert (uitkomst["maanden"], uitkomst["gewijzigd"], uitkomst["mislukt"]) == (1, 1, [])
        assert open_rijen() == []
        assert selectors.actuele_berekening(dossier_id=dossier.pk, maand=MAART).inkomsten == D(
            "450.00"
        )
        # A second cycle finds nothing to do and stores nothing.
        versies = Berekening.objects.count()
        assert herstel_herberekeningen.apply(throw=True).result["maanden"] == 0
        assert Berekening.objects.count() == versies

    def test_meerdere_rijen_een_herberekening(self, maak_dossier, consulent):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
        eerste = stil_opgave(dossier, MAART, "300.00", consulent, status="geschat")
        stil_opgave(dossier, MAART, "450.00", consulent, vervangt=eerste)
        assert len(open_rijen()) == 2
        ouder_maken()
        uitkomst = herberekening.herstel_open_verzoeken(wachttijd=60, limiet=10)
        assert (uitkomst.maanden, uitkomst.gewijzigd) == (1, 1)
        assert Berekening.objects.filter(dossier=dossier, maand=MAART).count() == 1
        assert open_rijen() == []

    def test_een_foute_maand_blokkeert_de_rest_niet(self, maak_dossier, consulent):
        # December 2024 has no rule set: the rules refuse it (OngeldigeInvoer).
        fout = maak_dossier(ingangsdatum=date(2024, 12, 1))
        goed = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
        herberekening.plan_herberekening(
            dossier_id=fout.pk, maand=date(2024, 12, 1), aanleiding="opgave"
        )
        ouder_maken(7200)  # the bad one is the oldest
        stil_opgave(goed, MAART, "450.00", consulent)
        HerberekenVerzoek.objects.filter(dossier=goed).update(
            aangemaakt_op=timezone.now() - timedelta(hours=1)
        )

        eerste = herberekening.herstel_open_verzoeken(wachttijd=60, limiet=10)
        assert eerste.mislukt == [f"{fout.pk}:2024-12"]
        assert eerste.gewijzigd == 1
        [rij] = open_rijen()
        assert rij.dossier_id == fout.pk
        assert rij.pogingen == 1
        assert rij.fout.startswith("OngeldigeInvoer: ")

        # A new change of another month, limit 1: the failed month goes to the back.
        stil_opgave(goed, MAART, "500.00", consulent, status="geschat")
        HerberekenVerzoek.objects.filter(dossier=goed).update(
            aangemaakt_op=timezone.now() - timedelta(hours=1)
        )
        assert herberekening.te_herstellen(wachttijd=60, limiet=1) == [(goed.pk, MAART)]
        tweede = herberekening.herstel_open_verzoeken(wachttijd=60, limiet=1)
        assert (tweede.maanden, tweede.mislukt) == (1, [])
        assert [r.dossier_id for r in open_rijen()] == [fout.pk]

    def test_begrensd_oudste_eerst_verschillende_dossiermaanden(self, maak_dossier, consulent):
        dossiers = [maak_dossier(ingangsdatum=FEBRUARI) for _ in range(3)]
        for i, dossier in enumerate(dossiers):
            for maand in (FEBRUARI, MAART):
                herberekening.plan_herberekening(dossier_id=dossier.pk, maand=maand, aanleiding="x")
                herberekening.plan_herberekening(dossier_id=dossier.pk, maand=maand, aanleiding="y")
            HerberekenVerzoek.objects.filter(dossier=dossier).update(
                aangemaakt_op=timezone.now() - timedelta(hours=10 - i)
            )
        HerberekenVerzoek.objects.filter(maand=MAART).update(
            aangemaakt_op=timezone.now() - timedelta(hours=20)
        )
        lijst = herberekening.te_herstellen(wachttijd=60, limiet=4)
        assert lijst == [(d.pk, MAART) for d in dossiers] + [(dossiers[0].pk, FEBRUARI)]
        assert herstel_herberekeningen.apply(kwargs={"limiet": 4}).get()["maanden"] == 4
        assert {(r.dossier_id, r.maand) for r in open_rijen()} == {
            (dossiers[1].pk, FEBRUARI),
            (dossiers[2].pk, FEBRUARI),
        }


# --------------------------------------------------------------------------------------------
# concurrency: which rows a recalculation may mark (PostgreSQL, real transactions)


@pytest.fixture
def tussendoor(monkeypatch):
    """tussendoor(werk, voor_invoer=...) runs ``werk`` in another thread (its own connection,
    committed) while a recalculation is inside its transaction: just before it reads the
    month's opgaven (``voor_invoer=True``) or just after."""

    def _zet(werk, *, voor_invoer: bool) -> None:
        echt = selectors.effectieve_opgaven
        gedaan = []

        def in_thread() -> None:
            try:
                werk()
            finally:
                connections.close_all()

        def effectieve_opgaven(**kwargs):
            if not gedaan:
                gedaan.append(True)
                if not voor_invoer:
                    uit = echt(**kwargs)
                t = threading.Thread(target=in_thread)
                t.start()
                t.join(timeout=60)
                assert not t.is_alive()
                if not voor_invoer:
                    return uit
            return echt(**kwargs)

        monkeypatch.setattr(selectors, "effectieve_opgaven", effectieve_opgaven)

    return _zet


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason=SKIP_REDEN)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("voor_invoer", [False, True], ids=["na_invoer", "voor_invoer"])
def test_een_later_gecommitte_rij_blijft_open(
    voor_invoer, maak_dossier, consulent, echte_broker, tussendoor
):
    """Under READ COMMITTED the recalculation marks exactly the rows it read before its
    inputs: a row committed after that stays open (whether or not its change happened to be
    in the inputs), and the reconciliation then includes it."""
    echte_broker.stop()  # the on-commit publishes fail: only the outbox counts
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
    eerste = stil_opgave(dossier, MAART, "300.00", consulent)
    [rij_a] = open_rijen()
    later: list[Inkomstenopgave] = []
    tussendoor(
        lambda: later.append(stil_opgave(dossier, MAART, "100.00", consulent, soort="overig")),
        voor_invoer=voor_invoer,
    )

    services.herbereken_maand(dossier_id=dossier.pk, maand=MAART, aanleiding="taak")

    [opgave_b] = later
    rij_a.refresh_from_db()
    assert rij_a.verwerkt_op is not None
    [rij_b] = open_rijen()  # committed after the task read the open rows: still open
    actueel = selectors.actuele_berekening(dossier_id=dossier.pk, maand=MAART)
    gezien = set(actueel.opgaven.values_list("pk", flat=True))
    # Read committed: a change committed before the inputs were read is in the berekening.
    assert gezien == ({eerste.pk, opgave_b.pk} if voor_invoer else {eerste.pk})

    herstel = herberekening.herstel_open_verzoeken(wachttijd=0, limiet=10)
    assert herstel.mislukt == []
    actueel = selectors.actuele_berekening(dossier_id=dossier.pk, maand=MAART)
    assert set(actueel.opgaven.values_list("pk", flat=True)) == {eerste.pk, opgave_b.pk}
    assert actueel.inkomsten == D("400.00")
    rij_b.refresh_from_db()
    assert rij_b.verwerkt_op is not None
    assert open_rijen() == []
