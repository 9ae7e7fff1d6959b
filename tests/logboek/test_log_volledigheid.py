"""Log completeness: every URL that shows a person's data writes a dataverwerkingen line.

The test walks the whole URL configuration. Each named route must be classified: either it
shows personal data (then a request must add a log line for that person), or it is listed with
the reason it shows none. A new route that is not classified makes this test fail.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from bijstand.accounts.models import Rol
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

# Routes that show a person's data: (role, GET path builder).
PERSOONSGEGEVENS = {
    "dossiers:caseload": ("werkcoach", lambda d: "/"),
    "dossiers:detail": ("werkcoach", lambda d: f"/dossiers/{d.pk}/"),
    "dossiers:tab": ("werkcoach", lambda d: f"/dossiers/{d.pk}/inkomen/"),
    "dossiers:status": ("werkcoach", lambda d: f"/dossiers/{d.pk}/status/"),
    "dossiers:overdragen": ("teamleider", lambda d: f"/dossiers/{d.pk}/overdragen/"),
    "portaal:overzicht": ("burger", lambda d: "/portaal/"),
    "portaal:berichten": ("burger", lambda d: "/portaal/berichten/"),
    "portaal:inzage": ("burger", lambda d: "/portaal/wie-heeft-mijn-gegevens-bekeken/"),
    "portaal:watals": ("burger", lambda d: "/portaal/wat-als-ik-meer-ga-werken/"),
    "portaal:inkomsten": ("burger", lambda d: "/portaal/inkomsten-doorgeven/"),
    "portaal:specificatie": ("burger", lambda d: "/portaal/mijn-specificatie/"),
    "api-dossiers": ("werkcoach", lambda d: "/api/v1/dossiers/"),
    "api-dossier": ("werkcoach", lambda d: f"/api/v1/dossiers/{d.pk}/"),
    "api-dossier-journaal": ("werkcoach", lambda d: f"/api/v1/dossiers/{d.pk}/journaal/"),
}

# Routes that show no person's data, with the reason.
GEEN_PERSOONSGEGEVENS = {
    "dossiers:journaal_toevoegen": "POST only; the write is logged by the service",
    "dossiers:standaardtekst_invoegen": "returns a standard text, no person",
    "accounts:login": "login form",
    "accounts:logout": "logout",
    "accounts:otp": "second factor form",
    "accounts:otp_setup": "second factor set-up (own account only)",
    "accounts:herstelcodes": "own backup codes",
    "accounts:vervangingen": "staff substitutions, no werkzoekenden",
    "accounts:vervanging_nieuw": "staff substitutions, no werkzoekenden",
    "logboek:overzicht": "pseudonymised lines; reading them is logged per line (tests/logboek)",
    "dashboards:werkcoaches": "aggregates per werkcoach only",
    "portaal:login": "DigiD start page",
    "portaal:uitloggen": "logout",
    "portaal:sessie_status": "session timer",
    "portaal:sessie_verlengen": "session keep-alive",
    # These do show personal data, but need an inkomensconsulent, an opgave or a berekening;
    # their log lines are asserted in tests/inkomen/test_schermen.py and
    # tests/inkomen/test_portaal_inkomen.py.
    "inkomen:opgave_registreren": "logged: tests/inkomen/test_schermen.py",
    "inkomen:opgave_beoordelen": "logged: tests/inkomen/test_schermen.py",
    "inkomen:loonstrook": "logged: tests/inkomen/test_schermen.py",
    "portaal:specificatie_pdf": "logged: tests/inkomen/test_portaal_inkomen.py",
    "api-inkomen-proefberekening": "what-if calculation on data sent in, nothing stored",
    "api-inkomen-loongegevens": "POST only (payroll intake); writes are logged by the service",
    "api-schema": "OpenAPI schema",
    "api-docs": "API documentation",
}

# Each app classifies its own routes in tests/<app>/logroutes.py; merged here.
for _pad in sorted(Path(__file__).resolve().parents[1].glob("*/logroutes.py")):
    _module = importlib.import_module(f"tests.{_pad.parent.name}.logroutes")
    PERSOONSGEGEVENS.update(_module.PERSOONSGEGEVENS)
    GEEN_PERSOONSGEGEVENS.update(_module.GEEN_PERSOONSGEGEVENS)

GENEGEERDE_NAMESPACES = ("admin", "digid", "digid-mock")  # beheer (no case content), DigiD


def _alle_routes(resolver=None, ns: str = "") -> set[str]:
    namen: set[str] = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            sub = f"{ns}:{p.namespace}".strip(":") if p.namespace else ns
            namen |= _alle_routes(p, sub)
        elif isinstance(p, URLPattern) and p.name:
            namen.add(f"{ns}:{p.name}" if ns else p.name)
    return namen


def test_every_route_is_classified():
    routes = {r for r in _alle_routes() if not r.startswith(GENEGEERDE_NAMESPACES)}
    ongeclassificeerd = routes - set(PERSOONSGEGEVENS) - set(GEEN_PERSOONSGEGEVENS)
    assert not ongeclassificeerd, f"classify these routes in this test: {ongeclassificeerd}"
    verdwenen = (set(PERSOONSGEGEVENS) | set(GEEN_PERSOONSGEGEVENS)) - routes
    assert not verdwenen, f"routes no longer exist: {verdwenen}"


@pytest.fixture
def situatie(db):
    team = TeamFactory()
    team.teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.save()
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    burger = UserFactory(rol=Rol.BURGER, team=None)
    dossier = DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(account=burger))
    return {
        "dossier": dossier,
        "werkcoach": werkcoach,
        "teamleider": team.teamleider,
        "burger": burger,
    }


@pytest.mark.parametrize("route", sorted(PERSOONSGEGEVENS))
def test_route_with_personal_data_writes_a_log_line(situatie, route):
    rol, pad = PERSOONSGEGEVENS[route]
    dossier = situatie["dossier"]
    client = Client()
    client.force_login(situatie[rol], backend="django.contrib.auth.backends.ModelBackend")
    onderwerp = pseudoniem(dossier.werkzoekende.log_subject)
    voor = Verwerking.objects.filter(betrokkene=onderwerp).count()

    response = client.get(pad(dossier))

    assert response.status_code == 200, (route, response.status_code)
    nieuw = Verwerking.objects.filter(betrokkene=onderwerp).order_by("-id")
    assert nieuw.count() > voor, f"{route} showed personal data without a log line"
    regel = nieuw.first()
    assert regel.status == "ok"
    assert regel.soorten_gegevens, "a log line names the kinds of data processed"
