"""Helpers to build plans in tests: through the services, as the application does."""

from __future__ import annotations

import datetime

from django.utils import timezone

from perspectief.models import Leefgebied
from plan import services
from plan.models import Actie, Doel, DoelSoort, Plan, PlanSjabloon, SjabloonActie, SjabloonDoel


def over(dagen: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=dagen)


def maak_plan(dossier, door=None) -> Plan:
    return services.maak_plan(dossier=dossier, door=door or dossier.werkcoach)


def maak_doel(
    plan: Plan, titel: str = "Schulden op orde", code: str = "financien", door=None
) -> Doel:
    return services.voeg_doel_toe(
        plan=plan,
        titel=titel,
        soort=DoelSoort.LEEFGEBIED,
        leefgebied=Leefgebied.objects.get(code=code),
        door=door or plan.dossier.werkcoach,
    )


def maak_actie(
    plan: Plan,
    titel: str = "Afspraak maken bij de schuldhulp",
    *,
    eigenaar: str = "burger",
    dagen: int = 14,
    doel: Doel | None = None,
    partner_naam: str = "",
    door=None,
) -> Actie:
    return services.voeg_actie_toe(
        plan=plan,
        titel=titel,
        eigenaar=eigenaar,
        partner_naam=partner_naam,
        deadline=over(dagen),
        doel=doel,
        door=door or plan.dossier.werkcoach,
    )


def zet_deadline(actie: Actie, datum: datetime.date) -> Actie:
    """Move a due date into the past (the services refuse that, tests need it)."""
    Actie.objects.filter(pk=actie.pk).update(deadline=datum)
    actie.refresh_from_db()
    return actie


def maak_sjabloon(
    naam: str = "Intensief proef",
    route: str = "intensief",
    doelen=(
        ("Geldzaken op orde", "financien", "", [("Schulden op een rij", "burger", "", 14)]),
        (
            "Werk vinden",
            None,
            "Werk in de logistiek",
            [
                ("Cv maken", "burger", "", 7),
                ("Intake bij het leerwerkbedrijf", "partner", "Leerwerkbedrijf Zuid", 21),
            ],
        ),
    ),
    actief: bool = True,
) -> PlanSjabloon:
    sjabloon = PlanSjabloon.objects.create(naam=naam, route=route, actief=actief)
    for i, (titel, code, uitstroom, acties) in enumerate(doelen):
        doel = SjabloonDoel.objects.create(
            sjabloon=sjabloon,
            titel=titel,
            soort=DoelSoort.LEEFGEBIED if code else DoelSoort.UITSTROOM,
            leefgebied=Leefgebied.objects.get(code=code) if code else None,
            uitstroom_tekst=uitstroom,
            volgorde=i,
        )
        for j, (a, eigenaar, partner, dagen) in enumerate(acties):
            SjabloonActie.objects.create(
                doel=doel,
                titel=a,
                eigenaar=eigenaar,
                partner_naam=partner,
                dagen_na_start=dagen,
                volgorde=j,
            )
    return sjabloon
