"""The staff and portal menus that the domain apps fill (bijstand.core.menu)."""

import pytest

from bijstand.accounts.models import Rol
from bijstand.core import menu
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leeg_register(monkeypatch):
    monkeypatch.setattr(menu, "_STAFF", {})
    monkeypatch.setattr(menu, "_PORTAAL", {})


def test_staff_menu_respects_permission_order_and_missing_routes(leeg_register):
    menu.registreer_staff_menu("b", "Tweede", "dossiers:caseload", volgorde=20)
    menu.registreer_staff_menu("a", "Eerste", "logboek:overzicht", volgorde=10)
    menu.registreer_staff_menu("x", "Bestaat niet", "nergens:niets", volgorde=5)
    menu.registreer_staff_menu(
        "beheer", "Alleen beheer", "admin:index", perm="accounts.beheer", volgorde=30
    )
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT)
    beheerder = UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True)
    assert [i["sleutel"] for i in menu.staff_menu(werkcoach)] == ["a", "b"]
    assert [i["sleutel"] for i in menu.staff_menu(beheerder)] == ["a", "b", "beheer"]


def test_menus_are_rendered_with_current_page(leeg_register, client):
    menu.registreer_staff_menu("proef", "Proefpagina", "dossiers:caseload")
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT)
    client.force_login(werkcoach)
    html = client.get("/").content.decode()
    assert "Proefpagina" in html
    menu.registreer_portaal_menu("berichten", "Mijn proef", "portaal:berichten")
    burger = UserFactory(rol=Rol.BURGER, team=None)
    DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(account=burger))
    client.force_login(burger, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get("/portaal/berichten/").content.decode()
    assert 'href="/portaal/berichten/" aria-current="page">Mijn proef' in html
