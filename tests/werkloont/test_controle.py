"""The weekly check (Celery task): below-norm and repeated unexplained absence signals, the end of
a Werkloont period with a follow-up action in the plan; idempotent; beat schedule. And the
instrument deployments from the instrumentenhuis in the agenda and its hours."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django_celery_beat.models import PeriodicTask

from werkloont import selectors, services, tasks
from werkloont.models import Signaal, SignaalSoort, Traject, TrajectStatus

from .conftest import AMS, MA

pytestmark = pytest.mark.django_db
T = datetime.time


def plan(dossier, **kwargs):
    kwargs.setdefault("titel", "Activiteit")
    kwargs.setdefault("soort", "overig")
    kwargs.setdefault("startdatum", MA)
    return services.plan_activiteit(dossier=dossier, door=None, **kwargs)


def test_beat_schedule_exists():
    taak = PeriodicTask.objects.get(task="werkloont.wekelijkse_controle")
    assert taak.enabled
    assert (taak.crontab.day_of_week, taak.crontab.hour, taak.crontab.minute) == ("1", "6", "30")


def test_below_norm_is_signalled_once(wl, klok):
    from tests.factories import DossierFactory

    dossier = wl["dossier"]
    services.start_traject(dossier=dossier, soort="werkloont", startdatum=MA, door=None)
    plan(dossier, soort="betaald_werk", component="werk", herhaling="wekelijks",
         weekdagen=[0, 1, 2, 3], einddatum=MA + datetime.timedelta(days=6),
         begintijd=T(9), eindtijd=T(13))  # fmt: skip
    # a second person who meets both norms is not signalled
    goed = DossierFactory(werkcoach=wl["werkcoach"])
    services.start_traject(dossier=goed, soort="werkloont", startdatum=MA, door=None)
    plan(goed, soort="betaald_werk", component="werk", herhaling="wekelijks",
         weekdagen=[0, 1, 2, 3], einddatum=MA + datetime.timedelta(days=6),
         begintijd=T(9), eindtijd=T(13))  # fmt: skip
    plan(goed, soort="training", component="training", herhaling="wekelijks",
         weekdagen=[0, 1, 2], einddatum=MA + datetime.timedelta(days=6),
         begintijd=T(14), eindtijd=T(18))  # fmt: skip

    uitkomst = tasks.wekelijkse_controle.delay().get()
    assert uitkomst["gecontroleerd"] == 2
    assert uitkomst["signalen_onder_norm"] == 1
    signaal = Signaal.objects.get()
    assert (signaal.dossier, signaal.werkcoach, signaal.soort, signaal.week) == (
        dossier,
        wl["werkcoach"],
        SignaalSoort.ONDER_NORM,
        MA,
    )
    assert "Werkloont: training en huiswerk: 0 uur gepland" in signaal.tekst
    assert "12 uur te weinig" in signaal.tekst
    # idempotent
    assert tasks.wekelijkse_controle.delay().get()["signalen_onder_norm"] == 0
    assert Signaal.objects.count() == 1


def test_repeated_unexplained_absence_is_signalled(wl, klok):
    dossier = wl["dossier"]
    for dagen in (8, 3):
        a = plan(
            dossier, startdatum=MA - datetime.timedelta(days=dagen), minuten=60
        ).afspraken.get()
        services.registreer_aanwezigheid(afspraak=a, aanwezigheid="afwezig_zonder_reden", door=None)
    uitkomst = services.wekelijkse_controle()
    assert uitkomst["signalen_afwezigheid"] == 1
    signaal = Signaal.objects.get(soort=SignaalSoort.AFWEZIGHEID)
    assert signaal.tekst == "2 keer afwezig zonder reden in de laatste 4 weken."
    assert services.wekelijkse_controle()["signalen_afwezigheid"] == 0


def test_one_unexplained_absence_is_not_yet_a_signal(wl, klok):
    a = plan(wl["dossier"], startdatum=MA - datetime.timedelta(days=3), minuten=60).afspraken.get()
    services.registreer_aanwezigheid(afspraak=a, aanwezigheid="afwezig_zonder_reden", door=None)
    services.registreer_aanwezigheid  # noqa: B018 - documentation: absence with a reason never counts
    services.wekelijkse_controle()
    assert not Signaal.objects.filter(soort=SignaalSoort.AFWEZIGHEID).exists()


def test_end_of_werkloont_creates_follow_up_action_in_the_plan(wl, klok):
    from plan.models import Actie

    dossier = wl["dossier"]
    traject = services.start_traject(dossier=dossier, soort="werkloont", startdatum=MA, door=None)
    # week 15 is not yet the end
    with time_machine.travel(datetime.datetime(2026, 6, 14, 12, tzinfo=AMS), tick=False):
        assert services.wekelijkse_controle()["werkloont_afgerond"] == 0
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.ACTIEF
    # the monday after 15 weeks
    with time_machine.travel(datetime.datetime(2026, 6, 15, 6, 30, tzinfo=AMS), tick=False):
        assert tasks.wekelijkse_controle.delay().get()["werkloont_afgerond"] == 1
        assert tasks.wekelijkse_controle.delay().get()["werkloont_afgerond"] == 0
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.AFGEROND
    actie = Actie.objects.get(pk=traject.vervolgactie_id)
    assert actie.titel == "Vervolg na Werkloont"
    assert actie.deadline == datetime.date(2026, 6, 28)
    assert actie.plan.dossier == dossier
    assert Actie.objects.filter(plan__dossier=dossier, titel="Vervolg na Werkloont").count() == 1
    signaal = Signaal.objects.get(soort=SignaalSoort.WERKLOONT_AFGELOPEN)
    assert "vervolgactie in het plan van aanpak" in signaal.tekst
    assert Signaal.objects.filter(soort=SignaalSoort.WERKLOONT_AFGELOPEN).count() == 1


def test_a_stopped_werkloont_gets_no_follow_up(wl, klok):
    traject = services.start_traject(
        dossier=wl["dossier"], soort="werkloont", startdatum=MA, door=None
    )
    services.beeindig_traject(traject=traject, datum=MA, reden="Werk gevonden", door=None)
    with time_machine.travel(datetime.datetime(2026, 7, 1, 9, tzinfo=AMS), tick=False):
        assert services.wekelijkse_controle()["werkloont_afgerond"] == 0
    assert Traject.objects.get().vervolgactie_id is None


# --- instrument deployments -----------------------------------------------------------------------


def _inzet(dossier, uren=8):
    from instrumentenhuis.models import Instrument, Inzet

    return Inzet.objects.create(
        dossier=dossier,
        instrument=Instrument.objects.order_by("pk").first(),
        status="gestart",
        uren_per_week=uren,
        begindatum=MA - datetime.timedelta(weeks=1),
        gestart_op=MA - datetime.timedelta(weeks=1),
        einddatum=MA + datetime.timedelta(weeks=8),
        budgetjaar=2026,
        gereserveerd=Decimal("0.00"),
    )


def test_running_instruments_appear_in_the_week_and_count(wl, klok):
    inzet = _inzet(wl["dossier"], uren=8)
    plan(wl["dossier"], begintijd=T(9), eindtijd=T(13))
    week = selectors.week_van(dossier=wl["dossier"], ma=MA, toon_vertrouwelijk=True)
    assert [(r.inzet_id, r.naam, r.uren_per_week) for r in week.instrumenten] == [
        (inzet.pk, inzet.instrument.naam, 8)
    ]
    assert week.gepland == 4 * 60 + 8 * 60
    later = selectors.week_van(
        dossier=wl["dossier"], ma=MA + datetime.timedelta(weeks=10), toon_vertrouwelijk=True
    )
    assert later.instrumenten == []


def test_instrument_hours_count_in_the_weekly_check(wl, klok):
    services.start_traject(
        dossier=wl["dossier"], soort="iedereen_doet_mee", startdatum=MA, door=None
    )
    _inzet(wl["dossier"], uren=40)
    plan(wl["dossier"], soort="mantelzorg", component="idm", minuten=600)
    uitslag = selectors.weekcontrole(ma=MA)[0]
    richting = next(r for r in uitslag.regels if r.sleutel == "richting")
    assert richting.gepland == 600 + 40 * 60
    assert richting.status == "boven"
