"""Uitstroomperspectief: occupations ranked by fit over the Profiel, with gaps and pluspunten;
the selectors other apps use (profiel_kandidaat, uitstroomperspectief, laatste_metingen)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perspectief import selectors
from perspectief.matching import Gat, Kandidaat
from perspectief.models import Beroep, Profiel
from perspectief.services import leg_belemmeringen_vast, registreer_meting, werk_profiel_bij
from tests.factories import DossierFactory
from tests.perspectief.factories import alle_scores, meet

pytestmark = pytest.mark.django_db


def test_profiel_kandidaat_copies_every_matching_fact(dossier, werkcoach):
    profiel = werk_profiel_bij(
        dossier=dossier,
        door=werkcoach,
        certificaten=["vca"],
        rijbewijzen=["B"],
        taalniveau="1f",
        max_fysieke_belasting="licht",
        uren_per_week=20,
        beroepen_ervaring=["9112"],
        gewenste_beroepen=["5120"],
    )
    profiel.blokkerende_belemmeringen = 2
    assert selectors.profiel_kandidaat(profiel) == Kandidaat(
        certificaten=frozenset({"vca"}),
        rijbewijzen=frozenset({"B"}),
        taalniveau="1f",
        max_fysieke_belasting="licht",
        uren_per_week=20,
        beroepen_ervaring=frozenset({"9112"}),
        gewenste_beroepen=frozenset({"5120"}),
        blokkerende_belemmeringen=2,
    )
    assert selectors.profiel_kandidaat(None) == Kandidaat()


def test_ranked_by_fit_with_gaps_explained(dossier, werkcoach):
    werk_profiel_bij(
        dossier=dossier,
        door=werkcoach,
        taalniveau="onder_1f",
        uren_per_week=36,
        rijbewijzen=["B"],
        beroepen_ervaring=["9112"],
    )
    fits = selectors.uitstroomperspectief(dossier=dossier)
    namen = [f.beroep.naam for f in fits]
    assert len(fits) == Beroep.objects.filter(actief=True, in_uitstroomperspectief=True).count()
    assert [f.score for f in fits] == sorted((f.score for f in fits), reverse=True)
    schoonmaker = fits[namen.index("Schoonmaker")]
    assert schoonmaker.past and schoonmaker.score == 100
    assert schoonmaker.pluspunten == ["heeft ervaring in dit beroep"]
    chauffeur = fits[namen.index("Vrachtwagenchauffeur")]
    assert chauffeur.tekorten == [
        "mist Code 95 (vakbekwaamheid chauffeur)",
        "rijbewijs C nodig",
        "taalniveau 1F nodig, nu onder 1F",
    ]
    bouw = fits[namen.index("Bouwplaatsmedewerker")]
    assert bouw.tekorten == ["mist VCA (veiligheid)"]
    assert bouw.fit.gaten == [Gat("certificaat", "vca")]


def test_blocking_barrier_costs_every_occupation(dossier, werkcoach):
    werk_profiel_bij(dossier=dossier, door=werkcoach, taalniveau="2f", uren_per_week=40)
    voor = {f.beroep.pk: f.score for f in selectors.uitstroomperspectief(dossier=dossier)}
    leg_belemmeringen_vast(
        dossier=dossier,
        belemmeringen=[
            {"leefgebied": "financien", "omschrijving": "Schulden", "blokkeert_werk": 1}
        ],
        door=werkcoach,
    )
    na = selectors.uitstroomperspectief(dossier=dossier)
    assert all("eerst een belemmering oplossen die werk nu blokkeert" in f.tekorten for f in na)
    assert all(f.score == max(0, voor[f.beroep.pk] - 30) for f in na)


def test_switched_off_or_inactive_occupations_are_not_ranked(dossier):
    Beroep.objects.filter(naam="Kok").update(in_uitstroomperspectief=False)
    Beroep.objects.filter(naam="Keukenhulp").update(actief=False)
    namen = {f.beroep.naam for f in selectors.uitstroomperspectief(dossier=dossier)}
    assert "Kok" not in namen and "Keukenhulp" not in namen and "Schoonmaker" in namen


def test_uitstroomperspectief_takes_two_queries(dossier, werkcoach):
    werk_profiel_bij(dossier=dossier, door=werkcoach, uren_per_week=20)
    with CaptureQueriesContext(connection) as ctx:
        selectors.uitstroomperspectief(dossier=dossier)
    assert len(ctx.captured_queries) == 2


def test_rangschik_alle_streams_every_profile(werkcoach):
    dossiers = [DossierFactory(werkcoach=werkcoach) for _ in range(3)]
    for i, d in enumerate(dossiers):
        werk_profiel_bij(dossier=d, door=werkcoach, uren_per_week=8 * i, taalniveau="2f")
    with CaptureQueriesContext(connection) as ctx:
        uitkomst = dict(selectors.rangschik_alle(top=2))
    assert set(uitkomst) == {d.pk for d in dossiers}
    assert all(len(fits) == 2 for fits in uitkomst.values())
    assert len(ctx.captured_queries) == 2


def test_laatste_metingen_in_bulk(werkcoach):
    a, b, c = (DossierFactory(werkcoach=werkcoach) for _ in range(3))
    meet(a, werkcoach, score=3, trede=2)
    registreer_meting(
        dossier=a,
        bron="werkcoach",
        scores=alle_scores(4, middelengebruik=(1, "Verslaving")),
        trede=4,
        door=werkcoach,
        datum=datetime.date.today(),
    )
    registreer_meting(
        dossier=a, bron="zelfbeoordeling", scores={"financien": (5, "")}, trede=None, door=None
    )
    meet(b, werkcoach, score=2, trede=1)
    with CaptureQueriesContext(connection) as ctx:
        uit = selectors.laatste_metingen(dossier_ids=[a.pk, b.pk, c.pk])
    assert len(ctx.captured_queries) == 2
    assert set(uit) == {a.pk, b.pk}
    assert uit[a.pk].trede == 4 and uit[a.pk].bron == "werkcoach"
    assert "middelengebruik" not in uit[a.pk].scores  # confidential only on request
    assert uit[a.pk].scores["financien"] == 4  # not the self-assessment
    volledig = selectors.laatste_metingen(dossier_ids=[a.pk], vertrouwelijk=True)
    assert volledig[a.pk].scores["middelengebruik"] == 1
    assert len(volledig[a.pk].scores) == 13


def test_ervaring_names_occupations_by_isco(dossier, werkcoach):
    profiel = werk_profiel_bij(
        dossier=dossier,
        door=werkcoach,
        beroepen_ervaring=["9112", "0000"],
        gewenste_beroepen=["5120"],
    )
    ervaring = selectors.ervaring_van(profiel)
    assert [b.naam for b in ervaring.beroepen] == ["Schoonmaker"]
    assert [b.naam for b in ervaring.gewenst] == ["Kok"]
    assert selectors.ervaring_van(None).beroepen == []


@pytest.mark.parametrize(
    "gat,tekst",
    [
        (Gat("certificaat", "vca"), "U heeft nog geen diploma of certificaat: VCA (veiligheid)."),
        (Gat("rijbewijs", "C"), "U heeft rijbewijs C nodig."),
        (
            Gat("taal", "1f", "onder_1f"),
            "U moet beter Nederlands leren. Voor dit werk is niveau 1F nodig.",
        ),
        (Gat("fysiek", "zwaar", "licht"), "Dit werk is zwaar voor uw lichaam."),
        (
            Gat("uren", "32", "20"),
            "Voor dit werk moet u minstens 32 uur per week werken. Nu kunt u 20 uur.",
        ),
        (
            Gat("belemmering", "", "1"),
            "Eerst moet een probleem worden opgelost. Uw werkcoach helpt u daarbij.",
        ),
    ],
)
def test_gaps_in_plain_words(gat, tekst):
    assert selectors.tekort_in_b1(gat) == tekst


def test_profile_row_exists_after_measurement(dossier, werkcoach):
    meet(dossier, werkcoach, score=4, trede=5)
    profiel = Profiel.objects.get(dossier=dossier)
    voorstel = selectors.segment_voorstel(
        profiel=profiel, fits=selectors.uitstroomperspectief(dossier=dossier, profiel=profiel)
    )
    assert voorstel.segment in {"kansrijk", "grotere_afstand"}
