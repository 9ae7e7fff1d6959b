"""Portal pages: access, own data only, messages, log inspection, logging, no BSN anywhere."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from bijstand.accounts.models import Rol, User
from bijstand.dossiers.models import JournaalRegel, JournaalSoort, Richting, Zichtbaarheid
from bijstand.dossiers.selectors import dossier_voor_gebruiker, journaal_queryset
from bijstand.dossiers.services import (
    draag_over,
    stuur_bericht_aan_burger,
    voeg_journaalregel_toe,
    wijzig_status,
)
from bijstand.logboek.models import AuditRegel, Verwerking
from bijstand.portaal.services import markeer_gelezen
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGINAS = ["portaal:overzicht", "portaal:berichten", "portaal:inzage"]


@pytest.mark.parametrize("naam", [*PAGINAS, "portaal:sessie_status"])
def test_anonymous_goes_to_login(client, naam):
    response = client.get(reverse(naam))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portaal:login"))


@pytest.mark.parametrize(
    "rol", [Rol.WERKCONSULENT, Rol.TEAMLEIDER, Rol.PRIVACY, Rol.BEHEERDER, Rol.BETAALRUN]
)
@pytest.mark.parametrize("naam", [*PAGINAS, "portaal:sessie_status"])
def test_staff_gets_403(client, team, rol, naam):
    client.force_login(UserFactory(rol=rol, team=team))
    assert client.get(reverse(naam)).status_code == 403


def test_staff_cannot_post_to_portal(client, werkcoach, dossier):
    client.force_login(werkcoach)
    response = client.post(reverse("portaal:berichten"), {"tekst": "hallo"})
    assert response.status_code == 403
    assert not JournaalRegel.objects.filter(soort=JournaalSoort.BERICHT).exists()


def test_burger_without_werkzoekende_goes_to_bijstand_aanvragen(client, db):
    los = User.objects.create(username="burger-los", rol=Rol.BURGER, bsn_hash="x" * 64)
    client.force_login(los, backend="bijstand.portaal.backends.DigiDMockBackend")
    response = client.get(reverse("portaal:overzicht"), follow=True)
    assert response.resolver_match.view_name == "portaal:aanvraag_start"
    assert "U heeft nog geen dossier bij Werk &amp; Inkomen" in response.content.decode()


def test_overzicht_shows_werkcoach_status_and_next_steps(burger_client, dossier, werkcoach):
    werkcoach.email = "coach@example.org"
    werkcoach.save()
    stuur_bericht_aan_burger(dossier=dossier, afzender=werkcoach, onderwerp="Afspraak", tekst="Hoi")
    response = burger_client.get(reverse("portaal:overzicht"))
    content = response.content.decode()
    assert response.status_code == 200
    assert escape(werkcoach.get_full_name()) in content
    assert "coach@example.org" in content
    assert "14 010" in content
    assert "U krijgt een uitkering van de gemeente" in content  # status lopend
    assert "Lees uw nieuwe bericht." in content
    assert "Uw werkcoach maakt samen met u een plan." in content
    assert 'aria-current="page"' in content
    assert Verwerking.objects.filter(operatie="portaal_bekijk_overzicht").count() == 1


def test_overzicht_for_ended_dossier(burger_client, dossier, werkcoach):
    wijzig_status(dossier=dossier, naar="beeindigd", reden="werk", door=werkcoach)
    content = burger_client.get(reverse("portaal:overzicht")).content.decode()
    assert "Uw dossier is gesloten" in content
    content = burger_client.get(reverse("portaal:berichten")).content.decode()
    assert "U kunt hier geen berichten meer sturen" in content
    assert 'name="tekst"' not in content


def test_send_message_creates_extern_entry_for_staff(burger_client, burger, dossier, werkcoach):
    response = burger_client.post(
        reverse("portaal:berichten"),
        {"onderwerp": "Vraag", "tekst": "Kan ik mijn afspraak verzetten?"},
        follow=True,
    )
    assert response.resolver_match.view_name == "portaal:berichten"
    assert "Uw bericht is verstuurd" in response.content.decode()
    regel = JournaalRegel.objects.get(soort=JournaalSoort.BERICHT)
    assert regel.dossier == dossier
    assert regel.auteur == burger
    assert regel.zichtbaarheid == Zichtbaarheid.EXTERN
    assert regel.richting == Richting.INKOMEND
    assert not regel.vertrouwelijk
    assert regel in journaal_queryset(user=werkcoach, dossier=dossier)
    assert "Kan ik mijn afspraak verzetten?" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.laatste_contact == regel.op


def test_empty_message_shows_linked_error(burger_client):
    response = burger_client.post(reverse("portaal:berichten"), {"onderwerp": "x", "tekst": "  "})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Schrijf eerst uw bericht." in content
    assert 'aria-invalid="true"' in content
    assert 'aria-describedby="id_tekst_hulp id_tekst_fout"' in content
    assert not JournaalRegel.objects.filter(soort=JournaalSoort.BERICHT).exists()


def test_messages_only_own_extern_and_marked_read(
    burger_client, dossier, werkcoach, ander_dossier, ander_burger
):
    stuur_bericht_aan_burger(dossier=dossier, afzender=werkcoach, onderwerp="Voor u", tekst="Eigen")
    stuur_bericht_aan_burger(
        dossier=ander_dossier,
        afzender=ander_dossier.werkcoach,
        onderwerp="Voor een ander",
        tekst="Geheim van een ander",
    )
    voeg_journaalregel_toe(
        dossier=dossier, auteur=werkcoach, soort=JournaalSoort.NOTITIE, tekst="Interne notitie"
    )
    voeg_journaalregel_toe(
        dossier=dossier,
        auteur=werkcoach,
        soort=JournaalSoort.NOTITIE,
        tekst="Over gezondheid",
        vertrouwelijk=True,
    )
    response = burger_client.get(reverse("portaal:berichten"))
    content = response.content.decode()
    assert "Eigen" in content
    assert "Nieuw" in content
    assert "Geheim van een ander" not in content
    assert "Interne notitie" not in content
    assert "Over gezondheid" not in content

    eigen = JournaalRegel.objects.get(onderwerp="Voor u")
    ander = JournaalRegel.objects.get(onderwerp="Voor een ander")
    assert eigen.gelezen_op is not None
    assert ander.gelezen_op is None
    # second visit: no longer new
    assert ">Nieuw<" not in burger_client.get(reverse("portaal:berichten")).content.decode()
    assert Verwerking.objects.filter(operatie="portaal_bekijk_berichten").count() == 2


def test_markeer_gelezen_only_touches_own_dossier(burger, dossier, ander_dossier):
    ander = stuur_bericht_aan_burger(
        dossier=ander_dossier, afzender=ander_dossier.werkcoach, onderwerp="x", tekst="y"
    )
    assert markeer_gelezen(user=burger, dossier=dossier, regel_ids=[ander.pk]) == 0
    assert markeer_gelezen(user=burger, dossier=ander_dossier, regel_ids=[ander.pk]) == 0
    ander.refresh_from_db()
    assert ander.gelezen_op is None


def test_messages_are_paginated(burger_client, dossier, werkcoach):
    for i in range(12):
        stuur_bericht_aan_burger(
            dossier=dossier, afzender=werkcoach, onderwerp=f"Bericht {i}", tekst="t"
        )
    first = burger_client.get(reverse("portaal:berichten")).content.decode()
    assert "Pagina 1 van 2" in first
    second = burger_client.get(reverse("portaal:berichten"), {"pagina": 2}).content.decode()
    assert "Bericht 0" in second
    assert "Bericht 0<" not in first


def test_inzage_shows_own_non_confidential_lines_without_staff_names(
    burger_client, burger, dossier, werkcoach, ander_dossier, team
):
    dossier_voor_gebruiker(user=werkcoach, pk=dossier.pk)  # "Uw dossier is bekeken"
    voeg_journaalregel_toe(
        dossier=dossier,
        auteur=werkcoach,
        soort=JournaalSoort.NOTITIE,
        tekst="Over verslaving",
        vertrouwelijk=True,
    )
    nieuwe_coach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    draag_over(dossier=ander_dossier, naar_werkcoach=nieuwe_coach, reden="Verhuisd", door=werkcoach)

    response = burger_client.get(reverse("portaal:inzage"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Uw dossier is bekeken" in content
    assert "Een werkcoach" in content
    assert "Dossiervoering en werkcoach-toewijzing" in content  # activity name
    assert "Bijhouden van het dossier" in content  # purpose
    assert escape(werkcoach.get_full_name()) not in content
    assert werkcoach.username not in content
    assert "Gezondheid, verslaving en justitie" not in content
    assert "U heeft een andere werkcoach gekregen" not in content  # someone else's handover

    regels = response.context["regels"]
    eigen_subject = Verwerking.objects.filter(operatie="bekijk_dossier").values_list(
        "betrokkene", flat=True
    )
    assert {r.operatie for r in regels} <= {
        "registreer_werkzoekende",
        "open_dossier",
        "bekijk_dossier",
        "voeg_journaalregel_toe",
        "koppel_digid_account",
        "digid_inloggen",
    }
    assert all(r.door != "zelf" for r in regels)  # own visits hidden by default
    assert len(set(eigen_subject)) == 1
    # viewing the log is itself logged
    assert (
        Verwerking.objects.filter(
            operatie="portaal_bekijk_logboek", activiteit__code="logboek-inzage"
        ).count()
        == 1
    )
    assert AuditRegel.objects.filter(actie="portaal_bekijk_logboek", gebruiker=burger).exists()


def test_inzage_can_show_own_actions(burger_client):
    burger_client.get(reverse("portaal:overzicht"))
    zonder = burger_client.get(reverse("portaal:inzage")).content.decode()
    assert "U heeft uw overzicht bekeken" not in zonder
    met = burger_client.get(reverse("portaal:inzage"), {"ook_eigen": "1"}).content.decode()
    assert "U heeft uw overzicht bekeken" in met
    assert "U zelf" in met


def test_no_bsn_in_any_portal_url_or_page(client, persoon, werkcoach, dossier):
    from .conftest import digid_login

    stuur_bericht_aan_burger(dossier=dossier, afzender=werkcoach, onderwerp="Hoi", tekst="Hallo")
    response = digid_login(client, persoon.bsn)
    bsn = persoon.bsn
    for url, _status in response.redirect_chain:
        if "/digid/" not in url:  # the mock IdP hands the BSN to the mock ACS; see docs
            assert bsn not in url
    assert bsn not in response.content.decode()
    for naam in [*PAGINAS, "portaal:login"]:
        page = client.get(reverse(naam), {"ook_eigen": "1"})
        assert bsn not in reverse(naam)
        assert bsn not in page.content.decode()
        assert bsn not in page.get("Location", "")
    page = client.post(reverse("portaal:berichten"), {"tekst": "Vraag"}, follow=True)
    assert bsn not in page.content.decode()


def test_no_inline_scripts_on_portal_pages(burger_client, client):
    for naam in PAGINAS:
        content = burger_client.get(reverse(naam)).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", content), naam
        assert " on" + "click=" not in content


@pytest.mark.parametrize("naam", PAGINAS)
def test_query_count(burger_client, dossier, werkcoach, naam, django_assert_max_num_queries):
    for i in range(5):
        stuur_bericht_aan_burger(dossier=dossier, afzender=werkcoach, onderwerp=f"B{i}", tekst="t")
        dossier_voor_gebruiker(user=werkcoach, pk=dossier.pk)
    burger_client.get(reverse("portaal:overzicht"))
    with django_assert_max_num_queries(20):
        assert burger_client.get(reverse(naam)).status_code == 200


def test_overzicht_shows_new_dossier_after_an_ended_one(burger_client, dossier, werkcoach):
    """Needs `actief_dossier_van_burger` to sort NULL einddatum first (PostgreSQL sorts NULLs
    last in ascending order)."""
    from bijstand.dossiers.services import open_dossier

    wijzig_status(dossier=dossier, naar="beeindigd", reden="werk", door=werkcoach)
    open_dossier(werkzoekende=dossier.werkzoekende, werkcoach=werkcoach, door=werkcoach)
    content = burger_client.get(reverse("portaal:overzicht")).content.decode()
    assert "We bekijken uw aanvraag" in content
    assert "Uw dossier is gesloten" not in content
