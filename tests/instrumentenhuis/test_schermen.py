"""The staff screens: tab, catalogue, eligible people, inzet page and its actions; their log
lines; confidential inzetten; query counts that do not grow with the number of rows."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils.html import escape

from bijstand.accounts.models import Rol
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from instrumentenhuis import services
from instrumentenhuis.models import Instrument, Inzet, InzetStatus, Rapportage
from tests.factories import DossierFactory, UserFactory

from .factories import InstrumentFactory, maak_profiel

pytestmark = pytest.mark.django_db


def _regels(dossier, operatie: str):
    return Verwerking.objects.filter(
        betrokkene=pseudoniem(dossier.werkzoekende.log_subject), operatie=operatie
    )


def test_tab_toont_inzetten_en_suggesties_met_redenen(coach_client, coach, persoon_dossier):
    maak_profiel(persoon_dossier, trede=2, scores={"financien": 2}, taalniveau="onder_1f")
    services.vraag_aan(
        dossier=persoon_dossier,
        instrument=Instrument.objects.get(code="vca-basis"),
        door=coach,
    )
    response = coach_client.get(f"/dossiers/{persoon_dossier.pk}/instrumenten/")
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(persoon_dossier.werkzoekende.naam) in html
    assert "VCA Basisveiligheid" in html and "Aangevraagd" in html
    assert 'id="suggestie-' in html
    assert (
        escape(
            "Financiën: niveau 2 (niet zelfredzaam), dit instrument is voor niveau 1 tot en met 3"
        )
        in html
    )
    assert "taalniveau nu onder 1F; dit instrument leidt op tot 1F" in html
    assert _regels(persoon_dossier, "bekijk_instrumenten").count() == 1


def test_vertrouwelijke_inzet_alleen_voor_eigen_werkcoach(coach, persoon_dossier):
    ggz = Instrument.objects.get(code="ggz-traject")
    inzet = services.vraag_aan(dossier=persoon_dossier, instrument=ggz, door=coach)
    eigen = Client()
    eigen.force_login(coach)
    assert (
        "GGZ-traject" in eigen.get(f"/dossiers/{persoon_dossier.pk}/instrumenten/").content.decode()
    )
    assert _regels(persoon_dossier, "bekijk_instrumenten").filter(vertrouwelijk=True).exists()
    assert (
        eigen.get(
            f"/instrumentenhuis/dossiers/{persoon_dossier.pk}/inzetten/{inzet.pk}/"
        ).status_code
        == 200
    )

    leider = Client()
    leider.force_login(coach.team.teamleider)
    html = leider.get(f"/dossiers/{persoon_dossier.pk}/instrumenten/").content.decode()
    assert "GGZ-traject" not in html
    assert (
        leider.get(
            f"/instrumentenhuis/dossiers/{persoon_dossier.pk}/inzetten/{inzet.pk}/"
        ).status_code
        == 404
    )


def test_aanvragen_goedkeuren_en_wachtlijst_via_schermen(coach_client, coach, persoon_dossier):
    instrument = InstrumentFactory(naam="Scherm proef", capaciteit_per_jaar=0)
    response = coach_client.post(
        f"/instrumentenhuis/dossiers/{persoon_dossier.pk}/aanvragen/",
        {
            "instrument": instrument.pk,
            "begindatum": date.today().isoformat(),
            "toelichting": "Past.",
        },
    )
    inzet = Inzet.objects.get(dossier=persoon_dossier, instrument=instrument)
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"/instrumentenhuis/dossiers/{persoon_dossier.pk}/inzetten/{inzet.pk}/"
    )
    pad = f"/instrumentenhuis/dossiers/{persoon_dossier.pk}/inzetten/{inzet.pk}/status/"

    geweigerd = coach_client.post(pad, {"naar": "goedgekeurd"})
    assert geweigerd.status_code == 200
    html = geweigerd.content.decode()
    assert "zijn bezet. U kunt de aanvraag op de wachtlijst zetten." in html
    assert 'name="naar" value="wachtlijst"' in html
    inzet.refresh_from_db()
    assert inzet.status == InzetStatus.AANVRAAG

    assert coach_client.post(pad, {"naar": "wachtlijst"}).status_code == 302
    inzet.refresh_from_db()
    assert inzet.status == InzetStatus.WACHTLIJST
    pagina = coach_client.get(
        f"/instrumentenhuis/dossiers/{persoon_dossier.pk}/inzetten/{inzet.pk}/"
    )
    assert "plaats 1 op de wachtlijst" in pagina.content.decode()


def test_afronden_zonder_resultaat_geeft_fout_op_formulier(coach_client, coach, persoon_dossier):
    inzet = services.start(
        inzet=services.keur_goed(
            inzet=services.vraag_aan(
                dossier=persoon_dossier, instrument=InstrumentFactory(), door=coach
            ),
            door=coach,
        ),
        door=coach,
    )
    response = coach_client.post(
        f"/instrumentenhuis/dossiers/{persoon_dossier.pk}/inzetten/{inzet.pk}/status/",
        {"naar": "afgerond", "datum": date.today().isoformat()},
    )
    assert response.status_code == 200
    assert "Kies het resultaat van de inzet." in response.content.decode()
    inzet.refresh_from_db()
    assert inzet.status == InzetStatus.GESTART


def test_rapportage_vastleggen_door_werkcoach(coach_client, coach, persoon_dossier):
    instrument = InstrumentFactory()
    inzet = services.start(
        inzet=services.keur_goed(
            inzet=services.vraag_aan(dossier=persoon_dossier, instrument=instrument, door=coach),
            door=coach,
        ),
        door=coach,
    )
    pad = f"/instrumentenhuis/dossiers/{persoon_dossier.pk}/inzetten/{inzet.pk}/rapportage/"
    assert coach_client.get(pad).status_code == 200
    assert _regels(persoon_dossier, "bekijk_inzet").exists()
    response = coach_client.post(
        pad,
        {
            "soort": "voortgang",
            "datum": date.today().isoformat(),
            "aanwezigheid_pct": "90",
            "tekst": "Komt elke week.",
        },
    )
    assert response.status_code == 302
    rapportage = Rapportage.objects.get(inzet=inzet)
    assert (rapportage.bron, rapportage.aanwezigheid_pct, rapportage.vastgelegd_door) == (
        "aanbieder_werkcoach",
        90,
        coach,
    )


def test_werkgeversafspraak_scherm_berekent_lks(coach_client, coach, persoon_dossier):
    lks = Instrument.objects.get(code="loonkostensubsidie")
    inzet = services.vraag_aan(dossier=persoon_dossier, instrument=lks, door=coach)
    pad = f"/instrumentenhuis/dossiers/{persoon_dossier.pk}/inzetten/{inzet.pk}/werkgever/"
    assert coach_client.get(pad).status_code == 200
    response = coach_client.post(
        pad,
        {
            "werkgever_naam": "Kaasboer 't Zuid",
            "ingangsdatum": "2026-02-01",
            "loonwaarde_pct": "60",
            "loonwaardemeting_datum": "2026-01-15",
            "uren_per_week": "32",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    detail = coach_client.get(response["Location"]).content.decode()
    assert "€ 815,92" in detail
    assert escape("Kaasboer 't Zuid") in detail


def test_kandidaten_pagina_logt_per_getoonde_persoon(coach_client, coach):
    instrument = Instrument.objects.get(code="werkervaringsplaats")
    dossiers = [DossierFactory(werkcoach=coach) for _ in range(3)]
    for d in dossiers:
        maak_profiel(d, trede=3, scores={"werk_opleiding": 2})
    response = coach_client.get(f"/instrumentenhuis/{instrument.pk}/kandidaten/")
    assert response.status_code == 200
    html = response.content.decode()
    for d in dossiers:
        assert escape(d.werkzoekende.naam) in html
        assert _regels(d, "bekijk_kandidaten_instrument").count() == 1


def test_catalogus_filtert_in_de_database(coach_client):
    response = coach_client.get("/instrumentenhuis/?categorie=taal")
    html = response.content.decode()
    assert "Taaltraject naar 1F" in html and "Loonkostensubsidie" not in html
    leefgebied = coach_client.get("/instrumentenhuis/?leefgebied=financien").content.decode()
    assert "Budgetbeheer" in leefgebied and "VCA Basisveiligheid" not in leefgebied
    trede = coach_client.get("/instrumentenhuis/?trede=1").content.decode()
    assert "Vrijwilligerswerk" in trede and "Garantiebaan" not in trede
    menu = coach_client.get("/instrumentenhuis/").content.decode()
    assert 'href="/instrumentenhuis/" aria-current="page">Instrumentenhuis' in menu


# --- query counts ----------------------------------------------------------------------------


def _tel(django_assert_max_num_queries, client, pad, maximum):
    client.get(pad)  # warm-up: per-process caches (log activities) are not the page's cost
    with django_assert_max_num_queries(maximum) as ctx:
        assert client.get(pad).status_code == 200
    return len(ctx.captured_queries)


def test_queries_tab_constant(coach_client, coach, django_assert_max_num_queries):
    een = DossierFactory(werkcoach=coach)
    veel = DossierFactory(werkcoach=coach)
    for d in (een, veel):
        maak_profiel(d, trede=3, scores={"financien": 2, "werk_opleiding": 2})
    instrumenten = list(
        Instrument.objects.filter(actief=True, minimum_leeftijd__isnull=True).order_by("pk")
    )
    services.vraag_aan(dossier=een, instrument=instrumenten[0], door=coach)
    for instrument in instrumenten[:8]:
        inzet = services.vraag_aan(dossier=veel, instrument=instrument, door=coach)
        services.stop(inzet=inzet, door=coach, reden="ingetrokken")
        services.vraag_aan(dossier=veel, instrument=instrument, door=coach)
    a = _tel(django_assert_max_num_queries, coach_client, f"/dossiers/{een.pk}/instrumenten/", 40)
    b = _tel(django_assert_max_num_queries, coach_client, f"/dossiers/{veel.pk}/instrumenten/", 40)
    assert a == b


def test_queries_inzet_constant(
    coach_client, coach, persoon_dossier, django_assert_max_num_queries
):
    instrument = InstrumentFactory()
    kort = services.vraag_aan(dossier=persoon_dossier, instrument=instrument, door=coach)
    lang_dossier = DossierFactory(werkcoach=coach)
    lang = services.start(
        inzet=services.keur_goed(
            inzet=services.vraag_aan(dossier=lang_dossier, instrument=instrument, door=coach),
            door=coach,
        ),
        door=coach,
    )
    for i in range(5):
        services.registreer_rapportage(
            inzet=lang,
            aanbieder=instrument.aanbieder,
            soort="voortgang",
            bron="aanbieder",
            aanwezigheid_pct=80 + i,
        )
    a = _tel(
        django_assert_max_num_queries,
        coach_client,
        f"/instrumentenhuis/dossiers/{persoon_dossier.pk}/inzetten/{kort.pk}/",
        35,
    )
    b = _tel(
        django_assert_max_num_queries,
        coach_client,
        f"/instrumentenhuis/dossiers/{lang_dossier.pk}/inzetten/{lang.pk}/",
        35,
    )
    assert a == b


def test_queries_kandidaten_en_catalogus_constant(
    coach_client, coach, django_assert_max_num_queries
):
    instrument = Instrument.objects.get(code="werkervaringsplaats")
    d = DossierFactory(werkcoach=coach)
    maak_profiel(d, trede=3, scores={"werk_opleiding": 2})
    pad = f"/instrumentenhuis/{instrument.pk}/kandidaten/"
    a = _tel(django_assert_max_num_queries, coach_client, pad, 30)
    for _ in range(6):
        extra = DossierFactory(werkcoach=coach)
        maak_profiel(extra, trede=3, scores={"werk_opleiding": 1, "tijdsbesteding": 2})
    b = _tel(django_assert_max_num_queries, coach_client, pad, 30)
    assert a == b
    # The catalogue: a page of 20 instruments costs what a page of 2 costs.
    c = _tel(django_assert_max_num_queries, coach_client, "/instrumentenhuis/?categorie=taal", 25)
    e = _tel(django_assert_max_num_queries, coach_client, "/instrumentenhuis/", 25)
    assert c == e


def test_andere_werkcoach_ziet_niets_van_kandidaten_elders(coach):
    instrument = Instrument.objects.get(code="werkervaringsplaats")
    d = DossierFactory(werkcoach=coach)
    maak_profiel(d, trede=3, scores={"werk_opleiding": 2})
    ander = Client()
    ander.force_login(UserFactory(rol=Rol.WERKCONSULENT))
    html = ander.get(f"/instrumentenhuis/{instrument.pk}/kandidaten/").content.decode()
    assert escape(d.werkzoekende.naam) not in html
    assert "Niemand in uw caseload komt nu in aanmerking." in html
