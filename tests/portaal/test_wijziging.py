"""Portal page "Wijziging doorgeven" (issue 14): menu, B1 form, own dossier, double submit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bijstand.accounts.models import Rol
from bijstand.dossiers.models import Wijziging
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
VIJANDIG = '<script>alert("x")</script>'


def _sleutel(html: str) -> str:
    import re

    return re.search(r'name="idempotentiesleutel" value="([^"]+)"', html).group(1)


def test_menu_form_and_link_to_werk_gevonden(burger_client):
    overzicht = burger_client.get(reverse("portaal:overzicht")).content.decode()
    assert reverse("portaal:wijziging") in overzicht
    pagina = burger_client.get(reverse("portaal:wijziging"))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Wat verandert er?" in tekst
    assert "Er komt iemand bij mij wonen" in tekst
    assert reverse("portaal:werk_gevonden") in tekst  # werk gevonden has its own page
    assert 'value="werk_gevonden"' not in tekst
    assert 'aria-current="page"' in tekst


def test_melden_twice_stored_once_and_escaped(burger_client, dossier):
    html = burger_client.get(reverse("portaal:wijziging")).content.decode()
    sleutel = _sleutel(html)
    datum = (timezone.localdate() - timedelta(days=20)).isoformat()
    data = {
        "soort": "medebewoner_erbij",
        "ingangsdatum": datum,
        "toelichting": VIJANDIG,
        "idempotentiesleutel": sleutel,
    }
    eerste = burger_client.post(reverse("portaal:wijziging"), data)
    assert eerste.status_code == 302
    tweede = burger_client.post(reverse("portaal:wijziging"), data, follow=True)
    assert tweede.status_code == 200
    assert "al doorgegeven" in tweede.content.decode()
    w = Wijziging.objects.get()
    assert w.dossier == dossier and w.gemeld_door == "burger" and w.kanaal == "portaal"
    assert w.status == "nieuw" and w.toelichting == VIJANDIG
    pagina = burger_client.get(reverse("portaal:wijziging")).content.decode()
    assert "Er komt iemand bij mij wonen" in pagina and "Nieuw" in pagina


def test_dutch_errors_no_change(burger_client):
    r = burger_client.post(
        reverse("portaal:wijziging"),
        {"soort": "werk_gevonden", "ingangsdatum": "gisteren", "toelichting": "x" * 2001},
    )
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "Kies wat er verandert." in tekst
    assert "Vul een datum in" in tekst
    assert "hoogstens 2000 tekens" in tekst
    veel_te_oud = burger_client.post(
        reverse("portaal:wijziging"), {"soort": "verhuizing", "ingangsdatum": "1990-01-01"}
    )
    assert veel_te_oud.status_code == 200
    assert "te lang geleden" in veel_te_oud.content.decode()
    assert not Wijziging.objects.exists()


def test_staff_and_anonymous(client, dossier):
    assert client.get(reverse("portaal:wijziging")).status_code == 302
    client.force_login(UserFactory(rol=Rol.WERKCONSULENT))
    assert client.get(reverse("portaal:wijziging")).status_code == 403
