"""Access that nobody approved: a system client's personal-data scopes work only after a privacy
officer (not its creator) approved them for its current token; every step is audited and every
read by the client names its creator and approver."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bijstand.accounts import scopes, services
from bijstand.accounts.models import Rol, SysteemClient
from bijstand.logboek.models import AuditRegel, Verwerking
from tests.factories import DossierFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def privacy(db):
    return UserFactory(rol=Rol.PRIVACY, team=None, first_name="Noor", last_name="Visser")


@pytest.fixture
def dossier(db):
    return DossierFactory()


def _token_client(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def _maak_in_beheer(client, beheerder, naam: str, gevraagd: list[str]) -> tuple[SysteemClient, str]:
    """The beheerder's real way: the admin add form; the token is shown once."""
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:accounts_systeemclient_add"),
        {"naam": naam, "scopes": gevraagd, "actief": "on", "_save": "1"},
    )
    assert response.status_code == 200, response.content
    return SysteemClient.objects.get(naam=naam), response.context["token"]


def _besluit(client, officer, koppeling: SysteemClient, besluit: str = "goedkeuren"):
    client.force_login(officer)
    return client.post(
        reverse("accounts:koppeling_besluit", args=[koppeling.pk]),
        {"besluit": besluit, "scopes": koppeling.gevraagde_persoonsgegevens_scopes},
        follow=True,
    )


def test_beheer_creates_client_read_refused_until_privacy_officer_approves(
    client, beheerder, privacy, dossier
):
    koppeling, token = _maak_in_beheer(client, beheerder, "Archiefsysteem", ["dossiers:lezen"])
    assert koppeling.aangemaakt_door == beheerder
    assert koppeling.wachtende_scopes == ["dossiers:lezen"]
    api = _token_client(token)
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 403
    assert api.get("/api/v1/dossiers/").status_code == 403
    assert not Verwerking.objects.filter(operatie="api_bekijk_dossier").exists()
    aangemaakt = AuditRegel.objects.get(actie="systeemkoppeling_aangemaakt")
    assert aangemaakt.gebruiker == beheerder
    assert "dossiers:lezen" in aangemaakt.toelichting

    # The privacy officer sees it waiting (start page hint and the screen) and approves it.
    client.force_login(privacy)
    assert "1 systeemkoppeling wacht op uw goedkeuring" in client.get("/logboek/").content.decode()
    scherm = client.get(reverse("accounts:koppelingen")).content.decode()
    assert "Archiefsysteem" in scherm and "dossiers:lezen" in scherm
    response = _besluit(client, privacy, koppeling)
    assert "is goedgekeurd" in response.content.decode()
    koppeling.refresh_from_db()
    assert koppeling.goedgekeurd_door == privacy and koppeling.goedgekeurd_op is not None
    assert koppeling.goedgekeurde_scopes == ["dossiers:lezen"]
    goedgekeurd = AuditRegel.objects.get(actie="systeemkoppeling_goedgekeurd")
    assert goedgekeurd.gebruiker == privacy
    assert beheerder.username in goedgekeurd.toelichting

    assert api.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200
    regel = Verwerking.objects.get(operatie="api_bekijk_dossier")
    audit = AuditRegel.objects.get(operation_id=regel.operation_id)
    assert audit.gebruiker is None and audit.rol == "systeem"
    assert audit.koppeling_aangemaakt_door == beheerder
    assert audit.koppeling_goedgekeurd_door == privacy
    # ... and the privacy officer's log screen names both.
    client.force_login(privacy)
    logboek = client.get("/logboek/").content.decode()
    assert f"koppeling aangemaakt door {beheerder}" in logboek
    assert f"goedgekeurd door {privacy}" in logboek


def test_creator_cannot_approve_own_client(client, dossier):
    # A privacy officer who created the client (e.g. as a superuser, or before a role change).
    maker = UserFactory(rol=Rol.PRIVACY, team=None)
    koppeling, token = services.maak_systeemclient(
        naam="Eigen", scopes=["dossiers:lezen"], door=maker
    )
    with pytest.raises(ValidationError, match="zelf aangemaakt"):
        services.keur_koppeling_goed(client=koppeling, scopes=["dossiers:lezen"], door=maker)
    client.force_login(maker)
    assert "een andere privacy officer beslist" in (
        client.get(reverse("accounts:koppelingen")).content.decode()
    )
    response = _besluit(client, maker, koppeling)
    assert "zelf aangemaakt" in response.content.decode()
    koppeling.refresh_from_db()
    assert koppeling.goedgekeurd_door is None and koppeling.wacht_op_goedkeuring
    assert _token_client(token).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 403
    assert not AuditRegel.objects.filter(actie="systeemkoppeling_goedgekeurd").exists()


