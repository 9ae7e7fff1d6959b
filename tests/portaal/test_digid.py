"""DigiD (mock) login for the burgerportaal: 11-proef, account link; someone without a dossier
only reaches "Bijstand aanvragen"."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from digid_eherkenning.models.digid import MockDigidUser
from django.core.management import call_command
from django.urls import reverse

from bijstand.accounts.models import Rol, User
from bijstand.logboek.models import Verwerking
from bijstand.portaal.services import DigiDWeigering, burger_voor_digid, normaliseer_digid_bsn

from .conftest import digid_login

pytestmark = pytest.mark.django_db


def test_login_page_has_digid_button(client):
    response = client.get(reverse("portaal:login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Inloggen met DigiD" in content
    assert reverse("digid:login") in content


def test_full_mock_flow_for_known_werkzoekende(client, persoon):
    aantal_users = User.objects.count()
    response = digid_login(client, persoon.bsn)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] in (
        reverse("portaal:overzicht"),
        "http://testserver/portaal/",
    )
    assert response.resolver_match.view_name == "portaal:overzicht"
    assert f"Welkom, {persoon.voornamen}" in response.content.decode()

    persoon.refresh_from_db()
    account = persoon.account
    assert account is not None
    assert account.rol == Rol.BURGER
    assert account.bsn_hash == persoon.bsn_hash
    assert not account.has_usable_password()
    assert User.objects.count() == aantal_users + 1
    assert Verwerking.objects.filter(operatie="koppel_digid_account").count() == 1
    assert Verwerking.objects.filter(operatie="digid_inloggen").count() == 1

    # A second login reuses the same account.
    client.logout()
    response = digid_login(client, persoon.bsn)
    assert response.resolver_match.view_name == "portaal:overzicht"
    assert User.objects.count() == aantal_users + 1
    assert Verwerking.objects.filter(operatie="koppel_digid_account").count() == 1


def test_login_keeps_next_page(client, persoon):
    response = client.get(reverse("portaal:berichten"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portaal:login") + "?next=/portaal/berichten/"
    login = client.get(response["Location"])
    assert "next=%2Fportaal%2Fberichten%2F" in login.content.decode()


def test_valid_unknown_bsn_gets_an_account_for_the_aanvraag_only(client, db, bsn):
    """Issue 12: someone without a dossier may log in, to apply for bijstand (nothing else)."""
    aantal_users = User.objects.count()
    response = digid_login(client, bsn)

    assert response.resolver_match.view_name == "portaal:aanvraag_start"
    assert "Ik meld mij voor bijstand" in response.content.decode()
    assert User.objects.count() == aantal_users + 1
    account = response.wsgi_request.user
    assert account.is_authenticated and account.rol == Rol.BURGER
    assert not hasattr(account, "werkzoekende")
    assert client.get(reverse("portaal:overzicht"))["Location"] == reverse("portaal:aanvraag_start")


def test_invalid_bsn_refused_by_mock_idp_text_field(client, db):
    response = digid_login(client, "123456780")
    # the mock IdP's own BSN field already applies the 11-proef
    assert response.status_code == 200
    assert "Vul een geldig burgerservicenummer in" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("ongeldig", ["123456780", "12345678901", "abc", "", "000000000"])
def test_invalid_bsn_at_acs_is_refused(client, db, ongeldig):
    aantal_users = User.objects.count()
    response = client.get(reverse("digid:acs"), {"bsn": ongeldig, "next": "/portaal/"}, follow=True)
    assert response.resolver_match.view_name == "portaal:login"
    assert "Uw burgerservicenummer (BSN) klopt niet" in response.content.decode()
    assert User.objects.count() == aantal_users
    assert "_auth_user_id" not in client.session


def test_invalid_bsn_via_mock_dropdown_is_refused(client, persoon):
    """With test persons in the mock IdP (admin or command) the IdP shows a dropdown."""
    call_command("digid_mock_gebruikers", aantal=5, verbosity=0)
    assert MockDigidUser.objects.filter(bsn=persoon.bsn).exists()

    response = digid_login(client, "123456780", via_dropdown=True)
    assert "klopt niet" in response.content.decode()
    response = digid_login(client, "999990019", via_dropdown=True)
    assert response.resolver_match.view_name == "portaal:aanvraag_start"
    client.logout()
    response = digid_login(client, persoon.bsn, via_dropdown=True)
    assert response.resolver_match.view_name == "portaal:overzicht"


def test_refusals_leave_no_bsn_with_axes(client, db, bsn):
    digid_login(client, bsn)
    client.get(reverse("digid:acs"), {"bsn": "123456780"})
    assert not AccessAttempt.objects.filter(get_data__contains=bsn).exists()
    assert not AccessAttempt.objects.filter(get_data__contains="123456780").exists()


def test_staff_account_with_same_hash_is_not_used(persoon):
    staff = User.objects.create(username="x", rol=Rol.WERKCONSULENT, bsn_hash=persoon.bsn_hash)
    with pytest.raises(DigiDWeigering) as exc:
        burger_voor_digid(bsn=persoon.bsn)
    assert exc.value.reden == DigiDWeigering.GEBLOKKEERD
    persoon.refresh_from_db()
    assert persoon.account is None
    assert staff.rol == Rol.WERKCONSULENT


def test_inactive_burger_refused(burger, persoon):
    User.objects.filter(pk=burger.pk).update(is_active=False)
    with pytest.raises(DigiDWeigering):
        burger_voor_digid(bsn=persoon.bsn)


def test_normaliseer_pads_eight_digits():
    assert normaliseer_digid_bsn("12345672") == "012345672"
    with pytest.raises(DigiDWeigering):
        normaliseer_digid_bsn("1234567890")


def test_mock_backend_off_without_digid_mock(settings, persoon, rf):
    from bijstand.portaal.backends import DigiDMockBackend

    settings.DIGID_MOCK = False
    assert DigiDMockBackend().authenticate(rf.get("/"), bsn=persoon.bsn) is None


def test_logout_is_post(burger_client):
    response = burger_client.get(reverse("portaal:uitloggen"))
    assert response.status_code == 200
    assert "_auth_user_id" in burger_client.session
    response = burger_client.post(reverse("portaal:uitloggen"), follow=True)
    assert response.resolver_match.view_name == "portaal:login"
    assert "U bent uitgelogd" in response.content.decode()
    assert "_auth_user_id" not in burger_client.session
