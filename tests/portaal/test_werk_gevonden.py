"""Portal page "Werk gevonden" (issue 14): in the menu, B1 text, only the burger's own data."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from bijstand.accounts.models import Rol
from inkomen import services
from inkomen.models import Dienstverband, Werkgever
from tests.factories import UserFactory


@pytest.mark.django_db
def test_pagina_menu_en_eigen_gegevens(burger_client, dossier, ander_dossier):
    werkgever = Werkgever.objects.create(naam="Andermans Werkgever", kvk_nummer="44443333")
    services.registreer_dienstverband(
        werkzoekende=ander_dossier.werkzoekende,
        werkgever=werkgever,
        van=date(2026, 1, 1),
        door=None,
    )
    overzicht = burger_client.get(reverse("portaal:overzicht")).content.decode()
    assert reverse("portaal:werk_gevonden") in overzicht
    pagina = burger_client.get(reverse("portaal:werk_gevonden"))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Bij welke werkgever gaat u werken?" in tekst
    assert 'aria-current="page"' in tekst
    assert "Andermans Werkgever" not in tekst  # another person's job is never shown
    # Reporting registers a dienstverband for the burger's own person only.
    r = burger_client.post(
        reverse("portaal:werk_gevonden"),
        {
            "naam": "Andermans Werkgever",
            "van": "2026-05-01",
            "uren_per_week": "12",
            "verwacht_netto_loon": "400",
        },
    )
    assert r.status_code == 302
    eigen = Dienstverband.objects.get(gemeld_door_burger=True)
    assert eigen.werkzoekende == dossier.werkzoekende and eigen.werkgever == werkgever


@pytest.mark.django_db
def test_medewerker_en_anoniem(client, dossier):
    anoniem = client.get(reverse("portaal:werk_gevonden"))
    assert anoniem.status_code == 302
    client.force_login(UserFactory(rol=Rol.WERKCONSULENT))
    assert client.get(reverse("portaal:werk_gevonden")).status_code == 403
