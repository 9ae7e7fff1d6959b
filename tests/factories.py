"""factory_boy factories with Dutch fake data and valid BSNs."""

from __future__ import annotations

import random

import factory
from faker import Faker

from bijstand.accounts.models import Rol, Team, User
from bijstand.dossiers.models import Dossier, Huishouden, Werkzoekende, Wijk

fake = Faker("nl_NL")


def geldig_bsn(rng: random.Random | None = None) -> str:
    """A random BSN that passes the 11-proef."""
    rng = rng or random
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
        last = total % 11
        if last <= 9 and (total - last) != 0 and digits[0] != 0:
            return "".join(map(str, digits)) + str(last)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    naam = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.LazyFunction(fake.first_name)
    last_name = factory.LazyFunction(fake.last_name)
    rol = Rol.WERKCONSULENT
    team = factory.SubFactory(TeamFactory)
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"W{n:03d}")
    naam = factory.Sequence(lambda n: f"Wijk {n}")
    gebied = "Centrum"


class WerkzoekendeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkzoekende

    voornamen = factory.LazyFunction(fake.first_name)
    achternaam = factory.LazyFunction(fake.last_name)
    geboortedatum = factory.LazyFunction(lambda: fake.date_of_birth(minimum_age=21, maximum_age=64))
    postcode = "3011 AB"
    straat = "Coolsingel"
    huisnummer = "40"
    wijk = factory.SubFactory(WijkFactory)
    iban = "NL91ABNA0417164300"

    @factory.lazy_attribute
    def bsn_versleuteld(self):
        return ""

    @classmethod
    def _create(cls, model_class, *args, bsn: str | None = None, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.set_bsn(bsn or geldig_bsn())
        obj.save()
        Huishouden.objects.get_or_create(werkzoekende=obj)
        return obj


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    werkzoekende = factory.SubFactory(WerkzoekendeFactory)
    werkcoach = factory.SubFactory(UserFactory, rol=Rol.WERKCONSULENT)
    status = "lopend"
