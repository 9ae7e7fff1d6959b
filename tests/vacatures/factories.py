"""Factories of the vacatures tests (employers, vacancies, profiles)."""

from __future__ import annotations

import factory

from perspectief.models import Beroep, Profiel
from tests.factories import DossierFactory, WijkFactory
from vacatures.models import Vacature, Werkgever


class WerkgeverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkgever

    naam = factory.Sequence(lambda n: f"Werkgever {n} B.V.")
    kvk_nummer = factory.Sequence(lambda n: f"{30000000 + n:08d}")
    sector = "Horeca"


def beroep(naam: str = "Kok") -> Beroep:
    return Beroep.objects.get(naam=naam)


class VacatureFactory(factory.django.DjangoModelFactory):
    """A vacancy for a kok: HACCP, language 1F, middelzwaar, at least 24 hours."""

    class Meta:
        model = Vacature

    werkgever = factory.SubFactory(WerkgeverFactory)
    titel = "Kok"
    beroep = factory.LazyFunction(lambda: beroep("Kok"))
    aantal_plaatsen = 1
    certificaten = factory.LazyFunction(lambda: ["haccp"])
    rijbewijzen = factory.LazyFunction(list)
    taalniveau = "1f"
    fysieke_belasting = "middel"
    uren_per_week_min = 24
    uren_per_week_max = 36
    wijk = factory.SubFactory(WijkFactory)


class ProfielFactory(factory.django.DjangoModelFactory):
    """A profile that fits the kok vacancy of VacatureFactory exactly (score 100)."""

    class Meta:
        model = Profiel

    dossier = factory.SubFactory(DossierFactory)
    taalniveau = "2f"
    certificaten = factory.LazyFunction(lambda: ["haccp"])
    rijbewijzen = factory.LazyFunction(list)
    uren_per_week = 32
    max_fysieke_belasting = "zwaar"
    beroepen_ervaring = factory.LazyFunction(list)
    gewenste_beroepen = factory.LazyFunction(list)
    segment = "kansrijk"
