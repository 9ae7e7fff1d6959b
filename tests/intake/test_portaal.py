"""Burgerportaal "Intake voorbereiden": the burger fills in their parts beforehand (B1)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from intake.models import Intake, StapBron
from tests.factories import DossierFactory, WerkzoekendeFactory
from tests.intake.factories import definitieve_intake, start

pytestmark = pytest.mark.django_db

OVERZICHT = "/portaal/intake-voorbereiden/"


@pytest.fixture
def eigen_dossier(werkcoach, burger):
    return DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(account=burger))


def test_overview_in_b1_with_menu_entry(login, burger, eigen_dossier):
    html = login(burger).get(OVERZICHT).content.decode()
    assert "Een paar vragen kunt u nu al thuis invullen." in html
    assert f'href="{OVERZICHT}" aria-current="page">Intake voorbereiden</a>' in html
    for titel in ("Uw werk", "Opvang voor uw kinderen", "Reizen naar uw werk", "Wat wilt u graag?"):
        assert titel in html
    assert html.count("(nog niet ingevuld)") == 5
    assert "Gezondheid" not in html.split("<main")[1]


def test_burger_fills_in_a_part_and_the_consulent_sees_it(login, burger, eigen_dossier, werkcoach):
    client = login(burger)
    url = reverse("portaal:intake_voorbereiden_stap", args=["beschikbaarheid"])
    html = client.get(url).content.decode()
    assert "Hoeveel uur per week kunt u werken?" in html
    assert "Maximale fysieke belasting" not in html  # the consulent's part
    response = client.post(
        url, {"uren_per_week": "20", "toelichting": "Ik breng mijn zoon naar school."}
    )
    assert response["Location"] == OVERZICHT
    intake = Intake.objects.get(dossier=eigen_dossier)
    assert intake.burger_antwoorden["beschikbaarheid"] == {
        "uren_per_week": 20,
        "toelichting": "Ik breng mijn zoon naar school.",
    }
    assert intake.stappen_meta["beschikbaarheid"]["bron"] == StapBron.BURGER
    html = client.get(OVERZICHT).content.decode()
    assert html.count("(nog niet ingevuld)") == 4 and "ingevuld op" in html
    # Back on the page: the answers are there to change.
    assert 'value="20"' in client.get(url).content.decode()
    # The consulent sees them, marked.
    staff = login(werkcoach)
    stap = reverse("intake:stap", args=[eigen_dossier.pk, intake.pk, "beschikbaarheid"])
    html = staff.get(stap).content.decode()
    assert "Ingevuld door burger" in html and "Ik breng mijn zoon naar school." in html
    regel = Verwerking.objects.filter(operatie="bereid_intake_voor").get()
    assert regel.activiteit.code == "portaal"
    assert regel.betrokkene == pseudoniem(eigen_dossier.werkzoekende.log_subject)


def test_next_goes_to_the_next_part(login, burger, eigen_dossier):
    url = reverse("portaal:intake_voorbereiden_stap", args=["werkervaring"])
    response = login(burger).post(
        url,
        {
            "laatste_werk": "Schoonmaker in een hotel",
            "beroepen_ervaring": ["9112"],
            "competenties": "Netjes werken\nOp tijd komen",
            "actie": "volgende",
        },
    )
    assert response["Location"] == reverse(
        "portaal:intake_voorbereiden_stap", args=["kinderopvang"]
    )
    intake = Intake.objects.get(dossier=eigen_dossier)
    assert intake.antwoorden["werkervaring"]["competenties"] == ["Netjes werken", "Op tijd komen"]


def test_errors_in_b1_linked_to_the_field(login, burger, eigen_dossier):
    url = reverse("portaal:intake_voorbereiden_stap", args=["beschikbaarheid"])
    response = login(burger).post(url, {"uren_per_week": "80"})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<a class="utrecht-link" href="#id_uren_per_week">Hoeveel uur per week kunt u werken? '
        "Vul een getal in van 60 of minder.</a>"
    ) in html
    assert not Intake.objects.exists()


def test_only_the_burgers_parts(login, burger, eigen_dossier):
    client = login(burger)
    for stap in ("gezondheid", "scores", "justitie", "bestaat-niet"):
        assert (
            client.get(reverse("portaal:intake_voorbereiden_stap", args=[stap])).status_code == 404
        )


def test_nothing_to_prepare_after_a_definitive_intake(login, burger, eigen_dossier, werkcoach):
    definitieve_intake(eigen_dossier, werkcoach)
    client = login(burger)
    html = client.get(OVERZICHT).content.decode()
    assert "Er is nu geen gesprek om voor te bereiden." in html
    url = reverse("portaal:intake_voorbereiden_stap", args=["wensen"])
    assert client.get(url)["Location"] == OVERZICHT
    assert client.post(url, {"wensen": "Koken"})["Location"] == OVERZICHT
    assert Intake.objects.filter(dossier=eigen_dossier).count() == 1
    # A heronderzoek started by the werkcoach can be prepared again, prefilled.
    her = start(eigen_dossier, werkcoach, "heronderzoek")
    from intake import services

    services.sla_stap_op(intake=her, stap="wensen", antwoorden={"wensen": "Koken"}, door=werkcoach)
    assert "Koken" in client.get(url).content.decode()


def test_burger_sees_no_confidential_or_consulent_answers(login, burger, eigen_dossier, werkcoach):
    intake = start(eigen_dossier, werkcoach)
    from intake import services

    services.sla_stap_op(
        intake=intake,
        stap="beschikbaarheid",
        antwoorden={"uren_per_week": 12, "max_fysieke_belasting": "licht"},
        door=werkcoach,
    )
    html = (
        login(burger)
        .get(reverse("portaal:intake_voorbereiden_stap", args=["beschikbaarheid"]))
        .content.decode()
    )
    assert 'value="12"' in html
    assert "fysieke belasting" not in html.lower()


def test_without_dossier(login, burger):
    WerkzoekendeFactory(account=burger)
    html = login(burger).get(OVERZICHT).content.decode()
    assert "U heeft nu geen uitkering bij ons." in html
