"""Burgerportaal: opt-in/opt-out of the job profile and the vacancies that fit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from bijstand.accounts.models import Rol
from bijstand.core.crypto import pseudoniem
from bijstand.dossiers.models import JournaalRegel
from bijstand.logboek.models import Verwerking
from perspectief.models import Profiel
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory
from vacatures import selectors

from .factories import ProfielFactory, VacatureFactory, beroep

pytestmark = pytest.mark.django_db


@pytest.fixture
def burger_met_profiel(werkcoach):
    burger = UserFactory(rol=Rol.BURGER, team=None)
    dossier = DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(account=burger))
    profiel = ProfielFactory(
        dossier=dossier, certificaten=[], taalniveau="1f", gewenste_beroepen=["5120"]
    )
    return burger, dossier, profiel


def test_menu_entry(login, burger_met_profiel):
    burger, _, _ = burger_met_profiel
    html = login(burger).get("/portaal/").content.decode()
    assert 'href="/portaal/vacatures/"' in html


def test_opt_in_and_out_is_written_logged_and_noted(login, burger_met_profiel):
    burger, dossier, profiel = burger_met_profiel
    client = login(burger)
    html = client.get("/portaal/mijn-werkprofiel/").content.decode()
    assert "Nu: werkgevers mogen uw werkprofiel niet zien." in html
    assert "Werkgevers zien nooit uw naam" in html

    response = client.post("/portaal/mijn-werkprofiel/", {"zichtbaar": "ja"})
    assert response.status_code == 302
    profiel.refresh_from_db()
    assert profiel.zichtbaar_voor_werkgevers
    onderwerp = pseudoniem(dossier.werkzoekende.log_subject)
    assert Verwerking.objects.filter(operatie="werk_profiel_bij", betrokkene=onderwerp).exists()
    regel = JournaalRegel.objects.get(dossier=dossier)
    assert (regel.zichtbaarheid, regel.auteur) == ("extern", burger)
    assert regel.tekst == "U heeft uw werkprofiel zichtbaar gemaakt voor werkgevers."
    html = client.get("/portaal/mijn-werkprofiel/").content.decode()
    assert "Werkgevers kunnen uw werkprofiel nu zien. Ze zien niet wie u bent." in html

    client.post("/portaal/mijn-werkprofiel/", {"zichtbaar": "nee"})
    profiel.refresh_from_db()
    assert not profiel.zichtbaar_voor_werkgevers
    assert JournaalRegel.objects.filter(dossier=dossier).count() == 2
    # Revoked: no longer in any employer view.
    assert selectors.anonieme_profielen(vacature=VacatureFactory(), user=None).paginator.count == 0


def test_choice_is_required(login, burger_met_profiel):
    burger, _, profiel = burger_met_profiel
    html = login(burger).post("/portaal/mijn-werkprofiel/", {}).content.decode()
    assert "Kies ja of nee." in html
    profiel.refresh_from_db()
    assert not profiel.zichtbaar_voor_werkgevers


def test_without_profile_nothing_to_choose(login, werkcoach):
    burger = UserFactory(rol=Rol.BURGER, team=None)
    DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(account=burger))
    client = login(burger)
    html = client.get("/portaal/mijn-werkprofiel/").content.decode()
    assert "nog niet ingevuld" in html
    client.post("/portaal/mijn-werkprofiel/", {"zichtbaar": "ja"})
    assert not Profiel.objects.exists()
    html = client.get("/portaal/vacatures/").content.decode()
    assert "nog niet ingevuld" in html


def test_vacancies_that_fit_with_what_is_still_needed(login, burger_met_profiel):
    burger, dossier, _ = burger_met_profiel
    kok = VacatureFactory(titel="Kok in de haven")  # in perspective, misses HACCP
    VacatureFactory(titel="Magazijn", beroep=beroep("Magazijnmedewerker / orderpicker"),
                    certificaten=[], taalniveau="onder_1f", fysieke_belasting="zwaar")  # fmt: skip
    VacatureFactory(titel="Beveiliger", beroep=beroep("Beveiliger"), certificaten=["beveiliging2"],
                    taalniveau="2f")  # fmt: skip
    VacatureFactory(titel="Verlopen kok", sluitdatum=timezone.localdate() - timedelta(days=1))
    VacatureFactory(titel="Vervulde kok", status="vervuld")

    html = login(burger).get("/portaal/vacatures/").content.decode()
    assert "2 vacatures" in html
    assert html.index("Kok in de haven") < html.index("Magazijn")  # perspective first
    assert "U heeft nog geen diploma of certificaat: HACCP / hygiënecode." in html
    assert "U heeft alles wat nodig is voor dit werk." in html  # the warehouse job
    for weg in ("Beveiliger", "Verlopen kok", "Vervulde kok"):
        assert weg not in html
    assert Verwerking.objects.filter(
        operatie="portaal_bekijk_vacatures",
        betrokkene=pseudoniem(dossier.werkzoekende.log_subject),
    ).exists()
    assert kok.werkgever.naam in html


def test_staff_get_403_on_portal_pages(login, werkcoach):
    for pad in ("/portaal/vacatures/", "/portaal/mijn-werkprofiel/"):
        assert login(werkcoach).get(pad).status_code == 403


@pytest.mark.parametrize("n", [1, 15])
def test_query_count_portal(login, burger_met_profiel, n, django_assert_max_num_queries):
    burger, _, _ = burger_met_profiel
    for _ in range(n):
        VacatureFactory()
    client = login(burger)
    with django_assert_max_num_queries(16):
        assert client.get("/portaal/vacatures/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/portaal/mijn-werkprofiel/").status_code == 200
