"""Issue 13 §4: the consulent's table "Berekeningen per maand" shows the correction of a month
as the ledger has it (it said "Correctie: geen" for a month with a verrekeningsschuld).

The ledger is made by the real services (payments, recalculations, the end of the uitkering,
a consulent's vordering); the table is read from the page.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bijstand.core import tijd
from bijstand.dossiers import services as dossier_services
from inkomen import betaalrun, services
from inkomen.models import Berekening, Boeking, BoekingSoort, RedenCode

from .conftest import D

pytestmark = pytest.mark.django_db

JANUARI = date(2026, 1, 1)
FEBRUARI = date(2026, 2, 1)
MAART = date(2026, 3, 1)
APRIL = date(2026, 4, 1)
VIJFENTWINTIG = date(2000, 6, 1)  # 25 in 2026: no vrijlating (art. 31 lid 5)
CORRECTIE = 8  # the column "Correctie" (0-based)


@pytest.fixture
def consulent_client(consulent) -> Client:
    client = Client()
    client.force_login(consulent, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def dossier_van(consulent, maak_dossier):
    def _maak(**kwargs):
        dossier = maak_dossier(**kwargs)
        dossier.inkomensconsulent = consulent
        dossier.save()
        return dossier

    return _maak


def tab(client, dossier, **params) -> str:
    url = reverse("dossiers:tab", args=[dossier.pk, "inkomen"])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def correctie(html: str, berekening: Berekening) -> str:
    """The visible text of the row's "Correctie" cell."""
    rij = re.search(rf'<tr[^>]*id="berekening-{berekening.pk}">(.*?)</tr>', html, re.S)
    assert rij, f"no row for berekening {berekening.pk}"
    cellen = re.findall(r"<td[^>]*>(.*?)</td>", rij[1], re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cellen[CORRECTIE])).strip()


def versie(dossier, maand: date, nummer: int) -> Berekening:
    return Berekening.objects.get(dossier=dossier, maand=maand, versie=nummer)


def betaal(dossier, maand: date) -> None:
    services.boek_maandbetaling(dossier_id=dossier.pk, maand=maand)


def test_verrekeningsschuld_van_een_definitieve_opgave_na_de_betaling(
    consulent_client, dossier_van, opgave
):
    """The issue's case: March paid without income, then 700,00 definitive: the new version
    books a verrekeningsschuld; its berekening has no (estimate) correctie at all."""
    dossier = dossier_van(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
    betaal(dossier, MAART)
    opgave(dossier, MAART, "700.00")
    v1, v2 = versie(dossier, MAART, 1), versie(dossier, MAART, 2)
    assert v2.correctie is None  # what the table used to show: "geen"
    [schuld] = Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VERREKENINGSSCHULD)
    assert (schuld.bedrag, schuld.vakantietoeslag) == (D("-700.00"), D("-35.00"))

    html = tab(consulent_client, dossier)
    assert correctie(html, v2) == "Verrekeningsschuld: € -700,00 (waarvan VT € -35,00)"
    assert correctie(html, v1) == "geen"


def test_nabetaling_met_inhouding_en_verrekeningsschuld(consulent_client, dossier_van, opgave):
    dossier = dossier_van(geboortedatum=VIJFENTWINTIG, ingangsdatum=FEBRUARI)
    schatting_feb = opgave(dossier, FEBRUARI, "300.00", status="geschat")
    schatting_mrt = opgave(dossier, MAART, "300.00", status="geschat")
    betaal(dossier, FEBRUARI)
    betaal(dossier, MAART)
    opgave(dossier, MAART, "450.00", vervangt=schatting_mrt)  # schuld 150,00 (cash 142,50)
    opgave(dossier, FEBRUARI, "200.00", vervangt=schatting_feb)  # nabetaling 100,00

    html = tab(consulent_client, dossier)
    assert correctie(html, versie(dossier, FEBRUARI, 2)) == (
        "Nabetaling: € 100,00 (waarvan VT € 5,00) Inhouding verrekeningsschuld: € -95,00"
    )
    assert correctie(html, versie(dossier, MAART, 2)) == (
        "Verrekeningsschuld: € -150,00 (waarvan VT € -7,50)"
    )
    for maand in (FEBRUARI, MAART):
        assert correctie(html, versie(dossier, maand, 1)) == "geen"


