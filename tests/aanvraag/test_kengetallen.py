"""aanvraag/kengetallen.py: the facts of "snel uitsluitsel", row by row, and through the
dashboards' discovery (feiten and labels) into the snapshot."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Sum

from aanvraag import kengetallen
from aanvraag.models import Aanvraag, AanvraagStatus, Besluit, BesluitSoort
from bijstand.accounts.models import Rol
from bijstand.dashboards import snapshot
from bijstand.dashboards.models import Kengetal
from bijstand.dashboards.services import bouw_snapshot
from tests.factories import DossierFactory, UserFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def besloten(
    *,
    melddatum: date,
    besluit_op: datetime,
    soort: str = BesluitSoort.TOEKENNING,
    beslissen_uiterlijk: date | None = None,
    werkcoach=None,
) -> Aanvraag:
    """A decided aanvraag written as its history would have left it."""
    dossier = DossierFactory(werkcoach=werkcoach) if werkcoach else DossierFactory()
    status = {
        BesluitSoort.TOEKENNING: AanvraagStatus.TOEGEKEND,
        BesluitSoort.AFWIJZING: AanvraagStatus.AFGEWEZEN,
        BesluitSoort.BUITEN_BEHANDELING: AanvraagStatus.BUITEN_BEHANDELING,
    }[soort]
    aanvraag = Aanvraag.objects.create(
        dossier=dossier,
        kanaal="portaal",
        status=status,
        melddatum=melddatum,
        ontvangen_op=melddatum,
        beslissen_uiterlijk=beslissen_uiterlijk,
    )
    Besluit.objects.create(
        aanvraag=aanvraag,
        soort=soort,
        ingangsdatum=melddatum if soort == BesluitSoort.TOEKENNING else None,
        genomen_door=UserFactory(rol=Rol.INKOMENSCONSULENT, team=None),
        genomen_op=besluit_op,
        verzendwijze="post",
    )
    return aanvraag


def om(d: date, uur: int = 12, minuut: int = 0) -> datetime:
    return datetime.combine(d, time(uur, minuut), AMS)


def test_one_row_per_decision_on_the_merits():
    a = besloten(
        melddatum=date(2026, 3, 2),
        besluit_op=om(date(2026, 3, 30)),
        beslissen_uiterlijk=date(2026, 4, 27),
    )
    b = besloten(
        melddatum=date(2026, 1, 5),
        besluit_op=om(date(2026, 3, 31), 23, 30),  # late evening: still 31 March locally
        soort=BesluitSoort.AFWIJZING,
        beslissen_uiterlijk=date(2026, 3, 2),
    )
    c = besloten(melddatum=date(2026, 3, 10), besluit_op=om(date(2026, 3, 20)))
    besloten(  # not on the merits: left out
        melddatum=date(2026, 2, 1),
        besluit_op=om(date(2026, 3, 25)),
        soort=BesluitSoort.BUITEN_BEHANDELING,
        beslissen_uiterlijk=date(2026, 4, 1),
    )
    besloten(melddatum=date(2026, 2, 1), besluit_op=om(date(2026, 4, 1), 0, 30))  # after `tot`
    Aanvraag.objects.create(  # withdrawn: no besluit, no row
        dossier=DossierFactory(),
        kanaal="loket",
        status=AanvraagStatus.INGETROKKEN,
        melddatum=date(2026, 3, 1),
    )

    rijen = sorted(
        kengetallen.feiten(van=date(2026, 1, 1), tot=date(2026, 4, 1))[kengetallen.UITSLUITSEL],
        key=lambda r: r["dossier_id"],
    )

    assert rijen == [
        {
            "dossier_id": a.dossier_id,
            "datum": date(2026, 3, 30),
            "categorie": "binnen",
            "subcategorie": 28,
            "bedrag": 28,
        },
        {
            "dossier_id": b.dossier_id,
            "datum": date(2026, 3, 31),
            "categorie": "na",
            "subcategorie": 85,
            "bedrag": 85,
        },
        {
            "dossier_id": c.dossier_id,
            "datum": date(2026, 3, 20),
            "categorie": "onbekend",
            "subcategorie": 10,
            "bedrag": 10,
        },
    ]


def test_the_dashboards_discover_the_facts_and_labels():
    feiten, fouten = snapshot.verzamel_feiten(van=date(2026, 1, 1), tot=date(2026, 4, 1))
    assert kengetallen.UITSLUITSEL in feiten and not fouten
    snapshot.controleer_feit(kengetallen.UITSLUITSEL, feiten[kengetallen.UITSLUITSEL])
    assert [code for code, _naam in snapshot.labels(kengetallen.UITSLUITSEL)] == [
        "binnen",
        "na",
        "onbekend",
    ]


def test_the_snapshot_aggregates_them_by_month_of_the_besluit():
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT)
    for melddatum, besluit_op, uiterlijk in (
        (date(2026, 3, 2), date(2026, 3, 30), date(2026, 4, 27)),  # 28 days, binnen
        (date(2026, 2, 2), date(2026, 3, 16), date(2026, 3, 30)),  # 42 days, binnen
        (date(2026, 1, 2), date(2026, 3, 3), date(2026, 2, 27)),  # 60 days, na
        (date(2026, 2, 20), date(2026, 4, 10), date(2026, 4, 17)),  # April: 49 days
    ):
        besloten(
            melddatum=melddatum,
            besluit_op=om(besluit_op),
            beslissen_uiterlijk=uiterlijk,
            werkcoach=werkcoach,
        )
    peildag = bouw_snapshot(peildatum=date(2026, 4, 15))
    assert kengetallen.UITSLUITSEL in peildag.figuren, peildag.fouten

    def rijen(periode: date, soort: str = "m"):
        return Kengetal.objects.filter(
            peildag=peildag,
            figuur=kengetallen.UITSLUITSEL,
            niveau="",
            periode_soort=soort,
            periode=periode,
        )

    maart = rijen(date(2026, 3, 1))
    totaal = maart.aggregate(p=Sum("personen"), a=Sum("aantal"), s=Sum("som"))
    assert (totaal["p"], totaal["a"], totaal["s"]) == (3, 3, 130)  # mean 130 / 3
    assert sorted(maart.values_list("categorie", "subcategorie", "aantal")) == [
        ("binnen", "28", 1),
        ("binnen", "42", 1),
        ("na", "60", 1),
    ]
    assert rijen(date(2026, 4, 1)).aggregate(s=Sum("som"))["s"] == 49
    kwartaal = rijen(date(2026, 1, 1), soort="k").aggregate(a=Sum("aantal"), s=Sum("som"))
    assert (kwartaal["a"], kwartaal["s"]) == (3, 130)
