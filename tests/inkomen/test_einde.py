"""Ending means ending (issue 10 §1): the dossier and its uitkering end as one act, the database
refuses the inconsistent state, and no payment run pays a month after the last day with recht.
Since issue 12 the end month is paid prorated (art. 45 lid 3) and an end inside or before a paid
month is accepted, with a vordering for what was paid without recht
(``test_deelmaand_betaalrun.py`` has the worked examples)."""

from __future__ import annotations

import importlib
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bijstand.dossiers import services as dossier_services
from bijstand.dossiers.models import Dossier, DossierStatus
from inkomen import betaalrun, selectors, services
from inkomen.models import Betaling, Boeking, BoekingSoort, RedenCode, Uitkering, UitkeringStatus

from .conftest import D

JANUARI = date(2026, 1, 1)
FEBRUARI = date(2026, 2, 1)
MAART = date(2026, 3, 1)
APRIL = date(2026, 4, 1)

migratie = importlib.import_module("inkomen.migrations.0007_einde_dossier_en_uitkering")


def betaalde_maanden(dossier) -> list[date]:
    return sorted(
        Boeking.objects.filter(
            dossier=dossier, soort=BoekingSoort.UITBETALING_VOORLOPIG
        ).values_list("maand", flat=True)
    )


@pytest.fixture
def lopend(maak_dossier):
    """A running dossier (status lopend) with an uitkering from January, January paid."""
    dossier = maak_dossier(ingangsdatum=JANUARI)
    betaalrun.voer_uit(maand=JANUARI)
    return dossier


def test_beeindigen_in_het_scherm_beeindigt_de_uitkering_en_er_volgt_geen_betaling(lopend, login):
    """The reproduced defect: the dossier ended with reason Werk, its uitkering kept running
    and the next run paid it into the SEPA file."""
    client = login(lopend.werkcoach)
    response = client.post(
        reverse("dossiers:status", args=[lopend.pk]),
        {"naar": "beeindigd", "reden": "werk", "einddatum": "2026-02-14"},
    )
    assert response.status_code == 302
    lopend.refresh_from_db()
    uitkering = Uitkering.objects.get(dossier=lopend)
    assert (lopend.status, lopend.beeindigingsreden) == (DossierStatus.BEEINDIGD, "werk")
    assert uitkering.status == UitkeringStatus.BEEINDIGD
    assert uitkering.einddatum == lopend.einddatum == date(2026, 2, 14)

    for maand in (FEBRUARI, MAART, APRIL):
        betaalrun.voer_uit(maand=maand)
    # February (end within the month) is paid prorated, 14 of the 28 days (art. 45 lid 3),
    # with the VT reserved so far; March and April are after the last day with recht.
    assert betaalde_maanden(lopend) == [JANUARI, FEBRUARI]
    februari = Boeking.objects.get(
        dossier=lopend, maand=FEBRUARI, soort=BoekingSoort.UITBETALING_VOORLOPIG
    )
    assert (februari.bedrag, februari.vakantietoeslag) == (D("700.75"), D("35.04"))
    assert Betaling.objects.get(dossier=lopend, maand=FEBRUARI).bedrag == D("665.71") + D(
        "70.08"
    ) + D("35.04")
    assert not Betaling.objects.filter(dossier=lopend, maand__gt=FEBRUARI).exists()


def test_beeindigen_van_de_uitkering_beeindigt_het_dossier(lopend):
    services.wijzig_uitkering_status(
        uitkering=lopend.uitkering,
        naar="beeindigd",
        reden="verhuizing",
        einddatum=date(2026, 2, 28),
        door=None,
    )
    lopend.refresh_from_db()
    assert lopend.status == DossierStatus.BEEINDIGD
    assert lopend.beeindigingsreden == "verhuizing"
    assert lopend.einddatum == Uitkering.objects.get(dossier=lopend).einddatum == date(2026, 2, 28)
    # one act, recorded once on the dossier
    assert lopend.statuswijzigingen.filter(naar=DossierStatus.BEEINDIGD).count() == 1


def test_uitkering_beeindigen_zonder_reden_verandert_niets(lopend):
    with pytest.raises(ValidationError) as fout:
        services.wijzig_uitkering_status(
            uitkering=lopend.uitkering, naar="beeindigd", einddatum=date(2026, 2, 28), door=None
        )
    assert "reden" in fout.value.message_dict
    lopend.refresh_from_db()
    assert lopend.status == DossierStatus.LOPEND
    assert Uitkering.objects.get(dossier=lopend).status == UitkeringStatus.LOPEND


