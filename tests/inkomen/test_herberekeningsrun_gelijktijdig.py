"""Against PostgreSQL: the same chunk delivered twice at the same moment (two workers), and two
beheerders saving at the same moment. Real row locks and unique constraints decide."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from inkomen import betaalrun, herberekeningsrun
from inkomen.models import Boeking, BoekingSoort, Regelset
from inkomen.models_herberekening import Herberekeningsrun, HerberekeningsrunDeel
from tests.gelijktijdig import ALLEEN_POSTGRES, tegelijk

pytestmark = [*ALLEEN_POSTGRES, pytest.mark.django_db(transaction=True)]

JAN = date(2026, 1, 1)
FEB = date(2026, 2, 1)


@pytest.fixture
def betaald(maak_dossier, vandaag, settings):
    settings.INKOMEN_HERBEREKENINGSRUN_CHUNK = 100
    dossiers = [maak_dossier(ingangsdatum=JAN).pk for _ in range(4)]
    for maand in (JAN, FEB):
        vandaag(maand.replace(day=20))
        betaalrun.voer_uit(maand=maand)
    vandaag(date(2026, 3, 5))
    regel = Regelset.objects.get(geldig_vanaf=JAN)
    regel.data = {**regel.data, "norm_alleenstaande": "1421.50"}
    regel.save()
    return dossiers


def test_een_deel_tegelijk_twee_keer_afgeleverd_telt_een_keer(betaald):
    run = Herberekeningsrun.objects.create(aanleiding="test", vanaf=JAN, tot=FEB)
    [(nummer, paren)] = herberekeningsrun.plan_herberekeningsrun(run.pk)

    def verwerk():
        return herberekeningsrun.verwerk_deel(run_id=run.pk, nummer=nummer, paren=paren)

    uitkomsten = tegelijk([verwerk, verwerk])

    assert sorted(u.al_verwerkt for u in uitkomsten) == [False, True]
    run.refresh_from_db()
    assert run.status == "klaar"
    assert (run.chunks_klaar, run.aantal_verwerkt, run.aantal_geboekt) == (1, 8, 8)
    assert HerberekeningsrunDeel.objects.filter(run=run).count() == 1
    nabetalingen = Boeking.objects.filter(soort=BoekingSoort.NABETALING)
    assert nabetalingen.count() == 8  # once per paid dossier-month
    assert set(nabetalingen.values_list("bedrag", flat=True)) == {Decimal("20.00")}


def test_drie_wijzigingen_tegelijk_terwijl_een_run_loopt_geven_een_wachtende_run(betaald):
    loopt = Herberekeningsrun.objects.create(aanleiding="loopt", vanaf=JAN, tot=FEB)
    herberekeningsrun.plan_herberekeningsrun(loopt.pk)  # bezig, its chunk not yet done

    def start(aanleiding, vanaf):
        return lambda: herberekeningsrun.start_herberekeningsrun(vanaf=vanaf, aanleiding=aanleiding)

    uitkomsten = tegelijk([start("een", JAN), start("twee", FEB), start("drie", JAN)])

    # created and widened under the advisory lock: one waiting run for the three
    assert len({r.pk for r in uitkomsten}) == 1
    assert all(r.wacht_op.pk == loopt.pk for r in uitkomsten)
    wachtend = Herberekeningsrun.objects.exclude(pk=loopt.pk).get()
    assert wachtend.status == "gepland" and (wachtend.vanaf, wachtend.tot) == (JAN, None)
    assert sorted(wachtend.aanleiding.split("; ")) == ["drie", "een", "twee"]
