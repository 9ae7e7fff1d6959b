"""Factories and small helpers of the werkloont tests."""

from __future__ import annotations

import datetime

import factory

from werkloont.models import (
    Begeleider,
    Groepsmoment,
    Locatie,
    Trainingsgroep,
    Werkactiviteit,
    WerkactiviteitPlek,
)


class LocatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locatie

    naam = factory.Sequence(lambda n: f"Locatie {n}")
    adres = "Slinge 60"
    postcode = "3085 EX"


class BegeleiderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Begeleider

    naam = factory.Sequence(lambda n: f"Begeleider {n}")
    organisatie = "Gemeente Rotterdam"


class WerkactiviteitPlekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WerkactiviteitPlek
        skip_postgeneration_save = True

    werkactiviteit = factory.LazyFunction(lambda: Werkactiviteit.objects.get(naam="Groenonderhoud"))
    locatie = factory.SubFactory(LocatieFactory)
    capaciteit = 10

    @factory.post_generation
    def begeleiders(obj, create, extracted, **kwargs):
        if create:
            obj.begeleiders.set(extracted or [BegeleiderFactory()])


class TrainingsgroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainingsgroep
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Werkloont groep {n}")
    locatie = factory.SubFactory(LocatieFactory)
    begeleider = factory.SubFactory(BegeleiderFactory)
    startdatum = datetime.date(2026, 3, 2)
    einddatum = datetime.date(2026, 6, 12)
    capaciteit = 12

    @factory.post_generation
    def momenten(obj, create, extracted, **kwargs):
        if not create:
            return
        for weekdag, van, tot in extracted or [(1, "09:00", "13:00"), (3, "09:00", "13:00")]:
            Groepsmoment.objects.create(
                groep=obj,
                weekdag=weekdag,
                begintijd=datetime.time.fromisoformat(van),
                eindtijd=datetime.time.fromisoformat(tot),
            )
