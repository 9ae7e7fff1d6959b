"""The payment-run screens: list, detail with parts and unpaid dossiers, the htmx progress
partial and the download of the pain.001 file (permission-checked, every person logged)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from bijstand.accounts.models import Rol
from bijstand.core.crypto import pseudoniem
from bijstand.core.menu import staff_menu
from bijstand.logboek.models import Verwerking
from inkomen import betaalrun
from inkomen.models import Betaalrun, BetaalrunDeel, BetaalrunStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FEBRUARI = date(2026, 2, 1)
MAART = date(2026, 3, 1)
VIJFENTWINTIG = date(2000, 6, 1)  # no vrijlating: 1331.42 a month


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def beheerder(db):
    return UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True)


@pytest.fixture
def betaalrun_medewerker(db):
    """The only role that downloads the SEPA file (financial administration)."""
    return UserFactory(rol=Rol.BETAALRUN, team=None)


@pytest.fixture
def gedraaid(maak_dossier, consulent, settings):
    """Two paid dossiers of the consulent, one without IBAN (in scope) and one without IBAN
    of another consulent; March paid in chunks of 2."""
    settings.INKOMEN_BETAALRUN_CHUNK = 2
    eigen = [maak_dossier(geboortedatum=VIJFENTWINTIG) for _ in range(2)]
    geen_iban = maak_dossier(geboortedatum=VIJFENTWINTIG)
    ander = maak_dossier(geboortedatum=VIJFENTWINTIG)
    for d in (*eigen, geen_iban):
        d.inkomensconsulent = consulent
        d.save()
    ander.inkomensconsulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    ander.save()
    for d in (geen_iban, ander):
        d.werkzoekende.iban = ""
        d.werkzoekende.save()
    run = betaalrun.voer_uit(maand=MAART)
    return {"run": run, "eigen": eigen, "geen_iban": geen_iban, "ander": ander}


def test_lijst_met_status_voortgang_en_totalen(gedraaid, consulent):
    run = gedraaid["run"]
    bezig = Betaalrun.objects.create(
        maand=date(2026, 4, 1),
        betaaldatum=date(2026, 4, 25),
        status=BetaalrunStatus.BEZIG,
        chunks_totaal=4,
        chunks_klaar=1,
    )
    response = ingelogd(consulent).get(reverse("inkomen:betaalruns"))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["actieve_sectie"] == "betaalruns"
    rijen = dict((r.pk, p) for r, p in response.context["rijen"])
    assert rijen == {run.pk: 100, bezig.pk: 25}
    assert "maart 2026" in html and "april 2026" in html
    assert "€ 2.662,84" in html  # two payments of 1331.42 in the file
    assert "25% (1 van 4 delen)" in html
    # newest month first
    assert html.index("april 2026") < html.index("maart 2026")

    gefilterd = ingelogd(consulent).get(reverse("inkomen:betaalruns"), {"status": "bezig"})
    assert [r.pk for r, _p in gefilterd.context["rijen"]] == [bezig.pk]
    onbekend = ingelogd(consulent).get(reverse("inkomen:betaalruns"), {"status": "x"})
    assert len(onbekend.context["rijen"]) == 2


def test_lijst_is_gepagineerd_met_vast_aantal_queries(consulent, django_assert_max_num_queries):
    Betaalrun.objects.create(maand=date(2025, 1, 1), betaaldatum=date(2025, 1, 25))
    client = ingelogd(consulent)
    with CaptureQueriesContext(connection) as een:
        assert client.get(reverse("inkomen:betaalruns")).status_code == 200
    for m in range(2, 13):
        Betaalrun.objects.create(
            maand=date(2025, m, 1), betaaldatum=date(2025, m, 25), status="bezig"
        )
    Betaalrun.objects.create(maand=date(2026, 1, 1), betaaldatum=date(2026, 1, 25))
    with django_assert_max_num_queries(len(een.captured_queries)):
        response = client.get(reverse("inkomen:betaalruns"))
    assert len(response.context["rijen"]) == 12
    assert response.context["pagina"].paginator.num_pages == 2
    tweede = client.get(reverse("inkomen:betaalruns"), {"pagina": 2})
    assert [r.maand for r, _p in tweede.context["rijen"]] == [date(2025, 1, 1)]


def test_detail_met_delen_wijzigingen_en_bestand(gedraaid, consulent):
    run = gedraaid["run"]
    response = ingelogd(consulent).get(reverse("inkomen:betaalrun", args=[run.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["voortgang"]["percentage"] == 100
    assert not response.context["loopt"]
    assert "hx-trigger" not in html  # finished: no polling
    assert [d.nummer for d in response.context["delen"]] == [0, 1]
    # The file is for the medewerker betaalruns only (tests/inkomen/test_betaalrun_rol.py).
    assert reverse("inkomen:betaalbestand", args=[run.pk]) not in html
    assert run.bestand_sha256 in html
    assert [(w.van, w.naar) for w in response.context["wijzigingen"]] == [
        ("gepland", "bezig"),
        ("bezig", "klaar"),
    ]
    assert response.context["niet_per_reden"] == [("geen_iban", "Geen geldig IBAN bekend", 2)]


def test_niet_betaald_alleen_eigen_dossiers_en_gelogd(gedraaid, consulent):
    run = gedraaid["run"]
    eigen, ander = gedraaid["geen_iban"], gedraaid["ander"]
    response = ingelogd(consulent).get(reverse("inkomen:betaalrun", args=[run.pk]))
    html = response.content.decode()
    assert [b.dossier_id for b in response.context["niet_betaald"]] == [eigen.pk]
    assert escape(eigen.werkzoekende.naam) in html
    assert escape(ander.werkzoekende.naam) not in html
    regel = Verwerking.objects.get(
        betrokkene=pseudoniem(eigen.werkzoekende.log_subject), operatie="bekijk_niet_betaald"
    )
    assert regel.soorten_gegevens == ["identificatie", "uitkering"]
    assert not Verwerking.objects.filter(
        betrokkene=pseudoniem(ander.werkzoekende.log_subject), operatie="bekijk_niet_betaald"
    ).exists()


def test_beheerder_ziet_voortgang_zonder_persoonsgegevens(gedraaid, beheerder):
    run = gedraaid["run"]
    response = ingelogd(beheerder).get(reverse("inkomen:betaalrun", args=[run.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert not response.context["toon_niet_betaald"]
    assert escape(gedraaid["geen_iban"].werkzoekende.naam) not in html
    assert reverse("inkomen:betaalbestand", args=[run.pk]) not in html
    assert not Verwerking.objects.filter(operatie="bekijk_niet_betaald").exists()
    assert ingelogd(beheerder).get(reverse("inkomen:betaalbestand", args=[run.pk])).status_code == (
        403
    )


def test_voortgang_partial_pollt_zolang_de_run_loopt(maak_dossier, beheerder, settings):
    settings.INKOMEN_BETAALRUN_CHUNK = 1
    for _ in range(4):
        maak_dossier(geboortedatum=VIJFENTWINTIG)
    run = betaalrun.start_betaalrun(maand=MAART)
    client = ingelogd(beheerder)
    url = reverse("inkomen:betaalrun_voortgang", args=[run.pk])

    nummer, ids = run.te_doen[0]
    betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    bezig = client.get(url, headers={"HX-Request": "true"})
    assert bezig.status_code == 200
    assert bezig["Cache-Control"] == "no-store"
    html = bezig.content.decode()
    assert f'hx-get="{url}"' in html and 'hx-trigger="every 3s"' in html
    assert 'value="25"' in html  # <progress>: 1 of 4 parts
    assert bezig.context["voortgang"]["aantal_betalingen"] == 1  # live count while busy
    assert "<html" not in html  # only the block

    for nummer, ids in run.te_doen[1:]:
        betaalrun.verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer)
    betaalrun.rond_af(betaalrun_id=run.pk)
    klaar = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in klaar  # the polling stops
    assert 'value="100"' in klaar


def test_download_betaalbestand_gelogd_zonder_bsn(gedraaid, betaalrun_medewerker):
    run = gedraaid["run"]
    response = ingelogd(betaalrun_medewerker).get(reverse("inkomen:betaalbestand", args=[run.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert 'filename="betaalbestand-2026-03.xml"' in response["Content-Disposition"]
    inhoud = b"".join(response.streaming_content)
    assert inhoud.startswith(b"<?xml")
    run.bestand.open("rb")
    assert inhoud == run.bestand.read()
    for d in gedraaid["eigen"]:
        assert d.werkzoekende.bsn.encode() not in inhoud
        assert d.werkzoekende.iban.encode() in inhoud
        regel = Verwerking.objects.get(
            betrokkene=pseudoniem(d.werkzoekende.log_subject), operatie="download_betaalbestand"
        )
        assert set(regel.soorten_gegevens) == {"identificatie", "bankrekening", "uitkering"}
    # the unpaid (not in the file) are not logged for the download
    assert not Verwerking.objects.filter(
        betrokkene=pseudoniem(gedraaid["geen_iban"].werkzoekende.log_subject),
        operatie="download_betaalbestand",
    ).exists()


def test_download_van_een_lopende_of_onbekende_run_is_404(betaalrun_medewerker):
    run = Betaalrun.objects.create(
        maand=MAART, betaaldatum=date(2026, 3, 25), status=BetaalrunStatus.BEZIG
    )
    client = ingelogd(betaalrun_medewerker)
    assert client.get(reverse("inkomen:betaalbestand", args=[run.pk])).status_code == 404
    assert client.get(reverse("inkomen:betaalbestand", args=[run.pk + 99])).status_code == 404
    assert client.get(reverse("inkomen:betaalrun", args=[run.pk + 99])).status_code == 404


def test_detail_delen_gepagineerd_met_vast_aantal_queries(gedraaid, consulent):
    run = gedraaid["run"]
    client = ingelogd(consulent)
    url = reverse("inkomen:betaalrun", args=[run.pk])
    with CaptureQueriesContext(connection) as weinig:
        client.get(url)
    for nummer in range(2, 45):
        BetaalrunDeel.objects.create(betaalrun=run, nummer=nummer, aantal_dossiers=2)
    with CaptureQueriesContext(connection) as veel:
        response = client.get(url)
    assert len(veel.captured_queries) == len(weinig.captured_queries)
    assert len(response.context["delen"]) == 20
    assert response.context["delen"].paginator.num_pages == 3


def test_menu_betaalruns_voor_consulent_en_beheerder(consulent, beheerder):
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT)
    assert "betaalruns" in [i["sleutel"] for i in staff_menu(consulent)]
    assert "betaalruns" in [i["sleutel"] for i in staff_menu(beheerder)]
    assert "betaalruns" not in [i["sleutel"] for i in staff_menu(werkcoach)]
    html = ingelogd(consulent).get(reverse("inkomen:betaalruns")).content.decode()
    assert f'href="{reverse("inkomen:betaalruns")}" aria-current="page"' in html
