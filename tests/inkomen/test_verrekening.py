"""herbereken end to end (eager Celery task on commit) and the booking rules of services.py."""

from __future__ import annotations

from datetime import date

import pytest

from inkomen import selectors, services
from inkomen.models import Berekening, Boeking, BoekingSoort, VrijlatingToepassing

from .conftest import D

MAART = date(2026, 3, 1)
VIJFENTWINTIG = date(2000, 6, 1)  # 25 in 2026: no vrijlating n/r (art. 31 lid 5)


def actueel(dossier, maand) -> Berekening:
    return Berekening.objects.get(dossier=dossier, maand=maand, actueel=True)


def boekingen(dossier, soort=None):
    qs = Boeking.objects.filter(dossier=dossier)
    return list(qs.filter(soort=soort) if soort else qs)


def betaal(dossier, maand):
    return services.boek_maandbetaling(dossier_id=dossier.pk, maand=maand)


@pytest.mark.django_db
class TestVoorbeelden:
    def test_voorbeeld_2_tweede_maand_vrijlating_n(self, maak_dossier, opgave):
        dossier = maak_dossier(geboortedatum=date(1985, 5, 1), ingangsdatum=date(2026, 2, 1))
        opgave(dossier, date(2026, 2, 1), "600.00")
        opgave(dossier, MAART, "600.00")

        berekening = actueel(dossier, MAART)
        assert berekening.norm == D("1401.50")
        assert berekening.vrijlating == D("150.00")
        assert berekening.bijstand == D("951.50")
        assert berekening.vakantietoeslag == D("47.58")
        assert berekening.uitbetaling == D("903.92")
        assert berekening.resultaat["bijstand"] == "951.50"
        assert berekening.vrijlatingen[0]["maandnummer"] == 2
        artikelen = [r["artikel"] for r in berekening.resultaat["regels"]]
        assert "art. 31 lid 2 onder n Participatiewet" in artikelen
        assert berekening.regelset_geldig_vanaf == date(2026, 1, 1)
        assert berekening.invoer["vrijlating_maanden_gebruikt"] == {"aanvrager": {"n": 1}}
        assert list(berekening.opgaven.values_list("bedrag", flat=True)) == [D("600.00")]

    def test_voorbeeld_11_schatting_te_laag_geeft_verrekeningsschuld(self, maak_dossier, opgave):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
        schatting = opgave(dossier, MAART, "300.00", status="geschat", bron="burger")
        v1 = actueel(dossier, MAART)
        assert (v1.bijstand, v1.op_schatting) == (D("1101.50"), True)

        betaling = betaal(dossier, MAART)
        assert betaling.bedrag == D("1046.42")  # 1.101,50 - VT 55,08

        opgave(dossier, MAART, "450.00", vervangt=schatting)
        v2 = actueel(dossier, MAART)
        assert v2.versie == 2
        assert v2.bijstand == D("951.50")
        assert v2.correctie == D("-150.00")
        assert v2.resultaat["correctie"] == "-150.00"
        [schuld] = boekingen(dossier, BoekingSoort.VERREKENINGSSCHULD)
        assert schuld.bedrag == D("-150.00")
        assert schuld.vakantietoeslag == D("-7.50")
        assert schuld.reden_code == "art_58_lid_4"
        assert schuld.berekening == v2
        assert schuld.uiterlijk_verrekend == date(2026, 9, 1)  # 6 payments: April-September
        # VT reservation follows the corrected bijstand; the cash part is withheld later.
        assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == D("47.58")
        assert selectors.open_verrekeningsschuld(dossier_id=dossier.pk) == D("142.50")

        inhoudingen = []
        for maand in range(4, 11):
            betaling = betaal(dossier, date(2026, maand, 1))
            inhoudingen.append(
                sum(-b.bedrag for b in betaling.boekingen if b.soort == BoekingSoort.INHOUDING)
            )
        assert inhoudingen == [D("23.75")] * 6 + [0]
        assert selectors.open_verrekeningsschuld(dossier_id=dossier.pk) == 0

    def test_vierwekenloon_13_12(self, maak_dossier, opgave):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG)
        opgave(
            dossier,
            date(2026, 1, 1),
            "520.00",
            periode="vier_weken",
            betaaldata=[date(2026, 1, 2), date(2026, 1, 30)],
        )
        assert actueel(dossier, date(2026, 1, 1)).bijstand == D("838.17")  # §8 example 10b


