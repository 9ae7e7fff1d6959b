"""The durable event path (issue 13 §1) with the broker really stopped: a redis-server of the
test's own is killed (SIGKILL) while the consulent registers an opgave, and started again.

- The consulent's screen answers with a redirect (no 500); the opgave and its outbox row
  (HerberekenVerzoek) are stored; nothing is calculated or booked yet.
- With Redis back, the reconciliation task (``inkomen.herstel_herberekeningen``, as the beat
  calls it) books the verrekeningsschuld of the paid month exactly once, however often it runs.
- A resubmission with the same form (same idempotency key) stores nothing new.

The transactions are real (``transaction=True``): the on-commit publish runs inside the request,
where a broker error used to turn into the 500.
"""

from __future__ import annotations

import re
import time
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.test import Client
from django.urls import reverse

from bijstand.accounts.models import Rol
from inkomen import herberekening, selectors, services
from inkomen.models import Berekening, Boeking, BoekingSoort, Inkomstenopgave
from inkomen.models_herberekening import HerberekenVerzoek
from inkomen.tasks import herbereken
from inkomen.tasks_herstel import herstel_herberekeningen
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

from .conftest import D
from .duurzaam_redis import echte_broker_fixture, eigen_redis_fixture  # noqa: F401

OKTOBER = date(2026, 10, 1)
NOVEMBER = date(2026, 11, 1)
VANDAAG = date(2026, 12, 7)  # the date: November paid, its loonstrook comes in late
SLEUTEL_RE = re.compile(r'name="idempotentiesleutel" value="([^"]+)"')


@pytest.fixture
def wereld(vandaag, db):
    """A consulent and her dossier (41 years old, uitkering since October), November paid."""
    vandaag(VANDAAG)
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    dossier = DossierFactory(
        inkomensconsulent=consulent,
        werkzoekende=WerkzoekendeFactory(geboortedatum=date(1985, 5, 1)),
    )
    services.start_uitkering(dossier=dossier, ingangsdatum=OKTOBER, door=None)
    betaald = services.boek_maandbetaling(dossier_id=dossier.pk, maand=NOVEMBER)
    assert betaald is not None and betaald.bedrag > 0
    client = Client()
    client.force_login(consulent, backend="django.contrib.auth.backends.ModelBackend")
    return {"dossier": dossier, "client": client}


def verwachte_schuld(maand: date, inkomsten: Decimal) -> Decimal:
    """From the rules: a paid month without income, then ``inkomsten`` from work counts
    for inkomsten minus the vrijlating of art. 31 lid 2 onder n (percentage, monthly cap
    from the rule set of the month): the bijstand drops by that much."""
    n = selectors.regelset_voor_maand(maand).vrijlating("n")
    vrijlating = (inkomsten * n.percentage / 100).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    if n.maximum is not None:
        vrijlating = min(vrijlating, n.maximum)
    return -(inkomsten - vrijlating)


def formulier(client: Client, dossier) -> tuple[str, dict]:
    url = reverse("inkomen:opgave_registreren", args=[dossier.pk])
    html = client.get(url).content.decode()
    [sleutel] = SLEUTEL_RE.findall(html)
    return url, {
        "idempotentiesleutel": sleutel,
        "maand": "2026-11",
        "persoon": "aanvrager",
        "soort": "arbeid",
        "status": "definitief",
        "periode": "maand",
        "bedrag": "700,00",
        "actie": "vastleggen",
    }


def schulden(dossier) -> list[Boeking]:
    return list(Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VERREKENINGSSCHULD))


