"""Every hour rule of the werkweekagenda as a pure function (werkloont/uren.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from werkloont import uren

MA = datetime.date(2026, 3, 2)
NORMEN = uren.Normen(geldig_vanaf=datetime.date(2019, 1, 1))
WERKLOONT = uren.TrajectInfo(
    soort="werkloont", startdatum=MA, einddatum=MA + datetime.timedelta(weeks=15, days=-1)
)
IDM = uren.TrajectInfo(soort="iedereen_doet_mee", startdatum=MA, einddatum=None)


def regels(gepland, totaal=None, traject=None, normen=NORMEN, feestdagen=(), ma=MA):
    totaal = sum(gepland.values()) if totaal is None else totaal
    uit = uren.beoordeel_week(
        ma=ma, gepland=gepland, totaal=totaal, normen=normen, traject=traject, feestdagen=feestdagen
    )
    return {r.sleutel: r for r in uit}


def test_werkloont_werk_16_and_training_12_are_minima():
    r = regels({"werk": 16 * 60, "training": 12 * 60}, traject=WERKLOONT)
    assert (r["werk"].norm, r["werk"].soort, r["werk"].status) == (960, "minimum", "ok")
    assert (r["training"].norm, r["training"].status) == (720, "ok")

    r = regels({"werk": 16 * 60 - 1, "training": 11 * 60}, traject=WERKLOONT)
    assert r["werk"].status == "onder" and r["werk"].is_signaal
    assert r["training"].status == "onder"
    assert r["training"].uitleg == "1 uur te weinig: de norm is minstens 12 uur"


def test_werkloont_more_than_the_minimum_is_fine_but_over_32_is_flagged():
    r = regels({"werk": 24 * 60, "training": 12 * 60}, traject=WERKLOONT)
    assert r["werk"].status == "ok" and r["training"].status == "ok"
    assert r["richting"].status == "boven"
    assert r["richting"].uitleg == "4 uur boven de richting van 32 uur per week"
    assert not r["richting"].is_signaal  # a direction is shown, never a weekly signal


def test_direction_32_is_never_below_norm():
    r = regels({"overig": 60})
    assert set(r) == {"richting"}
    assert r["richting"].status == "ok" and r["richting"].norm == 32 * 60


def test_idm_default_maximum_20():
    assert regels({"idm": 20 * 60}, traject=IDM)["idm"].status == "ok"
    r = regels({"idm": 21 * 60}, traject=IDM)["idm"]
    assert (r.soort, r.status) == ("maximum", "boven")
    assert regels({"idm": 4 * 60}, traject=IDM)["idm"].status == "ok"
    # up to 20 hours, but nothing planned at all is flagged
    leeg = regels({}, traject=IDM)["idm"]
    assert leeg.status == "onder" and leeg.is_signaal


def test_idm_default_as_minimum_when_configured_so():
    minimum = uren.Normen(geldig_vanaf=datetime.date(2019, 1, 1), idm_soort="minimum")
    assert regels({"idm": 19 * 60}, traject=IDM, normen=minimum)["idm"].status == "onder"
    assert regels({"idm": 30 * 60}, traject=IDM, normen=minimum)["idm"].status == "ok"


def test_personal_norm_naar_vermogen_is_a_target_both_ways():
    persoonlijk = uren.TrajectInfo(
        soort="iedereen_doet_mee", startdatum=MA, einddatum=None, persoonlijke_norm=Decimal("8")
    )
    assert regels({"idm": 8 * 60}, traject=persoonlijk)["idm"].status == "ok"
    assert regels({"idm": 6 * 60}, traject=persoonlijk)["idm"].status == "onder"
    boven = regels({"idm": 10 * 60}, traject=persoonlijk)["idm"]
    assert (boven.soort, boven.status) == ("doel", "boven")
    assert boven.uitleg == "2 uur meer dan de persoonlijke norm van 8 uur"


def test_norms_are_pro_rata_for_public_holidays():
    koningsdag_week = datetime.date(2026, 4, 27)  # monday 27 April 2026 is Koningsdag
    traject = uren.TrajectInfo(
        soort="werkloont", startdatum=datetime.date(2026, 4, 1), einddatum=None
    )
    r = regels(
        {"werk": 13 * 60, "training": 10 * 60},
        traject=traject,
        feestdagen=[koningsdag_week],
        ma=koningsdag_week,
    )
    assert r["werk"].norm == round(16 * 60 * 4 / 5)  # 768 minutes = 12,8 hours
    assert r["werk"].status == "ok"
    assert r["training"].norm == round(12 * 60 * 4 / 5)
    assert r["richting"].norm == round(32 * 60 * 4 / 5)


def test_norms_are_pro_rata_for_a_partial_first_week():
    woensdag = MA + datetime.timedelta(days=2)
    traject = uren.TrajectInfo(soort="werkloont", startdatum=woensdag, einddatum=None)
    r = regels({"werk": 0, "training": 0}, traject=traject)
    assert r["werk"].norm == round(960 * 3 / 5)


@pytest.mark.parametrize(
    "minuten,tekst", [(960, "16 uur"), (90, "1,5 uur"), (0, "0 uur"), (45, "0,75 uur")]
)
def test_hours_in_dutch(minuten, tekst):
    assert uren.uren_tekst(minuten) == tekst


def test_dates_in_dutch():
    assert uren.datum_nl(datetime.date(2026, 4, 27)) == "maandag 27 april 2026"
    assert uren.maandag(datetime.date(2026, 3, 8)) == MA
    assert uren.minuten(Decimal("2.5")) == 150
