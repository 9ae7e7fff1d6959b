"""System clients: token -> SysteemGebruiker, scopes, and why it is not the model instance."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from simple_history.middleware import HistoryRequestMiddleware

from bijstand.accounts.authentication import SysteemGebruiker, SysteemTokenAuthentication
from bijstand.accounts.models import SysteemClient
from bijstand.core.api import HeeftScope
from bijstand.dossiers import services
from tests.factories import UserFactory
from tests.koppelingen import goedgekeurde_koppeling

pytestmark = pytest.mark.django_db


def test_token_geeft_systeemgebruiker_en_client_als_auth():
    client, token = goedgekeurde_koppeling(naam="Archief", scopes=["dossiers:lezen"])
    request = RequestFactory().get("/", HTTP_AUTHORIZATION=f"Token {token}")
    user, auth = SysteemTokenAuthentication().authenticate(request)
    assert isinstance(user, SysteemGebruiker)
    assert auth == client
    assert user.is_authenticated and user.pk is None and user.rol == "systeem"
    assert user.has_scope("dossiers:lezen") and not user.has_scope("journaal:lezen")
    assert not user.has_perm("accounts.view_caseload")
    assert not user.has_perm("dossiers.view_dossier", object())


def test_geen_token_header_laat_andere_authenticatie_toe():
    assert SysteemTokenAuthentication().authenticate(RequestFactory().get("/")) is None


class _View:
    vereiste_scope = {"GET": "dossiers:lezen"}
    vereiste_permissie = {"GET": "accounts.view_caseload"}


class _LegeView:
    pass


@pytest.mark.parametrize(
    ("methode", "scopes", "view", "verwacht"),
    [
        ("GET", ["dossiers:lezen"], _View, True),
        ("HEAD", ["dossiers:lezen"], _View, True),
        ("POST", ["dossiers:lezen"], _View, False),  # undeclared method: denied
        ("GET", [], _View, False),
        ("GET", ["dossiers:lezen"], _LegeView, False),  # undeclared view: denied
    ],
)
def test_heeft_scope(methode, scopes, view, verwacht):
    client, _ = goedgekeurde_koppeling(naam="x", scopes=scopes)
    request = RequestFactory().generic(methode, "/")
    request.user = SysteemGebruiker(client)
    assert HeeftScope().has_permission(request, view()) is verwacht


def test_heeft_scope_voor_mensen_volgt_rules(werkcoach):
    request = RequestFactory().get("/")
    request.user = werkcoach
    assert HeeftScope().has_permission(request, _View())
    request.user = UserFactory(rol="beheerder")
    assert not HeeftScope().has_permission(request, _View())
    request = RequestFactory().post("/")
    request.user = werkcoach
    assert not HeeftScope().has_permission(request, _View())


def test_wijziging_in_request_van_systeem_heeft_geen_history_user(dossier):
    """A history-tracked write during a system client's request records no history_user."""
    client, _ = SysteemClient.maak(naam="Koppeling", scopes=[])
    request = RequestFactory().post("/")
    request.user = SysteemGebruiker(client)

    def view(req):
        services.wijzig_status(dossier=dossier, naar="beeindigd", door=None, reden="werk")
        return HttpResponse()

    HistoryRequestMiddleware(view)(request)
    assert dossier.history.latest().history_user_id is None
