"""Programmes: Werkloont (15 weeks, work 16 h + training 12 h, fit with the
uitstroomperspectief) and Iedereen doet mee (personal norm naar vermogen); norms as data."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from perspectief.models import Beroep, Vaardigheid
from perspectief.services import werk_profiel_bij
from werkloont import selectors, services
from werkloont.models import (
    Activiteit,
    Afspraak,
    AfspraakStatus,
    Traject,
    TrajectStatus,
    Urennorm,
)

from .conftest import AMS, MA, VANDAAG
from .factories import TrainingsgroepFactory, WerkactiviteitPlekFactory

pytestmark = pytest.mark.django_db
T = datetime.time


def werkloont(wl, start=MA, **kwargs):
    return services.start_traject(
        dossier=wl["dossier"], soort="werkloont", startdatum=start, door=wl["werkcoach"], **kwargs
    )


def plan(wl, **kwargs):
    kwargs.setdefault("titel", "Activiteit")
    kwargs.setdefault("startdatum", MA)
    return services.plan_activiteit(dossier=wl["dossier"], door=wl["werkcoach"], **kwargs)


# --- norms as data ---------------------------------------------------------------------------


def test_the_seed_norms_are_in_the_database():
    norm = Urennorm.objects.get()
    assert (norm.werkloont_max_weken, norm.werkloont_werk_min_uren) == (15, Decimal("16.0"))
    assert (norm.werkloont_training_min_uren, norm.idm_standaard_uren) == (
        Decimal("12.0"),
        Decimal("20.0"),
    )
    assert (norm.idm_norm_soort, norm.richting_uren, norm.max_uren_per_dag) == (
        "maximum",
        Decimal("32.0"),
        Decimal("24.0"),
    )


def test_the_norm_in_force_follows_geldig_vanaf():
    Urennorm.objects.create(
        geldig_vanaf=datetime.date(2026, 6, 1), werkloont_max_weken=12, idm_norm_soort="minimum"
    )
    assert selectors.normen_op(datetime.date(2026, 5, 31)).werkloont_max_weken == 15
    later = selectors.normen_op(datetime.date(2026, 6, 1))
    assert (later.werkloont_max_weken, later.idm_soort) == (12, "minimum")


def test_reference_data_comes_back_after_a_flush():
    from django.apps import apps
    from django.db import DEFAULT_DB_ALIAS

    from werkloont.apps import _referentiedata_na_flush

    Urennorm.objects.all().delete()
    _referentiedata_na_flush(sender=apps.get_app_config("werkloont"), using=DEFAULT_DB_ALIAS)
    assert Urennorm.objects.get().werkloont_max_weken == 15


# --- Werkloont: the 15-week limit --------------------------------------------------------------


def test_werkloont_lasts_at_most_15_weeks(wl, klok):
    traject = werkloont(wl)
    assert traject.einddatum == MA + datetime.timedelta(weeks=15, days=-1)  # sunday 14 June 2026
    Traject.objects.all().delete()
    with pytest.raises(ValidationError) as fout:
        werkloont(wl, einddatum=MA + datetime.timedelta(weeks=15))
    assert "Werkloont duurt maximaal 15 weken" in fout.value.message_dict["einddatum"][0]


def test_the_maximum_comes_from_the_norm_at_the_start(wl, klok):
    Urennorm.objects.create(geldig_vanaf=datetime.date(2026, 3, 1), werkloont_max_weken=10)
    traject = werkloont(wl)
    assert traject.einddatum == MA + datetime.timedelta(weeks=10, days=-1)


def test_nothing_of_werkloont_is_planned_after_week_15(wl, klok):
    traject = werkloont(wl)
    with pytest.raises(ValidationError) as fout:
        plan(
            wl,
            soort="training",
            component="training",
            herhaling="wekelijks",
            weekdagen=[0],
            einddatum=traject.einddatum + datetime.timedelta(days=1),
            begintijd=T(9),
            eindtijd=T(12),
        )
    melding = fout.value.message_dict["einddatum"][0]
    assert "Werkloont duurt maximaal 15 weken: tot en met zondag 14 juni 2026" in melding
    plan(
        wl,
        soort="training",
        component="training",
        herhaling="wekelijks",
        weekdagen=[0],
        einddatum=traject.einddatum,
        begintijd=T(9),
        eindtijd=T(12),
    )
    assert Afspraak.objects.filter(dossier=wl["dossier"]).latest("datum").datum == datetime.date(
        2026, 6, 8
    )


def test_one_programme_at_a_time(wl, klok):
    werkloont(wl)
    with pytest.raises(ValidationError) as fout:
        services.start_traject(
            dossier=wl["dossier"], soort="iedereen_doet_mee", startdatum=MA, door=None
        )
    assert "Er loopt al een programma" in fout.value.message_dict["soort"][0]


def test_week_15_is_the_last_week_with_a_werkloont_norm(wl, klok):
    traject = werkloont(wl)
    week15 = MA + datetime.timedelta(weeks=14)
    week16 = MA + datetime.timedelta(weeks=15)
    assert selectors.traject_in_week([traject], week15) == traject
    assert selectors.traject_in_week([traject], week16) is None
    with time_machine.travel(datetime.datetime(2026, 6, 16, 9, tzinfo=AMS), tick=False):
        week = selectors.week_van(dossier=wl["dossier"], ma=week16, toon_vertrouwelijk=True)
        assert [r.sleutel for r in week.normregels] == ["richting"]


def test_stopping_cancels_the_rest(wl, klok):
    traject = werkloont(wl)
    plan(
        wl,
        soort="training",
        component="training",
        herhaling="wekelijks",
        weekdagen=[1],
        einddatum=traject.einddatum,
        begintijd=T(9),
        eindtijd=T(12),
    )
    services.beeindig_traject(traject=traject, datum=VANDAAG, reden="Werk gevonden", door=None)
    traject.refresh_from_db()
    assert (traject.status, traject.beeindigd_op) == (TrajectStatus.GESTOPT, VANDAAG)
    statussen = dict(Afspraak.objects.filter(dossier=wl["dossier"]).values_list("datum", "status"))
    assert statussen[datetime.date(2026, 3, 3)] == AfspraakStatus.GEPLAND
    assert statussen[datetime.date(2026, 3, 10)] == AfspraakStatus.GEANNULEERD
    with pytest.raises(ValidationError):
        services.beeindig_traject(traject=traject, datum=VANDAAG, reden="", door=None)


# --- the work component and the uitstroomperspectief -----------------------------------------


def test_work_component_is_paid_work_volunteer_work_or_a_werkactiviteit(wl, klok):
    werkloont(wl)
    with pytest.raises(ValidationError) as fout:
        plan(wl, soort="taal", component="werk", begintijd=T(9), eindtijd=T(13))
    assert (
        "betaald werk (deeltijd), vrijwilligerswerk of een werkactiviteit"
        in (fout.value.message_dict["soort"][0])
    )
    with pytest.raises(ValidationError) as fout:
        plan(wl, soort="taal", component="training", begintijd=T(9), eindtijd=T(13))
    assert fout.value.message_dict["soort"] == [
        "Het trainingsonderdeel van Werkloont is training of huiswerk."
    ]
    betaald = plan(wl, soort="betaald_werk", component="werk", begintijd=T(9), eindtijd=T(13))
    assert betaald.past_bij_perspectief is None  # paid work need not fit


def test_component_needs_its_programme(wl, klok):
    with pytest.raises(ValidationError) as fout:
        plan(wl, soort="betaald_werk", component="werk", begintijd=T(9), eindtijd=T(13))
    assert fout.value.message_dict["component"] == [
        "Dit onderdeel hoort bij Werkloont. Start dat programma eerst."
    ]


def test_a_werkactiviteit_that_does_not_fit_needs_a_reason(wl, klok):
    werkloont(wl)
    plek = WerkactiviteitPlekFactory()  # Groenonderhoud -> Hovenier (6113)
    werk_profiel_bij(dossier=wl["dossier"], door=None, gewenste_beroepen=["9412"])  # keukenhulp
    with pytest.raises(ValidationError) as fout:
        plan(
            wl, soort="werkactiviteit", component="werk", plek=plek, begintijd=T(9), eindtijd=T(13)
        )
    assert "past niet bij het uitstroomperspectief" in fout.value.message_dict["afwijkingsreden"][0]
    activiteit = plan(
        wl,
        soort="werkactiviteit",
        component="werk",
        plek=plek,
        begintijd=T(9),
        eindtijd=T(13),
        afwijkingsreden="Eerst werkritme opdoen buiten; keuken heeft geen plek.",
    )
    assert activiteit.past_bij_perspectief is False
    assert activiteit.afwijkingsreden.startswith("Eerst werkritme")
    assert activiteit.locatie == plek.locatie.naam
    assert activiteit.verantwoordelijke == str(plek.begeleiders.get())


def test_a_werkactiviteit_that_fits_needs_no_reason(wl, klok):
    werkloont(wl)
    plek = WerkactiviteitPlekFactory()
    werk_profiel_bij(dossier=wl["dossier"], door=None, gewenste_beroepen=["6113"])
    activiteit = plan(
        wl, soort="werkactiviteit", component="werk", plek=plek, begintijd=T(9), eindtijd=T(13)
    )
    assert activiteit.past_bij_perspectief is True
    assert Beroep.objects.get(isco_code="6113").pk in selectors.passende_beroep_ids(
        dossier_id=wl["dossier"].pk
    )


def test_volunteer_work_fits_through_its_occupation(wl, klok):
    werkloont(wl)
    werk_profiel_bij(
        dossier=wl["dossier"],
        door=None,
        taalniveau="2f",
        uren_per_week=24,
        max_fysieke_belasting="middel",
    )
    verkoop = Beroep.objects.get(isco_code="5223")  # licht, 1F, 12 h: the profile fits
    hovenier = Beroep.objects.get(isco_code="6113")  # zwaar: does not fit
    goed = plan(
        wl,
        soort="vrijwilligerswerk",
        component="werk",
        titel="Kringloopwinkel",
        beroep=verkoop,
        begintijd=T(9),
        eindtijd=T(13),
    )
    assert goed.past_bij_perspectief is True
    with pytest.raises(ValidationError):
        plan(
            wl,
            soort="vrijwilligerswerk",
            component="werk",
            titel="Stadstuin",
            beroep=hovenier,
            startdatum=MA + datetime.timedelta(days=1),
            begintijd=T(9),
            eindtijd=T(13),
        )


def test_werkactiviteit_capacity(wl, klok):
    from tests.factories import DossierFactory

    plek = WerkactiviteitPlekFactory(capaciteit=1)
    ander = DossierFactory()
    services.plan_activiteit(
        dossier=ander,
        door=None,
        soort="werkactiviteit",
        titel="Groen",
        startdatum=MA,
        plek=plek,
        begintijd=T(9),
        eindtijd=T(12),
    )
    with pytest.raises(ValidationError) as fout:
        plan(wl, soort="werkactiviteit", plek=plek, begintijd=T(9), eindtijd=T(12))
    assert "is vol" in fout.value.message_dict["plek"][0]


def test_training_group_plans_sessions_and_homework(wl, klok):
    groep = TrainingsgroepFactory()
    traject = werkloont(wl, trainingsgroep=groep)
    week = selectors.week_van(dossier=wl["dossier"], ma=MA, toon_vertrouwelijk=True)
    assert week.per_component == {"training": 4 * 60 * 2 + 2 * 60}
    trainingen = list(Activiteit.objects.filter(traject=traject, soort="training"))
    assert len(trainingen) == 2  # tuesday and thursday
    training = trainingen[0]
    assert (training.in_groep, training.trainingsgroep) == (True, groep)
    assert Activiteit.objects.get(traject=traject, soort="huiswerk").begintijd is None
    # the group ends on 12 June, before the programme's last day (14 June)
    assert Afspraak.objects.filter(activiteit=training).latest("datum").datum <= groep.einddatum


def test_training_group_capacity(wl, klok):
    from tests.factories import DossierFactory

    groep = TrainingsgroepFactory(capaciteit=1)
    services.start_traject(
        dossier=DossierFactory(), soort="werkloont", startdatum=MA, door=None, trainingsgroep=groep
    )
    with pytest.raises(ValidationError) as fout:
        werkloont(wl, trainingsgroep=groep)
    assert "is vol" in fout.value.message_dict["trainingsgroep"][0]


# --- Iedereen doet mee --------------------------------------------------------------------------


def test_personal_norm_needs_a_reason_and_applies(wl, klok):
    traject = services.start_traject(
        dossier=wl["dossier"], soort="iedereen_doet_mee", startdatum=MA, door=wl["werkcoach"]
    )
    with pytest.raises(ValidationError) as fout:
        services.stel_persoonlijke_norm_vast(
            traject=traject, uren_per_week=Decimal("8"), reden=" ", door=wl["werkcoach"]
        )
    assert fout.value.message_dict == {
        "reden": ["Leg vast waarom deze norm past bij wat de persoon kan."]
    }
    services.stel_persoonlijke_norm_vast(
        traject=traject,
        uren_per_week=Decimal("8"),
        reden="Mantelzorg voor moeder; meer lukt nu niet.",
        door=wl["werkcoach"],
    )
    plan(wl, soort="mantelzorg", component="idm", begintijd=T(9), eindtijd=T(13))
    week = selectors.week_van(dossier=wl["dossier"], ma=MA, toon_vertrouwelijk=True)
    idm = next(r for r in week.normregels if r.sleutel == "idm")
    assert (idm.norm, idm.gepland, idm.soort, idm.status) == (480, 240, "doel", "onder")


def test_personal_norm_only_for_iedereen_doet_mee(wl, klok):
    traject = werkloont(wl)
    with pytest.raises(ValidationError):
        services.stel_persoonlijke_norm_vast(
            traject=traject, uren_per_week=Decimal("8"), reden="x", door=None
        )


def test_idm_activities(wl, klok):
    services.start_traject(
        dossier=wl["dossier"], soort="iedereen_doet_mee", startdatum=MA, door=None
    )
    with pytest.raises(ValidationError):
        plan(wl, soort="betaald_werk", component="idm", begintijd=T(9), eindtijd=T(13))
    gezond = plan(wl, soort="gezondheid", component="idm", titel="Fysiotherapie", minuten=60)
    assert gezond.vertrouwelijk  # health is always confidential


def test_volunteer_work_becomes_competences_and_experience(wl, klok):
    verkoop = Beroep.objects.get(isco_code="5223")
    activiteit = plan(
        wl, soort="vrijwilligerswerk", titel="Kringloopwinkel", beroep=verkoop, minuten=240
    )
    nieuw = services.vertaal_vrijwilligerswerk(
        activiteit=activiteit,
        competenties=["Klanten helpen", "Kassa", "", "Klanten helpen"],
        door=wl["werkcoach"],
        als_werkervaring=True,
    )
    assert nieuw == 2
    assert set(Vaardigheid.objects.filter(dossier=wl["dossier"]).values_list("naam", "bron")) == {
        ("Klanten helpen", "Vrijwilligerswerk: Kringloopwinkel"),
        ("Kassa", "Vrijwilligerswerk: Kringloopwinkel"),
    }
    wl["dossier"].profiel.refresh_from_db()
    assert "5223" in wl["dossier"].profiel.beroepen_ervaring
    taal = plan(
        wl, soort="taal", titel="Taalles", minuten=60, startdatum=MA + datetime.timedelta(1)
    )
    with pytest.raises(ValidationError):
        services.vertaal_vrijwilligerswerk(activiteit=taal, competenties=["x"], door=None)


def test_functioneel_beheerder_edits_norms_and_catalogue_in_the_admin(client):
    from bijstand.accounts.models import Rol
    from bijstand.accounts.services import pas_rol_rechten_toe
    from tests.factories import UserFactory

    beheerder = UserFactory(rol=Rol.BEHEERDER, team=None)
    pas_rol_rechten_toe(beheerder)
    client.force_login(beheerder, backend="django.contrib.auth.backends.ModelBackend")
    for model in ("urennorm", "werkactiviteit", "locatie", "begeleider", "trainingsgroep"):
        assert client.get(f"/beheer/werkloont/{model}/").status_code == 200, model
        assert client.get(f"/beheer/werkloont/{model}/add/").status_code == 200, model
    norm = Urennorm.objects.get()
    data = {
        "geldig_vanaf": "2027-01-01",
        "toelichting": "Publieke pagina: minimaal 20 uur",
        "werkloont_max_weken": "15",
        "werkloont_werk_min_uren": "16",
        "werkloont_training_min_uren": "12",
        "idm_standaard_uren": "20",
        "idm_norm_soort": "minimum",
        "richting_uren": "32",
        "max_uren_per_dag": "24",
        "afwezig_signaal_aantal": "2",
        "afwezig_signaal_weken": "4",
    }
    response = client.post("/beheer/werkloont/urennorm/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    nieuw = Urennorm.objects.exclude(pk=norm.pk).get()
    assert (nieuw.idm_norm_soort, nieuw.aangemaakt_door) == ("minimum", beheerder)
    assert selectors.normen_op(datetime.date(2027, 1, 4)).idm_soort == "minimum"
    assert selectors.normen_op(datetime.date(2026, 12, 31)).idm_soort == "maximum"
    # case content is not in the admin
    assert client.get("/beheer/werkloont/afspraak/").status_code == 404