@pytest.mark.django_db
class TestBoekingen:
    def test_niets_geboekt_voor_een_onbetaalde_maand(self, maak_dossier, opgave):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG)
        schatting = opgave(dossier, MAART, "300.00", status="geschat")
        opgave(dossier, MAART, "450.00", vervangt=schatting)
        assert actueel(dossier, MAART).versie == 2
        assert boekingen(dossier) == []

    def test_nabetaling(self, maak_dossier, opgave):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
        schatting = opgave(dossier, MAART, "450.00", status="geschat", bron="burger")
        betaal(dossier, MAART)
        opgave(dossier, MAART, "300.00", vervangt=schatting)

        [nabetaling] = boekingen(dossier, BoekingSoort.NABETALING)
        assert (nabetaling.bedrag, nabetaling.vakantietoeslag) == (D("150.00"), D("7.50"))
        assert nabetaling.betaalmaand is None
        assert actueel(dossier, MAART).correctie == D("150.00")
        assert selectors.open_nabetalingen(dossier_id=dossier.pk) == D("142.50")

        april = betaal(dossier, date(2026, 4, 1))
        assert april.bedrag == D("1331.42") + D("142.50")
        nabetaling.refresh_from_db()
        assert nabetaling.betaalmaand == date(2026, 4, 1)
        assert selectors.open_nabetalingen(dossier_id=dossier.pk) == 0

    def test_nabetaling_verrekent_eerst_open_schuld(self, maak_dossier, opgave):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=date(2026, 2, 1))
        februari = date(2026, 2, 1)
        schatting_feb = opgave(dossier, februari, "300.00", status="geschat")
        schatting_mrt = opgave(dossier, MAART, "300.00", status="geschat")
        betaal(dossier, februari)
        betaal(dossier, MAART)
        opgave(dossier, MAART, "450.00", vervangt=schatting_mrt)  # schuld 142,50 cash
        opgave(dossier, februari, "200.00", vervangt=schatting_feb)  # nabetaling 100,00

        [inhouding] = boekingen(dossier, BoekingSoort.INHOUDING)
        assert inhouding.bedrag == D("-95.00")  # the whole cash part of the nabetaling
        assert selectors.open_verrekeningsschuld(dossier_id=dossier.pk) == D("47.50")
        assert selectors.open_nabetalingen(dossier_id=dossier.pk) == 0

    def test_vordering_buiten_de_termijn_van_art_58_lid_4(self, maak_dossier, opgave, vandaag):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG)
        januari = date(2026, 1, 1)
        vandaag(date(2026, 1, 20))
        schatting = opgave(dossier, januari, "300.00", status="geschat")
        betaal(dossier, januari)
        vandaag(date(2026, 9, 10))  # loonstrook 8 months later
        opgave(dossier, januari, "450.00", vervangt=schatting)

        assert boekingen(dossier, BoekingSoort.VERREKENINGSSCHULD) == []
        [vordering] = boekingen(dossier, BoekingSoort.VORDERING)
        assert (vordering.bedrag, vordering.reden_code) == (D("-150.00"), "art_58_lid_2")
        assert selectors.openstaande_vorderingen(dossier_id=dossier.pk) == D("142.50")

    def test_einde_uitkering_zet_open_schuld_om_in_vordering(self, maak_dossier, opgave):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG)
        schatting = opgave(dossier, MAART, "300.00", status="geschat")
        betaal(dossier, MAART)
        opgave(dossier, MAART, "450.00", vervangt=schatting)
        services.wijzig_uitkering_status(
            uitkering=dossier.uitkering,
            naar="beeindigd",
            reden="werk",
            door=None,
            einddatum=date(2026, 4, 30),
        )
        assert selectors.open_verrekeningsschuld(dossier_id=dossier.pk) == 0
        assert selectors.openstaande_vorderingen(dossier_id=dossier.pk) == D("142.50")

    def test_vakantietoeslag_in_mei(self, maak_dossier):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
        betaal(dossier, MAART)
        betaal(dossier, date(2026, 4, 1))
        mei = betaal(dossier, date(2026, 5, 1))
        # 3 x (1.401,50 - 70,08) paid monthly plus 3 x 70,08 reserved, paid in May
        assert mei.bedrag == D("1331.42") + 3 * D("70.08")
        assert selectors.vakantietoeslag_reservering(dossier_id=dossier.pk) == 0

    def test_betaling_is_idempotent(self, maak_dossier):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG)
        eerste = betaal(dossier, MAART)
        tweede = betaal(dossier, MAART)
        assert eerste.bedrag == tweede.bedrag == D("1331.42")
        assert tweede.al_geboekt
        assert len(boekingen(dossier, BoekingSoort.UITBETALING_VOORLOPIG)) == 1


