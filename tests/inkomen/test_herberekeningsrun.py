"""A new or corrected rule set reaches every month it applies to (issue 13 §3).

The functioneel beheerder corrects the January 2026 norms in the admin; the save starts a bulk
recalculation run (chunked Celery tasks, eager here) that recalculates every calculated month
the rule set governs and books the difference with what was paid: a nabetaling for every
single person when the norm goes up, a verrekeningsschuld when it goes down, not only for those
who happened to have an event. Also: counts and progress, a chunk delivered twice, a month that
cannot be calculated, overlapping runs, the range of a version, the reconciliation.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bijstand.accounts.models import Rol
from bijstand.accounts.services import pas_rol_rechten_toe
from inkomen import betaalrun, herberekeningsrun, selectors, services
from inkomen.herberekening import herbereken_maand
from inkomen.models import (
    Beleidsinstelling,
    Berekening,
    Boeking,
    BoekingSoort,
    Inkomstenopgave,
    Regelset,
)
from inkomen.models_herberekening import (
    Herberekeningsrun,
    HerberekeningsrunDeel,
    HerberekeningsrunStatus,
)
from tests.factories import UserFactory

from .conftest import D

pytestmark = pytest.mark.django_db

JAN = date(2026, 1, 1)
FEB = date(2026, 2, 1)
MAART = date(2026, 3, 1)
JULI = date(2026, 7, 1)


@pytest.fixture
def beheerder_client(client):
    beheerder = UserFactory(rol=Rol.BEHEERDER, is_staff=True, team=None)
    pas_rol_rechten_toe(beheerder)  # staff + the beheer group, as for every beheerder
    client.force_login(beheerder, backend="django.contrib.auth.backends.ModelBackend")
    client.gebruiker = beheerder
    return client


def _registreer(dossier, maand, bedrag, consulent, **kwargs):
    velden = {
        "persoon": "aanvrager",
        "soort": "arbeid",
        "periode": "maand",
        "status": "definitief",
        "bron": "consulent",
        "door": consulent,
    }
    velden.update(kwargs)
    return services.registreer_inkomstenopgave(
        dossier=dossier, maand=maand, bedrag=D(bedrag), **velden
    )


@pytest.fixture
def caseload(maak_dossier, consulent, vandaag, settings, django_capture_on_commit_callbacks):
    """January and February paid by the payment run (bulk path, chunks of 3) for a varied
    caseload; one dossier granted late has a calculated, unpaid January. Today: 5 March."""
    settings.INKOMEN_BETAALRUN_CHUNK = 3
    settings.INKOMEN_HERBEREKENINGSRUN_CHUNK = 4
    d = {
        "alleen": maak_dossier(geboortedatum=date(1985, 5, 1), ingangsdatum=JAN),
        "werkt": maak_dossier(geboortedatum=date(1980, 5, 1), ingangsdatum=JAN),
        "schatting": maak_dossier(geboortedatum=date(1986, 5, 1), ingangsdatum=JAN),
        "gezin": maak_dossier(
            geboortedatum=date(1990, 1, 1),
            ingangsdatum=JAN,
            leden=[
                {"rol": "partner", "naam": "P", "geboortedatum": date(1988, 2, 2)},
                {"rol": "kind", "naam": "K", "geboortedatum": date(2018, 3, 3)},
            ],
        ),
        "kostendeler": maak_dossier(
            geboortedatum=date(1980, 1, 1),
            ingangsdatum=JAN,
            leden=[{"rol": "medebewoner", "naam": "M", "geboortedatum": date(1995, 1, 1)}],
        ),
        "jong": maak_dossier(geboortedatum=date(2006, 9, 1), ingangsdatum=JAN),
        "nihil": maak_dossier(geboortedatum=date(1984, 1, 1), ingangsdatum=JAN),
    }
    for maand in (JAN, FEB):
        vandaag(maand.replace(day=20))
        _registreer(d["werkt"], maand, "600.00", consulent)
        _registreer(d["schatting"], maand, "350.00", consulent, status="geschat")
        _registreer(d["nihil"], maand, "3000.00", consulent)
        betaalrun.voer_uit(maand=maand)
    vandaag(date(2026, 3, 5))
    # granted after the runs, January calculated by the event path: calculated, not paid
    d["laat"] = maak_dossier(geboortedatum=date(1987, 1, 1), ingangsdatum=JAN)
    herbereken_maand(dossier_id=d["laat"].pk, maand=JAN, aanleiding="toekenning")
    return d


def _wijzig_januarinorm(client, delta: Decimal, capture) -> object:
    rij = Regelset.objects.get(geldig_vanaf=JAN)
    data = dict(rij.data)
    for sleutel in ("norm_alleenstaande", "norm_gehuwden"):
        data[sleutel] = str(Decimal(data[sleutel]) + delta)
    with capture(execute=True):
        antwoord = client.post(
            reverse("admin:inkomen_regelset_change", args=[rij.pk]),
            {"geldig_vanaf": "2026-01-01", "toelichting": "correctie", "data": json.dumps(data)},
            follow=True,
        )
    assert antwoord.status_code == 200
    return antwoord


def _betaald(dossier, maand) -> Boeking | None:
    return Boeking.objects.filter(
        dossier=dossier, maand=maand, soort=BoekingSoort.UITBETALING_VOORLOPIG
    ).first()


@pytest.mark.parametrize(
    ("delta", "soort"),
    [(D("20.00"), BoekingSoort.NABETALING), (D("-20.00"), BoekingSoort.VERREKENINGSSCHULD)],
    ids=["hogere-norm-nabetaling", "lagere-norm-verrekeningsschuld"],
)
def test_nieuwe_januarinorm_via_beheer_bereikt_iedere_berekende_maand(
    caseload, beheerder_client, django_capture_on_commit_callbacks, delta, soort
):
    d = caseload
    voor = {(b.dossier_id, b.maand): b.bijstand for b in Berekening.objects.filter(actueel=True)}
    boekingen_voor = Boeking.objects.count()

    antwoord = _wijzig_januarinorm(beheerder_client, delta, django_capture_on_commit_callbacks)

    run = Herberekeningsrun.objects.get()
    # the admin's message links to the progress of the run
    tekst = antwoord.content.decode()
    assert "Alle berekende maanden januari 2026 tot en met juni 2026 worden herberekend." in tekst
    assert reverse("inkomen:herberekeningsrun", args=[run.pk]) in tekst
    assert (run.vanaf, run.tot) == (JAN, date(2026, 6, 1))
    assert run.gestart_door == beheerder_client.gebruiker

    # every paid month of every person on a norm that changed: exactly the difference
    geraakt = {"alleen", "werkt", "schatting", "gezin", "kostendeler"}
    for naam, dossier in d.items():
        for maand in (JAN, FEB):
            nu = selectors.actuele_berekening(dossier_id=dossier.pk, maand=maand)
            correcties = list(
                Boeking.objects.filter(dossier=dossier, maand=maand).exclude(
                    soort=BoekingSoort.UITBETALING_VOORLOPIG
                )
            )
            if naam == "laat":  # January calculated, not paid: a new version, nothing booked
                assert correcties == []
                assert nu.versie == 2 if maand == JAN else nu is None
                continue
            verschil = nu.bijstand - voor[(dossier.pk, maand)]
            if naam in geraakt:
                assert verschil != 0, (naam, maand)
                assert [c.soort for c in correcties] == [soort], (naam, maand)
                assert correcties[0].bedrag == verschil
                assert correcties[0].maand == maand
            else:  # jongerennorm, or income above the norm: the bijstand stays the same
                assert verschil == 0 and correcties == [], (naam, maand)
            # the ledger recognises exactly the new bijstand of the month
            recht, _vt, betaald = selectors.recht_van_maand(dossier_id=dossier.pk, maand=maand)
            assert betaald and recht == nu.bijstand

    run.refresh_from_db()
    assert run.status == HerberekeningsrunStatus.KLAAR and run.klaar_op is not None
    # 8 dossiers with January, 7 with February; chunks of 4 months, a dossier never split
    assert run.aantal_maanden == run.aantal_verwerkt == 15
    assert run.aantal_fouten == 0
    assert run.aantal_geboekt == 2 * len(geraakt) == 10
    # new versions: every month whose result changed (the norm is in the result), incl. nihil
    # and the unpaid month; not the jongerennorm months
    assert run.aantal_gewijzigd == 15 - 2
    assert run.chunks_totaal == run.chunks_klaar == HerberekeningsrunDeel.objects.count() == 4
    assert herberekeningsrun.percentage(run) == 100
    assert Boeking.objects.count() == boekingen_voor + 10

    # saving the same data again: a run that finds nothing changed
    rij = Regelset.objects.get(geldig_vanaf=JAN)
    with django_capture_on_commit_callbacks(execute=True):
        herberekeningsrun.start_herberekeningsrun(vanaf=JAN, tot=None, aanleiding="nog eens")
    tweede = Herberekeningsrun.objects.exclude(pk=run.pk).get()
    assert tweede.status == HerberekeningsrunStatus.KLAAR
    assert (tweede.aantal_gewijzigd, tweede.aantal_geboekt) == (0, 0)
    assert tweede.aantal_verwerkt == Berekening.objects.filter(actueel=True).count()
    assert Boeking.objects.count() == boekingen_voor + 10
    assert rij.data == Regelset.objects.get(pk=rij.pk).data


def test_alleen_toelichting_gewijzigd_start_geen_run(
    beheerder_client, django_capture_on_commit_callbacks
):
    rij = Regelset.objects.get(geldig_vanaf=JAN)
    with django_capture_on_commit_callbacks(execute=True):
        beheerder_client.post(
            reverse("admin:inkomen_regelset_change", args=[rij.pk]),
            {"geldig_vanaf": "2026-01-01", "toelichting": "ander", "data": json.dumps(rij.data)},
        )
    assert Regelset.objects.get(pk=rij.pk).toelichting == "ander"
    assert not Herberekeningsrun.objects.exists()


def test_alleen_hersteltermijn_p9_gewijzigd_start_geen_run(
    beheerder_client, django_capture_on_commit_callbacks
):
    """P9 (the opschorting's hersteltermijn) is policy the calculation does not read."""
    rij = Beleidsinstelling.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = beheerder_client.post(
            reverse("admin:inkomen_beleidsinstelling_change", args=[rij.pk]),
            {
                "geldig_vanaf": rij.geldig_vanaf.isoformat(),
                "toelichting": rij.toelichting,
                "data": json.dumps({**rij.data, "p9_hersteltermijn_dagen": 21}),
            },
        )
    assert antwoord.status_code == 302
    assert Beleidsinstelling.objects.get(pk=rij.pk).data["p9_hersteltermijn_dagen"] == 21
    assert not Herberekeningsrun.objects.exists()
    # ... but P8 is read by the calculation: changing it starts a run.
    with django_capture_on_commit_callbacks(execute=True):
        beheerder_client.post(
            reverse("admin:inkomen_beleidsinstelling_change", args=[rij.pk]),
            {
                "geldig_vanaf": rij.geldig_vanaf.isoformat(),
                "toelichting": rij.toelichting,
                "data": json.dumps({**rij.data, "p8_deelmaand": "werkdagen"}),
            },
        )
    assert Herberekeningsrun.objects.count() == 1


def test_hersteltermijn_p9_buiten_de_grenzen_geweigerd(beheerder_client):
    rij = Beleidsinstelling.objects.get()
    antwoord = beheerder_client.post(
        reverse("admin:inkomen_beleidsinstelling_change", args=[rij.pk]),
        {
            "geldig_vanaf": rij.geldig_vanaf.isoformat(),
            "toelichting": rij.toelichting,
            "data": json.dumps({**rij.data, "p9_hersteltermijn_dagen": 40}),
        },
    )
    assert antwoord.status_code == 200
    assert "p9_hersteltermijn_dagen ligt tussen 1 en" in antwoord.content.decode()
    assert Beleidsinstelling.objects.get(pk=rij.pk).data["p9_hersteltermijn_dagen"] == 14


def test_nieuwe_beleidsinstelling_start_run_vanaf_haar_maand(
    beheerder_client, django_capture_on_commit_callbacks
):
    bestaand = Beleidsinstelling.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = beheerder_client.post(
            reverse("admin:inkomen_beleidsinstelling_add"),
            {
                "geldig_vanaf": "2026-04-15",
                "toelichting": "nieuw beleid",
                "data": json.dumps(bestaand.data),
            },
            follow=True,
        )
    assert antwoord.status_code == 200
    run = Herberekeningsrun.objects.get()
    # from the 15th: governs from May (a month takes the version in force on its first day)
    assert (run.vanaf, run.tot) == (date(2026, 5, 1), None)
    assert run.status == HerberekeningsrunStatus.KLAAR and run.aantal_maanden == 0
    assert run.aanleiding == "Beleidsinstelling vanaf 15-04-2026 toegevoegd"


def test_een_deel_twee_keer_afgeleverd_telt_een_keer(caseload, django_capture_on_commit_callbacks):
    regel = Regelset.objects.get(geldig_vanaf=JAN)
    regel.data = {**regel.data, "norm_alleenstaande": "1411.50"}
    regel.save()
    run = herberekeningsrun.start_herberekeningsrun(vanaf=JAN, tot=FEB, aanleiding="test")
    delen = herberekeningsrun.plan_herberekeningsrun(run.pk)
    assert len(delen) == 4 and herberekeningsrun.plan_herberekeningsrun(run.pk) == []
    nummer, paren = delen[0]

    eerste = herberekeningsrun.verwerk_deel(run_id=run.pk, nummer=nummer, paren=paren)
    boekingen = Boeking.objects.count()
    berekeningen = Berekening.objects.count()
    tweede = herberekeningsrun.verwerk_deel(run_id=run.pk, nummer=nummer, paren=paren)

    assert eerste.verwerkt == len(paren) and not eerste.al_verwerkt
    assert tweede.al_verwerkt and tweede.verwerkt == 0
    assert (Boeking.objects.count(), Berekening.objects.count()) == (boekingen, berekeningen)
    run.refresh_from_db()
    assert run.chunks_klaar == 1 and run.aantal_verwerkt == len(paren)
    assert run.status == HerberekeningsrunStatus.BEZIG
    # the redelivery that finds the work done but its Deel row missing (the count is in the
    # same transaction as the work, so this is only the race of two concurrent deliveries):
    HerberekeningsrunDeel.objects.filter(run=run, nummer=nummer).delete()
    derde = herberekeningsrun.verwerk_deel(run_id=run.pk, nummer=nummer, paren=paren)
    assert (derde.gewijzigd, derde.geboekt) == (0, 0)
    assert Boeking.objects.count() == boekingen

    for nummer, paren in delen[1:]:
        herberekeningsrun.verwerk_deel(run_id=run.pk, nummer=nummer, paren=paren)
    run.refresh_from_db()
    assert run.status == HerberekeningsrunStatus.KLAAR
    assert run.chunks_klaar == run.chunks_totaal == 4


def test_maand_die_niet_te_berekenen_is_wordt_geteld_en_de_run_gaat_door(
    caseload, django_capture_on_commit_callbacks
):
    d = caseload
    # partner income in a household without a partner: the rules refuse the month
    Inkomstenopgave.objects.create(
        dossier=d["alleen"],
        maand=FEB,
        persoon="partner",
        soort="arbeid",
        bedrag=D("100.00"),
        periode="maand",
        status="definitief",
        bron="consulent",
    )
    regel = Regelset.objects.get(geldig_vanaf=JAN)
    regel.data = {**regel.data, "norm_alleenstaande": "1411.50"}
    regel.save()
    with django_capture_on_commit_callbacks(execute=True):
        run = herberekeningsrun.start_herberekeningsrun(vanaf=JAN, tot=None, aanleiding="test")
    run.refresh_from_db()
    assert run.status == HerberekeningsrunStatus.KLAAR
    assert run.aantal_fouten == 1 and run.aantal_verwerkt == run.aantal_maanden == 15
    # the other months were recalculated: January of the same dossier too
    assert Boeking.objects.filter(dossier=d["alleen"], maand=JAN, soort="nabetaling").exists()
    assert not Boeking.objects.filter(dossier=d["alleen"], maand=FEB, soort="nabetaling").exists()
    assert Boeking.objects.filter(dossier=d["werkt"], maand=FEB, soort="nabetaling").exists()


def test_overlappende_run_wacht_en_tweede_wijziging_wordt_samengevoegd(
    caseload, django_capture_on_commit_callbacks
):
    eerste = herberekeningsrun.start_herberekeningsrun(vanaf=JAN, tot=FEB, aanleiding="een")
    delen = herberekeningsrun.plan_herberekeningsrun(eerste.pk)  # bezig, chunks not yet done
    # a run of other months does not wait
    with django_capture_on_commit_callbacks(execute=True):
        los = herberekeningsrun.start_herberekeningsrun(vanaf=JULI, tot=JULI, aanleiding="juli")
    assert los.wacht_op is None
    assert Herberekeningsrun.objects.get(pk=los.pk).status == HerberekeningsrunStatus.KLAAR

    with django_capture_on_commit_callbacks(execute=True):
        tweede = herberekeningsrun.start_herberekeningsrun(vanaf=FEB, aanleiding="twee")
        derde = herberekeningsrun.start_herberekeningsrun(vanaf=JAN, tot=MAART, aanleiding="drie")
        vierde = herberekeningsrun.start_herberekeningsrun(vanaf=JULI, aanleiding="vier")
    assert tweede.wacht_op.pk == eerste.pk and not tweede.samengevoegd
    # merged into the waiting run (its range widened), which still waits for the first one
    assert derde.pk == vierde.pk == tweede.pk and derde.samengevoegd and vierde.samengevoegd
    assert vierde.wacht_op.pk == eerste.pk
    tweede.refresh_from_db()
    assert tweede.status == HerberekeningsrunStatus.GEPLAND  # waits, not sent
    assert (tweede.vanaf, tweede.tot) == (JAN, None)
    assert tweede.aanleiding == "twee; drie; vier"
    assert Herberekeningsrun.objects.count() == 3

    # the first run finishes (its chunks): the waiting one starts by itself
    with django_capture_on_commit_callbacks(execute=True):
        for nummer, paren in delen:
            herberekeningsrun.verwerk_deel(run_id=eerste.pk, nummer=nummer, paren=paren)
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.status == tweede.status == HerberekeningsrunStatus.KLAAR
    assert tweede.aantal_verwerkt == Berekening.objects.filter(actueel=True).count()


def test_bereik_van_een_versie():
    bereik = herberekeningsrun.bereik_van_versie
    jan = Regelset.objects.get(geldig_vanaf=JAN)
    assert bereik(model=Regelset, geldig_vanaf=JAN, pk=jan.pk) == (JAN, date(2026, 6, 1))
    laatste = Regelset.objects.get(geldig_vanaf=JULI)
    assert bereik(model=Regelset, geldig_vanaf=JULI, pk=laatste.pk) == (JULI, None)
    # moved from 1 January to 1 March: January and February now fall under July 2025's set
    assert bereik(model=Regelset, geldig_vanaf=MAART, oud_geldig_vanaf=JAN, pk=jan.pk) == (
        JAN,
        date(2026, 6, 1),
    )
    # a version from the 15th governs from the next month; one ending at a mid-month version
    assert bereik(model=Regelset, geldig_vanaf=date(2026, 2, 15), pk=None) == (
        MAART,
        date(2026, 6, 1),
    )
    assert herberekeningsrun.eerste_maand_van(date(2026, 6, 2)) == JULI
    with pytest.raises(ValidationError):
        herberekeningsrun.start_herberekeningsrun(vanaf=FEB, tot=JAN, aanleiding="x")


def test_in_delen_splitst_een_dossier_nooit():
    paren = [(1, JAN), (1, FEB), (1, MAART), (2, JAN), (3, JAN), (3, FEB)]
    assert herberekeningsrun.in_delen(paren, 2) == [
        [(1, JAN), (1, FEB), (1, MAART)],
        [(2, JAN), (3, JAN), (3, FEB)],
    ]
    assert herberekeningsrun.in_delen([], 2) == []


def test_hervatten_stuurt_wachtende_run_en_herstart_stilgevallen_run(
    caseload, settings, django_capture_on_commit_callbacks
):
    # sent when the broker was down: the row is there, its task was lost
    verloren = herberekeningsrun.start_herberekeningsrun(vanaf=JAN, tot=JAN, aanleiding="a")
    # planned, then its chunk tasks were lost
    stil = herberekeningsrun.start_herberekeningsrun(vanaf=FEB, tot=FEB, aanleiding="b")
    herberekeningsrun.plan_herberekeningsrun(stil.pk)
    Herberekeningsrun.objects.filter(pk=stil.pk).update(
        laatste_voortgang_op=timezone.now() - timedelta(hours=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        uitkomst = herberekeningsrun.hervat_herberekeningsruns()
    verloren.refresh_from_db()
    stil.refresh_from_db()
    assert verloren.status == HerberekeningsrunStatus.KLAAR
    assert stil.status == HerberekeningsrunStatus.MISLUKT
    opnieuw = Herberekeningsrun.objects.get(pk=uitkomst["herstart"][0])
    assert opnieuw.status == HerberekeningsrunStatus.KLAAR
    assert (opnieuw.vanaf, opnieuw.tot) == (FEB, FEB)
    assert opnieuw.aantal_verwerkt == Berekening.objects.filter(actueel=True, maand=FEB).count()
    # nothing left to do: idempotent
    assert herberekeningsrun.hervat_herberekeningsruns() == {"gestuurd": [], "herstart": []}