def test_vordering_buiten_de_termijn(consulent_client, dossier_van, opgave, vandaag):
    dossier = dossier_van(geboortedatum=VIJFENTWINTIG, ingangsdatum=JANUARI)
    vandaag(date(2026, 1, 20))
    schatting = opgave(dossier, JANUARI, "300.00", status="geschat")
    betaal(dossier, JANUARI)
    vandaag(date(2026, 9, 10))  # the payslip 8 months later: art. 58 lid 2, not lid 4
    opgave(dossier, JANUARI, "450.00", vervangt=schatting)

    html = tab(consulent_client, dossier)
    assert correctie(html, versie(dossier, JANUARI, 2)) == (
        "Vordering: € -150,00 (waarvan VT € -7,50)"
    )


def test_vorderingen_zonder_versie_staan_bij_de_actuele_versie(consulent_client, dossier_van):
    """Ending on 20 January after January and February were paid: January's new version books
    a vordering; February (no recht) becomes a vordering without a version. A consulent's
    vordering (art. 58 lid 1) has no version either."""
    dossier = dossier_van(ingangsdatum=JANUARI)
    betaalrun.voer_uit(maand=JANUARI)
    betaalrun.voer_uit(maand=FEBRUARI)
    services.registreer_vordering(
        dossier=dossier,
        maand=JANUARI,
        bedrag=D("200.00"),
        reden_code=RedenCode.ART_58_LID_1,
        door=dossier.inkomensconsulent,
    )
    dossier_services.wijzig_status(
        dossier=dossier, naar="beeindigd", reden="werk", einddatum=date(2026, 1, 20), door=None
    )
    januari_v1 = versie(dossier, JANUARI, 1)
    januari = Berekening.objects.get(dossier=dossier, maand=JANUARI, actueel=True)
    februari = Berekening.objects.get(dossier=dossier, maand=FEBRUARI, actueel=True)
    assert januari.versie == 2

    html = tab(consulent_client, dossier)
    assert correctie(html, januari) == (
        "Vordering: € -200,00 Vordering: € -297,31 (waarvan VT € -24,87)"
    )  # 20/31 of January is 904,19: 1.401,50 - 200,00 recognised, so 297,31 more (rule 2)
    assert correctie(html, januari_v1) == "geen"
    assert correctie(html, februari) == "Vordering: € -1.401,50 (waarvan VT € -70,08)"


def test_inhouding_van_de_betaalrun_is_geen_correctie_van_die_maand(
    consulent_client, dossier_van, opgave
):
    dossier = dossier_van(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
    schatting = opgave(dossier, MAART, "300.00", status="geschat")
    betaal(dossier, MAART)
    opgave(dossier, MAART, "450.00", vervangt=schatting)
    betaal(dossier, APRIL)  # withholds the first instalment of March's schuld
    assert Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.INHOUDING, maand=APRIL)

    html = tab(consulent_client, dossier)
    april = Berekening.objects.get(dossier=dossier, maand=APRIL, actueel=True)
    assert correctie(html, april) == "geen"
    assert correctie(html, versie(dossier, MAART, 2)).startswith("Verrekeningsschuld: € -150,00")


def test_geen_n_plus_1(consulent_client, dossier_van, opgave):
    """One month or six, each with a correction: the same number of queries."""

    def maak(aantal: int):
        maanden = [tijd.maand_plus(MAART, -i) for i in reversed(range(aantal))]
        dossier = dossier_van(geboortedatum=VIJFENTWINTIG, ingangsdatum=maanden[0])
        schattingen = []
        for maand in maanden:
            schattingen.append(opgave(dossier, maand, "300.00", status="geschat"))
            betaal(dossier, maand)
        for maand, schatting in zip(maanden, schattingen, strict=True):
            opgave(dossier, maand, "350.00", vervangt=schatting)
        return dossier

    klein, groot = maak(1), maak(6)
    assert Boeking.objects.filter(dossier=groot, soort=BoekingSoort.VERREKENINGSSCHULD).count() == 6

    def tel(dossier) -> int:
        tab(consulent_client, dossier)  # warm caches (session, rules)
        with CaptureQueriesContext(connection) as ctx:
            tab(consulent_client, dossier)
        return len(ctx.captured_queries)

    assert tel(klein) == tel(groot)
    # the second page of the calculations (rows 11 and 12) has its corrections too
    html = tab(consulent_client, groot, berekeningen=2)
    oudste = versie(groot, tijd.maand_plus(MAART, -5), 2)
    assert correctie(html, oudste) == "Verrekeningsschuld: € -50,00 (waarvan VT € -2,50)"
    assert correctie(html, versie(groot, tijd.maand_plus(MAART, -5), 1)) == "geen"
