"""The daily reminder task: the werkcoach hears about actions past due, the burger about their
own actions due within a week; each reminder once per action and kind, also when the task
runs again or is retried after a mail failure."""

from __future__ import annotations

import datetime
import smtplib

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django_celery_beat.models import PeriodicTask

from bijstand.dossiers.services import wijzig_status
from plan import herinneringen, services
from plan.models import ActieStatus, EmailStatus, Melding, MeldingSoort
from plan.tasks import dagelijkse_herinneringen
from tests.factories import DossierFactory, WerkzoekendeFactory

from .factories import maak_actie, maak_plan, over, zet_deadline

pytestmark = pytest.mark.django_db
GISTEREN = -1


@pytest.fixture
def situatie(plan, werkcoach, burger):
    werkcoach.email = "coach@werkeninkomen.example"
    werkcoach.save()
    acties = {
        "binnenkort": maak_actie(plan, "Cv maken", dagen=3),
        "vandaag": maak_actie(plan, "Formulier inleveren", dagen=0),
        "te_laat_coach": zet_deadline(
            maak_actie(plan, "Werkgever bellen", eigenaar="werkcoach"), over(GISTEREN)
        ),
        "te_laat_burger": zet_deadline(maak_actie(plan, "Taalles starten"), over(-5)),
        "later": maak_actie(plan, "Vrijwilligerswerk zoeken", dagen=10),
        "partner_binnenkort": maak_actie(
            plan, "Intake", eigenaar="partner", partner_naam="Wijkteam", dagen=2
        ),
        "klaar_gemeld": zet_deadline(maak_actie(plan, "Inschrijven UWV"), over(-2)),
        "afgerond": zet_deadline(maak_actie(plan, "Bankpas aanvragen"), over(-3)),
    }
    services.wijzig_actiestatus(actie=acties["klaar_gemeld"], naar="accordering", door=burger)
    services.wijzig_actiestatus(actie=acties["afgerond"], naar="afgerond", door=werkcoach)
    return acties


def meldingen(soort: str) -> set[str]:
    return set(Melding.objects.filter(soort=soort).values_list("actie__titel", flat=True))


def test_eerste_run_meldt_het_juiste_aan_de_juiste_mensen(situatie, werkcoach):
    uitslag = dagelijkse_herinneringen.delay().get()

    assert meldingen(MeldingSoort.VERLOPEN) == {"Werkgever bellen", "Taalles starten"}
    assert meldingen(MeldingSoort.BINNENKORT) == {"Cv maken", "Formulier inleveren"}
    assert uitslag["meldingen"] == {"verlopen": 2, "binnenkort": 2}
    assert set(Melding.objects.filter(soort="verlopen").values_list("ontvanger", flat=True)) == {
        werkcoach.pk
    }
    assert sorted(m.to[0] for m in mail.outbox) == [
        "burger@example.org",
        "coach@werkeninkomen.example",
    ]
    coach_mail = next(m for m in mail.outbox if m.to == ["coach@werkeninkomen.example"])
    assert coach_mail.subject == "2 acties in uw caseload zijn over de deadline"
    burger_mail = next(m for m in mail.outbox if m.to == ["burger@example.org"])
    assert "2 acties" in burger_mail.body and "Mijn plan" in burger_mail.body
    # No names of people or actions in an e-mail: the content stays behind the login.
    for bericht in mail.outbox:
        achternaam = situatie["binnenkort"].plan.dossier.werkzoekende.achternaam
        for titel in ("Werkgever bellen", "Taalles", "Cv maken", achternaam):
            assert titel not in bericht.body and titel not in bericht.subject
    assert set(Melding.objects.values_list("email_status", flat=True)) == {
        EmailStatus.VERZONDEN,
        EmailStatus.NIET_NODIG,  # the "klaar gemeld" notice is not mailed
    }


def test_tweede_run_stuurt_niets_dubbel(situatie):
    dagelijkse_herinneringen.delay().get()
    aantal, mails = Melding.objects.count(), len(mail.outbox)

    uitslag = dagelijkse_herinneringen.delay().get()

    assert Melding.objects.count() == aantal and len(mail.outbox) == mails
    assert uitslag["meldingen"] == {"verlopen": 0, "binnenkort": 0}