@pytest.mark.django_db(transaction=True)
def test_broker_weg_opgave_vastgelegd_en_schuld_precies_een_keer_geboekt(
    wereld, echte_broker, settings, caplog
):
    dossier, client = wereld["dossier"], wereld["client"]
    versies_voor = Berekening.objects.filter(dossier=dossier, maand=NOVEMBER).count()
    url, data = formulier(client, dossier)

    echte_broker.stop()
    begin = time.monotonic()
    antwoord = client.post(url, data)
    duur = time.monotonic() - begin

    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert antwoord.url.endswith("#opgaven")
    assert duur < 5, f"het scherm wachtte {duur:.1f} s op de broker"
    opgave = Inkomstenopgave.objects.get(dossier=dossier, maand=NOVEMBER)
    assert (opgave.bedrag, opgave.idempotentiesleutel) == (D("700.00"), data["idempotentiesleutel"])
    [verzoek] = HerberekenVerzoek.objects.filter(dossier=dossier, maand=NOVEMBER)
    assert verzoek.verwerkt_op is None
    assert Berekening.objects.filter(dossier=dossier, maand=NOVEMBER).count() == versies_voor
    assert schulden(dossier) == []
    assert "niet in de wachtrij gezet" in caplog.text
    assert dossier.werkzoekende.bsn not in caplog.text
    # The consulent lands on the Inkomen tab: answered too, with Redis (and its cache) gone.
    assert client.get(antwoord.url).status_code == 200

    # Back + resubmit (or a double click): the same key stores nothing new.
    nog_eens = client.post(url, data, follow=True)
    assert nog_eens.status_code == 200
    assert "Deze opgave was al vastgelegd" in nog_eens.content.decode()
    assert Inkomstenopgave.objects.filter(dossier=dossier).count() == 1

    echte_broker.start()
    settings.INKOMEN_HERSTEL_WACHTTIJD = 0
    for _ in range(2):  # two reconciliation cycles, as the beat runs them
        assert herstel_herberekeningen.apply(throw=True).successful()

    verwacht = verwachte_schuld(NOVEMBER, D("700.00"))
    assert verwacht == D("-525.00")  # the example: 700,00 minus 25 % vrijlating
    [schuld] = schulden(dossier)
    assert schuld.bedrag == verwacht
    assert schuld.reden_code == "art_58_lid_4"
    actueel = Berekening.objects.get(dossier=dossier, maand=NOVEMBER, actueel=True)
    assert list(actueel.opgaven.all()) == [opgave]
    verzoek.refresh_from_db()
    assert verzoek.verwerkt_op is not None
    assert not HerberekenVerzoek.objects.filter(verwerkt_op__isnull=True).exists()

    # A resubmission now, with Redis up: still nothing new, nothing queued, nothing booked.
    assert client.post(url, data).status_code == 302
    assert Inkomstenopgave.objects.filter(dossier=dossier).count() == 1
    assert echte_broker.taken() == []
    assert herstel_herberekeningen.apply(throw=True).successful()
    assert len(schulden(dossier)) == 1


@pytest.mark.django_db(transaction=True)
def test_met_broker_gaat_de_taak_echt_de_wachtrij_in(wereld, echte_broker):
    """The publish path is the real one: with Redis up, the task message is in the queue."""
    dossier, client = wereld["dossier"], wereld["client"]
    url, data = formulier(client, dossier)
    assert client.post(url, data).status_code == 302
    assert echte_broker.taken() == [("inkomen.herbereken", (dossier.pk, "2026-11-01"))]
    # What the worker does with it: the month recalculated, the outbox row consumed.
    assert herbereken.apply(args=(dossier.pk, "2026-11-01"), throw=True).successful()
    assert len(schulden(dossier)) == 1
    assert not HerberekenVerzoek.objects.filter(verwerkt_op__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_na_een_mislukte_publicatie_even_niet_opnieuw(wereld, echte_broker, settings):
    """A payroll batch during an outage does not pay a broker timeout per line: after a
    failure this process leaves the broker alone for INKOMEN_PUBLICATIE_PAUZE seconds."""
    dossier = wereld["dossier"]
    settings.INKOMEN_PUBLICATIE_PAUZE = 60
    echte_broker.stop()
    with_broker_down = time.monotonic()
    herberekening._stuur(dossier.pk, "2026-11-01")
    echte_broker.start()
    herberekening._stuur(dossier.pk, "2026-11-01")  # within the pause: not sent
    assert time.monotonic() - with_broker_down < 5
    assert echte_broker.taken() == []
    herberekening.herstel_publicatie()
    herberekening._stuur(dossier.pk, "2026-11-01")
    assert echte_broker.taken() == [("inkomen.herbereken", (dossier.pk, "2026-11-01"))]