@pytest.mark.django_db
class TestIdempotentie:
    def test_twee_keer_herberekenen_geeft_een_versie_en_geen_dubbele_boeking(
        self, maak_dossier, opgave
    ):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG)
        schatting = opgave(dossier, MAART, "300.00", status="geschat")
        betaal(dossier, MAART)
        opgave(dossier, MAART, "450.00", vervangt=schatting)
        aantal_boekingen = Boeking.objects.count()

        for _ in range(2):
            uitkomst = services.herbereken_maand(dossier_id=dossier.pk, maand=MAART)
            assert not uitkomst.nieuw
            assert uitkomst.boekingen == []
        assert Berekening.objects.filter(dossier=dossier, maand=MAART).count() == 2
        assert Boeking.objects.count() == aantal_boekingen

    def test_taak_twee_keer(self, maak_dossier):
        from inkomen.tasks import herbereken

        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG)
        eerste = herbereken.delay(dossier.pk, "2026-03-01").get()
        tweede = herbereken.delay(dossier.pk, "2026-03-01").get()
        assert eerste["nieuw"] and not tweede["nieuw"]
        assert eerste["berekening"] == tweede["berekening"]

    def test_zonder_uitkering_overgeslagen(self, dossier):
        uitkomst = services.herbereken_maand(dossier_id=dossier.pk, maand=MAART)
        assert uitkomst.berekening is None


@pytest.mark.django_db
def test_vrijlating_tellers_uit_vastgelegde_berekeningen(
    maak_dossier, opgave, consulent, vandaag, django_capture_on_commit_callbacks
):
    vandaag(date(2026, 8, 5))
    dossier = maak_dossier(geboortedatum=date(1985, 5, 1), ingangsdatum=date(2026, 1, 1))
    opgaven = [opgave(dossier, date(2026, m, 1), "600.00") for m in range(1, 8)]

    for m in range(1, 7):
        berekening = actueel(dossier, date(2026, m, 1))
        assert berekening.vrijlating == D("150.00")
        assert berekening.vrijlatingen[0]["maandnummer"] == m
    juli = actueel(dossier, date(2026, 7, 1))
    assert juli.vrijlating == 0  # month 7: the 6 n-months are used
    assert juli.bijstand == D("819.46")  # 1.419,46 - 600,00
    assert any("6 maanden zijn gebruikt" in r["omschrijving"] for r in juli.resultaat["regels"])
    assert VrijlatingToepassing.objects.filter(dossier=dossier, actueel=True).count() == 6

    # Rejecting February's opgave frees one n-month: July is recalculated (cascade).
    with django_capture_on_commit_callbacks(execute=True):
        services.beoordeel_opgave(
            opgave=opgaven[1], besluit="afgewezen", reden="Geen loonstrook", door=consulent
        )
    assert actueel(dossier, date(2026, 2, 1)).vrijlating == 0
    juli = actueel(dossier, date(2026, 7, 1))
    assert juli.vrijlating == D("150.00")
    assert juli.vrijlatingen[0]["maandnummer"] == 6
    assert juli.bijstand == D("969.46")


