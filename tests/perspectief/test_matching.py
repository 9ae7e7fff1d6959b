from perspectief.matching import Eisen, Kandidaat, beoordeel

CHAUFFEUR = Eisen(
    isco_code="8332",
    certificaten=("code95",),
    rijbewijzen=("C",),
    taalniveau="1f",
    fysieke_belasting="middel",
    uren_per_week_min=32,
)


def test_every_gap_is_explained():
    fit = beoordeel(
        Kandidaat(taalniveau="onder_1f", uren_per_week=20, rijbewijzen=frozenset({"B"})),
        CHAUFFEUR,
        {"code95": "Code 95"},
    )
    assert fit.tekorten == [
        "mist Code 95",
        "rijbewijs C nodig",
        "taalniveau 1F nodig, nu onder 1F",
        "minimaal 32 uur per week, nu 20 uur",
    ]
    assert fit.score == 100 - 20 - 20 - 15 - 10
    assert fit.ontbrekende_certificaten == ["code95"] and not fit.past


def test_full_fit_with_experience_is_capped_at_100():
    fit = beoordeel(
        Kandidaat(
            certificaten=frozenset({"code95"}),
            rijbewijzen=frozenset({"C", "B"}),
            taalniveau="2f",
            uren_per_week=36,
            beroepen_ervaring=frozenset({"8332"}),
        ),
        CHAUFFEUR,
    )
    assert fit.past and fit.score == 100 and fit.pluspunten == ["heeft ervaring in dit beroep"]


def test_physical_limit_and_blocking_barrier():
    fit = beoordeel(
        Kandidaat(max_fysieke_belasting="licht", blokkerende_belemmeringen=1, taalniveau="2f"),
        Eisen(fysieke_belasting="zwaar"),
    )
    assert fit.tekorten == [
        "werk is zwaar, kan maximaal licht",
        "eerst een belemmering oplossen die werk nu blokkeert",
    ]
    assert fit.score == 45


def test_every_gap_has_a_structured_twin_in_the_same_order():
    from perspectief.matching import Gat

    fit = beoordeel(
        Kandidaat(
            taalniveau="onder_1f",
            uren_per_week=20,
            max_fysieke_belasting="licht",
            blokkerende_belemmeringen=2,
        ),
        CHAUFFEUR,
    )
    assert fit.gaten == [
        Gat("certificaat", "code95"),
        Gat("rijbewijs", "C"),
        Gat("taal", "1f", "onder_1f"),
        Gat("fysiek", "middel", "licht"),
        Gat("uren", "32", "20"),
        Gat("belemmering", "", "2"),
    ]
    assert len(fit.gaten) == len(fit.tekorten)