def test_de_volgende_dag_alleen_het_nieuwe(situatie):
    dagelijkse_herinneringen.delay().get()
    mail.outbox.clear()

    morgen = over(4)  # "Cv maken" (due in 3 days) is now past due; "later" (10) not yet near
    dagelijkse_herinneringen.delay(morgen.isoformat()).get()

    assert meldingen(MeldingSoort.VERLOPEN) == {
        "Werkgever bellen",
        "Taalles starten",
        "Cv maken",
        "Formulier inleveren",
        "Intake",  # a partner's action past due: the werkcoach hears about it too
    }
    assert meldingen(MeldingSoort.BINNENKORT) == {
        "Cv maken",
        "Formulier inleveren",
        "Vrijwilligerswerk zoeken",
    }
    assert [m.subject for m in mail.outbox if m.to == ["coach@werkeninkomen.example"]] == [
        "3 acties in uw caseload zijn over de deadline"
    ]
    assert len([m for m in mail.outbox if m.to == ["burger@example.org"]]) == 1


def test_zonder_e_mailadres_wel_een_melding_maar_geen_mail(werkcoach):
    persoon = WerkzoekendeFactory(email="")
    plan = maak_plan(DossierFactory(werkcoach=werkcoach, werkzoekende=persoon))
    maak_actie(plan, "Cv maken", dagen=2)
    zet_deadline(
        maak_actie(plan, "Bellen", eigenaar="werkcoach"), over(GISTEREN)
    )  # coach: no e-mail

    herinneringen.verstuur_herinneringen()

    assert mail.outbox == []
    assert set(Melding.objects.values_list("email_status", flat=True)) == {EmailStatus.GEEN_ADRES}
    # a later run does not try again
    assert herinneringen.verstuur_herinneringen()["mails"] == {
        "verlopen": {"verzonden": 0, "geen_adres": 0},
        "binnenkort": {"verzonden": 0, "geen_adres": 0},
    }


def test_mailstoring_retry_stuurt_alleen_wat_nog_niet_weg_is(situatie, monkeypatch):
    echte = herinneringen.send_mail
    pogingen = []

    def haperend(onderwerp, tekst, van, aan, **kwargs):
        pogingen.append(aan[0])
        if aan == ["burger@example.org"] and pogingen.count(aan[0]) == 1:
            raise smtplib.SMTPServerDisconnected("weg")
        return echte(onderwerp, tekst, van, aan, **kwargs)

    monkeypatch.setattr(herinneringen, "send_mail", haperend)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        herinneringen.verstuur_herinneringen()
    assert [m.to for m in mail.outbox] == [["coach@werkeninkomen.example"]]
    assert set(
        Melding.objects.filter(soort="binnenkort").values_list("email_status", flat=True)
    ) == {EmailStatus.WACHT}

    herinneringen.verstuur_herinneringen()  # the retry

    assert sorted(m.to[0] for m in mail.outbox) == [
        "burger@example.org",
        "coach@werkeninkomen.example",
    ]
    assert not Melding.objects.filter(email_status=EmailStatus.WACHT).exists()


def test_beeindigd_dossier_krijgt_geen_herinneringen(plan, werkcoach):
    zet_deadline(maak_actie(plan, "Oud"), over(-3))
    wijzig_status(dossier=plan.dossier, naar="beeindigd", reden="werk", door=werkcoach)
    herinneringen.verstuur_herinneringen()
    assert not Melding.objects.exists() and mail.outbox == []


def test_een_melding_per_actie_en_soort_in_de_database(situatie):
    herinneringen.verstuur_herinneringen()
    bestaand = Melding.objects.filter(soort="verlopen").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Melding.objects.create(actie=bestaand.actie, dossier=bestaand.dossier, soort="verlopen")


def test_herinnering_verdwijnt_niet_maar_telt_niet_meer_als_de_actie_klaar_is(situatie, burger):
    herinneringen.verstuur_herinneringen()
    actie = situatie["binnenkort"]
    services.wijzig_actiestatus(actie=actie, naar=ActieStatus.ACCORDERING, door=burger)
    from plan.selectors import meldingen_voor_burger

    assert [m.actie.titel for m in meldingen_voor_burger(dossier=actie.plan.dossier)] == [
        "Formulier inleveren"
    ]


def test_schema_in_beat_en_taak_geregistreerd():
    from bijstand.celery import app

    taak = PeriodicTask.objects.get(name="Dagelijkse herinneringen plan van aanpak")
    assert taak.task == "plan.dagelijkse_herinneringen" and taak.enabled
    assert (taak.crontab.hour, taak.crontab.minute, taak.crontab.day_of_month) == ("6", "30", "*")
    assert "plan.dagelijkse_herinneringen" in app.tasks
    opties = app.tasks["plan.dagelijkse_herinneringen"]
    assert opties.acks_late and opties.max_retries == 8
    assert smtplib.SMTPException in opties.autoretry_for


def test_datum_van_de_taak(situatie):
    uitslag = dagelijkse_herinneringen.delay(datetime.date(2020, 1, 1).isoformat()).get()
    assert uitslag["datum"] == "2020-01-01"
    assert uitslag["meldingen"]["verlopen"] == 0  # nothing was past due in 2020
