"""Factories of the instrumentenhuis tests."""

from __future__ import annotations

from decimal import Decimal

import factory

from instrumentenhuis.models import Aanbieder, Instrument, InstrumentLeefgebied
from perspectief.models import Leefgebied, Profiel


class AanbiederFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanbieder
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Aanbieder {n}")


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"test-instrument-{n}")
    naam = factory.Sequence(lambda n: f"Testinstrument {n}")
    categorie = "scholing"
    aanbieder = factory.SubFactory(AanbiederFactory)
    trede_van = 1
    trede_tot = 6
    uren_per_week = 8
    kosten_per_deelnemer = Decimal("100.00")

    @factory.post_generation
    def bereiken(obj, create, extracted, **kwargs):
        """bereiken=[("financien", 1, 3), ...]"""
        if create and extracted:
            gebieden = {lg.code: lg for lg in Leefgebied.objects.all()}
            for code, van, tot in extracted:
                InstrumentLeefgebied.objects.create(
                    instrument=obj, leefgebied=gebieden[code], niveau_van=van, niveau_tot=tot
                )


def maak_profiel(dossier, **velden) -> Profiel:
    """A Profiel row as perspectief.services keeps it (scores: code -> 1-5)."""
    profiel, _ = Profiel.objects.update_or_create(dossier=dossier, defaults=velden)
    return profiel
