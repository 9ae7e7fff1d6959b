"""Opschorting (art. 54 PW) through the real payment run, both paths (issue 13 §2,
``inkomen.perioden``): a suspended month is recorded "niet betaald" with its reason, lifting
the opschorting pays it as nabetaling by the next run exactly once, an expired hersteltermijn
raises a signal and the consulent withdraws the right from the suspension date (art. 54 lid 4).

Amounts are computed from the stored rule set (``rekenregels.bereken``) and the P8 rule
(kalenderdagen, half-up; VT 5 % of the bijstand), not typed in.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError

from bijstand.dossiers.models import DossierStatus
from inkomen import betaalrun, deelmaand, perioden, rekenregels, selectors, services, tasks
from inkomen.models import (
    Beleidsinstelling,
    Betaalrun,
    Betaling,
    Boeking,
    BoekingSoort,
    NietBetaaldReden,
    Opschorting,
    OpschortingAfloop,
    Signaal,
    SignaalSoort,
    Uitkering,
    UitkeringStatus,
)

pytestmark = pytest.mark.django_db

GEBOREN = date(1985, 5, 1)
JANUARI, FEBRUARI, MAART = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
APRIL = date(2026, 4, 1)
CENT = Decimal("0.01")


@pytest.fixture(params=[True, False], ids=["bulk", "per_dossier"])
def bulk(request, settings):
    settings.INKOMEN_BETAALRUN_BULK = request.param
    settings.INKOMEN_BETAALRUN_CHUNK = 3
    return request.param


def run(maand: date, vandaag, dag: int = 20) -> Betaalrun:
    vandaag(maand.replace(day=dag))
    return betaalrun.voer_uit(maand=maand)


def hele_maand(maand: date) -> tuple[Decimal, Decimal]:
    """(bijstand, VT) of a whole month without income, from the stored rules."""
    r = rekenregels.bereken(
        rekenregels.Invoer(
            maand=rekenregels.Maand(maand.year, maand.month),
            aanvrager=rekenregels.Persoon(geboortedatum=GEBOREN),
        ),
        selectors.regelset_voor_maand(maand),
        selectors.beleid_voor_maand(maand),
    )
    return r.bijstand, r.vakantietoeslag


def kas(maand: date) -> Decimal:
    bijstand, vt = hele_maand(maand)
    return bijstand - vt


def naar_rato(maand: date, dagen: int, van: int) -> tuple[Decimal, Decimal]:
    """P8 kalenderdagen: norm x dagen / dagen in de maand, half-up; VT 5 % of it, half-up."""
    bijstand = (hele_maand(maand)[0] * dagen / van).quantize(CENT, ROUND_HALF_UP)
    return bijstand, (bijstand * Decimal("0.05")).quantize(CENT, ROUND_HALF_UP)


def betalingen(dossier) -> dict[date, tuple[str, str, Decimal]]:
    return {
        b.maand: (b.status, b.reden, b.bedrag) for b in Betaling.objects.filter(dossier=dossier)
    }


def uitkering_van(dossier) -> Uitkering:
    return Uitkering.objects.get(dossier=dossier)


@pytest.fixture
def lopend(maak_dossier, vandaag):
    """Two uitkeringen from 1 January 2026, January paid (the colleague keeps the bulk path
    busy with an ordinary dossier in the same chunk)."""
    vandaag(JANUARI)
    dossier = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=JANUARI)
    collega = maak_dossier(geboortedatum=GEBOREN, ingangsdatum=JANUARI)
    run(JANUARI, vandaag)
    assert betalingen(dossier)[JANUARI] == ("opgenomen", "", kas(JANUARI))
    return dossier, collega


def schort_op(dossier, vanaf: date, tot: date, door=None) -> Opschorting:
    return perioden.schort_op(
        uitkering=uitkering_van(dossier),
        vanaf=vanaf,
        reden="Bankafschriften van december ontbreken",
        hersteltermijn_tot=tot,
        door=door,
    )


# --------------------------------------------------------------------------------------------
# suspend -> not paid -> lift -> nabetaling once


def test_opgeschorte_maanden_niet_betaald_en_na_opheffen_eenmaal_nabetaald(
    lopend, vandaag, bulk, consulent
):
    dossier, collega = lopend
    vandaag(date(2026, 2, 3))
    opschorting = schort_op(dossier, date(2026, 2, 3), date(2026, 2, 17), door=consulent)
    assert uitkering_van(dossier).status == UitkeringStatus.OPGESCHORT

    februari = run(FEBRUARI, vandaag)
    maart = run(MAART, vandaag)

    # recorded, with its reason, not paid, not in the file, nothing booked
    for m, r in ((FEBRUARI, februari), (MAART, maart)):
        assert betalingen(dossier)[m] == ("niet_betaald", NietBetaaldReden.OPGESCHORT, 0)
        assert r.aantal_niet_betaald == 1
        assert r.totaal_bedrag == kas(m)  # only the colleague
    assert not Boeking.objects.filter(dossier=dossier, maand__gt=JANUARI).exists()
    assert selectors.niet_betaald_per_reden(betaalrun_id=februari.pk) == [
        ("opgeschort", "Uitkering opgeschort (art. 54 lid 2 PW)", 1)
    ]
    # a rerun and a chunk delivered twice change nothing
    betaalrun.voer_uit(maand=MAART)
    betaalrun.verwerk_chunk(betaalrun_id=maart.pk, dossier_ids=[dossier.pk], nummer=0)
    assert Betaling.objects.filter(dossier=dossier, maand=MAART).count() == 1

    vandaag(date(2026, 4, 2))
    perioden.hef_op(opschorting=opschorting, door=consulent, toelichting="Afschriften ontvangen")
    assert uitkering_van(dossier).status == UitkeringStatus.LOPEND
    opschorting.refresh_from_db()
    assert opschorting.afloop == OpschortingAfloop.OPGEHEVEN
    assert opschorting.afgehandeld_door == consulent

    april = run(APRIL, vandaag)

    uitbetalingen = {
        b.maand: (b.bedrag, b.vakantietoeslag, b.betaalmaand, b.omschrijving)
        for b in Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.UITBETALING_VOORLOPIG)
    }
    assert uitbetalingen[FEBRUARI] == (
        *hele_maand(FEBRUARI),
        APRIL,
        "Nabetaling februari 2026 (opschorting opgeheven)",
    )
    assert uitbetalingen[MAART][2:] == (APRIL, "Nabetaling maart 2026 (opschorting opgeheven)")
    assert uitbetalingen[APRIL][2] == APRIL
    totaal = kas(FEBRUARI) + kas(MAART) + kas(APRIL)
    assert betalingen(dossier)[APRIL] == ("opgenomen", "", totaal)
    assert april.totaal_bedrag == totaal + kas(APRIL)
    # the earlier records stay as they were: the month was not paid by its own run
    assert betalingen(dossier)[FEBRUARI][0] == "niet_betaald"

    # exactly once: a rerun, a chunk again, the next month's selection
    aantal = Boeking.objects.filter(dossier=dossier).count()
    betaalrun.voer_uit(maand=APRIL)
    betaalrun.verwerk_chunk(betaalrun_id=april.pk, dossier_ids=[dossier.pk], nummer=0)
    assert Boeking.objects.filter(dossier=dossier).count() == aantal
    assert (
        deelmaand.nabetaling_maanden(
            dossier_id=dossier.pk,
            ingangsdatum=JANUARI,
            einddatum=None,
            maand=date(2026, 5, 1),
        )
        == []
    )
    assert betalingen(collega)[APRIL] == ("opgenomen", "", kas(APRIL))


def test_opheffen_voor_de_betaalrun_betaalt_de_maand_gewoon(lopend, vandaag, bulk):
    dossier, _collega = lopend
    vandaag(date(2026, 2, 3))
    opschorting = schort_op(dossier, date(2026, 2, 3), date(2026, 2, 17))
    vandaag(date(2026, 2, 10))
    perioden.hef_op(opschorting=opschorting, door=None, toelichting="Ontvangen")
    run(FEBRUARI, vandaag)
    assert betalingen(dossier)[FEBRUARI] == ("opgenomen", "", kas(FEBRUARI))


def test_een_opschorting_na_de_betaalrun_raakt_die_maand_niet(lopend, vandaag, bulk):
    """Suspended on 27 February, after the February run: February stays paid, March is the
    first suspended month."""
    dossier, _collega = lopend
    run(FEBRUARI, vandaag)
    vandaag(date(2026, 2, 27))
    schort_op(dossier, date(2026, 2, 27), date(2026, 3, 13))
    run(MAART, vandaag)
    assert betalingen(dossier)[FEBRUARI] == ("opgenomen", "", kas(FEBRUARI))
    assert betalingen(dossier)[MAART][:2] == ("niet_betaald", "opgeschort")


# --------------------------------------------------------------------------------------------
# the term expires -> signal -> intrekking (art. 54 lid 4)


def test_verlopen_termijn_signaal_en_intrekking_per_opschortingsdatum(
    lopend, vandaag, bulk, consulent
):
    dossier, _collega = lopend
    vandaag(date(2026, 2, 16))
    opschorting = schort_op(dossier, date(2026, 2, 16), date(2026, 3, 2), door=consulent)
    run(FEBRUARI, vandaag)
    assert betalingen(dossier)[FEBRUARI][:2] == ("niet_betaald", "opgeschort")

    # during the term: no intrekking, no signal
    vandaag(date(2026, 3, 2))
    with pytest.raises(ValidationError) as fout:
        perioden.trek_in(opschorting=opschorting, door=consulent, toelichting="Niets ontvangen")
    assert "Intrekken kan vanaf 3 maart 2026" in str(fout.value)
    assert tasks.tasks_perioden.signaleer_verlopen_hersteltermijnen.apply(throw=True).result == {
        "nieuw": 0
    }

    # the day after the term: one signal, however often the beat fires
    vandaag(date(2026, 3, 3))
    assert tasks.tasks_perioden.signaleer_verlopen_hersteltermijnen.apply(throw=True).result == {
        "nieuw": 1
    }
    assert tasks.tasks_perioden.signaleer_verlopen_hersteltermijnen.apply(throw=True).result == {
        "nieuw": 0
    }
    [signaal] = Signaal.objects.filter(dossier=dossier)
    assert signaal.soort == SignaalSoort.HERSTELTERMIJN_VERLOPEN
    assert "verlopen op 2 maart 2026" in signaal.tekst
    assert signaal.afgehandeld_op is None

    perioden.trek_in(opschorting=opschorting, door=consulent, toelichting="Niets ontvangen")

    uitkering = uitkering_van(dossier)
    assert (uitkering.status, uitkering.einddatum) == ("beeindigd", date(2026, 2, 15))
    dossier.refresh_from_db()
    assert (dossier.status, dossier.einddatum) == (DossierStatus.BEEINDIGD, date(2026, 2, 15))
    wijziging = dossier.statuswijzigingen.latest("pk")
    assert "art. 54 lid 4" in wijziging.toelichting and "Niets ontvangen" in wijziging.toelichting
    opschorting.refresh_from_db()
    assert opschorting.afloop == OpschortingAfloop.INGETROKKEN
    signaal.refresh_from_db()
    assert signaal.afgehandeld_op is not None  # the decision answered it
    # January was paid before the suspension and has recht: no vordering
    assert not Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VORDERING).exists()

    # March: 1-15 February (recht before the suspension, not paid) is paid, prorated, with
    # the VT reservation (ended: art. 45 lid 1); no bijstand for March itself
    maart = run(MAART, vandaag)
    bijstand, vt = naar_rato(FEBRUARI, 15, 28)
    februari = Boeking.objects.get(
        dossier=dossier, maand=FEBRUARI, soort=BoekingSoort.UITBETALING_VOORLOPIG
    )
    assert (februari.bedrag, februari.vakantietoeslag, februari.betaalmaand) == (
        bijstand,
        vt,
        MAART,
    )
    assert februari.omschrijving == (
        "Nabetaling februari 2026 (opgeschort; recht tot en met 15 februari 2026)"
    )
    reservering = hele_maand(JANUARI)[1] + vt
    assert betalingen(dossier)[MAART] == ("opgenomen", "", bijstand - vt + reservering)
    assert not Boeking.objects.filter(
        dossier=dossier, maand=MAART, soort=BoekingSoort.UITBETALING_VOORLOPIG
    ).exists()
    assert maart.aantal_niet_betaald == 0
    assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0
    run(APRIL, vandaag)
    assert APRIL not in betalingen(dossier)


def test_intrekking_betaalt_alleen_de_dagen_voor_de_opschorting(lopend, vandaag, bulk):
    dossier, _collega = lopend
    run(FEBRUARI, vandaag)
    vandaag(date(2026, 3, 1) + timedelta(days=1))
    opschorting = schort_op(dossier, date(2026, 3, 2), date(2026, 3, 9))
    run(MAART, vandaag)
    vandaag(date(2026, 3, 23))
    perioden.trek_in(opschorting=opschorting, door=None, toelichting="Geen reactie")
    # last day with recht 1 March: March prorated 1/31 is paid in April, nothing more
    run(APRIL, vandaag)
    bijstand, vt = naar_rato(MAART, 1, 31)
    maart = Boeking.objects.get(
        dossier=dossier, maand=MAART, soort=BoekingSoort.UITBETALING_VOORLOPIG
    )
    assert (maart.bedrag, maart.vakantietoeslag, maart.betaalmaand) == (bijstand, vt, APRIL)
    assert Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VORDERING).count() == 0


# --------------------------------------------------------------------------------------------
# the rules of the services


def test_opschorten_zonder_opschorting_is_niet_mogelijk(lopend):
    dossier, _collega = lopend
    with pytest.raises(ValidationError) as fout:
        services.wijzig_uitkering_status(
            uitkering=uitkering_van(dossier), naar="opgeschort", door=None
        )
    assert "Uitkering opschorten" in str(fout.value)
    assert uitkering_van(dossier).status == UitkeringStatus.LOPEND


def test_hervatten_zonder_opheffen_is_niet_mogelijk(lopend, vandaag):
    dossier, _collega = lopend
    vandaag(date(2026, 1, 20))
    opschorting = schort_op(dossier, date(2026, 1, 20), date(2026, 1, 30))
    with pytest.raises(ValidationError):
        services.wijzig_uitkering_status(uitkering=uitkering_van(dossier), naar="lopend", door=None)
    with pytest.raises(ValidationError):  # the open opschorting is no lift
        services.wijzig_uitkering_status(
            uitkering=uitkering_van(dossier), naar="lopend", door=None, opschorting=opschorting
        )
    assert uitkering_van(dossier).status == UitkeringStatus.OPGESCHORT


@pytest.mark.parametrize(
    ("veld", "vanaf", "tot", "reden", "melding"),
    [
        ("reden", date(2026, 1, 20), date(2026, 2, 3), "  ", "Geef de reden"),
        ("reden", date(2026, 1, 20), date(2026, 2, 3), "x" * 2001, "hoogstens 2000 tekens"),
        ("vanaf", None, date(2026, 2, 3), "r", "Vul de datum in"),
        ("vanaf", date(2026, 1, 21), date(2026, 2, 3), "r", "in de toekomst"),
        ("vanaf", date(2025, 12, 31), date(2026, 2, 3), "r", "eerste dag van deze maand"),
        ("vanaf", date(2026, 1, 1), date(2026, 2, 3), "r", "dag na de ingangsdatum"),
        ("hersteltermijn_tot", date(2026, 1, 20), date(2026, 1, 19), "r", "niet in het verleden"),
        ("hersteltermijn_tot", date(2026, 1, 20), date(2026, 2, 18), "r", "hoogstens 28 dagen"),
        ("hersteltermijn_tot", date(2026, 1, 20), None, "r", "laatste dag"),
    ],
)
def test_onjuiste_opschorting_wordt_geweigerd_en_verandert_niets(
    lopend, vandaag, veld, vanaf, tot, reden, melding
):
    dossier, _collega = lopend
    vandaag(date(2026, 1, 20))
    with pytest.raises(ValidationError) as fout:
        perioden.schort_op(
            uitkering=uitkering_van(dossier),
            vanaf=vanaf,
            reden=reden,
            hersteltermijn_tot=tot,
            door=None,
        )
    assert melding in " ".join(fout.value.message_dict[veld])
    assert not Opschorting.objects.exists()
    assert uitkering_van(dossier).status == UitkeringStatus.LOPEND


def test_langste_termijn_is_beleid_p9(lopend, vandaag):
    dossier, _collega = lopend
    vandaag(date(2026, 1, 20))
    with pytest.raises(ValidationError):  # 42 days: beyond the default P9 maximum of 28
        schort_op(dossier, date(2026, 1, 20), date(2026, 3, 3))
    rij = Beleidsinstelling.objects.order_by("-geldig_vanaf").first()
    rij.data = {**rij.data, "p9_hersteltermijn_max_dagen": 42}
    rij.save()
    selectors.wis_regelcache()
    assert perioden.max_termijn_dagen() == 42
    opschorting = schort_op(dossier, date(2026, 1, 20), date(2026, 3, 3))
    assert opschorting.hersteltermijn_tot == date(2026, 3, 3)


def test_een_open_opschorting_tegelijk_en_alleen_lopend(lopend, vandaag):
    dossier, _collega = lopend
    vandaag(date(2026, 1, 20))
    opschorting = schort_op(dossier, date(2026, 1, 20), date(2026, 1, 30))
    with pytest.raises(ValidationError, match="al opgeschort"):
        schort_op(dossier, date(2026, 1, 20), date(2026, 1, 30))
    perioden.hef_op(opschorting=opschorting, door=None, toelichting="ok")
    with pytest.raises(ValidationError, match="al besloten"):
        perioden.hef_op(opschorting=opschorting, door=None, toelichting="nog eens")
    with pytest.raises(ValidationError, match="al besloten"):
        perioden.trek_in(opschorting=opschorting, door=None, toelichting="nog eens")
    services.wijzig_uitkering_status(
        uitkering=uitkering_van(dossier),
        naar="beeindigd",
        reden="werk",
        einddatum=date(2026, 1, 31),
        door=None,
    )
    with pytest.raises(ValidationError, match="lopende uitkering"):
        schort_op(dossier, date(2026, 1, 20), date(2026, 1, 30))
    assert Opschorting.objects.count() == 1


def test_toelichting_is_verplicht(lopend, vandaag):
    dossier, _collega = lopend
    vandaag(date(2026, 1, 20))
    opschorting = schort_op(dossier, date(2026, 1, 20), date(2026, 1, 30))
    with pytest.raises(ValidationError) as fout:
        perioden.hef_op(opschorting=opschorting, door=None, toelichting=" ")
    assert "toelichting" in fout.value.message_dict
    opschorting.refresh_from_db()
    assert opschorting.afloop == OpschortingAfloop.OPEN


def test_einde_tijdens_opschorting_betaalt_de_opgeschorte_maanden_niet(lopend, vandaag, bulk):
    """Ended by another route (the dossier screen) while suspended: the opschorting stays
    open, the run pays nothing (the decision is the consulent's); after lifting it, the
    suspended days up to the last day with recht are paid by a run of the window."""
    dossier, _collega = lopend
    vandaag(date(2026, 2, 2))
    opschorting = schort_op(dossier, date(2026, 2, 2), date(2026, 2, 16))
    run(FEBRUARI, vandaag)
    vandaag(date(2026, 3, 5))
    services.wijzig_uitkering_status(
        uitkering=uitkering_van(dossier),
        naar="beeindigd",
        reden="verhuizing",
        einddatum=date(2026, 3, 10),
        door=None,
    )
    opschorting.refresh_from_db()
    assert opschorting.afloop == OpschortingAfloop.OPEN
    run(MAART, vandaag)  # the end month: suspended, recorded, nothing paid
    assert betalingen(dossier)[MAART] == ("niet_betaald", "opgeschort", 0)
    assert not Boeking.objects.filter(dossier=dossier, maand__gt=JANUARI).exists()

    vandaag(date(2026, 4, 2))
    perioden.hef_op(opschorting=opschorting, door=None, toelichting="Toch ontvangen")
    assert uitkering_van(dossier).status == UitkeringStatus.BEEINDIGD
    run(APRIL, vandaag)
    maart, maart_vt = naar_rato(MAART, 10, 31)
    feb, feb_vt = hele_maand(FEBRUARI)
    reservering = hele_maand(JANUARI)[1] + feb_vt + maart_vt
    assert betalingen(dossier)[APRIL] == (
        "opgenomen",
        "",
        (feb - feb_vt) + (maart - maart_vt) + reservering,
    )
