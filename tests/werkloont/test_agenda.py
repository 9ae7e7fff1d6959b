"""The werkweekagenda: single and weekly activities, Dutch public holidays, no overlap, at most
24 hours a day, presence and the week lock (service messages and database guards)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from werkloont import selectors, services
from werkloont.models import (
    Aanwezigheid,
    Afspraak,
    AfspraakStatus,
    Urennorm,
    Weekafsluiting,
)

from .conftest import MA, VANDAAG

pytestmark = pytest.mark.django_db
T = datetime.time


def plan(wl, **kwargs):
    kwargs.setdefault("titel", "Activiteit")
    kwargs.setdefault("soort", "overig")
    kwargs.setdefault("startdatum", MA)
    return services.plan_activiteit(dossier=wl["dossier"], door=wl["werkcoach"], **kwargs)


def fout(exc) -> dict:
    return exc.value.message_dict


# --- single and weekly, holidays ------------------------------------------------------------------


def test_weekly_activity_has_an_occurrence_per_chosen_day(wl, klok):
    activiteit = plan(
        wl,
        herhaling="wekelijks",
        weekdagen=[0, 2],
        einddatum=MA + datetime.timedelta(days=13),
        begintijd=T(9),
        eindtijd=T(12, 30),
        locatie="Buurthuis De Middelburg",
        verantwoordelijke="Fatima el Idrissi",
    )
    datums = list(activiteit.afspraken.values_list("datum", flat=True))
    assert datums == [
        MA,
        MA + datetime.timedelta(2),
        MA + datetime.timedelta(7),
        MA + datetime.timedelta(9),
    ]
    assert set(activiteit.afspraken.values_list("minuten", flat=True)) == {210}


def test_weekly_activity_skips_public_holidays_and_shows_them(wl, klok):
    # mondays 20 April - 4 May 2026: 27 April is Koningsdag
    activiteit = plan(
        wl,
        herhaling="wekelijks",
        weekdagen=[0],
        startdatum=datetime.date(2026, 4, 20),
        einddatum=datetime.date(2026, 5, 4),
        begintijd=T(9),
        eindtijd=T(12),
    )
    rijen = {a.datum: a for a in activiteit.afspraken.all()}
    koningsdag = rijen[datetime.date(2026, 4, 27)]
    assert (koningsdag.status, koningsdag.feestdag) == (AfspraakStatus.FEESTDAG, "Koningsdag")
    assert rijen[datetime.date(2026, 4, 20)].status == AfspraakStatus.GEPLAND
    week = selectors.week_van(
        dossier=wl["dossier"], ma=datetime.date(2026, 4, 27), toon_vertrouwelijk=True
    )
    assert week.gepland == 0  # a holiday occurrence does not count
    assert week.dagen[0].feestdag == "Koningsdag"


def test_a_single_activity_on_a_holiday_is_kept(wl, klok):
    activiteit = plan(wl, startdatum=datetime.date(2026, 4, 27), begintijd=T(10), eindtijd=T(11))
    assert activiteit.afspraken.get().status == AfspraakStatus.GEPLAND


def test_input_rules(wl, klok):
    with pytest.raises(ValidationError) as e:
        plan(wl, herhaling="wekelijks", weekdagen=[], begintijd=T(9), eindtijd=T(10))
    assert set(fout(e)) == {"weekdagen", "einddatum"}
    with pytest.raises(ValidationError) as e:
        plan(wl, begintijd=T(10), eindtijd=T(9))
    assert fout(e)["eindtijd"] == [
        "De eindtijd ligt niet na de begintijd. Een activiteit eindigt op dezelfde dag."
    ]
    with pytest.raises(ValidationError) as e:
        plan(wl, begintijd=T(10))
    assert "eindtijd" in fout(e)
    with pytest.raises(ValidationError) as e:
        plan(wl)
    assert fout(e)["minuten"] == [
        "Vul een begin- en eindtijd in, of het aantal uren zonder vaste tijd."
    ]
    with pytest.raises(ValidationError) as e:
        plan(
            wl,
            herhaling="wekelijks",
            weekdagen=[1],
            einddatum=MA + datetime.timedelta(days=400),
            minuten=60,
        )
    assert "hoogstens een jaar" in fout(e)["einddatum"][0]


# --- overlap and 24 hours -------------------------------------------------------------------------


def test_overlapping_activities_are_refused(wl, klok):
    plan(wl, titel="Taalles", begintijd=T(9), eindtijd=T(12))
    with pytest.raises(ValidationError) as e:
        plan(wl, titel="Groenonderhoud", begintijd=T(11, 30), eindtijd=T(14))
    assert fout(e)["begintijd"] == [
        "Dit overlapt met 'Taalles' op maandag 2 maart 2026 van 09:00 tot 12:00. "
        "Kies een andere tijd."
    ]
    plan(wl, titel="Aansluitend", begintijd=T(12), eindtijd=T(13))  # touching is fine
    assert Afspraak.objects.filter(dossier=wl["dossier"]).count() == 2


def test_a_weekly_activity_overlapping_in_a_later_week_is_refused_entirely(wl, klok):
    plan(wl, titel="Afspraak werkcoach", startdatum=MA + datetime.timedelta(weeks=2),
         begintijd=T(10), eindtijd=T(11))  # fmt: skip
    with pytest.raises(ValidationError):
        plan(
            wl,
            herhaling="wekelijks",
            weekdagen=[0],
            einddatum=MA + datetime.timedelta(weeks=4),
            begintijd=T(9),
            eindtijd=T(13),
        )
    assert Afspraak.objects.filter(dossier=wl["dossier"]).count() == 1


def test_overlap_with_a_cancelled_occurrence_does_not_count(wl, klok):
    eerste = plan(wl, titel="Eerste", begintijd=T(9), eindtijd=T(12))
    services.annuleer_afspraak(afspraak=eerste.afspraken.get(), reden="Docent ziek", door=None)
    tweede = plan(wl, titel="Tweede", begintijd=T(9), eindtijd=T(12)).afspraken.get()
    assert tweede.status == AfspraakStatus.GEPLAND
    assert selectors.week_van(dossier=wl["dossier"], ma=MA, toon_vertrouwelijk=True).gepland == 180


KONINGSDAG = datetime.date(2026, 4, 27)  # a monday


def test_overlap_with_a_holiday_occurrence_does_not_count(wl, klok):
    # a weekly activity on mondays 20 April - 4 May: its occurrence on Koningsdag lapses
    wekelijks = plan(
        wl,
        titel="Taalles",
        herhaling="wekelijks",
        weekdagen=[0],
        startdatum=KONINGSDAG - datetime.timedelta(weeks=1),
        einddatum=KONINGSDAG + datetime.timedelta(weeks=1),
        begintijd=T(9),
        eindtijd=T(21),
    )
    assert wekelijks.afspraken.get(datum=KONINGSDAG).status == AfspraakStatus.FEESTDAG
    # so the same hours that day are free for a single activity (service and database) ...
    koningsspelen = plan(
        wl,
        titel="Vrijwilliger Koningsspelen",
        startdatum=KONINGSDAG,
        begintijd=T(9),
        eindtijd=T(21),
    ).afspraken.get()
    assert koningsspelen.status == AfspraakStatus.GEPLAND
    # ... and count towards the day maximum, the lapsed 12 hours do not: 12 + 12 = 24 is fine
    plan(wl, titel="Huiswerk", startdatum=KONINGSDAG, minuten=12 * 60)
    # while the other mondays are taken
    with pytest.raises(ValidationError) as e:
        plan(wl, titel="Sollicitatie", startdatum=KONINGSDAG + datetime.timedelta(weeks=1),
             begintijd=T(10), eindtijd=T(11))  # fmt: skip
    assert "Dit overlapt met 'Taalles' op maandag 4 mei 2026" in fout(e)["begintijd"][0]
    week = selectors.week_van(dossier=wl["dossier"], ma=KONINGSDAG, toon_vertrouwelijk=True)
    assert week.dagen[0].feestdag == "Koningsdag"
    assert week.gepland == 24 * 60  # the single activities; not the lapsed occurrence


def test_a_holiday_occurrence_of_a_new_weekly_activity_does_not_overlap(wl, klok):
    plan(wl, titel="Vrijwilliger Koningsspelen", startdatum=KONINGSDAG, begintijd=T(9),
         eindtijd=T(17))  # fmt: skip
    wekelijks = plan(
        wl,
        titel="Taalles",
        herhaling="wekelijks",
        weekdagen=[0],
        startdatum=KONINGSDAG - datetime.timedelta(weeks=1),
        einddatum=KONINGSDAG + datetime.timedelta(weeks=1),
        begintijd=T(10),
        eindtijd=T(12),
    )
    statussen = dict(wekelijks.afspraken.values_list("datum", "status"))
    assert statussen == {
        KONINGSDAG - datetime.timedelta(weeks=1): AfspraakStatus.GEPLAND,
        KONINGSDAG: AfspraakStatus.FEESTDAG,
        KONINGSDAG + datetime.timedelta(weeks=1): AfspraakStatus.GEPLAND,
    }


def test_more_than_24_hours_on_a_day_is_refused(wl, klok):
    plan(wl, titel="Werk", begintijd=T(0), eindtijd=T(20))
    with pytest.raises(ValidationError) as e:
        plan(wl, titel="Huiswerk", minuten=5 * 60)
    assert fout(e)["minuten"] == [
        "Op maandag 2 maart 2026 staat dan 25 uur gepland. Dat is meer dan 24 uur op één dag."
    ]
    plan(wl, titel="Huiswerk", minuten=4 * 60)  # exactly 24 hours is allowed


def test_the_day_maximum_is_data(wl, klok):
    norm = Urennorm.objects.get()
    norm.max_uren_per_dag = Decimal("10")
    norm.save()
    plan(wl, titel="Werk", begintijd=T(8), eindtijd=T(16))
    with pytest.raises(ValidationError) as e:
        plan(wl, titel="Huiswerk", minuten=3 * 60)
    assert "Dat is meer dan 10 uur op één dag." in fout(e)["minuten"][0]


def test_database_refuses_overlap_too(wl, klok):
    activiteit = plan(wl, titel="Taalles", begintijd=T(9), eindtijd=T(12))
    ander = plan(
        wl, titel="Later", startdatum=MA + datetime.timedelta(1), begintijd=T(9), eindtijd=T(10)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Afspraak.objects.create(
            activiteit=ander,
            dossier=wl["dossier"],
            datum=MA,
            begintijd=T(11),
            eindtijd=T(13),
            minuten=120,
        )
    a = activiteit.afspraken.get()
    b = ander.afspraken.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Afspraak.objects.filter(pk=b.pk).update(datum=a.datum)


# --- presence -------------------------------------------------------------------------------------


def test_presence_rules(wl, klok):
    gisteren = plan(wl, titel="Gisteren", startdatum=VANDAAG - datetime.timedelta(1),
                    begintijd=T(9), eindtijd=T(13)).afspraken.get()  # fmt: skip
    morgen = plan(wl, titel="Morgen", startdatum=VANDAAG + datetime.timedelta(1),
                  begintijd=T(9), eindtijd=T(13)).afspraken.get()  # fmt: skip
    with pytest.raises(ValidationError) as e:
        services.registreer_aanwezigheid(afspraak=morgen, aanwezigheid="aanwezig", door=None)
    assert "op of na de dag zelf" in fout(e)["aanwezigheid"][0]
    with pytest.raises(ValidationError) as e:
        services.registreer_aanwezigheid(
            afspraak=gisteren, aanwezigheid="afwezig_met_reden", door=None
        )
    assert fout(e) == {"reden": ["Vul de reden van de afwezigheid in."]}
    with pytest.raises(ValidationError):
        services.registreer_aanwezigheid(
            afspraak=gisteren, aanwezigheid="aanwezig", gerealiseerde_minuten=300, door=None
        )
    a = services.registreer_aanwezigheid(
        afspraak=gisteren, aanwezigheid="aanwezig", gerealiseerde_minuten=180, door=wl["werkcoach"]
    )
    assert (a.aanwezigheid, a.gerealiseerde_minuten, a.geregistreerd_door) == (
        Aanwezigheid.AANWEZIG,
        180,
        wl["werkcoach"],
    )
    a = services.registreer_aanwezigheid(afspraak=gisteren, aanwezigheid="ziek", door=None)
    assert a.gerealiseerde_minuten == 0
    week = selectors.week_van(dossier=wl["dossier"], ma=MA, toon_vertrouwelijk=True)
    assert (week.gepland, week.gerealiseerd, week.geregistreerd_gepland) == (480, 0, 240)


def test_realised_against_planned(wl, klok):
    a = plan(wl, begintijd=T(9), eindtijd=T(13)).afspraken.get()
    services.registreer_aanwezigheid(afspraak=a, aanwezigheid="aanwezig", door=None)
    week = selectors.week_van(dossier=wl["dossier"], ma=MA, toon_vertrouwelijk=True)
    assert (week.gepland, week.gerealiseerd) == (240, 240)


# --- the week lock --------------------------------------------------------------------------------


def test_only_a_past_week_with_everything_registered_can_be_approved(wl, klok):
    a = plan(wl, begintijd=T(9), eindtijd=T(13)).afspraken.get()
    with pytest.raises(ValidationError) as e:
        services.keur_week_goed(dossier=wl["dossier"], week=MA, door=wl["werkcoach"])
    assert "pas goedkeuren als hij voorbij is" in fout(e)["week"][0]
    vorige = MA - datetime.timedelta(weeks=1)
    b = plan(wl, startdatum=vorige, begintijd=T(9), eindtijd=T(13)).afspraken.get()
    with pytest.raises(ValidationError) as e:
        services.keur_week_goed(dossier=wl["dossier"], week=vorige, door=wl["werkcoach"])
    assert fout(e)["week"] == [
        "Registreer eerst de aanwezigheid bij alle afspraken van deze week. Nog open: 1."
    ]
    services.registreer_aanwezigheid(afspraak=b, aanwezigheid="aanwezig", door=None)
    afsluiting = services.keur_week_goed(
        dossier=wl["dossier"], week=vorige + datetime.timedelta(3), door=wl["werkcoach"]
    )
    assert (afsluiting.week, afsluiting.gepland_minuten, afsluiting.gerealiseerd_minuten) == (
        vorige,
        240,
        240,
    )
    assert a.status == AfspraakStatus.GEPLAND


def test_an_approved_week_is_locked(wl, klok):
    vorige = MA - datetime.timedelta(weeks=1)
    b = plan(wl, startdatum=vorige, begintijd=T(9), eindtijd=T(13)).afspraken.get()
    services.registreer_aanwezigheid(afspraak=b, aanwezigheid="aanwezig", door=None)
    services.keur_week_goed(dossier=wl["dossier"], week=vorige, door=wl["werkcoach"])
    melding = (
        "De week van maandag 23 februari 2026 is al goedgekeurd. "
        "Daarin kan niets meer worden gewijzigd."
    )
    with pytest.raises(ValidationError) as e:
        services.registreer_aanwezigheid(afspraak=b, aanwezigheid="ziek", door=None)
    assert fout(e) == {"datum": [melding]}
    with pytest.raises(ValidationError) as e:
        services.annuleer_afspraak(afspraak=b, reden="Vergissing", door=None)
    assert fout(e) == {"datum": [melding]}
    with pytest.raises(ValidationError) as e:
        plan(wl, startdatum=vorige + datetime.timedelta(1), minuten=60)
    assert fout(e) == {"startdatum": [melding]}
    with pytest.raises(ValidationError) as e:
        services.keur_week_goed(dossier=wl["dossier"], week=vorige, door=None)
    assert fout(e) == {"week": [melding]}
    with pytest.raises(ValidationError) as e:
        services.stop_activiteit(activiteit=b.activiteit, per=vorige, door=None)
    assert fout(e) == {"per": [melding]}
    # and the database itself refuses a change or a new row in that week
    with pytest.raises(IntegrityError), transaction.atomic():
        Afspraak.objects.filter(pk=b.pk).update(aanwezigheid="ziek")
    with pytest.raises(IntegrityError), transaction.atomic():
        Afspraak.objects.create(
            activiteit=b.activiteit, dossier=wl["dossier"], datum=vorige + datetime.timedelta(2),
            minuten=60,
        )  # fmt: skip
    b.refresh_from_db()
    assert b.aanwezigheid == Aanwezigheid.AANWEZIG
    # weeks after it stay open
    services.stop_activiteit(activiteit=b.activiteit, per=MA, door=None)
    assert Weekafsluiting.objects.filter(dossier=wl["dossier"]).count() == 1


# --- the burger reports absence -------------------------------------------------------------------


def test_burger_reports_absence_or_illness(wl, klok):
    from bijstand.dossiers.models import JournaalRegel

    morgen = plan(wl, titel="Taalles", startdatum=VANDAAG + datetime.timedelta(1),
                  begintijd=T(9), eindtijd=T(12)).afspraken.get()  # fmt: skip
    with pytest.raises(ValidationError) as e:
        services.meld_afwezig(afspraak=morgen, ziek=False, reden="", door=wl["burger"])
    assert fout(e) == {"reden": ["Schrijf op waarom u niet kunt komen."]}
    a = services.meld_afwezig(
        afspraak=morgen, ziek=False, reden="Mijn zoon is jarig", door=wl["burger"]
    )
    assert (a.aanwezigheid, a.gemeld_door_burger, a.aanwezigheid_reden) == (
        Aanwezigheid.AFWEZIG_MET_REDEN,
        True,
        "Mijn zoon is jarig",
    )
    regel = JournaalRegel.objects.get(dossier=wl["dossier"], onderwerp="Afmelding")
    assert (
        regel.tekst == "Afgemeld voor Taalles op donderdag 5 maart 2026. Reden: Mijn zoon is jarig"
    )
    a = services.meld_afwezig(afspraak=morgen, ziek=True, reden="", door=wl["burger"])
    assert a.aanwezigheid == Aanwezigheid.ZIEK
    assert JournaalRegel.objects.get(dossier=wl["dossier"], onderwerp="Ziekmelding").vertrouwelijk
    gisteren = plan(wl, startdatum=VANDAAG - datetime.timedelta(1), minuten=60).afspraken.get()
    with pytest.raises(ValidationError) as e:
        services.meld_afwezig(afspraak=gisteren, ziek=True, reden="", door=wl["burger"])
    assert "al geweest" in fout(e)["reden"][0]
