"""Templates per dienstverleningsroute: managed by the beheerder in the admin, applied to a
(new) plan with due dates relative to the start date."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from bijstand.accounts.models import Rol
from bijstand.accounts.permissions import BEHEER_GROEP
from perspectief.models import Leefgebied
from plan import services
from plan.models import Actie, ActieOvergang, PlanSjabloon, SjabloonActie, SjabloonDoel
from plan.selectors import sjablonen_voor
from tests.factories import UserFactory

from .factories import maak_actie, maak_sjabloon

pytestmark = pytest.mark.django_db
START = datetime.date(2026, 3, 2)


def test_plan_uit_sjabloon(dossier, werkcoach):
    sjabloon = maak_sjabloon()
    plan = services.maak_plan(dossier=dossier, door=werkcoach, sjabloon=sjabloon, startdatum=START)

    doelen = list(plan.doelen.order_by("id"))
    assert [(d.titel, d.koppeling_label) for d in doelen] == [
        ("Geldzaken op orde", "Leefgebied: Financiën"),
        ("Werk vinden", "Uitstroomperspectief: Werk in de logistiek"),
    ]
    acties = list(
        plan.acties.order_by("id").values_list(
            "titel", "eigenaar", "partner_naam", "deadline", "bron", "doel__titel"
        )
    )
    dag = datetime.timedelta(days=1)
    assert acties == [
        ("Schulden op een rij", "burger", "", START + 14 * dag, "sjabloon", "Geldzaken op orde"),
        ("Cv maken", "burger", "", START + 7 * dag, "sjabloon", "Werk vinden"),
        (
            "Intake bij het leerwerkbedrijf",
            "partner",
            "Leerwerkbedrijf Zuid",
            START + 21 * dag,
            "sjabloon",
            "Werk vinden",
        ),
    ]
    assert ActieOvergang.objects.filter(actie__plan=plan, van="", naar="open").count() == 3
    assert list(plan.toegepaste_sjablonen.all()) == [sjabloon]


def test_sjabloon_maar_een_keer_en_alleen_actief(plan, werkcoach):
    sjabloon = maak_sjabloon()
    services.pas_sjabloon_toe(plan=plan, sjabloon=sjabloon, door=werkcoach, startdatum=START)
    with pytest.raises(ValidationError) as exc:
        services.pas_sjabloon_toe(plan=plan, sjabloon=sjabloon, door=werkcoach)
    assert exc.value.message_dict["sjabloon"] == ["Dit sjabloon is al toegepast op dit plan."]
    assert Actie.objects.filter(plan=plan).count() == 3

    oud = maak_sjabloon(naam="Oud", actief=False)
    with pytest.raises(ValidationError) as exc:
        services.pas_sjabloon_toe(plan=plan, sjabloon=oud, door=werkcoach)
    assert exc.value.message_dict["sjabloon"] == ["Dit sjabloon wordt niet meer gebruikt."]

    leeg = PlanSjabloon.objects.create(naam="Leeg", route="kansrijk")
    with pytest.raises(ValidationError) as exc:
        services.pas_sjabloon_toe(plan=plan, sjabloon=leeg, door=werkcoach)
    assert exc.value.message_dict["sjabloon"] == ["Dit sjabloon heeft nog geen doelen."]


def test_sjabloon_na_akkoord_maakt_nieuwe_versie(plan, burger, werkcoach):
    maak_actie(plan)
    services.geef_akkoord(plan=plan, versie=1, door=burger)
    services.pas_sjabloon_toe(plan=plan, sjabloon=maak_sjabloon(), door=werkcoach)
    plan.refresh_from_db()
    assert (plan.versie, plan.akkoord_versie) == (2, 1)


def test_sjablonen_van_de_route_eerst_en_toegepaste_niet_meer(plan, werkcoach):
    PlanSjabloon.objects.all().delete()
    plan.dossier.route = "kansrijk"
    a = maak_sjabloon(naam="A intensief", route="intensief")
    b = maak_sjabloon(naam="B kansrijk", route="kansrijk")
    maak_sjabloon(naam="C uit", route="kansrijk", actief=False)
    assert sjablonen_voor(dossier=plan.dossier) == [b, a]
    services.pas_sjabloon_toe(plan=plan, sjabloon=b, door=werkcoach)
    assert sjablonen_voor(dossier=plan.dossier, plan=plan) == [a]


def test_startsjablonen_per_route_uit_de_migratie():
    routes = set(PlanSjabloon.objects.values_list("route", flat=True))
    assert {"kansrijk", "intensief", "ontdekken", "geen_arbeid"} <= routes
    intensief = PlanSjabloon.objects.get(naam="Intensief traject naar werk")
    schuldhulp = SjabloonActie.objects.get(
        doel__sjabloon=intensief, titel="Eerste gesprek schuldhulpverlening"
    )
    assert (schuldhulp.eigenaar, schuldhulp.dagen_na_start) == ("partner", 28)


def test_sjabloondoel_validatie_in_het_nederlands():
    sjabloon = PlanSjabloon.objects.create(naam="X", route="kansrijk")
    doel = SjabloonDoel(sjabloon=sjabloon, titel="Zonder koppeling", soort="leefgebied")
    with pytest.raises(ValidationError) as exc:
        doel.full_clean()
    assert "Kies het leefgebied van het doel." in exc.value.message_dict["leefgebied"]
    doel = SjabloonDoel(sjabloon=sjabloon, titel="Uitstroom", soort="uitstroom")
    with pytest.raises(ValidationError) as exc:
        doel.full_clean()
    assert (
        "Kies een beroep of beschrijf het uitstroomperspectief." in exc.value.message_dict["beroep"]
    )


@pytest.fixture
def beheerder(db):
    user = UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True)
    user.groups.add(Group.objects.get(name=BEHEER_GROEP))
    return user


def test_beheerder_beheert_sjablonen_in_de_admin(client, beheerder):
    client.force_login(beheerder)
    assert client.get("/beheer/plan/plansjabloon/").status_code == 200
    response = client.post(
        "/beheer/plan/plansjabloon/add/",
        {
            "naam": "Taal en werk",
            "route": "intensief",
            "omschrijving": "",
            "actief": "on",
            "doelen-TOTAL_FORMS": "1",
            "doelen-INITIAL_FORMS": "0",
            "doelen-MIN_NUM_FORMS": "0",
            "doelen-MAX_NUM_FORMS": "1000",
            "doelen-0-volgorde": "1",
            "doelen-0-titel": "Taalniveau 1F halen",
            "doelen-0-soort": "leefgebied",
            "doelen-0-leefgebied": str(Leefgebied.objects.get(code="werk_opleiding").pk),
            "doelen-0-beroep": "",
            "doelen-0-uitstroom_tekst": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    sjabloon = PlanSjabloon.objects.get(naam="Taal en werk")
    doel = sjabloon.doelen.get()
    assert doel.titel == "Taalniveau 1F halen"
    assert client.get(f"/beheer/plan/sjabloondoel/{doel.pk}/change/").status_code == 200


def test_werkcoach_komt_niet_in_het_beheer(client, werkcoach):
    client.force_login(werkcoach)
    assert client.get("/beheer/plan/plansjabloon/").status_code == 403
