import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse

from bijstand.accounts.models import Rol, SysteemClient, User
from bijstand.accounts.permissions import BEHEER_GROEP
from bijstand.accounts.services import maak_medewerker
from bijstand.dossiers.models import StandaardTekst
from bijstand.logboek.models import Verwerkingsactiviteit
from tests.factories import TeamFactory, UserFactory

from .conftest import verifieer

pytestmark = pytest.mark.django_db


def test_maak_medewerker_sets_rights_by_role(team):
    beheerder = maak_medewerker(username="b", rol=Rol.BEHEERDER, password="x" * 12)
    coach = maak_medewerker(username="c", rol=Rol.WERKCONSULENT, team=team)
    assert beheerder.is_staff and beheerder.groups.filter(name=BEHEER_GROEP).exists()
    assert not coach.is_staff and not coach.groups.exists()
    assert not coach.has_usable_password()
    assert beheerder.check_password("x" * 12)


def test_beheer_group_permissions(beheerder):
    assert beheerder.has_perm("dossiers.change_standaardtekst")
    assert beheerder.has_perm("dossiers.change_wijk")
    assert beheerder.has_perm("accounts.change_user")
    assert beheerder.has_perm("accounts.change_team")
    assert beheerder.has_perm("accounts.change_vervanging")
    assert beheerder.has_perm("accounts.change_systeemclient")
    assert beheerder.has_perm("logboek.view_verwerkingsactiviteit")
    # No case content, no log lines.
    for perm in (
        "dossiers.view_dossier",
        "dossiers.change_dossier",
        "dossiers.view_werkzoekende",
        "dossiers.view_journaalregel",
        "logboek.view_verwerking",
        "logboek.view_auditregel",
        "logboek.change_verwerkingsactiviteit",
    ):
        assert not beheerder.has_perm(perm), perm


def test_admin_header_is_dutch(client, beheerder):
    client.force_login(beheerder)
    response = client.get("/beheer/")
    assert response.status_code == 200
    assert "Beheer Werk &amp; Inkomen" in response.content.decode()


def test_beheerder_can_change_standaardtekst(client, beheerder):
    tekst = StandaardTekst.objects.create(titel="Uitnodiging", tekst="Oud")
    client.force_login(beheerder)
    url = reverse("admin:dossiers_standaardtekst_change", args=[tekst.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"titel": "Uitnodiging gesprek", "tekst": "Nieuw", "actief": "on", "_save": "1"}
    )
    assert response.status_code == 302
    tekst.refresh_from_db()
    assert (tekst.titel, tekst.tekst) == ("Uitnodiging gesprek", "Nieuw")


