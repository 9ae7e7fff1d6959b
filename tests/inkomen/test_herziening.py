"""Herziening art. 54 lid 3 after a household change (issue 14): preview writes nothing,
confirm books the differences, per the kostendelersnorm."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bijstand.dossiers.models import Wijziging
from inkomen import herziening, services
from inkomen.models import Berekening, Boeking, BoekingSoort
from tests.factories import UserFactory

FEBRUARI = date(2026, 2, 1)
MAART = date(2026, 3, 1)
VIJFENTWINTIG = date(2000, 6, 1)  # 25 in 2026: no vrijlating n/r
D = Decimal


def _situatie(maak_dossier, consulent):
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=FEBRUARI)
    dossier.inkomensconsulent = consulent
    dossier.save(update_fields=["inkomensconsulent"])
    for maand in (FEBRUARI, MAART):
        services.boek_maandbetaling(dossier_id=dossier.pk, maand=maand)
    # Reported on 5 April: the sister (40) lives there since 1 February (two months back).
    dossier.werkzoekende.huishouden.leden.create(
        rol="medebewoner",
        naam="Zus",
        geboortedatum=date(1986, 1, 1),
        familie_eerste_of_tweede_graad=True,
    )
    wijziging = Wijziging.objects.create(
        dossier=dossier,
        soort="medebewoner_erbij",
        ingangsdatum=FEBRUARI,
        gemeld_door="burger",
        kanaal="portaal",
    )
    return dossier, wijziging


@pytest.mark.django_db
def test_voorbeeld_en_bevestigen(maak_dossier, consulent):
    dossier, wijziging = _situatie(maak_dossier, consulent)
    versies = Berekening.objects.count()
    voor = Boeking.objects.count()

    maanden = herziening.bereken_herziening(wijziging=wijziging, door=consulent)

    assert [m.maand for m in maanden] == [FEBRUARI, MAART]
    for m in maanden:
        # alleenstaande 21+ norm 1401.50 -> kostendelersnorm (2): 1001.07
        assert (m.huidig, m.nieuw, m.verschil) == (D("1401.50"), D("1001.07"), D("-400.43"))
        assert (m.kostendelers_huidig, m.kostendelers_nieuw) == (1, 2)
    # The preview wrote nothing.
    assert Berekening.objects.count() == versies and Boeking.objects.count() == voor
    wijziging.refresh_from_db()
    assert wijziging.status == "nieuw"

    herziening.bevestig_herziening(wijziging=wijziging, door=consulent)

    for maand in (FEBRUARI, MAART):
        b = Berekening.objects.get(dossier=dossier, maand=maand, actueel=True)
        assert (b.kostendelers, b.bijstand) == (2, D("1001.07"))
    schuld = Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VERREKENINGSSCHULD)
    assert sorted(s.bedrag for s in schuld) == [D("-400.43"), D("-400.43")]
    wijziging.refresh_from_db()
    assert wijziging.status == "verwerkt" and wijziging.behandeld_door == consulent
    # Twice: refused, nothing booked again.
    with pytest.raises(ValidationError):
        herziening.bevestig_herziening(wijziging=wijziging, door=consulent)
    assert schuld.count() == 2


@pytest.mark.django_db
def test_andere_consulent_geweigerd(maak_dossier, consulent):
    _, wijziging = _situatie(maak_dossier, consulent)
    vreemde = UserFactory(rol="inkomensconsulent")
    with pytest.raises(PermissionDenied):
        herziening.bereken_herziening(wijziging=wijziging, door=vreemde)
    with pytest.raises(PermissionDenied):
        herziening.bevestig_herziening(wijziging=wijziging, door=vreemde)
    wijziging.refresh_from_db()
    assert wijziging.status == "nieuw"


@pytest.mark.django_db
def test_scherm_toont_verschillen_en_boekt(maak_dossier, consulent, login):
    from django.urls import reverse

    _, wijziging = _situatie(maak_dossier, consulent)
    url = reverse("inkomen:herziening", args=[wijziging.pk])
    client = login(consulent)
    # The wijziging page links to the herziening.
    detail = client.get(reverse("dossiers:wijziging", args=[wijziging.pk])).content.decode()
    assert url in detail
    pagina = client.get(url)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "1401,50" in html or "1401.50" in html
    assert "-400,43" in html or "-400.43" in html
    assert "-800,86" in html or "-800.86" in html  # total of both months
    assert not Boeking.objects.filter(soort=BoekingSoort.VERREKENINGSSCHULD).exists()
    r = client.post(url)
    assert r.status_code == 302
    assert Boeking.objects.filter(soort=BoekingSoort.VERREKENINGSSCHULD).count() == 2
    # A second POST (back + resubmit): a Dutch message, no 500, nothing booked again.
    opnieuw = client.post(url)
    assert opnieuw.status_code == 200
    assert "al afgehandeld" in opnieuw.content.decode()
    assert Boeking.objects.filter(soort=BoekingSoort.VERREKENINGSSCHULD).count() == 2


@pytest.mark.django_db
def test_scherm_andere_rollen(maak_dossier, consulent, login):
    from django.urls import reverse

    from tests.factories import TeamFactory

    _, wijziging = _situatie(maak_dossier, consulent)
    url = reverse("inkomen:herziening", args=[wijziging.pk])
    vreemde = UserFactory(rol="werkconsulent", team=TeamFactory())
    assert login(vreemde).get(url).status_code == 404
    assert login(vreemde).post(url).status_code == 404
    burger = UserFactory(rol="burger", team=None)
    assert login(burger).get(url).status_code == 403
    assert not Boeking.objects.filter(soort=BoekingSoort.VERREKENINGSSCHULD).exists()


@pytest.mark.django_db
def test_volledige_stroom_via_schermen(maak_dossier, consulent, login):
    """Burger reports (portal) -> consulent adds the medebewoner on the wijziging page ->
    preview -> confirm books the kostendelersnorm difference of both months."""
    from django.urls import reverse

    from bijstand.dossiers import wijzigingen
    from bijstand.logboek.models import Verwerking
    from bijstand.portaal.services import burger_voor_digid

    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=FEBRUARI)
    dossier.inkomensconsulent = consulent
    dossier.save(update_fields=["inkomensconsulent"])
    for maand in (FEBRUARI, MAART):
        services.boek_maandbetaling(dossier_id=dossier.pk, maand=maand)
    persoon = dossier.werkzoekende
    burger_voor_digid(bsn=persoon.bsn)
    persoon.refresh_from_db()
    wijziging = wijzigingen.meld_wijziging(
        dossier=dossier,
        door=persoon.account,
        soort="medebewoner_erbij",
        ingangsdatum=FEBRUARI,
        toelichting="Mijn zus woont bij mij.",
    )
    client = login(consulent)
    assert wijziging.pk in [w.pk for w in wijzigingen.werklijst_queryset(user=consulent)]
    vijandig = '<img src=x onerror="alert(1)">'
    r = client.post(
        reverse("dossiers:wijziging_lid_toevoegen", args=[wijziging.pk]),
        {
            "rol": "medebewoner",
            "naam": vijandig,
            "geboortedatum": "1986-01-01",
            "familie_eerste_of_tweede_graad": "on",
        },
    )
    assert r.status_code == 302
    assert Verwerking.objects.filter(operatie="voeg_huishoudenlid_toe").exists()
    detail = client.get(reverse("dossiers:wijziging", args=[wijziging.pk])).content.decode()
    assert vijandig not in detail and "&lt;img" in detail
    # Bad input: a Dutch message, nothing added.
    fout = client.post(
        reverse("dossiers:wijziging_lid_toevoegen", args=[wijziging.pk]),
        {"rol": "medebewoner", "naam": "X", "geboortedatum": "morgen"},
        follow=True,
    )
    assert fout.status_code == 200 and "Vul een geldige datum in." in fout.content.decode()
    assert persoon.huishouden.leden.count() == 1
    url = reverse("inkomen:herziening", args=[wijziging.pk])
    assert (
        "-800,86" in client.get(url).content.decode()
        or "-800.86" in client.get(url).content.decode()
    )
    assert client.post(url).status_code == 302
    schuld = Boeking.objects.filter(dossier=dossier, soort=BoekingSoort.VERREKENINGSSCHULD)
    assert sorted(s.bedrag for s in schuld) == [D("-400.43"), D("-400.43")]
    # Handled: the household can no longer be changed through this wijziging.
    lid = persoon.huishouden.leden.get()
    weg = client.post(
        reverse("dossiers:wijziging_lid_verwijderen", args=[wijziging.pk, lid.pk]), follow=True
    )
    assert "alleen aan bij een open wijziging" in weg.content.decode()
    assert persoon.huishouden.leden.count() == 1
