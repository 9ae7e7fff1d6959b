import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bijstand.accounts.models import Rol
from tests.factories import UserFactory

from .conftest import WACHTWOORD, code_voor, totp_apparaat, verifieer

pytestmark = pytest.mark.django_db

BESCHERMD = "/accounts/vervangingen/"  # any staff page outside the OTP flow


def _login(client, user, next_url=None):
    url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": user.username, "password": WACHTWOORD})


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_full_enrolment_flow(client, teamleider):
    response = _login(client, teamleider, next_url=BESCHERMD)
    assert response.status_code == 302
    otp_url = urlparse(response["Location"])
    assert otp_url.path == reverse("accounts:otp")
    assert parse_qs(otp_url.query)["next"] == [BESCHERMD]

    # No confirmed device yet: on to the setup page.
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("accounts:otp_setup")

    response = client.get(response["Location"])
    assert response.status_code == 200
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=teamleider)
    assert device.confirmed is False
    assert "<svg" in html and 'role="img"' in html and "aria-label=" in html
    geheim = re.search(r'id="otp-geheim">([A-Z2-7 ]+)<', html).group(1)
    assert len(geheim.replace(" ", "")) == 32
    assert "no-store" in response["Cache-Control"]
    # Reloading keeps the same pending secret.
    client.get(reverse("accounts:otp_setup"))
    assert TOTPDevice.objects.filter(user=teamleider).count() == 1

    # Still not through to staff pages.
    assert client.get(BESCHERMD).status_code == 302

    wrong = client.post(reverse("accounts:otp_setup"), {"code": "000000", "next": BESCHERMD})
    assert wrong.status_code == 200
    assert 'aria-invalid="true"' in wrong.content.decode()
    assert "id_code-fout" in wrong.content.decode()
    # Throttled right after a wrong code: refused with a clear message, even a valid code.
    throttled = client.post(
        reverse("accounts:otp_setup"), {"code": code_voor(device), "next": BESCHERMD}
    )
    assert "te vaak" in throttled.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    device.refresh_from_db()

    response = client.post(
        reverse("accounts:otp_setup"), {"code": code_voor(device), "next": BESCHERMD}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    device.refresh_from_db()
    assert device.confirmed is True
    codes = response.context["codes"]
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert StaticToken.objects.filter(device__user=teamleider).count() == 10

    assert client.get(BESCHERMD).status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_verify_with_existing_device(client, teamleider):
    device = totp_apparaat(teamleider)
    response = _login(client, teamleider, next_url=BESCHERMD)
    otp_url = response["Location"]
    assert client.get(otp_url).status_code == 200
    assert client.get(BESCHERMD).status_code == 302

    wrong = client.post(otp_url, {"code": "123456"})
    assert wrong.status_code == 200
    assert "niet juist" in wrong.content.decode()

    # Right after a wrong code the devices are throttled (exponential back-off).
    assert "te vaak" in client.post(otp_url, {"code": code_voor(device)}).content.decode()
    assert client.get(BESCHERMD).status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    StaticDevice.objects.filter(user=teamleider).update(throttling_failure_count=0)
    device.refresh_from_db()
    response = client.post(otp_url, {"code": code_voor(device)})
    assert response.status_code == 302
    assert response["Location"] == BESCHERMD
    assert client.get(BESCHERMD).status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_setup_refused_when_device_exists(client, teamleider):
    """A password alone must not be enough to register a new second factor."""
    totp_apparaat(teamleider)
    client.force_login(teamleider)
    response = client.get(reverse("accounts:otp_setup"))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("accounts:otp")
    assert TOTPDevice.objects.filter(user=teamleider).count() == 1


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_backup_code_works_once(client, teamleider):
    from bijstand.accounts.services import maak_herstelcodes

    totp_apparaat(teamleider)
    codes = maak_herstelcodes(teamleider)
    client.force_login(teamleider)
    response = client.post(reverse("accounts:otp"), {"code": codes[0].upper(), "next": "/x/"})
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))

    client.force_login(teamleider)
    response = client.post(reverse("accounts:otp"), {"code": codes[0], "next": "/x/"})
    assert response.status_code == 200  # used up


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_regenerate_backup_codes_needs_verified_session(client, teamleider):
    client.force_login(teamleider)
    totp_apparaat(teamleider)
    assert client.post(reverse("accounts:herstelcodes")).status_code == 302
    client.logout()
    verifieer(client, teamleider)
    response = client.post(reverse("accounts:herstelcodes"))
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_middleware_redirects_unverified_staff(client, teamleider):
    client.force_login(teamleider)
    response = client.get(BESCHERMD + "?page=1&x=2")
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == reverse("accounts:otp")
    assert parse_qs(location.query)["next"] == [BESCHERMD + "?page=1&x=2"]
    # The admin is covered as well.
    assert urlparse(client.get("/beheer/").url).path == reverse("accounts:otp")


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_middleware_lets_verified_staff_through(client, teamleider):
    verifieer(client, teamleider)
    assert client.get(BESCHERMD).status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_api_session_needs_verification(client, teamleider):
    client.force_login(teamleider)
    response = client.get("/api/v1/schema/")
    assert response.status_code == 403
    assert "Tweestapsverificatie" in response.json()["detail"]


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_middleware_ignores_burgers(client):
    burger = UserFactory(rol=Rol.BURGER, team=None)
    client.force_login(burger)
    response = client.get(BESCHERMD)
    assert not (response.status_code == 302 and "/accounts/otp/" in response["Location"])


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_two_factor_off(client, teamleider):
    response = _login(client, teamleider, next_url=BESCHERMD)
    assert response["Location"] == BESCHERMD
    assert client.get(BESCHERMD).status_code == 200
