"""Matching a vacancy against all profiles: explanations, ranking, prefilter, one query."""

from __future__ import annotations

import random

import pytest

from bijstand.dossiers.models import DossierStatus
from perspectief.matching import beoordeel
from perspectief.referentie import CERTIFICATEN
from tests.factories import DossierFactory
from vacatures.matching import DREMPEL, eisen_van, kandidaat_van, match_vacature
from vacatures.models import Plaatsing, Voordracht

from .factories import ProfielFactory, VacatureFactory

pytestmark = pytest.mark.django_db


def _ids(matches):
    return [m.dossier_id for m in matches]


def test_ranking_and_explanations(werkcoach):
    vacature = VacatureFactory()  # kok: haccp, 1F, middel, >= 24 h; ISCO 5120
    ervaren = ProfielFactory(
        dossier=DossierFactory(werkcoach=werkcoach), beroepen_ervaring=["5120"]
    )
    past = ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach))
    mist_haccp = ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach), certificaten=[])
    te_weinig_taal = ProfielFactory(
        dossier=DossierFactory(werkcoach=werkcoach), taalniveau="onder_1f", uren_per_week=16
    )

    matches = match_vacature(vacature)

    assert _ids(matches) == [
        ervaren.dossier_id,
        past.dossier_id,
        mist_haccp.dossier_id,
        te_weinig_taal.dossier_id,
    ]
    fits = {m.dossier_id: m.fit for m in matches}
    assert fits[ervaren.dossier_id].pluspunten == ["heeft ervaring in dit beroep"]
    assert fits[ervaren.dossier_id].score == 100
    assert fits[past.dossier_id].past and fits[past.dossier_id].score == 100
    assert fits[mist_haccp.dossier_id].tekorten == ["mist HACCP / hygiënecode"]
    assert fits[mist_haccp.dossier_id].score == 80
    assert fits[te_weinig_taal.dossier_id].tekorten == [
        "taalniveau 1F nodig, nu onder 1F",
        "minimaal 24 uur per week, nu 16 uur",
    ]
    assert fits[te_weinig_taal.dossier_id].score == 75


def test_below_threshold_and_prefiltered_profiles_are_left_out(werkcoach):
    vacature = VacatureFactory(certificaten=["haccp", "bhv"], rijbewijzen=["B"])
    ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach), certificaten=["haccp", "bhv"],
                   rijbewijzen=["B"])  # fmt: skip
    # 100 - 20 - 20 - 20 = 40 < DREMPEL
    ver_weg = ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach), certificaten=[])
    geen_arbeid = ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach), segment="geen_arbeid")
    geblokkeerd = ProfielFactory(
        dossier=DossierFactory(werkcoach=werkcoach), blokkerende_belemmeringen=1
    )
    te_zwaar = ProfielFactory(
        dossier=DossierFactory(werkcoach=werkcoach), max_fysieke_belasting="licht"
    )
    geen_uren = ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach), uren_per_week=0)
    beeindigd = ProfielFactory(
        dossier=DossierFactory(
            werkcoach=werkcoach, status=DossierStatus.BEEINDIGD, beeindigingsreden="werk"
        )
    )
    ids = _ids(match_vacature(vacature))
    assert len(ids) == 1
    for weg in (ver_weg, geen_arbeid, geblokkeerd, te_zwaar, geen_uren, beeindigd):
        assert weg.dossier_id not in ids
    assert beoordeel(kandidaat_van(ver_weg), eisen_van(vacature), CERTIFICATEN).score < DREMPEL


def test_placed_people_are_not_matched_again(werkcoach, kandidaat):
    vacature = VacatureFactory()
    andere = VacatureFactory()
    voordracht = Voordracht.objects.create(
        vacature=andere, dossier=kandidaat, score=100, status="geplaatst"
    )
    Plaatsing.objects.create(
        voordracht=voordracht, vacature=andere, dossier=kandidaat,
        startdatum="2026-01-01", contracturen=32,
    )  # fmt: skip
    assert kandidaat.pk not in _ids(match_vacature(vacature))


def test_memo_gives_the_same_fit_as_scoring_every_row(werkcoach):
    """Identical profiles are scored once per call: the result must equal row-by-row."""
    rng = random.Random(5)
    vacature = VacatureFactory(rijbewijzen=["B"], uren_per_week_min=32)
    for _ in range(40):
        ProfielFactory(
            dossier=DossierFactory(werkcoach=werkcoach),
            certificaten=rng.sample(["haccp", "vca", "bhv"], rng.randint(0, 2)),
            rijbewijzen=rng.choice([[], ["B"]]),
            taalniveau=rng.choice(["onder_1f", "1f", "2f"]),
            uren_per_week=rng.choice([16, 24, 32]),
            beroepen_ervaring=rng.choice([[], ["5120"], ["9412"]]),
            gewenste_beroepen=rng.choice([[], ["5120"]]),
        )
    matches = match_vacature(vacature)
    from perspectief.models import Profiel

    eisen = eisen_van(vacature)
    verwacht = sorted(
        (
            (p.dossier_id, beoordeel(kandidaat_van(p), eisen, CERTIFICATEN))
            for p in Profiel.objects.all()
        ),
        key=lambda t: (-t[1].score, t[0]),
    )
    verwacht = [(d, f) for d, f in verwacht if f.score >= DREMPEL]
    assert [(m.dossier_id, m.fit) for m in matches] == verwacht
    assert len(matches) > 5


@pytest.mark.parametrize("aantal", [1, 30])
def test_one_query_whatever_the_number_of_profiles(werkcoach, aantal, django_assert_num_queries):
    vacature = VacatureFactory()
    for _ in range(aantal):
        ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach))
    vacature = type(vacature).objects.select_related("beroep").get(pk=vacature.pk)
    with django_assert_num_queries(1):
        assert len(match_vacature(vacature)) == aantal
