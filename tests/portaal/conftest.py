from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from bijstand.accounts.models import Rol
from bijstand.portaal.services import burger_voor_digid
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory, geldig_bsn

HREF_RE = re.compile(r"href=['\"]([^'\"]*inloggen_bsn[^'\"]*)['\"]")
ACTION_RE = re.compile(r'<form[^>]*id="new_authentication"[^>]*action="([^"]*)"')


def _pad(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def digid_login(client, bsn: str, *, via_dropdown: bool = False):
    """Click through the DigiD mock like a person would; returns the final response.

    portaal:login -> "Inloggen met DigiD" -> mock IdP "Met burgerservicenummer." -> BSN form
    -> "Inloggen" -> ACS -> portaal:overzicht (or back to portaal:login with a message).
    """
    login = client.get(reverse("portaal:login"))
    assert login.status_code == 200
    knop = re.search(r'href="([^"]+)"[^>]*id="digid-inloggen"', login.content.decode())
    assert knop, "Inloggen met DigiD button not found"
    start = client.get(html.unescape(knop.group(1)))
    assert start.status_code == 302
    idp = client.get(_pad(start["Location"]))
    assert idp.status_code == 200
    bsn_url = html.unescape(HREF_RE.search(idp.content.decode()).group(1))
    formulier = client.get(bsn_url)
    assert formulier.status_code == 200
    action = html.unescape(ACTION_RE.search(formulier.content.decode()).group(1))
    if via_dropdown:
        from digid_eherkenning.models.digid import MockDigidUser

        data = {"auth_user": MockDigidUser.objects.get(bsn=bsn).pk}
    else:
        data = {"auth_bsn": bsn}
    naar_acs = client.post(action, data)
    if naar_acs.status_code != 302:
        return naar_acs  # the IdP refused the form (e.g. 11-proef in the mock's text field)
    return client.get(_pad(naar_acs["Location"]), follow=True)


@pytest.fixture
def bsn():
    return geldig_bsn()


@pytest.fixture
def persoon(dossier):
    return dossier.werkzoekende


@pytest.fixture
def burger(persoon):
    """A burger account linked to the werkzoekende of `dossier` (as after a first login)."""
    burger_voor_digid(bsn=persoon.bsn)
    persoon.refresh_from_db()
    return persoon.account


@pytest.fixture
def burger_client(client, burger):
    client.force_login(burger, backend="bijstand.portaal.backends.DigiDMockBackend")
    return client


@pytest.fixture
def ander_dossier(team):
    coach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    return DossierFactory(werkcoach=coach, werkzoekende=WerkzoekendeFactory())


@pytest.fixture
def ander_burger(ander_dossier):
    persoon = ander_dossier.werkzoekende
    burger_voor_digid(bsn=persoon.bsn)
    persoon.refresh_from_db()
    return persoon.account
