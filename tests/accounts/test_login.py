import pytest
from django.conf import settings
from django.urls import reverse

from bijstand.accounts.models import Rol
from tests.factories import UserFactory

from .conftest import WACHTWOORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_login_page_is_dutch_nlds(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inloggen voor medewerkers" in html
    assert "utrecht-form-field" in html
    assert "utrecht-textbox" in html
    assert "utrecht-button--primary-action" in html
    assert '<html lang="nl"' in html


def test_staff_logs_in(client, werkcoach):
    response = client.post(LOGIN, {"username": werkcoach.username, "password": WACHTWOORD})
    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert int(client.session["_auth_user_id"]) == werkcoach.pk


def test_login_respects_safe_next_only(client, werkcoach):
    data = {"username": werkcoach.username, "password": WACHTWOORD}
    response = client.post(f"{LOGIN}?next=/accounts/vervangingen/", data)
    assert response["Location"] == "/accounts/vervangingen/"
    client.post("/accounts/logout/")
    response = client.post(f"{LOGIN}?next=https://evil.example/", data)
    assert "evil.example" not in response["Location"]


def test_wrong_password_gives_linked_error(client, werkcoach):
    response = client.post(LOGIN, {"username": werkcoach.username, "password": "fout"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "niet juist" in html
    assert 'id="form-fouten"' in html
    assert 'aria-describedby="form-fouten"' in html
    assert "_auth_user_id" not in client.session


def test_burger_refused_at_staff_login_with_neutral_error(client):
    burger = UserFactory(rol=Rol.BURGER, team=None)  # even with a usable password
    wrong = client.post(LOGIN, {"username": "bestaat-niet", "password": "x"}).content.decode()
    response = client.post(LOGIN, {"username": burger.username, "password": WACHTWOORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "De combinatie van gebruikersnaam en wachtwoord is niet juist." in html
    assert "DigiD" in html  # the page points citizens to DigiD, for everyone alike
    # Same message as a plain wrong password: nothing revealed about the account.
    assert "burger" not in html.lower().replace("burgerportaal", "")
    assert wrong.count("niet juist") == html.count("niet juist")


def test_inactive_staff_refused(client):
    user = UserFactory(rol=Rol.WERKCONSULENT, is_active=False)
    response = client.post(LOGIN, {"username": user.username, "password": WACHTWOORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_beheerder_lands_in_admin(client, beheerder):
    response = client.post(LOGIN, {"username": beheerder.username, "password": WACHTWOORD})
    assert response["Location"] == reverse("admin:index")


def test_privacy_officer_lands_in_logboek(client):
    officer = UserFactory(rol=Rol.PRIVACY, team=None)
    response = client.post(LOGIN, {"username": officer.username, "password": WACHTWOORD})
    assert response["Location"] == reverse("logboek:overzicht")


def test_logout_is_post_only(client, werkcoach):
    client.force_login(werkcoach)
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_lockout_after_failure_limit(client, werkcoach):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        response = client.post(LOGIN, {"username": werkcoach.username, "password": "fout"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": werkcoach.username, "password": "fout"})
    assert response.status_code == 429
    # Now even the correct password is refused.
    response = client.post(LOGIN, {"username": werkcoach.username, "password": WACHTWOORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in html
    assert "30 minuten" in html


def test_success_resets_failures(client, werkcoach):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": werkcoach.username, "password": "fout"})
    assert (
        client.post(LOGIN, {"username": werkcoach.username, "password": WACHTWOORD}).status_code
        == 302
    )
    client.post("/accounts/logout/")
    response = client.post(LOGIN, {"username": werkcoach.username, "password": "fout"})
    assert response.status_code == 200


def test_refused_burger_counts_towards_lockout(client):
    burger = UserFactory(rol=Rol.BURGER, team=None)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": burger.username, "password": WACHTWOORD})
    response = client.post(LOGIN, {"username": burger.username, "password": WACHTWOORD})
    assert response.status_code == 429