def test_einddatum_voor_de_ingangsdatum_wordt_geweigerd_met_een_melding(lopend, login):
    client = login(lopend.werkcoach)
    response = client.post(
        reverse("dossiers:status", args=[lopend.pk]),
        {"naar": "beeindigd", "reden": "werk", "einddatum": "2025-12-31"},
    )
    assert response.status_code == 200
    assert "voor de ingangsdatum" in response.context["form"].errors["einddatum"][0]
    lopend.refresh_from_db()
    assert lopend.status == DossierStatus.LOPEND
    assert Uitkering.objects.get(dossier=lopend).status == UitkeringStatus.LOPEND


def test_einde_in_een_betaalde_maand_mag_en_boekt_een_vordering(lopend, login):
    """January was paid in full (1.401,50, VT 70,08); the last day with recht is 20 January:
    20/31 -> 904,19, VT 45,21. The difference is owed: a vordering (the uitkering ended)."""
    client = login(lopend.werkcoach)
    response = client.post(
        reverse("dossiers:status", args=[lopend.pk]),
        {"naar": "beeindigd", "reden": "werk", "einddatum": "2026-01-20"},
    )
    assert response.status_code == 302
    [vordering] = Boeking.objects.filter(dossier=lopend, soort=BoekingSoort.VORDERING)
    assert (vordering.maand, vordering.bedrag, vordering.vakantietoeslag) == (
        JANUARI,
        D("-497.31"),
        D("-24.87"),
    )
    assert vordering.reden_code == RedenCode.ART_58_LID_2
    assert selectors.openstaande_vorderingen(dossier_id=lopend.pk) == D("472.44")
    betaalrun.voer_uit(maand=FEBRUARI)  # only the VT left of January (45,21)
    assert betaalde_maanden(lopend) == [JANUARI]
    assert Betaling.objects.get(dossier=lopend, maand=FEBRUARI).bedrag == D("45.21")


def test_einde_per_laatste_dag_van_een_betaalde_maand_mag(lopend):
    dossier_services.wijzig_status(
        dossier=lopend, naar="beeindigd", reden="werk", einddatum=date(2026, 1, 31), door=None
    )
    assert Uitkering.objects.get(dossier=lopend).einddatum == date(2026, 1, 31)


def test_heropenen_start_een_nieuwe_periode_zonder_de_tussenliggende_maanden(lopend):
    services.wijzig_uitkering_status(
        uitkering=lopend.uitkering,
        naar="beeindigd",
        reden="werk",
        einddatum=date(2026, 1, 31),
        door=None,
    )
    betaalrun.voer_uit(maand=FEBRUARI)
    with pytest.raises(ValidationError):
        services.wijzig_uitkering_status(
            uitkering=lopend.uitkering, naar="lopend", ingangsdatum=date(2026, 1, 31), door=None
        )
    services.wijzig_uitkering_status(
        uitkering=lopend.uitkering, naar="lopend", ingangsdatum=date(2026, 4, 1), door=None
    )
    lopend.refresh_from_db()
    assert lopend.status == DossierStatus.LOPEND
    assert list(lopend.statuswijzigingen.values_list("naar", flat=True).order_by("op", "pk"))[
        -3:
    ] == ["beeindigd", "heropend", "lopend"]
    # March was never run while ended; run late, it must still not be paid (no recht then).
    for maand in (MAART, APRIL):
        betaalrun.voer_uit(maand=maand)
    assert betaalde_maanden(lopend) == [JANUARI, APRIL]


# --------------------------------------------------------------------------------------------
# the database guard


def test_database_weigert_beeindigd_dossier_met_lopende_uitkering(lopend):
    with pytest.raises(DatabaseError), transaction.atomic():
        Dossier.objects.filter(pk=lopend.pk).update(
            status="beeindigd", beeindigingsreden="werk", einddatum=date(2026, 2, 1)
        )
    lopend.refresh_from_db()
    assert lopend.status == DossierStatus.LOPEND


