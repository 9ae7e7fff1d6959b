"""The SEPA file (names and IBANs of everyone paid in the city) is for the medewerker
betaalruns only: the inkomensconsulent follows the runs but no longer downloads the file."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from bijstand.accounts.models import STAFF_ROLLEN, Rol
from bijstand.accounts.services import maak_medewerker
from bijstand.core.menu import staff_menu
from bijstand.dossiers import demo
from bijstand.logboek.models import AuditRegel, Verwerking
from bijstand.portaal.selectors import DOOR_TEKST
from inkomen import betaalrun
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MAART = date(2026, 3, 1)
WACHTWOORD = "geheim-wachtwoord-123"


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def medewerker_betaalruns(db):
    return maak_medewerker(
        username="betaal1", rol=Rol.BETAALRUN, password=WACHTWOORD, last_name="Betaal"
    )


@pytest.fixture
def run(maak_dossier, consulent):
    dossier = maak_dossier(geboortedatum=date(2000, 6, 1))
    dossier.inkomensconsulent = consulent
    dossier.save()
    gedaan = betaalrun.voer_uit(maand=MAART)
    assert gedaan.status == "klaar" and gedaan.bestand
    return gedaan


def test_inkomensconsulent_gets_403_on_the_download(run, consulent):
    response = ingelogd(consulent).get(reverse("inkomen:betaalbestand", args=[run.pk]))
    assert response.status_code == 403
    assert not Verwerking.objects.filter(operatie="download_betaalbestand").exists()
    # ... yet still follows the runs and sees the own unpaid dossiers.
    assert consulent.has_perm("inkomen.view_betaalruns")
    assert consulent.has_perm("inkomen.view_niet_betaald")
    assert ingelogd(consulent).get(reverse("inkomen:betaalrun", args=[run.pk])).status_code == 200


def test_medewerker_betaalruns_gets_the_file_and_is_logged(run, medewerker_betaalruns):
    response = ingelogd(medewerker_betaalruns).get(reverse("inkomen:betaalbestand", args=[run.pk]))
    assert response.status_code == 200
    inhoud = b"".join(response.streaming_content)
    assert inhoud.startswith(b"<?xml")
    regel = Verwerking.objects.filter(operatie="download_betaalbestand").first()
    audit = AuditRegel.objects.get(operation_id=regel.operation_id)
    assert audit.gebruiker == medewerker_betaalruns and audit.rol == Rol.BETAALRUN
    # The burger's "Wie heeft mijn gegevens bekeken?" names the role, not the person.
    assert str(DOOR_TEKST[Rol.BETAALRUN]) == "Een medewerker betalingen"


@pytest.mark.parametrize(
    ("rol", "ziet_link"),
    [
        (Rol.BETAALRUN, True),
        (Rol.INKOMENSCONSULENT, False),
        (Rol.BEHEERDER, False),
    ],
)
def test_detail_page_shows_the_download_link_only_to_the_payment_role(run, rol, ziet_link):
    user = UserFactory(rol=rol, team=None)
    response = ingelogd(user).get(reverse("inkomen:betaalrun", args=[run.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert (reverse("inkomen:betaalbestand", args=[run.pk]) in html) is ziet_link
    assert ("Beschikbaar voor de medewerker betaalruns" in html) is not ziet_link


def test_the_role_sees_no_case_content(run, medewerker_betaalruns, consulent):
    client = ingelogd(medewerker_betaalruns)
    assert client.get(reverse("dossiers:caseload")).status_code == 403
    assert client.get(reverse("logboek:overzicht")).status_code == 403
    detail = client.get(reverse("inkomen:betaalrun", args=[run.pk]))
    assert not detail.context["toon_niet_betaald"]
    assert not medewerker_betaalruns.has_perm("inkomen.view_niet_betaald")
    assert not medewerker_betaalruns.is_staff  # no admin


def test_role_is_creatable_staff_with_menu_and_start_page(medewerker_betaalruns):
    assert Rol.BETAALRUN in STAFF_ROLLEN and medewerker_betaalruns.is_medewerker
    assert [i["sleutel"] for i in staff_menu(medewerker_betaalruns)] == [
        "betaalruns",
        "voorschotten",
        "herberekeningen",  # issue 13 §3: may view the rule-set recalculation runs
    ]
    response = Client().post(
        reverse("accounts:login"), {"username": "betaal1", "password": WACHTWOORD}
    )
    assert response.status_code == 302
    # straight to the runs (after the second factor where that is switched on)
    assert reverse("inkomen:betaalruns") in response["Location"]
    pagina = ingelogd(medewerker_betaalruns).get(reverse("inkomen:betaalruns")).content.decode()
    assert f'href="{reverse("inkomen:betaalruns")}" aria-current="page"' in pagina


def test_beheerder_can_create_the_role_in_the_admin(client):
    beheerder = maak_medewerker(username="beheer9", rol=Rol.BEHEERDER, password=WACHTWOORD)
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nieuw-betaal",
            "rol": Rol.BETAALRUN,
            "usable_password": "true",
            "password1": "Een-lang-wachtwoord-2026",
            "password2": "Een-lang-wachtwoord-2026",
            "_save": "1",
        },
    )
    assert response.status_code == 302, response.content
    nieuw = beheerder.__class__.objects.get(username="nieuw-betaal")
    assert nieuw.rol == Rol.BETAALRUN and not nieuw.is_staff
    assert nieuw.has_perm("inkomen.download_betaalbestand")


def test_demo_login_for_the_role():
    namen = {a.username: a.rol for a in demo.DEMO_ACCOUNTS}
    assert namen["betaalrun"] == Rol.BETAALRUN
    assert "betaalrun" in demo.demo_logins_tekst()
