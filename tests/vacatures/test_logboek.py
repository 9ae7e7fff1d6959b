"""Routes that show a person's data but need a voordracht or candidates: their log lines."""

from __future__ import annotations

import pytest

from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from vacatures import services

pytestmark = pytest.mark.django_db


def _regels(dossier, operatie):
    return Verwerking.objects.filter(
        betrokkene=pseudoniem(dossier.werkzoekende.log_subject), operatie=operatie
    ).count()


def test_voordracht_pages_write_a_log_line(login, werkcoach, vacature, kandidaat):
    voordracht = services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    client = login(werkcoach)
    for pad, data in (
        (f"/vacatures/voordrachten/{voordracht.pk}/", None),
        (f"/vacatures/voordrachten/{voordracht.pk}/gesprek/", {}),
        (f"/vacatures/voordrachten/{voordracht.pk}/plaatsing/", {}),
        (f"/vacatures/voordrachten/{voordracht.pk}/afwijzen/", {}),
        (f"/api/v1/vacatures/voordrachten/{voordracht.pk}/", None),
    ):
        voor = _regels(kandidaat, "bekijk_voordracht")
        response = client.get(pad) if data is None else client.post(pad, data)
        assert response.status_code == 200, pad
        assert _regels(kandidaat, "bekijk_voordracht") == voor + 1, pad


def test_candidates_api_writes_a_log_line(login, werkcoach, vacature, kandidaat):
    login(werkcoach).get(f"/api/v1/vacatures/{vacature.pk}/kandidaten/")
    assert _regels(kandidaat, "bekijk_kandidaten_vacature") == 1
