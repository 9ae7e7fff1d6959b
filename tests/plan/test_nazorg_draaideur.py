"""Draaideur (issue 14): a new dossier within 12 months after an ending with reason werk shows on
the werkcoach's nazorg page; the werkcoach records the reason once; others are refused."""

from __future__ import annotations

import datetime

import pytest

from bijstand.dossiers.models import Beeindigingsreden, DossierStatus
from bijstand.dossiers.services import open_dossier, wijzig_status
from plan.models_nazorg import Terugkeer
from tests.factories import DossierFactory
from tests.rollen import andere_werkcoach  # noqa: F401

from .conftest import client_voor

pytestmark = pytest.mark.django_db


def _terug(werkcoach, dagen: int, reden=Beeindigingsreden.WERK):
    eerder = DossierFactory(werkcoach=werkcoach)
    einde = datetime.date(2026, 1, 15)
    wijzig_status(
        dossier=eerder, naar=DossierStatus.BEEINDIGD, door=werkcoach, reden=reden, einddatum=einde
    )
    return open_dossier(
        werkzoekende=eerder.werkzoekende,
        werkcoach=werkcoach,
        door=werkcoach,
        aanvraagdatum=einde + datetime.timedelta(days=dagen),
    )


def test_return_within_12_months_is_listed_and_the_reason_recorded(werkcoach):
    nieuw = _terug(werkcoach, 200)
    laat = _terug(werkcoach, 400)
    ander = _terug(werkcoach, 30, reden=Beeindigingsreden.VERHUIZING)
    coach = client_voor(werkcoach)
    inhoud = coach.get("/plan/nazorg/").content.decode()
    assert f'id="terugkeer-{nieuw.pk}"' in inhoud
    assert f'id="terugkeer-{laat.pk}"' not in inhoud
    assert f'id="terugkeer-{ander.pk}"' not in inhoud

    url = f"/plan/nazorg/terugkeer/{nieuw.pk}/"
    # Bad input: a Dutch error, nothing stored.
    antwoord = coach.post(url, {"reden": "onzin"}, follow=True)
    assert "Kies een reden." in antwoord.content.decode()
    assert coach.post(url, {"reden": "schulden", "toelichting": "x" * 2001}).status_code == 302
    assert not Terugkeer.objects.exists()

    coach.post(url, {"reden": "schulden", "toelichting": "<i>BKR</i>"})
    terugkeer = Terugkeer.objects.get()
    assert (terugkeer.reden, terugkeer.toelichting) == ("schulden", "<i>BKR</i>")
    assert terugkeer.nieuw_dossier == nieuw and terugkeer.vastgelegd_door == werkcoach
    assert f'id="terugkeer-{nieuw.pk}"' not in coach.get("/plan/nazorg/").content.decode()
    # Twice: the dossier is no longer on the list -> 404, nothing twice.
    assert coach.post(url, {"reden": "taal"}).status_code == 404
    assert Terugkeer.objects.count() == 1


def test_other_werkcoach_cannot_record(werkcoach, andere_werkcoach):  # noqa: F811
    nieuw = _terug(werkcoach, 10)
    client = client_voor(andere_werkcoach)
    assert f'id="terugkeer-{nieuw.pk}"' not in client.get("/plan/nazorg/").content.decode()
    assert client.post(f"/plan/nazorg/terugkeer/{nieuw.pk}/", {"reden": "taal"}).status_code == 404
    assert not Terugkeer.objects.exists()
