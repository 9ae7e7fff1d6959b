"""Wijzigingen for staff (issue 14): worklist, register a phoned-in change, handle, refuse."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bijstand.accounts.models import Rol
from bijstand.dossiers import wijzigingen
from bijstand.dossiers.models import Wijziging
from bijstand.portaal.services import burger_voor_digid
from tests.factories import DossierFactory, UserFactory

pytestmark = pytest.mark.django_db
VIJANDIG = '<script>alert("x")</script>'


@pytest.fixture
def burger_van(dossier):
    persoon = dossier.werkzoekende
    burger_voor_digid(bsn=persoon.bsn)
    persoon.refresh_from_db()
    return persoon.account


def test_burger_meldt_consulent_ziet_en_behandelt(burger_van, dossier, werkcoach, login):
    gemeld = wijzigingen.meld_wijziging(
        dossier=dossier,
        door=burger_van,
        soort="verhuizing",
        ingangsdatum=timezone.localdate() + timedelta(days=10),
        toelichting=VIJANDIG,
        kanaal="telefoon",  # a burger always reports through the portal
    )
    assert gemeld.kanaal == "portaal" and gemeld.gemeld_door == "burger"
    client = login(werkcoach)
    lijst = client.get(reverse("dossiers:wijzigingen"))
    assert lijst.status_code == 200
    html = lijst.content.decode()
    assert reverse("dossiers:wijziging", args=[gemeld.pk]) in html
    assert dossier.werkzoekende.naam in html
    assert 'href="/wijzigingen/"' in client.get(reverse("dossiers:caseload")).content.decode()
    detail = client.get(reverse("dossiers:wijziging", args=[gemeld.pk])).content.decode()
    assert VIJANDIG not in detail and "&lt;script&gt;" in detail
    # Afwijzen without a reason: a Dutch error, nothing changes.
    fout = client.post(reverse("dossiers:wijziging", args=[gemeld.pk]), {"status": "afgewezen"})
    assert fout.status_code == 200
    assert "Schrijf waarom u de wijziging afwijst." in fout.content.decode()
    gemeld.refresh_from_db()
    assert gemeld.status == "nieuw"
    ok = client.post(reverse("dossiers:wijziging", args=[gemeld.pk]), {"status": "verwerkt"})
    assert ok.status_code == 302
    gemeld.refresh_from_db()
    assert gemeld.status == "verwerkt" and gemeld.behandeld_door == werkcoach
    assert gemeld.behandeld_op is not None
    # Handled: off the worklist, and it cannot go back.
    assert (
        reverse("dossiers:wijziging", args=[gemeld.pk])
        not in client.get(reverse("dossiers:wijzigingen")).content.decode()
    )
    terug = client.post(
        reverse("dossiers:wijziging", args=[gemeld.pk]),
        {"status": "afgewezen", "afwijsreden": "toch niet"},
    )
    assert terug.status_code == 200 and "al afgehandeld" in terug.content.decode()


def test_consulent_registreert_telefonische_wijziging_eenmaal(dossier, werkcoach, login):
    client = login(werkcoach)
    url = reverse("dossiers:wijzigingen_dossier", args=[dossier.pk])
    assert url in client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    pagina = client.get(url)
    assert pagina.status_code == 200
    data = {
        "soort": "medebewoner_weg",
        "ingangsdatum": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "kanaal": "telefoon",
        "toelichting": "Broer is vertrokken.",
        "idempotentiesleutel": "a" * 32,
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    w = Wijziging.objects.get()
    assert w.gemeld_door == "consulent" and w.kanaal == "telefoon"
    assert w.geregistreerd_door == werkcoach
    fout = client.post(url, {**data, "idempotentiesleutel": "b" * 32, "ingangsdatum": "x"})
    assert fout.status_code == 200 and "Vul een geldige datum in." in fout.content.decode()
    assert Wijziging.objects.count() == 1


def test_andere_consulent_en_burger_geweigerd(dossier, andere_werkcoach, login, team):
    w = Wijziging.objects.create(
        dossier=dossier,
        soort="geboorte",
        ingangsdatum=timezone.localdate(),
        gemeld_door="consulent",
        kanaal="telefoon",
    )
    client = login(andere_werkcoach)
    assert client.get(reverse("dossiers:wijziging", args=[w.pk])).status_code == 404
    assert (
        client.post(reverse("dossiers:wijziging", args=[w.pk]), {"status": "verwerkt"}).status_code
        == 404
    )
    assert client.get(reverse("dossiers:wijzigingen_dossier", args=[dossier.pk])).status_code == 404
    assert (
        reverse("dossiers:wijziging", args=[w.pk])
        not in client.get(reverse("dossiers:wijzigingen")).content.decode()
    )
    # A teamleider may look but not handle; a burger never reaches the staff screens.
    teamleider = team.teamleider or UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.teamleider = teamleider
    team.save()
    tl = login(teamleider)
    assert tl.get(reverse("dossiers:wijzigingen")).status_code == 403
    assert (
        tl.post(reverse("dossiers:wijziging", args=[w.pk]), {"status": "verwerkt"}).status_code
        == 403
    )
    w.refresh_from_db()
    assert w.status == "nieuw"
    # Another burger cannot report on this dossier.
    ander = DossierFactory(werkzoekende__account=UserFactory(rol=Rol.BURGER, team=None))
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        wijzigingen.meld_wijziging(
            dossier=dossier,
            door=ander.werkzoekende.account,
            soort="geboorte",
            ingangsdatum=timezone.localdate(),
        )


def test_medebewoner_weg_uit_huishouden(dossier, werkcoach, login, andere_werkcoach):
    lid = dossier.werkzoekende.huishouden.leden.create(
        rol="medebewoner", naam="Broer", geboortedatum=timezone.localdate() - timedelta(days=9000)
    )
    w = wijzigingen.meld_wijziging(
        dossier=dossier,
        door=werkcoach,
        soort="medebewoner_weg",
        ingangsdatum=timezone.localdate(),
        kanaal="balie",
    )
    url = reverse("dossiers:wijziging_lid_verwijderen", args=[w.pk, lid.pk])
    # Another werkcoach: 404, the member stays.
    assert login(andere_werkcoach).post(url).status_code == 404
    assert dossier.werkzoekende.huishouden.leden.count() == 1
    client = login(werkcoach)
    assert (
        "Broer uit het huishouden halen"
        in client.get(reverse("dossiers:wijziging", args=[w.pk])).content.decode()
    )
    assert client.post(url).status_code == 302
    assert not dossier.werkzoekende.huishouden.leden.exists()
    opnieuw = client.post(url, follow=True)
    assert "staat niet (meer) in het huishouden" in opnieuw.content.decode()