@pytest.mark.parametrize("rol", [Rol.BEHEERDER, Rol.WERKCONSULENT, Rol.BETAALRUN])
def test_only_a_privacy_officer_approves(client, beheerder, rol):
    koppeling, _token = services.maak_systeemclient(
        naam="X", scopes=["dossiers:lezen"], door=beheerder
    )
    ander = UserFactory(rol=rol, team=None)
    with pytest.raises(PermissionDenied):
        services.keur_koppeling_goed(client=koppeling, scopes=["dossiers:lezen"], door=ander)
    client.force_login(ander)
    assert client.get(reverse("accounts:koppelingen")).status_code == 403
    url = reverse("accounts:koppeling_besluit", args=[koppeling.pk])
    assert (
        client.post(url, {"besluit": "goedkeuren", "scopes": ["dossiers:lezen"]}).status_code == 403
    )
    koppeling.refresh_from_db()
    assert koppeling.wacht_op_goedkeuring


def test_screen_access_and_menu(client, privacy, beheerder):
    assert client.get(reverse("accounts:koppelingen")).status_code == 302  # to the login
    client.force_login(privacy)
    pagina = client.get(reverse("accounts:koppelingen"))
    assert pagina.status_code == 200
    assert f'href="{reverse("accounts:koppelingen")}"' in pagina.content.decode()
    client.force_login(beheerder)
    assert f'href="{reverse("accounts:koppelingen")}"' not in (
        client.get(reverse("admin:index")).content.decode()
    )


def test_scope_added_after_approval_waits_for_a_new_approval(client, beheerder, privacy, dossier):
    koppeling, token = _maak_in_beheer(client, beheerder, "Rapportage", ["dossiers:lezen"])
    _besluit(client, privacy, koppeling)
    api = _token_client(token)
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/journaal/").status_code == 403

    client.force_login(beheerder)
    response = client.post(
        reverse("admin:accounts_systeemclient_change", args=[koppeling.pk]),
        {"naam": "Rapportage", "scopes": ["dossiers:lezen", "journaal:lezen"], "actief": "on"},
    )
    assert response.status_code == 302
    koppeling.refresh_from_db()
    assert koppeling.scopes == ["dossiers:lezen", "journaal:lezen"]
    assert koppeling.wachtende_scopes == ["journaal:lezen"]
    assert (
        "journaal:lezen" in AuditRegel.objects.get(actie="systeemkoppeling_gewijzigd").toelichting
    )
    # Only the approved set works until the privacy officer approves again.
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/journaal/").status_code == 403

    tweede = UserFactory(rol=Rol.PRIVACY, team=None)
    _besluit(client, tweede, koppeling)
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/journaal/").status_code == 200
    koppeling.refresh_from_db()
    assert koppeling.goedgekeurd_door == tweede


def test_a_dropped_scope_asked_again_needs_approval(beheerder, privacy):
    koppeling, _token = services.maak_systeemclient(
        naam="Y", scopes=["dossiers:lezen", "plan:lezen"], door=beheerder
    )
    services.keur_koppeling_goed(client=koppeling, scopes=koppeling.scopes, door=privacy)
    for gevraagd in (["dossiers:lezen"], ["dossiers:lezen", "plan:lezen"]):
        koppeling = services.wijzig_systeemclient(
            client=koppeling, naam="Y", scopes=gevraagd, actief=True, door=beheerder
        )
    assert koppeling.effectieve_scopes == ["dossiers:lezen"]
    assert koppeling.wachtende_scopes == ["plan:lezen"]


def test_new_token_needs_a_new_approval(client, beheerder, privacy, dossier):
    koppeling, oud = _maak_in_beheer(client, beheerder, "Salaris", ["dossiers:lezen"])
    _besluit(client, privacy, koppeling)
    assert _token_client(oud).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200

    # The beheerder sees the new token, but cannot read personal data with it on their own.
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:accounts_systeemclient_changelist"),
        {"action": "vernieuw_token", "_selected_action": [koppeling.pk]},
    )
    nieuw = response.context["token"]
    assert "werken pas na goedkeuring" in response.content.decode()
    assert _token_client(oud).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 401
    assert _token_client(nieuw).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 403
    assert AuditRegel.objects.filter(actie="systeemkoppeling_token_vernieuwd").exists()
    koppeling.refresh_from_db()
    _besluit(client, UserFactory(rol=Rol.PRIVACY, team=None), koppeling)
    assert _token_client(nieuw).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200


def test_scope_without_personal_data_works_without_approval(client, beheerder):
    koppeling, token = _maak_in_beheer(
        client, beheerder, "Vacaturesite", ["vacatures:lezen", "dossiers:lezen"]
    )
    assert koppeling.effectieve_scopes == ["vacatures:lezen"]
    api = _token_client(token)
    assert api.get("/api/v1/vacatures/").status_code == 200
    assert api.get("/api/v1/dossiers/").status_code == 403


