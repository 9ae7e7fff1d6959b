"""The burger asks for help in the portal during nazorg (issue 14): the request lands on the
werkcoach's nazorg worklist; no nazorg -> no form; other burgers never reach another's nazorg;
hostile and bad input."""

from __future__ import annotations

import pytest

from bijstand.accounts.models import Rol
from bijstand.core import tijd
from bijstand.dossiers.models import Beeindigingsreden, DossierStatus
from bijstand.dossiers.services import wijzig_status
from bijstand.logboek.models import Verwerking
from plan.models_nazorg import ContactSoort, NazorgContact
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

from .conftest import client_voor

pytestmark = pytest.mark.django_db

URL = "/portaal/hulp-vragen/"


@pytest.fixture
def in_nazorg(dossier, werkcoach):
    wijzig_status(
        dossier=dossier,
        naar=DossierStatus.BEEINDIGD,
        door=werkcoach,
        reden=Beeindigingsreden.WERK,
        einddatum=tijd.vandaag(),
    )
    return dossier


def test_burger_asks_for_help_and_it_appears_on_the_worklist(in_nazorg, burger, werkcoach):
    client = client_voor(burger)
    pagina = client.get(URL)
    assert pagina.status_code == 200
    assert 'name="tekst"' in pagina.content.decode()
    assert Verwerking.objects.filter(operatie="portaal_bekijk_nazorg").exists()
    antwoord = client.post(
        URL, {"tekst": "Mijn contract <b>stopt</b> volgende maand."}, follow=True
    )
    assert antwoord.status_code == 200
    assert "Uw vraag is verstuurd" in antwoord.content.decode()
    vraag = NazorgContact.objects.get(soort=ContactSoort.HULPVRAAG)
    assert vraag.nazorg.dossier == in_nazorg
    lijst = client_voor(werkcoach).get("/plan/nazorg/").content.decode()
    assert f'id="contact-{vraag.pk}"' in lijst
    assert "Mijn contract &lt;b&gt;stopt&lt;/b&gt; volgende maand." in lijst
    assert "<b>stopt</b>" not in lijst


def test_bad_input_gives_a_dutch_error_and_no_request(in_nazorg, burger):
    client = client_voor(burger)
    for data in ({"tekst": "   "}, {}, {"tekst": "x" * 2001}):
        antwoord = client.post(URL, data)
        assert antwoord.status_code == 200
        assert 'aria-invalid="true"' in antwoord.content.decode()
    assert "Schrijf waar u hulp bij wilt." in client.post(URL, {}).content.decode()
    assert not NazorgContact.objects.filter(soort=ContactSoort.HULPVRAAG).exists()


def test_without_nazorg_there_is_no_form(dossier, burger, werkcoach):
    client = client_voor(burger)
    # Running dossier: no nazorg.
    assert 'name="tekst"' not in client.get(URL).content.decode()
    assert client.post(URL, {"tekst": "Help"}).status_code == 400
    # Ended for another reason: no nazorg either.
    wijzig_status(
        dossier=dossier,
        naar=DossierStatus.BEEINDIGD,
        door=werkcoach,
        reden=Beeindigingsreden.VERHUIZING,
    )
    assert client.post(URL, {"tekst": "Help"}).status_code == 400
    assert not NazorgContact.objects.exists()


def test_other_burger_and_staff_are_refused(in_nazorg, werkcoach):
    ander = UserFactory(rol=Rol.BURGER, team=None)
    DossierFactory(werkzoekende=WerkzoekendeFactory(account=ander))
    client = client_voor(ander)
    assert client.post(URL, {"tekst": "Help"}).status_code == 400
    assert not NazorgContact.objects.filter(soort=ContactSoort.HULPVRAAG).exists()
    assert client_voor(werkcoach).get(URL).status_code == 403
    assert client_voor(werkcoach).post(URL, {"tekst": "x"}).status_code == 403
