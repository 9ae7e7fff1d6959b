"""The public selector for the werkweekagenda (werkloont calls it): lopende_inzetten."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date, timedelta

import pytest
from django.utils import timezone

from instrumentenhuis import services
from instrumentenhuis.selectors import InzetAgendaRegel, lopende_inzetten
from tests.factories import DossierFactory

from .factories import AanbiederFactory, InstrumentFactory

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()


def test_contract_van_de_selector():
    params = inspect.signature(lopende_inzetten).parameters
    assert list(params) == ["dossier_ids", "van", "tot"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params.values())
    assert [f.name for f in dataclasses.fields(InzetAgendaRegel)] == [
        "inzet_id",
        "dossier_id",
        "instrument_naam",
        "categorie",
        "aanbieder_naam",
        "uren_per_week",
        "start",
        "eind",
    ]
    assert InzetAgendaRegel.__dataclass_params__.frozen


def test_lopende_en_geplande_inzetten_in_de_periode(coach, persoon_dossier):
    aanbieder = AanbiederFactory(naam="Taalhuis proef")
    taal = InstrumentFactory(naam="Taal", categorie="taal", aanbieder=aanbieder, uren_per_week=6,
                             max_duur_weken=10)  # fmt: skip
    werk = InstrumentFactory(naam="Werkplek", categorie="werkplekken", uren_per_week=20)
    oud = InstrumentFactory(naam="Oud")
    aanvraag = InstrumentFactory(naam="Alleen aangevraagd")

    lopend = services.start(
        inzet=services.keur_goed(
            inzet=services.vraag_aan(dossier=persoon_dossier, instrument=taal, door=coach),
            door=coach,
        ),
        door=coach,
        datum=VANDAAG - timedelta(days=7),
    )
    gepland = services.keur_goed(
        inzet=services.vraag_aan(
            dossier=persoon_dossier,
            instrument=werk,
            door=coach,
            begindatum=VANDAAG + timedelta(days=3),
        ),
        door=coach,
    )
    klaar = services.start(
        inzet=services.keur_goed(
            inzet=services.vraag_aan(
                dossier=persoon_dossier,
                instrument=oud,
                door=coach,
                begindatum=VANDAAG - timedelta(days=30),
            ),
            door=coach,
        ),
        door=coach,
        datum=VANDAAG - timedelta(days=30),
    )
    services.stop(inzet=klaar, door=coach, reden="uitval", datum=VANDAAG - timedelta(days=20))
    services.vraag_aan(dossier=persoon_dossier, instrument=aanvraag, door=coach)
    ander = DossierFactory(werkcoach=coach)
    services.keur_goed(
        inzet=services.vraag_aan(dossier=ander, instrument=taal, door=coach), door=coach
    )

    regels = lopende_inzetten(
        dossier_ids=[persoon_dossier.pk], van=VANDAAG, tot=VANDAAG + timedelta(days=6)
    )

    assert regels == [
        InzetAgendaRegel(
            inzet_id=lopend.pk,
            dossier_id=persoon_dossier.pk,
            instrument_naam="Taal",
            categorie="taal",
            aanbieder_naam="Taalhuis proef",
            uren_per_week=6,
            start=VANDAAG - timedelta(days=7),
            eind=VANDAAG - timedelta(days=7) + timedelta(weeks=10),
        ),
        InzetAgendaRegel(
            inzet_id=gepland.pk,
            dossier_id=persoon_dossier.pk,
            instrument_naam="Werkplek",
            categorie="werkplekken",
            aanbieder_naam=werk.aanbieder.naam,
            uren_per_week=20,
            start=VANDAAG + timedelta(days=3),
            eind=None,
        ),
    ]
    # A past week shows the stopped one up to the day it ended.
    vroeger = lopende_inzetten(
        dossier_ids=[persoon_dossier.pk],
        van=VANDAAG - timedelta(days=25),
        tot=VANDAAG - timedelta(days=21),
    )
    assert [(r.instrument_naam, r.eind) for r in vroeger] == [("Oud", VANDAAG - timedelta(days=20))]
    assert lopende_inzetten(dossier_ids=[], van=date(2026, 1, 1), tot=date(2026, 1, 7)) == []
