"""The burger's "Wie heeft mijn gegevens bekeken?": activity, purpose, date; no staff names."""

import dataclasses

import pytest

from bijstand.accounts.models import Rol
from bijstand.logboek.models import Verwerking
from bijstand.logboek.selectors import (
    InzageRegel,
    inzage_pagina,
    verwerkingen_voor_betrokkene,
)
from bijstand.logboek.services import log_verwerking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SUBJECT = "werkzoekende:burger-1"


@pytest.fixture
def regels(werkcoach):
    log_verwerking(
        activiteit="dossierbeheer",
        operatie="bekijk_dossier",
        subjects=[SUBJECT],
        soorten_gegevens=["identificatie"],
        actor=werkcoach,
    )
    log_verwerking(
        activiteit="handhaving",
        operatie="heronderzoek",
        subjects=[SUBJECT],
        soorten_gegevens=["inkomen"],
        actor=werkcoach,
    )
    log_verwerking(
        activiteit="reintegratie",
        operatie="notitie_gezondheid",
        subjects=[SUBJECT],
        soorten_gegevens=["gezondheid"],
        actor=werkcoach,
        vertrouwelijk=True,
    )
    log_verwerking(
        activiteit="dossierbeheer",
        operatie="ander",
        subjects=["werkzoekende:iemand-anders"],
        soorten_gegevens=["dossier"],
        actor=werkcoach,
    )


def test_alleen_niet_vertrouwelijke_eigen_regels(regels):
    qs = verwerkingen_voor_betrokkene(subject=SUBJECT, inclusief_vertrouwelijk=False)
    assert [r.operatie for r in qs] == ["bekijk_dossier"]
    regel = qs.get()
    assert regel.activiteit_naam == "Dossiervoering en werkcoach-toewijzing"
    assert regel.doel.startswith("Bijhouden van het dossier")
    alles = verwerkingen_voor_betrokkene(subject=SUBJECT, inclusief_vertrouwelijk=True)
    assert alles.count() == 3


def test_inzage_pagina_zonder_namen_en_gelogd(regels, werkcoach):
    burger = UserFactory(rol=Rol.BURGER)
    page = inzage_pagina(subject=SUBJECT, user=burger)
    assert len(page.object_list) == 1
    regel = page.object_list[0]
    assert isinstance(regel, InzageRegel)
    velden = {f.name for f in dataclasses.fields(InzageRegel)}
    assert velden == {"datum", "activiteit", "doel", "soorten_gegevens"}
    tekst = repr(dataclasses.asdict(regel))
    assert werkcoach.first_name not in tekst and werkcoach.last_name not in tekst
    assert regel.activiteit == "Dossiervoering en werkcoach-toewijzing"
    # Viewing is logged for the same subject; it shows up on the next visit.
    assert Verwerking.objects.filter(
        activiteit__code="logboek-inzage", operatie="bekijk_eigen_logboek"
    ).exists()
    tweede = inzage_pagina(subject=SUBJECT, user=burger)
    assert {r.activiteit for r in tweede.object_list} == {
        "Dossiervoering en werkcoach-toewijzing",
        "Inzage logboek dataverwerkingen",
    }


def test_inzage_pagina_gepagineerd():
    for _ in range(25):
        log_verwerking(
            activiteit="dossierbeheer",
            operatie="x",
            subjects=[SUBJECT],
            soorten_gegevens=["dossier"],
        )
    burger = UserFactory(rol=Rol.BURGER)
    assert len(inzage_pagina(subject=SUBJECT, user=burger).object_list) == 20
    assert len(inzage_pagina(subject=SUBJECT, user=burger, pagina=2).object_list) == 6