def test_database_weigert_lopende_uitkering_bij_beeindigd_dossier(lopend):
    dossier_services.wijzig_status(
        dossier=lopend, naar="beeindigd", reden="werk", einddatum=date(2026, 1, 31), door=None
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        Uitkering.objects.filter(dossier=lopend).update(status="lopend", einddatum=None)
    with pytest.raises(DatabaseError), transaction.atomic():
        Uitkering.objects.filter(dossier=lopend).update(status="opgeschort")
    assert Uitkering.objects.get(dossier=lopend).status == UitkeringStatus.BEEINDIGD


def test_datamigratie_herstelt_bestaande_rijen_en_meldt_hoeveel(lopend, maak_dossier, capsys):
    from django.apps import apps

    tweede = maak_dossier(ingangsdatum=JANUARI)
    # The migration's functions use only ``schema_editor.connection``; SQLite cannot open a
    # schema editor inside the test's transaction, so they get the connection itself.
    editor = SimpleNamespace(connection=connection)
    migratie.verwijder(apps, editor)
    try:
        for d, eind in ((lopend, date(2026, 3, 10)), (tweede, None)):
            Dossier.objects.filter(pk=d.pk).update(
                status="beeindigd", beeindigingsreden="werk", einddatum=eind
            )
        migratie.herstel(apps, editor)
    finally:
        migratie.installeer(apps, editor)
    assert "2 uitkering(en) van een beëindigd dossier beëindigd" in capsys.readouterr().out
    eerste = Uitkering.objects.get(dossier=lopend)
    assert (eerste.status, eerste.einddatum) == (UitkeringStatus.BEEINDIGD, date(2026, 3, 10))
    assert Uitkering.objects.get(dossier=tweede).status == UitkeringStatus.BEEINDIGD
    # and the guard is back
    with pytest.raises(DatabaseError), transaction.atomic():
        Uitkering.objects.filter(dossier=lopend).update(status="lopend")


# --------------------------------------------------------------------------------------------
# property: random sequences of end, reopen and runs never pay after the last day with recht

MAANDEN = [date(2026, m, 1) for m in range(1, 13)]

stap = st.one_of(
    st.tuples(st.just("run"), st.booleans()),
    # end: which path, a day offset (days after the first day of the current month)
    st.tuples(st.just("einde"), st.sampled_from(["dossier", "uitkering"]), st.integers(-40, 70)),
    # reopen: start offset in days after the first day of the current month
    st.tuples(st.just("heropen"), st.integers(0, 45)),
)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(stappen=st.lists(stap, min_size=3, max_size=14))
def test_eigenschap_geen_reguliere_betaling_na_de_maand_van_de_laatste_dag(maak_dossier, stappen):
    with transaction.atomic():
        _speel(maak_dossier, stappen)
        transaction.set_rollback(True)


def _speel(maak_dossier, stappen) -> None:
    dossier = maak_dossier(ingangsdatum=JANUARI)
    perioden: list[list[date | None]] = [[JANUARI, None]]  # [start, last day with recht]
    volgende = 0  # index of the next month to run
    for actie in stappen:
        if volgende >= len(MAANDEN):
            break
        maand = MAANDEN[volgende]
        uitkering = Uitkering.objects.get(dossier=dossier)
        if actie[0] == "run":
            betaalrun.voer_uit(maand=maand, bulk=actie[1])
            volgende += 1
        elif actie[0] == "einde" and uitkering.status == UitkeringStatus.LOPEND:
            eind = maand + timedelta(days=actie[2])
            try:
                if actie[1] == "dossier":
                    dossier_services.wijzig_status(
                        dossier=dossier, naar="beeindigd", reden="werk", einddatum=eind, door=None
                    )
                else:
                    services.wijzig_uitkering_status(
                        uitkering=uitkering,
                        naar="beeindigd",
                        reden="werk",
                        einddatum=eind,
                        door=None,
                    )
            except ValidationError:
                # refused (before the start of the period): nothing changed
                assert Uitkering.objects.get(dossier=dossier).status == UitkeringStatus.LOPEND
                continue
            perioden[-1][1] = eind
        elif actie[0] == "heropen" and uitkering.status == UitkeringStatus.BEEINDIGD:
            start = maand + timedelta(days=actie[1])
            if start <= uitkering.einddatum:
                continue
            services.wijzig_uitkering_status(
                uitkering=uitkering, naar="lopend", ingangsdatum=start, door=None
            )
            perioden.append([start, None])
        _controleer(dossier, perioden)


def _controleer(dossier, perioden) -> None:
    dossier.refresh_from_db()
    uitkering = Uitkering.objects.get(dossier=dossier)
    # the two records agree
    assert (dossier.status == DossierStatus.BEEINDIGD) == (
        uitkering.status == UitkeringStatus.BEEINDIGD
    )
    if dossier.status == DossierStatus.BEEINDIGD:
        assert dossier.einddatum == uitkering.einddatum
    for maand in betaalde_maanden(dossier):
        # paid outside every period with recht: only before the end was known, and then
        # all of it reclaimed (a vordering), or reopened into it again
        if not any(
            start.replace(day=1) <= maand and (eind is None or maand <= eind.replace(day=1))
            for start, eind in perioden
        ):
            recht, vt, _betaald = selectors.recht_van_maand(dossier_id=dossier.pk, maand=maand)
            assert (recht, vt) == (0, 0), f"{maand} betaald buiten een periode {perioden}"
    # no bijstand booked for a month after the last day with recht of an ended uitkering
    if uitkering.status == UitkeringStatus.BEEINDIGD:
        for maand in betaalde_maanden(dossier):
            if maand > uitkering.einddatum:
                assert selectors.recht_van_maand(dossier_id=dossier.pk, maand=maand)[:2] == (0, 0)
