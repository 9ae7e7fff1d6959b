"""15 minutes idle timeout for burger sessions, the keep-alive and the status endpoint."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from bijstand.accounts.models import Rol
from bijstand.portaal.middleware import SESSIE_SLEUTEL
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def _zet_laatste_activiteit(client, seconden_geleden: int) -> None:
    session = client.session
    session[SESSIE_SLEUTEL] = int(time.time()) - seconden_geleden
    session.save()


def test_timeout_setting_is_fifteen_minutes(settings):
    assert settings.DIGID_IDLE_TIMEOUT_SECONDS == 15 * 60
    assert 0 < settings.DIGID_IDLE_WARNING_SECONDS < settings.DIGID_IDLE_TIMEOUT_SECONDS


def test_activity_within_timeout_keeps_session(burger_client, settings):
    burger_client.get(reverse("portaal:overzicht"))
    _zet_laatste_activiteit(burger_client, settings.DIGID_IDLE_TIMEOUT_SECONDS - 60)
    response = burger_client.get(reverse("portaal:overzicht"))
    assert response.status_code == 200
    assert burger_client.session[SESSIE_SLEUTEL] >= int(time.time()) - 2


def test_idle_burger_is_logged_out(burger_client, settings):
    burger_client.get(reverse("portaal:overzicht"))
    _zet_laatste_activiteit(burger_client, settings.DIGID_IDLE_TIMEOUT_SECONDS + 1)
    response = burger_client.get(reverse("portaal:berichten"), follow=True)
    assert response.resolver_match.view_name == "portaal:login"
    assert "U was 15 minuten niet actief" in response.content.decode()
    assert "_auth_user_id" not in burger_client.session
    # and stays out
    assert burger_client.get(reverse("portaal:overzicht")).status_code == 302


def test_idle_timeout_applies_outside_the_portal_too(burger_client, settings):
    burger_client.get(reverse("portaal:overzicht"))
    _zet_laatste_activiteit(burger_client, settings.DIGID_IDLE_TIMEOUT_SECONDS + 1)
    response = burger_client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"] == reverse("portaal:login")
    assert "_auth_user_id" not in burger_client.session


def test_session_cookie_expiry_set_at_login(client, persoon, settings):
    from .conftest import digid_login

    digid_login(client, persoon.bsn)
    from bijstand.portaal.views import SESSIE_MARGE_SECONDEN

    assert client.session.get_expiry_age() <= (
        settings.DIGID_IDLE_TIMEOUT_SECONDS + SESSIE_MARGE_SECONDEN
    )


def test_status_does_not_count_as_activity(burger_client, settings):
    burger_client.get(reverse("portaal:overzicht"))
    _zet_laatste_activiteit(burger_client, 600)
    voor = burger_client.session[SESSIE_SLEUTEL]
    response = burger_client.get(reverse("portaal:sessie_status"), **JSON)
    assert response.status_code == 200
    resterend = response.json()["resterend"]
    assert settings.DIGID_IDLE_TIMEOUT_SECONDS - 600 - 3 <= resterend <= 300
    assert burger_client.session[SESSIE_SLEUTEL] == voor


def test_status_after_expiry_is_401_json(burger_client, settings):
    burger_client.get(reverse("portaal:overzicht"))
    _zet_laatste_activiteit(burger_client, settings.DIGID_IDLE_TIMEOUT_SECONDS + 5)
    response = burger_client.get(reverse("portaal:sessie_status"), **JSON)
    assert response.status_code == 401
    assert response.json() == {"verlopen": True, "login_url": reverse("portaal:login")}
    assert "_auth_user_id" not in burger_client.session


def test_keep_alive_extends_session(burger_client, settings):
    burger_client.get(reverse("portaal:overzicht"))
    _zet_laatste_activiteit(burger_client, settings.DIGID_IDLE_TIMEOUT_SECONDS - 30)
    response = burger_client.post(reverse("portaal:sessie_verlengen"), **JSON)
    assert response.status_code == 200
    assert response.json()["resterend"] >= settings.DIGID_IDLE_TIMEOUT_SECONDS - 2
    # the time we skipped is forgiven: 14.5 minutes later the session is still there
    _zet_laatste_activiteit(burger_client, settings.DIGID_IDLE_TIMEOUT_SECONDS - 30)
    assert burger_client.get(reverse("portaal:overzicht")).status_code == 200


def test_keep_alive_without_javascript_redirects_back(burger_client):
    response = burger_client.post(
        reverse("portaal:sessie_verlengen"), {"next": reverse("portaal:inzage")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portaal:inzage")
    response = burger_client.post(
        reverse("portaal:sessie_verlengen"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("portaal:overzicht")


def test_keep_alive_needs_post_and_csrf(burger_client, burger):
    assert burger_client.get(reverse("portaal:sessie_verlengen")).status_code == 405
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(burger, backend="bijstand.portaal.backends.DigiDMockBackend")
    assert strict.post(reverse("portaal:sessie_verlengen"), **JSON).status_code == 403


def test_keep_alive_anonymous_goes_to_login(client, db):
    response = client.post(reverse("portaal:sessie_verlengen"), **JSON)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portaal:login"))


def test_staff_sessions_are_not_affected(client, settings, team):
    medewerker = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    client.force_login(medewerker)
    _zet_laatste_activiteit(client, settings.DIGID_IDLE_TIMEOUT_SECONDS * 10)
    response = client.get(reverse("portaal:login"))
    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(medewerker.pk)


def test_warning_dialog_and_script_on_portal_pages(burger_client, settings):
    content = burger_client.get(reverse("portaal:overzicht")).content.decode()
    assert 'role="alertdialog"' in content
    assert "Blijf ingelogd" in content
    assert "js/portaal-sessie.js" in content
    assert f'data-timeout="{settings.DIGID_IDLE_TIMEOUT_SECONDS}"' in content
    assert f'data-waarschuwing="{settings.DIGID_IDLE_WARNING_SECONDS}"' in content
    assert reverse("portaal:sessie_status") in content
    assert reverse("portaal:sessie_verlengen") in content
