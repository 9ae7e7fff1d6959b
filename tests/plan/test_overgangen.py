"""The status of an action changes only along the allowed-transition table; every change is
recorded (ActieOvergang + journaal line + log) and a refusal says why, in Dutch."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bijstand.accounts.models import Rol, Vervanging
from bijstand.core.crypto import pseudoniem
from bijstand.dossiers.models import JournaalRegel
from bijstand.dossiers.services import wijzig_status
from bijstand.logboek.models import Verwerking
from plan import services
from plan.models import (
    OVERGANGEN,
    Actie,
    ActieOvergang,
    ActieStatus,
    Actor,
    Melding,
    MeldingSoort,
)
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

from .factories import maak_actie, maak_doel

pytestmark = pytest.mark.django_db


def fout(exc: pytest.ExceptionInfo, veld: str = "status") -> str:
    return " ".join(exc.value.message_dict[veld])


def met_status(actie: Actie, status: str) -> Actie:
    Actie.objects.filter(pk=actie.pk).update(status=status)
    actie.refresh_from_db()
    return actie


def test_burger_meldt_eigen_actie_klaar_en_dat_wordt_vastgelegd(plan, burger):
    actie = maak_actie(plan, "Cv maken")

    actie = services.wijzig_actiestatus(actie=actie, naar=ActieStatus.ACCORDERING, door=burger)

    assert Actie.objects.get(pk=actie.pk).status == ActieStatus.ACCORDERING
    overgang = ActieOvergang.objects.filter(actie=actie).first()
    assert (overgang.van, overgang.naar, overgang.door) == ("open", "accordering", burger)
    regel = JournaalRegel.objects.filter(dossier=plan.dossier, auteur=burger).latest("id")
    assert "Cv maken" in regel.tekst and "van open naar klaar gemeld" in regel.tekst
    melding = Melding.objects.get(actie=actie, soort=MeldingSoort.KLAAR_GEMELD)
    assert melding.ontvanger == plan.dossier.werkcoach and melding.gezien_op is None
    regel = Verwerking.objects.filter(
        operatie="wijzig_actiestatus", betrokkene=pseudoniem(plan.dossier.werkzoekende.log_subject)
    ).get()
    assert regel.activiteit.code == "portaal"


def test_werkcoach_bevestigt_en_de_klaarmelding_is_afgehandeld(plan, burger, werkcoach):
    actie = maak_actie(plan)
    services.wijzig_actiestatus(actie=actie, naar="accordering", door=burger)

    services.wijzig_actiestatus(actie=actie, naar="afgerond", door=werkcoach)

    assert Actie.objects.get(pk=actie.pk).status == "afgerond"
    assert list(
        ActieOvergang.objects.filter(actie=actie).order_by("id").values_list("van", "naar")
    ) == [("", "open"), ("open", "accordering"), ("accordering", "afgerond")]
    assert Melding.objects.get(actie=actie, soort="klaar_gemeld").gezien_op is not None


def test_terug_naar_open_vraagt_een_reden(plan, burger, werkcoach):
    actie = maak_actie(plan)
    services.wijzig_actiestatus(actie=actie, naar="accordering", door=burger)

    with pytest.raises(ValidationError) as exc:
        services.wijzig_actiestatus(actie=actie, naar="open", door=werkcoach)
    assert fout(exc, "reden") == "Geef aan waarom de actie nog niet klaar is."
    assert Actie.objects.get(pk=actie.pk).status == "accordering"

    services.wijzig_actiestatus(
        actie=actie, naar="open", door=werkcoach, reden="Het bewijs van inschrijving ontbreekt."
    )
    assert Actie.objects.get(pk=actie.pk).status == "open"
    laatste = ActieOvergang.objects.filter(actie=actie).first()
    assert laatste.reden == "Het bewijs van inschrijving ontbreekt."
    regel = JournaalRegel.objects.filter(dossier=plan.dossier).latest("id")
    assert "Reden: Het bewijs van inschrijving ontbreekt." in regel.tekst


def test_vervallen_vraagt_een_reden(plan, werkcoach):
    actie = maak_actie(plan)
    with pytest.raises(ValidationError) as exc:
        services.wijzig_actiestatus(actie=actie, naar="vervallen", door=werkcoach, reden="  ")
    assert fout(exc, "reden") == "Geef een reden waarom de actie vervalt."
    services.wijzig_actiestatus(actie=actie, naar="vervallen", door=werkcoach, reden="Verhuisd")
    assert Actie.objects.get(pk=actie.pk).status == "vervallen"


def test_burger_kan_alleen_eigen_acties_klaar_melden(plan, burger):
    actie = maak_actie(plan, "Werkgever bellen", eigenaar="werkcoach")
    with pytest.raises(ValidationError) as exc:
        services.wijzig_actiestatus(actie=actie, naar="accordering", door=burger)
    assert fout(exc) == "U kunt alleen uw eigen acties klaar melden."
    assert not ActieOvergang.objects.filter(actie=actie, naar="accordering").exists()


def test_burger_kan_niet_afronden_en_werkcoach_niet_klaar_melden(plan, burger, werkcoach):
    actie = maak_actie(plan)
    with pytest.raises(ValidationError) as exc:
        services.wijzig_actiestatus(actie=actie, naar="afgerond", door=burger)
    assert fout(exc) == "Alleen de werkcoach van dit dossier kan deze status kiezen."
    with pytest.raises(ValidationError) as exc:
        services.wijzig_actiestatus(actie=actie, naar="accordering", door=werkcoach)
    assert fout(exc) == "Alleen de burger kan een actie klaar melden."


@pytest.mark.parametrize("eind", ["afgerond", "vervallen"])
@pytest.mark.parametrize("naar", ["open", "accordering", "afgerond", "vervallen"])
def test_afgerond_en_vervallen_zijn_definitief(plan, werkcoach, eind, naar):
    actie = met_status(maak_actie(plan), eind)
    with pytest.raises(ValidationError) as exc:
        services.wijzig_actiestatus(actie=actie, naar=naar, door=werkcoach, reden="x")
    van, naar_label = ActieStatus(eind).label, ActieStatus(naar).label
    assert fout(exc) == f"Van '{van}' naar '{naar_label}' is geen toegestane overgang."


def test_de_hele_tabel(plan, burger, werkcoach):
    """Every (from, to, actor): allowed exactly when the table says so."""
    actors = {Actor.BURGER: burger, Actor.WERKCOACH: werkcoach}
    for van, naar, actor in itertools.product(ActieStatus.values, ActieStatus.values, actors):
        actie = met_status(maak_actie(plan, f"{van}-{naar}-{actor}"), van)
        regel = OVERGANGEN.get((van, naar))
        toegestaan = regel is not None and regel.actor == actor
        try:
            services.wijzig_actiestatus(actie=actie, naar=naar, door=actors[actor], reden="r")
        except ValidationError:
            assert not toegestaan, (van, naar, actor)
            assert Actie.objects.get(pk=actie.pk).status == van
        else:
            assert toegestaan, (van, naar, actor)
            assert Actie.objects.get(pk=actie.pk).status == naar


def test_andere_werkcoach_en_andere_burger_mogen_niets(plan):
    actie = maak_actie(plan)
    andere_coach = UserFactory(rol=Rol.WERKCONSULENT)
    andere_burger = UserFactory(rol=Rol.BURGER, team=None)
    DossierFactory(werkzoekende=WerkzoekendeFactory(account=andere_burger))
    with pytest.raises(ValidationError):
        services.wijzig_actiestatus(actie=actie, naar="afgerond", door=andere_coach)
    with pytest.raises(ValidationError):
        services.wijzig_actiestatus(actie=actie, naar="accordering", door=andere_burger)
    with pytest.raises(ValidationError):
        services.wijzig_actiestatus(actie=actie, naar="afgerond", door=None)
    assert Actie.objects.get(pk=actie.pk).status == "open"


def test_vervanger_mag_als_werkcoach_optreden(plan, werkcoach):
    vervanger = UserFactory(rol=Rol.WERKCONSULENT)
    vandaag = timezone.localdate()
    Vervanging.objects.create(
        afwezige=werkcoach, vervanger=vervanger, van=vandaag, tot=vandaag, reden="Verlof"
    )
    actie = maak_actie(plan)
    services.wijzig_actiestatus(actie=actie, naar="afgerond", door=vervanger)
    assert Actie.objects.get(pk=actie.pk).status == "afgerond"


def test_meerdere_acties_lopen_tegelijk(plan, burger):
    acties = [maak_actie(plan, f"Actie {i}") for i in range(3)]
    services.wijzig_actiestatus(actie=acties[0], naar="accordering", door=burger)
    assert sorted(Actie.objects.filter(plan=plan).values_list("status", flat=True)) == [
        "accordering",
        "open",
        "open",
    ]


def test_beeindigd_dossier_plan_staat_vast(plan, werkcoach):
    actie = maak_actie(plan)
    wijzig_status(dossier=plan.dossier, naar="beeindigd", reden="werk", door=werkcoach)
    actie.plan.dossier.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.wijzig_actiestatus(actie=actie, naar="afgerond", door=werkcoach)
    assert "Het dossier is beëindigd" in " ".join(exc.value.messages)


def test_vertrouwelijk_doel_geeft_vertrouwelijke_journaalregel(plan, werkcoach):
    doel = maak_doel(plan, "Behandeling volgen", code="geestelijke_gezondheid")
    actie = maak_actie(plan, "Intake bij de GGZ", doel=doel, eigenaar="werkcoach")
    services.wijzig_actiestatus(actie=actie, naar="afgerond", door=werkcoach)
    regel = JournaalRegel.objects.filter(dossier=plan.dossier).latest("id")
    assert regel.vertrouwelijk and "Intake bij de GGZ" in regel.tekst
    log = Verwerking.objects.filter(operatie="wijzig_actiestatus").latest("id")
    assert log.vertrouwelijk and log.activiteit.code == "gezondheid"


def test_statuswijziging_maakt_geen_nieuwe_versie(plan, burger, werkcoach):
    actie = maak_actie(plan)
    services.geef_akkoord(plan=plan, versie=plan.versie, door=burger)
    services.wijzig_actiestatus(actie=actie, naar="accordering", door=burger)
    services.wijzig_actiestatus(actie=actie, naar="afgerond", door=werkcoach)
    plan.refresh_from_db()
    assert (plan.versie, plan.akkoord_versie, plan.is_akkoord) == (1, 1, True)
