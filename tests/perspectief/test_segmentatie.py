"""The proposed segment and route: every rule and its reasons (pure, no database)."""

import pytest

from perspectief.segmentatie import SEGMENT_ROUTE, Drempels, stel_segment_voor

CODES = [f"g{i}" for i in range(13)]


def scores(basis=4, **afw):
    uit = dict.fromkeys(CODES, basis)
    uit.update(afw)
    return uit


def voorstel(**kw):
    standaard = {"scores": scores(), "trede": 4, "blokkerende_belemmeringen": 0, "beste_fit": 85}
    standaard.update(kw)
    return stel_segment_voor(**standaard)


def test_no_measurement_is_onbepaald():
    v = stel_segment_voor(scores={}, trede=None, blokkerende_belemmeringen=0, beste_fit=90)
    assert (v.segment, v.route) == ("onbepaald", "onbepaald")
    assert v.redenen == ("Er is nog geen meting met scores en trede.",)


def test_kansrijk_needs_trede_no_barrier_no_low_domain_and_a_fit():
    v = voorstel()
    assert (v.segment, v.route) == ("kansrijk", "kansrijk")
    assert "Er is een passend beroep (score 85)." in v.redenen


@pytest.mark.parametrize(
    "afwijking,reden",
    [
        ({"trede": 3}, "Nog geen trede 4 of hoger."),
        ({"blokkerende_belemmeringen": 1}, "1 belemmering(en) die werk nu blokkeren"),
        ({"scores": scores(g0=2)}, "Leefgebieden op 1 of 2: Financiën."),
        ({"beste_fit": 65}, "Nog geen beroep met een score van 70 of hoger."),
    ],
)
def test_one_missing_condition_gives_grotere_afstand(afwijking, reden):
    v = voorstel(namen={"g0": "Financiën"}, **afwijking)
    assert (v.segment, v.route) == ("grotere_afstand", "intensief")
    assert any(r.startswith(reden) for r in v.redenen), v.redenen


def test_three_acute_domains_give_geen_arbeid_with_names():
    v = voorstel(scores=scores(g0=1, g1=1, g2=1), namen={"g0": "Financiën", "g1": "Wonen"})
    assert (v.segment, v.route) == ("geen_arbeid", "geen_arbeid")
    assert v.redenen == ("3 leefgebieden met acute problematiek: Financiën, Wonen, g2.",)


def test_low_trede_and_low_average_give_geen_arbeid():
    v = voorstel(scores=scores(2), trede=2)
    assert v.segment == "geen_arbeid"
    assert "gemiddelde score van 2,0" in v.redenen[0]


@pytest.mark.parametrize(
    "afwijking,tekst",
    [
        ({"trede": 2, "scores": scores(3)}, "Trede 2 op de participatieladder"),
        ({"beste_fit": 40}, "Geen beroep past nog goed (beste score 40)."),
        ({"beste_fit": None}, "Er zijn geen beroepen in het uitstroomperspectief."),
    ],
)
def test_ontdekken(afwijking, tekst):
    v = voorstel(**afwijking)
    assert (v.segment, v.route) == ("ontdekken", "ontdekken")
    assert v.redenen[0].startswith(tekst)


def test_thresholds_are_parameters():
    streng = Drempels(kansrijk_min_fit=90)
    assert voorstel(drempels=streng).segment == "grotere_afstand"
    assert voorstel().segment == "kansrijk"


def test_every_segment_proposes_a_hub_route():
    from bijstand.dossiers.models import Route
    from perspectief.models import Segment

    assert set(SEGMENT_ROUTE) == set(Segment.values)
    assert set(SEGMENT_ROUTE.values()) <= set(Route.values)
