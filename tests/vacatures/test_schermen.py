"""The staff screens: lists with filters and pagination, forms, proposing, the voordracht page,
constant query counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from bijstand.dossiers.models import JournaalRegel
from tests.factories import DossierFactory, WijkFactory
from vacatures.models import Plaatsing, Vacature, Voordracht, Werkgever

from .factories import ProfielFactory, VacatureFactory, WerkgeverFactory, beroep

pytestmark = pytest.mark.django_db


def test_menu_entry_for_werkcoach_not_for_inkomensconsulent(login, werkcoach, inkomensconsulent):
    html = login(werkcoach).get("/").content.decode()
    assert 'href="/vacatures/"' in html
    html = login(inkomensconsulent).get("/").content.decode()
    assert 'href="/vacatures/"' not in html


def test_list_filters_in_database_and_paginates(login, werkcoach):
    koks = [VacatureFactory(titel=f"Kok {i}") for i in range(27)]
    VacatureFactory(titel="Heftruck", beroep=beroep("Heftruckchauffeur"), certificaten=["heftruck"])
    Vacature.objects.filter(pk=koks[0].pk).update(status="vervuld")
    client = login(werkcoach)

    html = client.get("/vacatures/").content.decode()  # default: open vacancies
    assert "27 vacatures gevonden." in html
    assert "pagina 1 van 2" in html
    html = client.get("/vacatures/?status=&pagina=2").content.decode()
    assert "28 vacatures gevonden." in html and "pagina 2 van 2" in html
    heftruck = beroep("Heftruckchauffeur").pk
    html = client.get(f"/vacatures/?status=&beroep={heftruck}").content.decode()
    assert "1 vacature gevonden." in html and "Heftruck" in html
    html = client.get("/vacatures/?status=vervuld").content.decode()
    assert "1 vacature gevonden." in html and "Kok 0" in html


def test_create_employer_and_vacancy_through_the_screens(login, werkcoach):
    client = login(werkcoach)
    response = client.post(
        "/vacatures/werkgevers/nieuw/",
        {"naam": "Grand Café Maas", "kvk_nummer": "2412345", "plaats": "Rotterdam", "actief": "on"},
    )
    assert "Een KvK-nummer bestaat uit 8 cijfers." in response.content.decode()
    response = client.post(
        "/vacatures/werkgevers/nieuw/",
        {"naam": "Grand Café Maas", "kvk_nummer": "24123456", "plaats": "Rotterdam",
         "inclusief": "on", "actief": "on"},
    )  # fmt: skip
    werkgever = Werkgever.objects.get(kvk_nummer="24123456")
    assert response.status_code == 302 and werkgever.inclusief

    wijk = WijkFactory()
    response = client.post(
        "/vacatures/nieuw/",
        {"werkgever": werkgever.pk, "titel": "Koks voor de nieuwe vestiging",
         "beroep": beroep("Kok").pk, "aantal_plaatsen": 50, "uren_per_week_min": 24,
         "uren_per_week_max": 36, "wijk": wijk.pk},
    )  # fmt: skip
    vacature = Vacature.objects.get(werkgever=werkgever)
    assert response.status_code == 302
    assert response["Location"] == f"/vacatures/{vacature.pk}/"
    # Requirements taken from the occupation when left empty.
    assert (vacature.certificaten, vacature.taalniveau, vacature.aantal_plaatsen) == (
        ["haccp"], "1f", 50,
    )  # fmt: skip
    response = client.post(
        f"/vacatures/{vacature.pk}/wijzigen/",
        {"titel": "Koks", "aantal_plaatsen": 50, "certificaten": ["haccp", "bhv"],
         "taalniveau": "1f", "fysieke_belasting": "middel", "uren_per_week_min": 40,
         "uren_per_week_max": 30, "wijk": wijk.pk},
    )  # fmt: skip
    assert "Het maximale aantal uren is lager dan het minimale aantal uren." in (
        response.content.decode()
    )


def test_employer_detail_with_contacts_sroi_and_vacancies(login, werkcoach):
    werkgever = WerkgeverFactory(naam="Bouwbedrijf Zuid")
    client = login(werkcoach)
    client.post(
        f"/vacatures/werkgevers/{werkgever.pk}/contactpersonen/nieuw/",
        {"naam": "Petra Smit", "email": "p.smit@example.nl"},
    )
    client.post(
        f"/vacatures/werkgevers/{werkgever.pk}/sroi/nieuw/",
        {"omschrijving": "Renovatie Zuidplein", "aantal_plaatsingen": 5, "van": "2026-01-01",
         "tot": "2026-12-31"},
    )  # fmt: skip
    VacatureFactory(werkgever=werkgever, titel="Bouwplaatsmedewerker")
    html = client.get(f"/vacatures/werkgevers/{werkgever.pk}/").content.decode()
    assert "Petra Smit" in html and "Renovatie Zuidplein" in html
    assert "Bouwplaatsmedewerker" in html and "0 (0%)" in html
    html = client.get("/vacatures/werkgevers/?zoek=zuid").content.decode()
    assert "1 werkgever gevonden." in html
    werkgever.actief = False
    werkgever.save()
    assert (
        "0 werkgevers gevonden." in client.get("/vacatures/werkgevers/?zoek=zuid").content.decode()
    )
    html = client.get("/vacatures/werkgevers/?zoek=zuid&ook_inactief=on").content.decode()
    assert "1 werkgever gevonden." in html


def test_werkcoach_proposes_from_the_vacancy_page(login, werkcoach, vacature, kandidaat):
    client = login(werkcoach)
    html = client.get(f"/vacatures/{vacature.pk}/").content.decode()
    assert escape(kandidaat.werkzoekende.naam) in html
    response = client.post(f"/vacatures/{vacature.pk}/voordragen/", {"dossier": kandidaat.pk})
    voordracht = Voordracht.objects.get(vacature=vacature, dossier=kandidaat)
    assert response["Location"] == f"/vacatures/voordrachten/{voordracht.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert "Gesprek vastleggen" in html and "Plaatsing vastleggen" not in html

    client.post(
        f"/vacatures/voordrachten/{voordracht.pk}/gesprek/",
        {"gesprek-datum": "2026-05-04", "gesprek-tijd": "10:30"},
    )
    voordracht.refresh_from_db()
    assert voordracht.status == "gesprek"
    response = client.post(
        f"/vacatures/voordrachten/{voordracht.pk}/plaatsing/",
        {"plaatsing-startdatum": "2026-06-01", "plaatsing-contracturen": "50"},
    )
    assert response.status_code == 200
    assert not Plaatsing.objects.exists()
    response = client.post(
        f"/vacatures/voordrachten/{voordracht.pk}/plaatsing/",
        {"plaatsing-startdatum": "2026-06-01", "plaatsing-contracturen": "32",
         "plaatsing-contract_maanden": "6"},
    )  # fmt: skip
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Naar de status van het dossier" in html
    assert f'href="/dossiers/{kandidaat.pk}/status/"' in html
    assert JournaalRegel.objects.filter(
        dossier=kandidaat, tekst__startswith="Plaatsing bij"
    ).exists()


def test_colleague_cannot_propose_someone_elses_candidate(login, collega, vacature, kandidaat):
    response = login(collega).post(
        f"/vacatures/{vacature.pk}/voordragen/", {"dossier": kandidaat.pk}
    )
    assert response.status_code == 404
    assert not Voordracht.objects.exists()


def test_reject_form_shows_service_message(login, werkcoach, vacature, kandidaat):
    client = login(werkcoach)
    client.post(f"/vacatures/{vacature.pk}/voordragen/", {"dossier": kandidaat.pk})
    voordracht = Voordracht.objects.get()
    response = client.post(
        f"/vacatures/voordrachten/{voordracht.pk}/afwijzen/", {"afwijzen-reden": "overig"}
    )
    assert "Licht de reden toe." in response.content.decode()
    client.post(
        f"/vacatures/voordrachten/{voordracht.pk}/afwijzen/",
        {"afwijzen-reden": "kandidaat_ziet_af", "afwijzen-toelichting": "Verhuist"},
    )
    voordracht.refresh_from_db()
    assert voordracht.status == "afgewezen"


def test_withdraw_through_the_screen(login, werkcoach, vacature):
    client = login(werkcoach)
    client.post(f"/vacatures/{vacature.pk}/intrekken/", {"reden": "Geen budget"})
    vacature.refresh_from_db()
    assert vacature.status == "ingetrokken"
    client.post(f"/vacatures/{vacature.pk}/heropenen/")
    vacature.refresh_from_db()
    assert vacature.status == "open"


def _vul(werkcoach, n):
    """n vacancies, n own candidates and n candidates with n other werkcoaches."""
    werkgever = WerkgeverFactory()
    for i in range(n):
        VacatureFactory(werkgever=werkgever, titel=f"Kok {i}")
        ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach), zichtbaar_voor_werkgevers=True)
        ProfielFactory(dossier=DossierFactory(), zichtbaar_voor_werkgevers=True)
    vacature = Vacature.objects.first()
    for dossier in werkcoach.caseload.all()[:n]:
        Voordracht.objects.create(vacature=vacature, dossier=dossier, score=100)
    return vacature, werkgever


@pytest.mark.parametrize("n", [1, 12])
def test_query_counts_are_constant(login, werkcoach, n, django_assert_max_num_queries):
    vacature, werkgever = _vul(werkcoach, n)
    voordracht = Voordracht.objects.first()
    client = login(werkcoach)
    for url, maximum in (
        ("/vacatures/", 8),
        (f"/vacatures/{vacature.pk}/", 23),
        (f"/vacatures/{vacature.pk}/werkprofielen/", 12),
        ("/vacatures/werkgevers/", 6),
        (f"/vacatures/werkgevers/{werkgever.pk}/", 9),
        (f"/vacatures/voordrachten/{voordracht.pk}/", 12),
    ):
        with django_assert_max_num_queries(maximum):
            assert client.get(url).status_code == 200, url


def test_expired_vacancy_cannot_be_proposed_for(login, werkcoach, kandidaat):
    vacature = VacatureFactory(sluitdatum=timezone.localdate() - timedelta(days=1))
    html = login(werkcoach).get(f"/vacatures/{vacature.pk}/").content.decode()
    assert "sluitdatum verstreken" in html
    assert "Voordragen" not in html
    assert date.today()  # the page still shows the candidates
    assert escape(kandidaat.werkzoekende.naam) in html