@pytest.mark.django_db
def test_invoer_van_een_berekening_is_een_proefberekening(maak_dossier, opgave):
    """The stored invoer has the proefberekening shape: replaying it gives the same result."""
    from inkomen.proefberekening import voer_proefberekening_uit

    dossier = maak_dossier(
        geboortedatum=date(1985, 5, 1),
        leden=[
            {"rol": "kind", "naam": "Kim", "geboortedatum": date(2020, 1, 1)},
            {"rol": "medebewoner", "naam": "Zus", "geboortedatum": date(1980, 1, 1)},
        ],
    )
    opgave(dossier, MAART, "400.00")
    berekening = actueel(dossier, MAART)
    assert berekening.kostendelers == 2
    assert voer_proefberekening_uit(berekening.invoer) == berekening.resultaat


def test_kvk_en_loonheffingennummer():
    from django.core.exceptions import ValidationError

    from inkomen.validators import validate_kvk_nummer, validate_loonheffingennummer

    validate_kvk_nummer("12345678")
    validate_loonheffingennummer("123456789L01")
    for fout in ("1234567", "1234567a"):
        with pytest.raises(ValidationError):
            validate_kvk_nummer(fout)
    with pytest.raises(ValidationError):
        validate_loonheffingennummer("123456789X01")


@pytest.mark.django_db
class TestHuishoudenPerMaand:
    """The household of a month is the one it was first calculated with (ADR 0005)."""

    def test_latere_medebewoner_werkt_niet_terug_bij_een_correctie(self, maak_dossier, opgave):
        april = date(2026, 4, 1)
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
        schatting = opgave(dossier, MAART, "300.00", status="geschat")
        betaal(dossier, MAART)
        assert actueel(dossier, MAART).norm == D("1401.50")
        # In April the (40-year-old) sister moves in: a kostendeler from April on.
        dossier.werkzoekende.huishouden.leden.create(
            rol="medebewoner",
            naam="Zus",
            geboortedatum=date(1986, 1, 1),
            familie_eerste_of_tweede_graad=True,
        )
        # The loonstrook of March arrives later: only the income changes for March.
        opgave(dossier, MAART, "450.00", vervangt=schatting)
        maart = actueel(dossier, MAART)
        assert (maart.versie, maart.norm, maart.kostendelers) == (2, D("1401.50"), 1)
        assert maart.invoer["medebewoners"] == []
        [schuld] = boekingen(dossier, BoekingSoort.VERREKENINGSSCHULD)
        assert schuld.bedrag == D("-150.00")  # the income difference only
        # April is calculated with the household of April.
        services.herbereken_maand(dossier_id=dossier.pk, maand=april)
        assert (actueel(dossier, april).kostendelers, actueel(dossier, april).norm) == (
            2,
            D("1001.07"),
        )

    def test_herziening_met_het_huidige_huishouden_is_een_expliciete_keuze(self, maak_dossier):
        dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
        services.herbereken_maand(dossier_id=dossier.pk, maand=MAART)
        dossier.werkzoekende.huishouden.leden.create(
            rol="medebewoner",
            naam="Zus",
            geboortedatum=date(1986, 1, 1),
            familie_eerste_of_tweede_graad=True,
        )
        assert not services.herbereken_maand(dossier_id=dossier.pk, maand=MAART).nieuw
        uitkomst = services.herbereken_maand(
            dossier_id=dossier.pk, maand=MAART, huishouden_opnieuw=True
        )
        assert uitkomst.nieuw and uitkomst.berekening.kostendelers == 2
        assert uitkomst.berekening.invoer["medebewoners"][0]["geboortedatum"] == "1986-01-01"
        # from now on the month keeps that household
        assert not services.herbereken_maand(dossier_id=dossier.pk, maand=MAART).nieuw
