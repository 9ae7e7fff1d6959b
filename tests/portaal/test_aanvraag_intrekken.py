"""The burger withdraws the aanvraag in the portal (issue 12): the dossier ends, nothing is
left to decide, and a new melding is possible later."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aanvraag.models import Aanvraag, AanvraagStatus
from bijstand.dossiers.models import Beeindigingsreden, DossierStatus
from tests.brp.fixtures import fake_brp  # noqa: F401 (the fake BRP server)

from .aanvraag_hulp import SANNE, _prive_media, meld  # noqa: F401 (autouse)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_brp")]
INTREKKEN = reverse("portaal:aanvraag_intrekken")


def test_intrekken_met_bevestiging(client, werkcoach):
    meld(client, SANNE)
    status = client.get(reverse("portaal:aanvraag")).content.decode()
    assert INTREKKEN in status
    pagina = client.get(INTREKKEN)
    assert pagina.status_code == 200
    assert "Wilt u uw aanvraag intrekken?" in pagina.content.decode()
    assert Aanvraag.objects.get().status == AanvraagStatus.CONCEPT  # GET changes nothing

    response = client.post(INTREKKEN)
    assert response.status_code == 302
    aanvraag = Aanvraag.objects.select_related("dossier").get()
    assert aanvraag.status == AanvraagStatus.INGETROKKEN
    assert aanvraag.dossier.status == DossierStatus.BEEINDIGD
    assert aanvraag.dossier.beeindigingsreden == Beeindigingsreden.INGETROKKEN

    # twice (back + resubmit): nothing more happens, and the link is gone
    client.post(INTREKKEN)
    assert Aanvraag.objects.get().status == AanvraagStatus.INGETROKKEN
    assert INTREKKEN not in client.get(reverse("portaal:aanvraag")).content.decode()


def test_na_intrekken_kan_een_nieuwe_melding(client, werkcoach):
    meld(client, SANNE)
    client.post(INTREKKEN)
    response = client.post(reverse("portaal:aanvraag_start"))
    assert response.status_code == 302
    assert Aanvraag.objects.filter(status=AanvraagStatus.CONCEPT).count() == 1
    assert Aanvraag.objects.count() == 2


def test_anoniem_niet(client):
    response = client.post(INTREKKEN)
    assert response.status_code == 302 and "/portaal/inloggen/" in response["Location"]
    assert not Aanvraag.objects.exists()
