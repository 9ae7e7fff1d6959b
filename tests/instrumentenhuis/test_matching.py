"""Suggested instruments for a dossier: ranked by fit with the reasons in words; excluded when
the person already has them or cannot enter; wachtlijst when budget or places are used up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bijstand.accounts.models import Rol
from instrumentenhuis import matching, selectors, services
from instrumentenhuis.models import Instrument, InstrumentJaar
from perspectief.models import Belemmering, Leefgebied
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

from .factories import InstrumentFactory, maak_profiel

# --- pure ------------------------------------------------------------------------------------

FIN = matching.Bereik("financien", "Financiën", 1, 3)
GGZ = matching.Bereik("geestelijke_gezondheid", "Geestelijke gezondheid", 1, 3, vertrouwelijk=True)


def _instrument(i=1, **kw):
    return matching.InstrumentFeiten(id=i, naam=kw.pop("naam", f"Instrument {i}"), **kw)


def test_lage_score_binnen_bereik_met_reden():
    persoon = matching.PersoonFeiten(trede=2, scores={"financien": 2})
    s = matching.beoordeel_instrument(persoon, _instrument(bereiken=(FIN,), trede_tot=4))
    assert isinstance(s, matching.Suggestie)
    assert s.redenen == [
        "Financiën: niveau 2 (niet zelfredzaam), dit instrument is voor niveau 1 tot en met 3",
        "staat op trede 2; dit instrument is voor trede 1 tot en met 4",
    ]
    assert s.score == 4 * matching.PUNTEN_PER_NIVEAU + matching.PUNTEN_TREDE


def test_lager_niveau_en_belemmering_wegen_zwaarder():
    laag = matching.PersoonFeiten(scores={"financien": 1}, belemmeringen={"financien": True})
    midden = matching.PersoonFeiten(scores={"financien": 3})
    s_laag = matching.beoordeel_instrument(laag, _instrument(bereiken=(FIN,)))
    s_midden = matching.beoordeel_instrument(midden, _instrument(bereiken=(FIN,)))
    assert s_laag.score > s_midden.score
    assert "actieve belemmering op Financiën die werk nu blokkeert" in s_laag.redenen


@pytest.mark.parametrize(
    ("persoon", "instrument", "reden"),
    [
        (
            matching.PersoonFeiten(trede=6),
            _instrument(trede_van=1, trede_tot=3, bereiken=(FIN,)),
            "staat op trede 6; dit instrument is voor trede 1 tot en met 3",
        ),
        (
            matching.PersoonFeiten(scores={"financien": 5}),
            _instrument(bereiken=(FIN,)),
            "Financiën: niveau 5; dit instrument is voor niveau 1 tot en met 3",
        ),
        (
            matching.PersoonFeiten(leeftijd=24, scores={"financien": 2}),
            _instrument(minimum_leeftijd=27, bereiken=(FIN,)),
            "pas vanaf 27 jaar (nu 24 jaar)",
        ),
        (
            matching.PersoonFeiten(scores={"financien": 2}, actieve_instrumenten=frozenset({1})),
            _instrument(bereiken=(FIN,)),
            "is al aangevraagd of loopt al",
        ),
    ],
)
def test_uitgesloten_met_reden(persoon, instrument, reden):
    uitkomst = matching.beoordeel_instrument(persoon, instrument)
    assert uitkomst == matching.Uitsluiting(instrument, reden)


def test_certificaat_dat_ontbreekt_voor_kansrijk_beroep():
    persoon = matching.PersoonFeiten(
        ontbrekende_certificaten={"vca": ("Bouwplaatsmedewerker",)}, certificaten=frozenset()
    )
    s = matching.beoordeel_instrument(
        persoon, _instrument(certificaten=("vca",)), certificaat_namen={"vca": "VCA (veiligheid)"}
    )
    assert s.redenen == ["levert VCA (veiligheid) op, dat ontbreekt voor Bouwplaatsmedewerker"]
    # Someone who has it gets no suggestion for it.
    heeft = matching.PersoonFeiten(
        ontbrekende_certificaten={"vca": ("Bouwplaatsmedewerker",)}, certificaten={"vca"}
    )
    assert matching.beoordeel_instrument(heeft, _instrument(certificaten=("vca",))) is None


def test_zonder_reden_geen_suggestie():
    assert matching.beoordeel_instrument(matching.PersoonFeiten(trede=3), _instrument()) is None


def test_vertrouwelijk_alleen_voor_eigen_werkcoach():
    persoon = matching.PersoonFeiten(scores={"geestelijke_gezondheid": 2})
    ggz = _instrument(bereiken=(GGZ,))
    assert matching.beoordeel_instrument(persoon, ggz, met_vertrouwelijk=False) is None
    s = matching.beoordeel_instrument(persoon, ggz, met_vertrouwelijk=True)
    assert s.redenen[0].startswith("Geestelijke gezondheid: niveau 2")


def test_vol_instrument_wel_voorgesteld_als_wachtlijst():
    persoon = matching.PersoonFeiten(scores={"financien": 2})
    vol = matching.Beschikbaarheid(jaar=2026, plaatsen_over=0)
    suggesties, _ = matching.stel_voor(persoon, [_instrument(bereiken=(FIN,))], {1: vol})
    assert suggesties[0].wachtlijst
    assert suggesties[0].wachtlijst_reden == "alle plaatsen voor 2026 zijn bezet"


# --- with the database ------------------------------------------------------------------------


@pytest.fixture
def eigen_catalogus(db):
    """Only the instruments of this test (the seed catalogue switched off)."""
    Instrument.objects.update(actief=False)


@pytest.mark.django_db
def test_suggesties_voor_dossier_gerangschikt_met_redenen(eigen_catalogus, coach):
    dossier = DossierFactory(
        werkcoach=coach, werkzoekende=WerkzoekendeFactory(geboortedatum=date(1990, 1, 1))
    )
    maak_profiel(
        dossier,
        trede=3,
        scores={"financien": 1, "werk_opleiding": 3, "sociaal_netwerk": 4},
        certificaten=[],
        taalniveau="1f",
        max_fysieke_belasting="zwaar",
        uren_per_week=36,
    )
    Belemmering.objects.create(
        dossier=dossier,
        leefgebied=Leefgebied.objects.get(code="financien"),
        omschrijving="Schulden bij de energieleverancier",
        blokkeert_werk=True,
    )
    schulden = InstrumentFactory(naam="Schuldhulp proef", bereiken=[("financien", 1, 3)])
    werkplek = InstrumentFactory(naam="Werkplek proef", bereiken=[("werk_opleiding", 1, 3)])
    vca = InstrumentFactory(naam="VCA proef", certificaten=["vca"])
    InstrumentFactory(naam="Netwerk proef", bereiken=[("sociaal_netwerk", 1, 3)])
    InstrumentFactory(naam="Hoge trede", trede_van=5, trede_tot=6, bereiken=[("financien", 1, 3)])
    lopend = InstrumentFactory(naam="Loopt al", bereiken=[("financien", 1, 3)])
    services.vraag_aan(dossier=dossier, instrument=lopend, door=coach)

    uitslag = selectors.suggesties_voor(dossier=dossier, met_vertrouwelijk=True)

    assert [s.instrument.naam for s in uitslag.suggesties] == [
        "Schuldhulp proef",
        "VCA proef",
        "Werkplek proef",
    ]
    assert uitslag.suggesties[0].redenen == [
        "Financiën: niveau 1 (acute problematiek), dit instrument is voor niveau 1 tot en met 3",
        "actieve belemmering op Financiën die werk nu blokkeert",
        "staat op trede 3; dit instrument is voor trede 1 tot en met 6",
    ]
    # Bouwplaatsmedewerker (kansrijk) asks VCA and nothing else this person lacks.
    assert (
        uitslag.suggesties[1]
        .redenen[0]
        .startswith("levert VCA (veiligheid) op, dat ontbreekt voor Bouwplaatsmedewerker")
    )
    assert {u.instrument.naam: u.reden for u in uitslag.uitgesloten} == {
        "Hoge trede": "staat op trede 3; dit instrument is voor trede 5 tot en met 6",
        "Loopt al": "is al aangevraagd of loopt al",
        "Netwerk proef": "Sociaal netwerk: niveau 4; dit instrument is voor niveau 1 tot en met 3",
    }
    assert schulden.pk not in {s.instrument.id for s in uitslag.uitgesloten}
    assert werkplek.pk and vca.pk


@pytest.mark.django_db
def test_budget_op_toont_wachtlijst(eigen_catalogus, coach, persoon_dossier):
    maak_profiel(persoon_dossier, scores={"financien": 2})
    instrument = InstrumentFactory(
        naam="Bijna op", kosten_per_deelnemer="500.00", bereiken=[("financien", 1, 3)]
    )
    jaar = date.today().year
    InstrumentJaar.objects.create(
        instrument=instrument, jaar=jaar, budget=Decimal("800.00"), besteed=Decimal("400.00")
    )
    [s] = selectors.suggesties_voor(dossier=persoon_dossier, met_vertrouwelijk=False).suggesties
    assert (s.wachtlijst, s.wachtlijst_reden) == (True, f"het budget voor {jaar} is op")


@pytest.mark.django_db
def test_teamleider_ziet_geen_vertrouwelijke_suggestie(eigen_catalogus, coach, persoon_dossier):
    maak_profiel(persoon_dossier, scores={"geestelijke_gezondheid": 2, "financien": 2})
    InstrumentFactory(naam="GGZ proef", bereiken=[("geestelijke_gezondheid", 1, 3)])
    InstrumentFactory(naam="Schuld proef", bereiken=[("financien", 1, 3)])
    alleen = selectors.suggesties_voor(dossier=persoon_dossier, met_vertrouwelijk=False)
    assert [s.instrument.naam for s in alleen.suggesties] == ["Schuld proef"]
    alle = selectors.suggesties_voor(dossier=persoon_dossier, met_vertrouwelijk=True)
    assert {s.instrument.naam for s in alle.suggesties} == {"GGZ proef", "Schuld proef"}


@pytest.mark.django_db
def test_kandidaten_in_eigen_caseload(eigen_catalogus, coach):
    instrument = InstrumentFactory(
        naam="Werkplek", trede_van=2, trede_tot=4, bereiken=[("werk_opleiding", 1, 3)]
    )
    past = DossierFactory(werkcoach=coach, werkzoekende__achternaam="Aalders")
    maak_profiel(past, trede=3, scores={"werk_opleiding": 2})
    te_hoog = DossierFactory(werkcoach=coach)
    maak_profiel(te_hoog, trede=6, scores={"werk_opleiding": 2})
    niveau_goed = DossierFactory(werkcoach=coach)
    maak_profiel(niveau_goed, trede=3, scores={"werk_opleiding": 5})
    DossierFactory(werkcoach=coach)  # no profile
    loopt = DossierFactory(werkcoach=coach)
    maak_profiel(loopt, trede=3, scores={"werk_opleiding": 1})
    services.vraag_aan(dossier=loopt, instrument=instrument, door=coach)
    ander = DossierFactory(werkcoach=UserFactory(rol=Rol.WERKCONSULENT))
    maak_profiel(ander, trede=3, scores={"werk_opleiding": 2})

    pagina = selectors.kandidaten_pagina(instrument=instrument, user=coach)

    assert [k.dossier.pk for k in pagina.object_list] == [past.pk]
    assert pagina.object_list[0].redenen[0] == (
        "Werk & Opleiding: niveau 2 (niet zelfredzaam), dit instrument is voor niveau 1 tot en "
        "met 3"
    )
