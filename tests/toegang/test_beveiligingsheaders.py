"""Content-Security-Policy and Permissions-Policy on every kind of response, and templates
that need no 'unsafe-inline' (no style attributes, inline handlers or inline scripts without
the nonce)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from bijstand.accounts.models import Rol
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
MOCK_QUERY = (
    "acs=http%3A%2F%2Ftestserver%2Fdigid%2Facs%2F&next=http%3A%2F%2Ftestserver%2Fportaal%2F"
    "&cancel=http%3A%2F%2Ftestserver%2Fportaal%2Finloggen%2F"
)
NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")


def _policy(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    policy = {}
    for deel in header.split(";"):
        naam, *bronnen = deel.split()
        policy[naam] = bronnen
    return policy


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def clients(werkcoach):
    burger = UserFactory(rol=Rol.BURGER, team=None)
    DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(account=burger))
    beheerder = UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True, is_superuser=True)
    return {
        "anoniem": _client(),
        "werkcoach": _client(werkcoach),
        "burger": _client(burger),
        "beheerder": _client(beheerder),
    }


PAGINAS = [
    ("staff page", "werkcoach", "/", 200),
    ("portal page", "burger", "/portaal/", 200),
    ("portal login", "anoniem", "/portaal/inloggen/", 200),
    ("staff login", "anoniem", "/accounts/login/", 200),
    ("DigiD mock", "anoniem", "/digid/login/", 302),
    ("DigiD mock page", "anoniem", "/digid/idp/inloggen/?" + MOCK_QUERY, 200),
    ("API (JSON)", "werkcoach", "/api/v1/dossiers/", 200),
    ("API refused", "anoniem", "/api/v1/dossiers/", 401),
    ("404 page", "werkcoach", "/bestaat-niet/", 404),
    ("redirect", "anoniem", "/", 302),
    ("admin", "beheerder", "/beheer/", 200),
    ("admin change list", "beheerder", "/beheer/instrumentenhuis/instrument/", 200),
]


@pytest.mark.parametrize("soort,wie,url,status", PAGINAS, ids=[p[0] for p in PAGINAS])
def test_every_response_has_a_strict_csp_and_permissions_policy(clients, soort, wie, url, status):
    response = clients[wie].get(url)
    assert response.status_code == status
    policy = _policy(response)
    for directive in ("script-src", "style-src"):
        bronnen = policy[directive]
        assert "'unsafe-inline'" not in bronnen and "'unsafe-eval'" not in bronnen
        assert "'self'" in bronnen
        assert any(NONCE.fullmatch(b) for b in bronnen), f"{directive} without a nonce"
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'"] and policy["font-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]

    permissions = response.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions, feature


def test_each_response_gets_its_own_nonce(clients):
    eerste = clients["anoniem"].get("/portaal/inloggen/")
    tweede = clients["anoniem"].get("/portaal/inloggen/")
    nonce = NONCE.search(eerste["Content-Security-Policy"]).group(1)
    assert nonce != NONCE.search(tweede["Content-Security-Policy"]).group(1)
    # Both directives carry the same nonce for this response.
    assert eerste["Content-Security-Policy"].count(f"'nonce-{nonce}'") == 2


def test_htmx_injects_no_inline_styles(clients):
    html = clients["werkcoach"].get("/").content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles":false' in html


# --- templates: nothing that a policy without 'unsafe-inline' would block --------------------

# Rendered to PDF by WeasyPrint only (never served as a page), so its <style> needs no nonce.
ALLEEN_PDF = {"portaal/specificatie_pdf.html"}
STYLE_ATTRIBUUT = re.compile(r"""\sstyle\s*=\s*["']""", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
HX_ON = re.compile(r"""\s(data-)?hx-on""", re.IGNORECASE)
INLINE_ELEMENT = re.compile(r"<(script|style)\b([^>]*)>", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""=\s*["']\s*javascript:""", re.IGNORECASE)
COMMENTAAR = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.DOTALL)


def _templates():
    return sorted(p for p in TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize(
    "pad", _templates(), ids=[str(p.relative_to(TEMPLATES)) for p in _templates()]
)
def test_template_needs_no_unsafe_inline(pad):
    naam = str(pad.relative_to(TEMPLATES))
    tekst = COMMENTAAR.sub("", pad.read_text())
    assert not STYLE_ATTRIBUUT.search(tekst), f"{naam}: style attribute (use a class in CSS)"
    assert not EVENT_HANDLER.search(tekst), f"{naam}: inline event handler (use static JS)"
    assert not HX_ON.search(tekst), f"{naam}: hx-on needs eval (use static JS)"
    assert not JAVASCRIPT_URL.search(tekst), f"{naam}: javascript: URL"
    if naam in ALLEEN_PDF:
        return
    for element, attributen in INLINE_ELEMENT.findall(tekst):
        if element.lower() == "script" and (
            "src=" in attributen or "application/json" in attributen
        ):
            continue
        assert 'nonce="{{ request.csp_nonce }}"' in attributen, f"{naam}: <{element}> without nonce"