def test_decision_on_what_the_officer_saw(beheerder, privacy):
    koppeling, _token = services.maak_systeemclient(
        naam="Z", scopes=["dossiers:lezen"], door=beheerder
    )
    services.wijzig_systeemclient(
        client=koppeling,
        naam="Z",
        scopes=["dossiers:lezen", "intake:lezen"],
        actief=True,
        door=beheerder,
    )
    # The officer opened the page before intake:lezen was asked: nothing is approved.
    with pytest.raises(ValidationError, match="gewijzigd"):
        services.keur_koppeling_goed(client=koppeling, scopes=["dossiers:lezen"], door=privacy)
    koppeling.refresh_from_db()
    assert koppeling.goedgekeurde_scopes == []


def test_reject_takes_the_waiting_scopes_off(client, beheerder, privacy):
    koppeling, _token = services.maak_systeemclient(
        naam="Afwijzen", scopes=["dossiers:lezen", "vacatures:lezen"], door=beheerder
    )
    response = _besluit(client, privacy, koppeling, "afwijzen")
    assert "afgewezen" in response.content.decode()
    koppeling.refresh_from_db()
    assert koppeling.scopes == ["vacatures:lezen"] and not koppeling.wacht_op_goedkeuring
    regel = AuditRegel.objects.get(actie="systeemkoppeling_afgewezen")
    assert regel.gebruiker == privacy and "dossiers:lezen" in regel.toelichting


def test_revoking_is_audited(client, beheerder):
    koppeling, token = services.maak_systeemclient(
        naam="Weg", scopes=["vacatures:lezen"], door=beheerder
    )
    client.force_login(beheerder)
    client.post(
        reverse("admin:accounts_systeemclient_changelist"),
        {"action": "deactiveer", "_selected_action": [koppeling.pk]},
    )
    assert AuditRegel.objects.get(actie="systeemkoppeling_ingetrokken").gebruiker == beheerder
    assert _token_client(token).get("/api/v1/vacatures/").status_code == 401


def test_admin_form_marks_personal_data_scopes(client, beheerder):
    client.force_login(beheerder)
    html = client.get(reverse("admin:accounts_systeemclient_add")).content.decode()
    assert "dossiers:lezen" in html and "goedkeuring privacy officer nodig" in html
    # Fields of the approval cannot be posted by the beheerder.
    client.post(
        reverse("admin:accounts_systeemclient_add"),
        {
            "naam": "Slim",
            "scopes": ["dossiers:lezen"],
            "goedgekeurde_scopes": '["dossiers:lezen"]',
            "goedgekeurd_door": str(beheerder.pk),
            "actief": "on",
            "_save": "1",
        },
    )
    koppeling = SysteemClient.objects.get(naam="Slim")
    assert koppeling.goedgekeurde_scopes == [] and koppeling.goedgekeurd_door is None


def test_existing_clients_stay_unapproved_and_are_counted(capsys, dossier):
    """The data migration of accounts 0003 on clients that existed before the approval."""
    oud, token = SysteemClient.maak(naam="Van voor de goedkeuring", scopes=["dossiers:lezen"])
    SysteemClient.maak(naam="Alleen vacatures", scopes=["vacatures:lezen"])
    migratie = importlib.import_module(
        "bijstand.accounts.migrations.0003_koppeling_goedkeuring_en_rol_betaalrun"
    )
    migratie.scopes_met_persoonsgegevens_wachten(
        django_apps, SimpleNamespace(connection=SimpleNamespace(alias="default"))
    )
    assert "1 systeemkoppeling(en)" in capsys.readouterr().out
    assert oud.wacht_op_goedkeuring
    assert _token_client(token).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 403


def _api_views(patronen, gevonden):
    for p in patronen:
        if isinstance(p, URLResolver):
            _api_views(p.url_patterns, gevonden)
        elif isinstance(p, URLPattern) and hasattr(p.callback, "cls"):
            gevonden.append(p.callback.cls)
    return gevonden


def test_every_scope_a_view_asks_for_is_classified():
    gevraagd = {
        scope
        for view in _api_views(get_resolver().url_patterns, [])
        for scope in (getattr(view, "vereiste_scope", None) or {}).values()
    }
    assert gevraagd, "no API view declares a scope"
    assert gevraagd <= set(scopes.SCOPES), gevraagd - set(scopes.SCOPES)
    assert scopes.bereikt_persoonsgegevens("dossiers:lezen")
    assert not scopes.bereikt_persoonsgegevens("vacatures:lezen")
    assert scopes.bereikt_persoonsgegevens("nog:onbekend")  # safe default
