"""The aanvraag team's worklist (views, filters, name search, signals, query count), the menu
entries, the dossier's "Aanvraag" tab, the werkcoach's handover for a dossier in status
aanvraag, and the admin of the front door."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanvraag import services
from aanvraag.beleid import STANDAARD
from aanvraag.models import Aanvraag, Aanvraagbeleid, AanvraagStatus, Hersteltermijn
from bijstand.accounts.models import Rol
from bijstand.core.crypto import pseudoniem
from bijstand.core.menu import staff_menu
from bijstand.dossiers.models import Overdracht
from bijstand.logboek.models import Verwerking
from tests.aanvraag.conftest import client_voor
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db

WERKLIJST = reverse("aanvraag:werklijst")


def snelle_aanvraag(
    *,
    werkcoach,
    achternaam: str = "Jansen",
    status: str = AanvraagStatus.INGEDIEND,
    ontvangen_op: date | None = date(2026, 3, 2),
    inkomensconsulent=None,
    **velden,
) -> Aanvraag:
    """An aanvraag straight in the database (the worklist reads; the services are tested
    elsewhere): ``beslissen_uiterlijk`` as the services keep it (8 weeks)."""
    dossier = DossierFactory(
        werkcoach=werkcoach,
        inkomensconsulent=inkomensconsulent,
        status="aanvraag" if status in ("concept", "ingediend", "opgeschort") else "lopend",
        werkzoekende=WerkzoekendeFactory(voornamen="Anna", achternaam=achternaam),
    )
    return Aanvraag.objects.create(
        dossier=dossier,
        kanaal="loket",
        status=status,
        melddatum=(ontvangen_op or date(2026, 3, 10)) - timedelta(days=2),
        ontvangen_op=ontvangen_op,
        beslissen_uiterlijk=ontvangen_op + timedelta(weeks=8) if ontvangen_op else None,
        **velden,
    )


@pytest.mark.parametrize(
    "rol,verwacht",
    [
        (Rol.INKOMENSCONSULENT, 200),
        (Rol.TEAMLEIDER, 200),
        (Rol.WERKCONSULENT, 403),
        (Rol.BEHEERDER, 403),
        (Rol.PRIVACY, 403),
        (Rol.BURGER, 403),
    ],
)
def test_wie_ziet_de_werklijst(rol, verwacht):
    assert client_voor(UserFactory(rol=rol, team=None)).get(WERKLIJST).status_code == verwacht


def test_anoniem_naar_login():
    response = client_voor(None).get(WERKLIJST)
    assert response.status_code == 302 and "login" in response["Location"]


def test_werklijst_weergaven_en_signalen(werkcoach, consulent, vandaag):
    vandaag(date(2026, 5, 5))
    snelle_aanvraag(werkcoach=werkcoach, achternaam="Laat", ontvangen_op=date(2026, 3, 2))
    snelle_aanvraag(
        werkcoach=werkcoach,
        achternaam="Eigen",
        ontvangen_op=date(2026, 4, 20),
        inkomensconsulent=consulent,
        ingebrekestelling_op=date(2026, 5, 1),
    )
    opgeschort = snelle_aanvraag(
        werkcoach=werkcoach,
        achternaam="Wacht",
        status=AanvraagStatus.OPGESCHORT,
        ontvangen_op=date(2026, 4, 1),
    )
    Hersteltermijn.objects.create(
        aanvraag=opgeschort,
        gevraagd="Loonstrook",
        verzocht_op=date(2026, 4, 10),
        termijn_tot=date(2026, 4, 24),
        door=consulent,
    )
    snelle_aanvraag(werkcoach=werkcoach, achternaam="Concept", status="concept", ontvangen_op=None)
    snelle_aanvraag(
        werkcoach=werkcoach,
        achternaam="Klaar",
        status="toegekend",
        ontvangen_op=date(2026, 3, 1),
        inkomensconsulent=consulent,
    )
    collega = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    snelle_aanvraag(
        werkcoach=werkcoach, achternaam="Collega", inkomensconsulent=collega
    )  # someone else's: not shown
    client = client_voor(consulent)

    html = client.get(WERKLIJST).content.decode()
    namen = ("Anna Laat", "Anna Wacht", "Anna Eigen")
    posities = [html.index(n) for n in namen]
    assert posities == sorted(posities)  # sorted by the end of the beslistermijn
    assert "Anna Concept" not in html and "Anna Klaar" not in html
    assert "Anna Collega" not in html
    assert "8 dagen te laat" in html  # 2-3 + 8 weeks = 27-4
    assert "opgeschort tot 24 april 2026" in html
    assert "Buiten behandeling mogelijk tot 22 mei" in html
    assert "dwangsom vanaf 15 mei" in html
    assert "Voorschot: nog geen besluit" in html  # Laat: day 28 has passed
    assert "Nog niemand (pool)" in html

    html = client.get(WERKLIJST, {"weergave": "eigen"}).content.decode()
    assert "Anna Eigen" in html and "Anna Laat" not in html
    html = client.get(WERKLIJST, {"weergave": "pool"}).content.decode()
    assert "Anna Laat" in html and "Anna Eigen" not in html
    html = client.get(WERKLIJST, {"weergave": "concept"}).content.decode()
    assert "Anna Concept" in html and "Anna Laat" not in html
    html = client.get(WERKLIJST, {"weergave": "afgehandeld"}).content.decode()
    assert "Anna Klaar" in html and "Anna Laat" not in html
    html = client.get(WERKLIJST, {"weergave": "onzin"}).content.decode()
    assert "Anna Laat" in html  # unknown view: the default


def test_werklijst_logt_elke_getoonde_persoon(werkcoach, consulent):
    a = snelle_aanvraag(werkcoach=werkcoach, achternaam="Bakker")
    client_voor(consulent).get(WERKLIJST)
    regel = Verwerking.objects.get(
        operatie="bekijk_werklijst", betrokkene=pseudoniem(a.dossier.werkzoekende.log_subject)
    )
    assert "aanvraag" in regel.soorten_gegevens


def test_zoeken_op_naam_niet_op_bsn(werkcoach, consulent):
    snelle_aanvraag(werkcoach=werkcoach, achternaam="Bakker")
    snelle_aanvraag(werkcoach=werkcoach, achternaam="Visser")
    client = client_voor(consulent)
    html = client.get(WERKLIJST, {"zoek": "bakk"}).content.decode()
    assert "Anna Bakker" in html and "Anna Visser" not in html
    response = client.get(WERKLIJST, {"zoek": "999991085", "weergave": "pool"})
    assert response.status_code == 302
    assert "999991085" not in response["Location"]  # out of the address bar
    response = client.get(response["Location"])
    html = response.content.decode()
    assert "Een BSN zoekt u via" in html
    assert "999991085" not in html  # not echoed in the field or the links
    html = client.get(WERKLIJST, {"zoek": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")' not in html


def test_teamleider_ziet_zijn_team(werkcoach, teamleider):
    snelle_aanvraag(werkcoach=werkcoach, achternaam="Team")
    ander_team = TeamFactory(teamleider=UserFactory(rol=Rol.TEAMLEIDER, team=None))
    snelle_aanvraag(
        werkcoach=UserFactory(rol=Rol.WERKCONSULENT, team=ander_team), achternaam="Ander"
    )
    html = client_voor(teamleider).get(WERKLIJST).content.decode()
    assert "Anna Team" in html and "Anna Ander" not in html
    assert "weergave=eigen" not in html  # a teamleider has no own aanvragen


def _aantal_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(WERKLIJST, params).status_code == 200
    return len(queries)


def test_werklijst_zonder_n_plus_1(werkcoach, consulent, django_assert_max_num_queries):
    for i in range(26):
        snelle_aanvraag(
            werkcoach=werkcoach,
            achternaam=f"Naam{i:02d}",
            ontvangen_op=date(2026, 3, 1) + timedelta(days=i),
            inkomensconsulent=consulent if i % 2 else None,
            ingebrekestelling_op=date(2026, 5, 1) if i % 3 else None,
        )
    client = client_voor(consulent)
    client.get(WERKLIJST)  # warm the session and caches
    # session, user, substitutes, count, policy, rows, hersteltermijnen, voorschotten, the log
    # line (savepoint, two inserts), the menu's permissions: the same for 3 rows or 25
    with django_assert_max_num_queries(15):
        response = client.get(WERKLIJST)
    assert _aantal_queries(client) == _aantal_queries(client, zoek="Naam0")  # 25 rows vs 10
    html = response.content.decode()
    assert html.count('href="/aanvragen/') >= 25  # 25 rows on the first page
    assert "Naam25" not in html
    html = client.get(WERKLIJST, {"pagina": 2}).content.decode()
    assert "Naam25" in html and 'aria-current="page"' in html


def test_menu(werkcoach, consulent, teamleider):
    def sleutels(user):
        return {item["sleutel"] for item in staff_menu(user)}

    assert {"aanvragen", "melding"} <= sleutels(consulent)
    assert "aanvragen" in sleutels(teamleider) and "melding" not in sleutels(teamleider)
    assert "melding" in sleutels(werkcoach) and "aanvragen" not in sleutels(werkcoach)
    beheerder = UserFactory(rol=Rol.BEHEERDER, team=None)
    assert not {"aanvragen", "melding"} & sleutels(beheerder)


# --- the dossier tab -----------------------------------------------------------------------


def test_dossier_tab(maak_aanvraag, werkcoach, loket, teamleider):
    aanvraag = maak_aanvraag("ingediend")
    url = reverse("dossiers:tab", args=[aanvraag.dossier_id, "aanvraag"])
    response = client_voor(werkcoach).get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aanvraag bijstand" in html and "Ingediend, in behandeling" in html
    assert reverse("aanvraag:detail", args=[aanvraag.pk]) in html
    assert 'aria-current="page">Aanvraag<' in html
    assert client_voor(teamleider).get(url).status_code == 200
    assert client_voor(loket).get(url).status_code == 404
    beheerder = UserFactory(rol=Rol.BEHEERDER, team=None)
    assert client_voor(beheerder).get(url).status_code == 403

    zonder = DossierFactory(werkcoach=werkcoach)
    html = (
        client_voor(werkcoach)
        .get(reverse("dossiers:tab", args=[zonder.pk, "aanvraag"]))
        .content.decode()
    )
    assert "geen aanvraag" in html


# --- werkcoach: assignment and handover ----------------------------------------------------


def test_teamleider_draagt_dossier_in_aanvraag_over(maak_aanvraag, werkcoach, teamleider):
    aanvraag = maak_aanvraag("ingediend")
    assert aanvraag.dossier.status == "aanvraag"
    collega = UserFactory(rol=Rol.WERKCONSULENT, team=werkcoach.team)
    response = client_voor(teamleider).post(
        reverse("dossiers:overdragen", args=[aanvraag.dossier_id]),
        {"naar_werkcoach": collega.pk, "reden": "Taalmatch"},
    )
    assert response.status_code == 302
    aanvraag.dossier.refresh_from_db()
    assert aanvraag.dossier.werkcoach == collega
    assert Overdracht.objects.filter(dossier=aanvraag.dossier, naar_werkcoach=collega).exists()
    # the new werkcoach sees the aanvraag; the old one no longer
    detail = reverse("aanvraag:detail", args=[aanvraag.pk])
    assert client_voor(collega).get(detail).status_code == 200
    assert client_voor(werkcoach).get(detail).status_code == 404


def test_werkcoach_uit_het_team_van_de_wijk_kleinste_caseload(team_met_coach, vandaag):
    team, coach = team_met_coach
    drukke = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    DossierFactory.create_batch(2, werkcoach=drukke)
    UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory())  # another team: never chosen
    from tests.aanvraag.conftest import PERSOON
    from tests.factories import geldig_bsn

    aanvraag = services.registreer_melding(
        bsn=geldig_bsn(), kanaal="loket", door=None, persoon=dict(PERSOON)
    )
    assert aanvraag.dossier.werkcoach == coach


# --- admin ---------------------------------------------------------------------------------


@pytest.fixture
def beheer():
    from bijstand.accounts.services import pas_rol_rechten_toe

    user = UserFactory(rol=Rol.BEHEERDER, team=None)
    pas_rol_rechten_toe(user)
    return client_voor(user)


def test_admin_aanvraagbeleid(beheer):
    url = reverse("admin:aanvraag_aanvraagbeleid_add")
    assert beheer.get(url).status_code == 200
    response = beheer.post(
        url,
        {"geldig_vanaf": "2027-01-01", "toelichting": "", "data": '{"hersteltermijn_dagen": 10}'},
    )
    assert response.status_code == 200
    assert "onvolledig of ongeldig" in response.content.decode()
    data = {**STANDAARD, "voorschot_percentage": "120"}
    response = beheer.post(
        url, {"geldig_vanaf": "2027-01-01", "toelichting": "", "data": json.dumps(data)}
    )
    assert "tussen 0 en 100" in response.content.decode()
    assert not Aanvraagbeleid.objects.filter(geldig_vanaf=date(2027, 1, 1)).exists()
    data = {**STANDAARD, "hersteltermijn_dagen": 10}
    response = beheer.post(
        url, {"geldig_vanaf": "2027-01-01", "toelichting": "Korter", "data": json.dumps(data)}
    )
    assert response.status_code == 302
    nieuw = Aanvraagbeleid.objects.get(geldig_vanaf=date(2027, 1, 1))
    assert nieuw.data["hersteltermijn_dagen"] == 10 and nieuw.toelichting == "Korter"


def test_admin_aanvragen_alleen_lezen_zonder_inhoud(beheer, maak_aanvraag):
    aanvraag = maak_aanvraag("ingediend")
    response = beheer.get(reverse("admin:aanvraag_aanvraag_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert aanvraag.dossier.werkzoekende.achternaam not in html
    response = beheer.get(reverse("admin:aanvraag_aanvraag_change", args=[aanvraag.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jansen" not in html and "a@example.nl" not in html
    assert 'name="_save"' not in html
    assert beheer.get(reverse("admin:aanvraag_aanvraag_add")).status_code == 403
    assert beheer.get(reverse("admin:aanvraag_besluit_changelist")).status_code == 200
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None, is_staff=True)
    assert (
        client_voor(consulent).get(reverse("admin:aanvraag_aanvraag_changelist")).status_code == 403
    )


def test_admin_wijk_team(beheer):
    from bijstand.dossiers.models import Wijk

    team = TeamFactory(naam="Team Noord")
    wijk = Wijk.objects.create(code="W9", naam="Noord", gebied="Noord", postcodes="3031")
    url = reverse("admin:dossiers_wijk_change", args=[wijk.pk])
    response = beheer.post(
        url,
        {
            "code": "W9",
            "naam": "Noord",
            "gebied": "Noord",
            "postcodes": "3031,3032",
            "team": team.pk,
        },
    )
    assert response.status_code == 302
    wijk.refresh_from_db()
    assert wijk.team == team and wijk.postcodes == "3031,3032"
