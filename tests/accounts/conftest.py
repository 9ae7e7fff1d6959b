import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bijstand.accounts.models import Rol
from bijstand.accounts.services import maak_medewerker
from tests.factories import TeamFactory, UserFactory

WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def beheerder(db):
    return maak_medewerker(
        username="beheer1", rol=Rol.BEHEERDER, team=None, password=WACHTWOORD, last_name="Beheer"
    )


@pytest.fixture
def teamleider(db):
    leider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    TeamFactory(naam="Team Noord", teamleider=leider)
    return leider


def code_voor(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def totp_apparaat(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)


def verifieer(client, user) -> TOTPDevice:
    """Log `user` in and pass the OTP step (a verified session)."""
    client.force_login(user)
    device = totp_apparaat(user)
    response = client.post("/accounts/otp/", {"code": code_voor(device), "next": "/"})
    assert response.status_code == 302, response.content
    return device