def test_beheerder_has_no_case_content_in_admin(client, beheerder, dossier):
    client.force_login(beheerder)
    for url in (
        f"/beheer/dossiers/dossier/{dossier.pk}/change/",
        "/beheer/dossiers/dossier/",
        "/beheer/dossiers/werkzoekende/",
        "/beheer/dossiers/journaalregel/",
        "/beheer/logboek/verwerking/",
        "/beheer/logboek/auditregel/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert "/login/" in response["Location"]
    index = client.get("/beheer/").content.decode()
    assert "/beheer/dossiers/dossier/" not in index
    assert "/beheer/dossiers/standaardtekst/" in index


def test_verwerkingsactiviteit_is_read_only(client, beheerder):
    activiteit = Verwerkingsactiviteit.objects.create(
        code="test-act", naam="Test", doel="Test", rechtsgrond="Pw art. 1", bewaartermijn_jaren=7
    )
    client.force_login(beheerder)
    assert client.get("/beheer/logboek/verwerkingsactiviteit/").status_code == 200
    url = reverse("admin:logboek_verwerkingsactiviteit_change", args=[activiteit.pk])
    assert client.get(url).status_code == 200  # view only
    response = client.post(url, {"naam": "Anders"})
    assert response.status_code == 403
    activiteit.refresh_from_db()
    assert activiteit.naam == "Test"
    assert client.get("/beheer/logboek/verwerkingsactiviteit/add/").status_code == 403
    delete = reverse("admin:logboek_verwerkingsactiviteit_delete", args=[activiteit.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


@pytest.mark.parametrize(
    "rol",
    [
        Rol.WERKCONSULENT,
        Rol.INKOMENSCONSULENT,
        Rol.TEAMLEIDER,
        Rol.PRIVACY,
        Rol.BETAALRUN,
        Rol.BURGER,
    ],
)
def test_non_beheerder_cannot_reach_admin(client, rol):
    user = UserFactory(rol=rol)
    client.force_login(user)
    response = client.get("/beheer/", follow=True)
    assert response.status_code == 403
    assert client.get("/beheer/dossiers/standaardtekst/").status_code in (302, 403)


def test_is_staff_alone_is_not_enough(client):
    user = UserFactory(rol=Rol.WERKCONSULENT, is_staff=True)
    client.force_login(user)
    assert client.get("/beheer/", follow=True).status_code == 403


def test_anonymous_sent_to_staff_login(client):
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert "Inloggen voor medewerkers" in response.content.decode()


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_admin_requires_verified_beheerder(client, beheerder):
    client.force_login(beheerder)
    assert "/accounts/otp/" in client.get("/beheer/")["Location"]
    client.logout()
    verifieer(client, beheerder)
    assert client.get("/beheer/").status_code == 200


def test_user_admin_derives_rights_from_role(client, beheerder, team):
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nieuwe.beheerder",
            "first_name": "Nieuw",
            "last_name": "Beheer",
            "email": "",
            "rol": Rol.BEHEERDER,
            "team": team.pk,
            "usable_password": "true",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
            "_save": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    nieuw = User.objects.get(username="nieuwe.beheerder")
    assert nieuw.is_staff
    assert nieuw.groups.filter(name=BEHEER_GROEP).exists()


def test_user_admin_cannot_escalate(client, beheerder, team):
    coach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    superuser = User.objects.create_superuser("root", password="x" * 12)
    client.force_login(beheerder)
    url = reverse("admin:accounts_user_change", args=[coach.pk])
    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page
    assert 'value="burger"' not in page
    client.post(
        url,
        {
            "username": coach.username,
            "first_name": "A",
            "last_name": "B",
            "email": "",
            "rol": Rol.WERKCONSULENT,
            "team": team.pk,
            "is_active": "on",
            "is_superuser": "on",
            "is_staff": "on",
            "groups": [Group.objects.get(name=BEHEER_GROEP).pk],
            "_save": "1",
        },
    )
    coach.refresh_from_db()
    assert not coach.is_superuser and not coach.is_staff and not coach.groups.exists()
    # Superusers are out of reach of a beheerder.
    response = client.get(reverse("admin:accounts_user_change", args=[superuser.pk]))
    assert response.status_code == 302  # "does not exist" -> back to the index
    assert (
        superuser.username
        not in client.get(reverse("admin:accounts_user_changelist")).content.decode()
    )


def test_systeemclient_token_shown_once_and_stored_hashed(client, beheerder):
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:accounts_systeemclient_add"),
        {
            "naam": "Salarissysteem X",
            "scopes": ["vacatures:lezen", "loongegevens:schrijven"],
            "actief": "on",
            "_save": "1",
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = response.context["token"]
    assert token in response.content.decode()
    sc = SysteemClient.objects.get(naam="Salarissysteem X")
    assert sc.scopes == ["loongegevens:schrijven", "vacatures:lezen"]
    assert sc.token_hash == SysteemClient.hash_token(token)
    assert token not in sc.token_hash
    # The list shows name, scopes and status but never the token.
    lijst = client.get(reverse("admin:accounts_systeemclient_changelist")).content.decode()
    assert "Salarissysteem X" in lijst and "loongegevens:schrijven" in lijst
    assert token not in lijst
    assert (
        sc.token_hash
        not in client.get(
            reverse("admin:accounts_systeemclient_change", args=[sc.pk])
        ).content.decode()
    )

    # Renewing gives a new token; the old one stops working.
    response = client.post(
        reverse("admin:accounts_systeemclient_changelist"),
        {"action": "vernieuw_token", "_selected_action": [sc.pk]},
    )
    nieuw = response.context["token"]
    sc.refresh_from_db()
    assert nieuw != token and sc.token_hash == SysteemClient.hash_token(nieuw)


def test_team_admin_lists_member_count(client, beheerder):
    team = TeamFactory(naam="Team Zuid")
    UserFactory.create_batch(3, team=team)
    client.force_login(beheerder)
    page = client.get(reverse("admin:accounts_team_changelist")).content.decode()
    assert "Team Zuid" in page


def test_beheerder_can_reset_a_lost_authenticator(client, beheerder, werkcoach):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=werkcoach, name="Authenticator-app")
    client.force_login(beheerder)
    change = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert change.status_code == 200
    assert device.key not in change.content.decode()  # OTP_ADMIN_HIDE_SENSITIVE_DATA
    delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_vervanging_admin_validates_and_records_author(client, beheerder, team):
    from bijstand.accounts.models import Vervanging

    a, b = UserFactory.create_batch(2, rol=Rol.WERKCONSULENT, team=team)
    client.force_login(beheerder)
    url = reverse("admin:accounts_vervanging_add")
    assert client.get(url).status_code == 200
    data = {"afwezige": a.pk, "vervanger": a.pk, "van": "2026-01-05", "tot": "2026-01-09"}
    response = client.post(url, {**data, "reden": "Verlof"})
    assert response.status_code == 200  # cannot substitute oneself
    assert not Vervanging.objects.exists()
    response = client.post(url, {**data, "vervanger": b.pk, "reden": "Verlof"})
    assert response.status_code == 302
    assert Vervanging.objects.get().vastgelegd_door == beheerder


def test_superuser_pages_render(client, team):
    root = User.objects.create_superuser("root", password="x" * 12)
    coach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    client.force_login(root)
    for url in (
        reverse("admin:accounts_user_change", args=[coach.pk]),
        reverse("admin:accounts_user_add"),
        reverse("admin:accounts_team_add"),
        reverse("admin:accounts_systeemclient_add"),
        reverse("admin:dossiers_wijk_add"),
    ):
        assert client.get(url).status_code == 200, url
