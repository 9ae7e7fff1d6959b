"""Life cycle of an inzet: allowed transitions, journaal, budget and capacity, wachtlijst,
results (a certificate goes into the Profiel), employer instruments on a placement."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bijstand.dossiers.models import JournaalRegel, JournaalSoort
from bijstand.logboek.models import Verwerking
from instrumentenhuis import services
from instrumentenhuis.models import (
    InstrumentJaar,
    Inzet,
    InzetOvergang,
    InzetStatus,
    Minimumloon,
    Rapportage,
    Werkgeversafspraak,
)
from perspectief.models import Profiel
from tests.factories import DossierFactory

from .factories import InstrumentFactory, maak_profiel

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate()


def _journaal(dossier) -> list[str]:
    return list(
        JournaalRegel.objects.filter(dossier=dossier, soort=JournaalSoort.SYSTEEM)
        .order_by("op", "pk")
        .values_list("tekst", flat=True)
    )


def test_volledige_levenscyclus_met_certificaat_in_profiel(coach, persoon_dossier):
    maak_profiel(persoon_dossier, certificaten=["bhv"])
    vca = InstrumentFactory(naam="VCA proef", certificaten=["vca"], kosten_per_deelnemer="350.00")

    inzet = services.vraag_aan(
        dossier=persoon_dossier, instrument=vca, door=coach, toelichting="Wil de bouw in."
    )
    assert inzet.status == InzetStatus.AANVRAAG
    inzet = services.keur_goed(inzet=inzet, door=coach)
    assert (inzet.status, inzet.budgetjaar, inzet.gereserveerd) == (
        InzetStatus.GOEDGEKEURD,
        VANDAAG.year,
        Decimal("350.00"),
    )
    rij = InstrumentJaar.objects.get(instrument=vca, jaar=VANDAAG.year)
    assert (rij.bezet, rij.besteed) == (1, Decimal("350.00"))
    inzet = services.start(inzet=inzet, door=coach)
    assert inzet.gestart_op == VANDAAG
    inzet = services.rond_af(inzet=inzet, door=coach, resultaat="certificaat")

    assert inzet.status == InzetStatus.AFGEROND
    assert inzet.resultaat_certificaat == "vca"  # the instrument's only certificate
    assert Profiel.objects.get(dossier=persoon_dossier).certificaten == ["bhv", "vca"]
    assert list(inzet.overgangen.values_list("van", "naar")) == [
        ("", "aanvraag"),
        ("aanvraag", "goedgekeurd"),
        ("goedgekeurd", "gestart"),
        ("gestart", "afgerond"),
    ]
    teksten = _journaal(persoon_dossier)
    assert len(teksten) == 4
    assert teksten[0].startswith("Aangevraagd: VCA proef") and "Wil de bouw in." in teksten[0]
    assert "gereserveerd € 350,00 uit het budget" in teksten[1]
    assert teksten[3].endswith("Resultaat: Certificaat behaald (VCA (veiligheid)).")
    # Each step is logged as processing of this person's data.
    assert Verwerking.objects.filter(operatie="rond_instrument_af").count() == 1


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        ("aanvraag", "gestart"),
        ("aanvraag", "afgerond"),
        ("goedgekeurd", "afgerond"),
        ("goedgekeurd", "wachtlijst"),
    ],
)
def test_overgang_buiten_de_tabel_geweigerd(coach, persoon_dossier, van, naar):
    inzet = services.vraag_aan(dossier=persoon_dossier, instrument=InstrumentFactory(), door=coach)
    if van == "goedgekeurd":
        inzet = services.keur_goed(inzet=inzet, door=coach)
    with pytest.raises(ValidationError) as fout:
        services.wijzig_status(inzet=inzet, naar=naar, door=coach, resultaat="werk")
    assert "kan niet naar" in str(fout.value.message_dict["status"])
    inzet.refresh_from_db()
    assert inzet.status == van
    assert not InzetOvergang.objects.filter(inzet=inzet, naar=naar).exists()


def test_afgeronde_inzet_is_eindstatus(coach, persoon_dossier):
    inzet = services.vraag_aan(dossier=persoon_dossier, instrument=InstrumentFactory(), door=coach)
    services.stop(inzet=inzet, door=coach, reden="afgewezen")
    with pytest.raises(ValidationError):
        services.keur_goed(inzet=inzet, door=coach)


def test_meerdere_tegelijk_maar_niet_hetzelfde_twee_keer(coach, persoon_dossier):
    a, b = InstrumentFactory(), InstrumentFactory()
    services.vraag_aan(dossier=persoon_dossier, instrument=a, door=coach)
    services.vraag_aan(dossier=persoon_dossier, instrument=b, door=coach)
    with pytest.raises(ValidationError) as fout:
        services.vraag_aan(dossier=persoon_dossier, instrument=a, door=coach)
    assert "loopt al een aanvraag" in fout.value.message_dict["instrument"][0]
    assert Inzet.objects.filter(dossier=persoon_dossier).count() == 2


def test_minimumleeftijd_participatieplaats(coach):
    jong = DossierFactory(werkcoach=coach, werkzoekende__geboortedatum=date(2003, 1, 1))
    plaats = InstrumentFactory(naam="Participatieplaats proef", minimum_leeftijd=27)
    with pytest.raises(ValidationError) as fout:
        services.vraag_aan(dossier=jong, instrument=plaats, door=coach)
    assert "pas vanaf 27 jaar" in fout.value.message_dict["instrument"][0]


def test_capaciteit_vol_geeft_nederlandse_melding_en_wachtlijst_op_volgorde(coach):
    instrument = InstrumentFactory(naam="Klein", capaciteit_per_jaar=1, jaarbudget=None)
    d1, d2, d3 = (DossierFactory(werkcoach=coach) for _ in range(3))
    eerste = services.keur_goed(
        inzet=services.vraag_aan(dossier=d1, instrument=instrument, door=coach), door=coach
    )
    tweede = services.vraag_aan(dossier=d2, instrument=instrument, door=coach)
    with pytest.raises(services.GeenRuimte) as fout:
        services.keur_goed(inzet=tweede, door=coach)
    assert fout.value.message_dict["capaciteit"] == [
        f"Alle 1 plaatsen van Klein voor {VANDAAG.year} zijn bezet. U kunt de aanvraag op de "
        "wachtlijst zetten."
    ]
    tweede.refresh_from_db()
    assert tweede.status == InzetStatus.AANVRAAG  # nothing changed
    tweede = services.zet_op_wachtlijst(inzet=tweede, door=coach)
    derde = services.zet_op_wachtlijst(
        inzet=services.vraag_aan(dossier=d3, instrument=instrument, door=coach), door=coach
    )

    # The place comes free: the first on the list goes first, the third must wait.
    services.stop(inzet=eerste, door=coach, reden="ingetrokken")
    rij = InstrumentJaar.objects.get(instrument=instrument, jaar=VANDAAG.year)
    assert (rij.bezet, rij.besteed) == (0, Decimal("0.00"))
    with pytest.raises(services.GeenRuimte) as fout:
        services.keur_goed(inzet=derde, door=coach)
    assert "Er staan eerst 1 andere aanvragen" in fout.value.message_dict["wachtlijst"][0]
    assert services.keur_goed(inzet=tweede, door=coach).status == InzetStatus.GOEDGEKEURD


def test_budget_op_geeft_bedragen_in_de_melding(coach):
    instrument = InstrumentFactory(naam="Duur", kosten_per_deelnemer="600.00", jaarbudget="1000.00")
    d1, d2 = DossierFactory(werkcoach=coach), DossierFactory(werkcoach=coach)
    services.keur_goed(
        inzet=services.vraag_aan(dossier=d1, instrument=instrument, door=coach), door=coach
    )
    with pytest.raises(services.GeenRuimte) as fout:
        services.keur_goed(
            inzet=services.vraag_aan(dossier=d2, instrument=instrument, door=coach), door=coach
        )
    assert fout.value.message_dict["budget"] == [
        f"Het budget van Duur voor {VANDAAG.year} is niet toereikend: nog € 400,00 beschikbaar, "
        "nodig € 600,00. U kunt de aanvraag op de wachtlijst zetten."
    ]


def test_check_constraint_weigert_reservering_boven_capaciteit(coach):
    """Even a write that skips the service check cannot reserve beyond the capacity."""
    from django.db import IntegrityError, transaction
    from django.db.models import F

    instrument = InstrumentFactory(capaciteit_per_jaar=2)
    rij = InstrumentJaar.objects.create(instrument=instrument, jaar=2026, capaciteit=2, bezet=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        InstrumentJaar.objects.filter(pk=rij.pk).update(bezet=F("bezet") + 1)


def test_stoppen_na_start_houdt_de_reservering(coach, persoon_dossier):
    instrument = InstrumentFactory(kosten_per_deelnemer="100.00")
    inzet = services.vraag_aan(dossier=persoon_dossier, instrument=instrument, door=coach)
    inzet = services.start(inzet=services.keur_goed(inzet=inzet, door=coach), door=coach)
    with pytest.raises(ValidationError) as fout:
        services.stop(inzet=inzet, door=coach, reden="overig")
    assert "toelichting" in fout.value.message_dict
    services.stop(inzet=inzet, door=coach, reden="uitval")
    rij = InstrumentJaar.objects.get(instrument=instrument)
    assert (rij.bezet, rij.besteed) == (1, Decimal("100.00"))


def test_trede_omhoog_vraagt_de_nieuwe_trede(coach, persoon_dossier):
    inzet = services.vraag_aan(dossier=persoon_dossier, instrument=InstrumentFactory(), door=coach)
    inzet = services.start(inzet=services.keur_goed(inzet=inzet, door=coach), door=coach)
    with pytest.raises(ValidationError) as fout:
        services.rond_af(inzet=inzet, door=coach, resultaat="trede_omhoog")
    assert "trede" in fout.value.message_dict
    inzet = services.rond_af(inzet=inzet, door=coach, resultaat="trede_omhoog", trede=4)
    assert inzet.resultaat_trede == 4
    assert "naar trede 4" in _journaal(persoon_dossier)[-1]


def test_vertrouwelijk_instrument_vertrouwelijk_in_journaal(coach, persoon_dossier):
    ggz = InstrumentFactory(categorie="zorg", bereiken=[("geestelijke_gezondheid", 1, 3)])
    services.vraag_aan(dossier=persoon_dossier, instrument=ggz, door=coach)
    regel = JournaalRegel.objects.get(dossier=persoon_dossier, soort=JournaalSoort.SYSTEEM)
    assert regel.vertrouwelijk
    assert Verwerking.objects.filter(operatie="vraag_instrument_aan", vertrouwelijk=True).exists()


def test_rapportage_aanbieder_start_en_rondt_af(coach, persoon_dossier):
    instrument = InstrumentFactory(certificaten=["heftruck"])
    inzet = services.keur_goed(
        inzet=services.vraag_aan(dossier=persoon_dossier, instrument=instrument, door=coach),
        door=coach,
    )
    services.registreer_rapportage(
        inzet=inzet,
        aanbieder=instrument.aanbieder,
        soort="gestart",
        bron="aanbieder_werkcoach",
        door=coach,
        tekst="Eerste les gevolgd.",
    )
    inzet.refresh_from_db()
    assert inzet.status == InzetStatus.GESTART
    _r, nieuw = services.registreer_rapportage(
        inzet=inzet,
        aanbieder=instrument.aanbieder,
        soort="afgerond",
        bron="aanbieder",
        resultaat="certificaat",
        externe_referentie="K-1",
    )
    assert nieuw
    inzet.refresh_from_db()
    assert (inzet.status, inzet.resultaat_certificaat) == ("afgerond", "heftruck")
    assert "(gemeld door" in _journaal(persoon_dossier)[-1]
    # The same report again (same kenmerk) changes nothing.
    _r2, nieuw = services.registreer_rapportage(
        inzet=inzet,
        aanbieder=instrument.aanbieder,
        soort="afgerond",
        bron="aanbieder",
        resultaat="certificaat",
        externe_referentie="K-1",
    )
    assert not nieuw
    assert Rapportage.objects.filter(inzet=inzet).count() == 2


def test_voortgang_alleen_bij_gestarte_inzet(coach, persoon_dossier):
    instrument = InstrumentFactory()
    inzet = services.vraag_aan(dossier=persoon_dossier, instrument=instrument, door=coach)
    with pytest.raises(ValidationError) as fout:
        services.registreer_rapportage(
            inzet=inzet,
            aanbieder=instrument.aanbieder,
            soort="voortgang",
            bron="aanbieder",
            aanwezigheid_pct=80,
        )
    assert "gestarte inzet" in fout.value.message_dict["soort"][0]


# --- employer instruments --------------------------------------------------------------------


def _werkgeversinzet(coach, dossier, soort):
    instrument = InstrumentFactory(categorie="werkgeversinstrumenten", werkgeversinstrument=soort)
    return services.vraag_aan(dossier=dossier, instrument=instrument, door=coach)


def test_loonkostensubsidie_berekend_en_opgeslagen_met_invoer(coach, persoon_dossier):
    inzet = _werkgeversinzet(coach, persoon_dossier, "loonkostensubsidie")
    wml = Minimumloon.objects.filter(geldig_vanaf__lte=date(2026, 2, 1)).order_by("-geldig_vanaf")
    assert wml.first().per_uur == Decimal("14.71")  # seed: WML from 1 January 2026
    afspraak = services.leg_werkgeversafspraak_vast(
        inzet=inzet,
        door=coach,
        werkgever_naam="Bakkerij 't Hoekje",
        plaatsing_id=12,
        ingangsdatum=date(2026, 2, 1),
        loonwaarde_pct=Decimal("60"),
        loonwaardemeting_datum=VANDAAG - timedelta(days=3),
        uren_per_week=Decimal("32"),
    )
    # 14.71 x 32 x 52 / 12 = 2039.7867 -> 2039.79; 60 % = 1223.874 -> 1223.87; diff 815.92
    assert afspraak.wml_maand == Decimal("2039.79")
    assert afspraak.subsidie_maand == Decimal("815.92")
    assert afspraak.wml_per_uur == Decimal("14.71")
    assert afspraak.wml_geldig_vanaf == date(2026, 1, 1)
    assert afspraak.lks_maximum_pct == Decimal("70.00")
    assert afspraak.berekening[-1] == "Loonkostensubsidie per maand: het verschil, € 815,92"
    inzet.refresh_from_db()
    assert (inzet.werkgever_naam, inzet.plaatsing_id) == ("Bakkerij 't Hoekje", 12)


def test_loonkostensubsidie_begrensd_op_70_procent(coach, persoon_dossier):
    inzet = _werkgeversinzet(coach, persoon_dossier, "loonkostensubsidie")
    afspraak = services.leg_werkgeversafspraak_vast(
        inzet=inzet,
        door=coach,
        werkgever_naam="Groen BV",
        ingangsdatum=date(2025, 3, 1),
        loonwaarde_pct=Decimal("20"),
        loonwaardemeting_datum=date(2025, 2, 1),
        uren_per_week=Decimal("36"),
    )
    # WML 2025-01: 14.06 x 36 x 52 / 12 = 2193.36; max 70 % = 1535.352 -> 1535.35
    assert afspraak.wml_maand == Decimal("2193.36")
    assert afspraak.subsidie_maand == Decimal("1535.35")
    assert "het maximum" in afspraak.berekening[-1]


def test_proefplaatsing_maximaal_twee_maanden_met_contract_van_zes(coach, persoon_dossier):
    inzet = _werkgeversinzet(coach, persoon_dossier, "proefplaatsing")
    with pytest.raises(ValidationError) as fout:
        services.leg_werkgeversafspraak_vast(
            inzet=inzet,
            door=coach,
            werkgever_naam="Haven BV",
            ingangsdatum=date(2026, 1, 31),
            einddatum=date(2026, 4, 1),
            beoogd_contract_maanden=3,
        )
    assert fout.value.message_dict == {
        "einddatum": ["Een proefplaatsing duurt maximaal 2 maanden."],
        "beoogd_contract_maanden": [
            "Na een proefplaatsing volgt een contract van minstens 6 maanden."
        ],
    }
    afspraak = services.leg_werkgeversafspraak_vast(
        inzet=inzet,
        door=coach,
        werkgever_naam="Haven BV",
        ingangsdatum=date(2026, 1, 31),
        einddatum=date(2026, 3, 31),
        beoogd_contract_maanden=6,
    )
    assert afspraak.soort == "proefplaatsing"
    assert Werkgeversafspraak.objects.count() == 1


def test_jobcoaching_vraagt_de_soort(coach, persoon_dossier):
    inzet = _werkgeversinzet(coach, persoon_dossier, "jobcoaching")
    with pytest.raises(ValidationError) as fout:
        services.leg_werkgeversafspraak_vast(
            inzet=inzet, door=coach, werkgever_naam="X", ingangsdatum=VANDAAG
        )
    assert "jobcoach_soort" in fout.value.message_dict


def test_geen_werkgeversafspraak_bij_gewoon_instrument(coach, persoon_dossier):
    inzet = services.vraag_aan(dossier=persoon_dossier, instrument=InstrumentFactory(), door=coach)
    with pytest.raises(ValidationError) as fout:
        services.leg_werkgeversafspraak_vast(
            inzet=inzet, door=coach, werkgever_naam="X", ingangsdatum=VANDAAG
        )
    assert "geen werkgeversinstrument" in fout.value.message_dict["instrument"][0]
