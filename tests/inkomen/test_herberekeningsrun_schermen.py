"""The Herberekeningen screens: list, detail with progress (htmx partial), "Herbereken vanaf"
with a confirmation, "Opnieuw starten"; who may see and start them; escaping; pagination; the
links from the admin's rule-set pages and the staff menu."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bijstand.accounts.models import Rol
from bijstand.accounts.services import pas_rol_rechten_toe
from bijstand.core.menu import staff_menu
from inkomen import betaalrun
from inkomen.models import Berekening, Boeking, BoekingSoort, Regelset
from inkomen.models_herberekening import (
    Herberekeningsrun,
    HerberekeningsrunDeel,
    HerberekeningsrunStatus,
)
from tests.factories import UserFactory
from tests.toegang.matrix import L, statussen, verwachting

pytestmark = pytest.mark.django_db

JAN = date(2026, 1, 1)
FEB = date(2026, 2, 1)
LIJST = "/herberekeningen/"


@pytest.fixture
def beheerder(db):
    user = UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True)
    pas_rol_rechten_toe(user)  # staff + the beheer group, as for every beheerder
    return user


@pytest.fixture
def als(client):
    def _als(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _als


def _run(**velden) -> Herberekeningsrun:
    standaard = {"aanleiding": "test", "vanaf": JAN}
    return Herberekeningsrun.objects.create(**{**standaard, **velden})


def test_urls():
    assert reverse("inkomen:herberekeningen") == LIJST
    assert reverse("inkomen:herberekeningsrun", args=[3]) == "/herberekeningen/3/"


def test_toegang(wereld):
    run = _run()
    zien = [L, 403, 403, 403, 403, 200, 403, 200, 403, 403]
    for pad in (LIJST, f"/herberekeningen/{run.pk}/", f"/herberekeningen/{run.pk}/voortgang/"):
        assert statussen(wereld, "get", pad) == verwachting(zien), pad
    starten = [L, 403, 403, 403, 403, 200, 403, 403, 403, 403]
    data = {"vanaf": "2026-01", "tot": "", "aanleiding": "x"}
    assert statussen(wereld, "post", "/herberekeningen/starten/", data) == verwachting(starten)
    assert not Herberekeningsrun.objects.exclude(pk=run.pk).exists()  # step 1 starts nothing
    herstart = [L, 403, 403, 403, 403, 302, 403, 403, 403, 403]
    assert statussen(wereld, "post", f"/herberekeningen/{run.pk}/opnieuw/") == verwachting(herstart)
    assert statussen(wereld, "get", "/herberekeningen/9999/")["beheerder"] == 404
    assert statussen(wereld, "get", "/herberekeningen/starten/")["beheerder"] == 405


def test_menu_en_beheer_linken_naar_herberekeningen(beheerder, als):
    betaal = UserFactory(rol=Rol.BETAALRUN, team=None)
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    assert "herberekeningen" in {i["sleutel"] for i in staff_menu(beheerder)}
    assert "herberekeningen" in {i["sleutel"] for i in staff_menu(betaal)}
    assert "herberekeningen" not in {i["sleutel"] for i in staff_menu(consulent)}
    client = als(beheerder)
    assert f'href="{LIJST}"' in client.get(LIJST).content.decode()  # the nav entry
    for url in (
        reverse("admin:inkomen_regelset_changelist"),
        reverse("admin:inkomen_regelset_change", args=[Regelset.objects.first().pk]),
        reverse("admin:inkomen_beleidsinstelling_changelist"),
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 200
        assert f'href="{LIJST}"' in antwoord.content.decode(), url


def test_herbereken_vanaf_met_bevestiging(
    maak_dossier, vandaag, beheerder, als, django_capture_on_commit_callbacks
):
    dossiers = [maak_dossier(ingangsdatum=JAN) for _ in range(3)]
    for maand in (JAN, FEB):
        vandaag(maand.replace(day=20))
        betaalrun.voer_uit(maand=maand)
    vandaag(date(2026, 3, 5))
    regel = Regelset.objects.get(geldig_vanaf=JAN)
    regel.data = {**regel.data, "norm_alleenstaande": "1411.50"}
    regel.save()  # by hand in the database: no run (the admin would have started one)
    client = als(beheerder)

    stap1 = client.post(
        "/herberekeningen/starten/", {"vanaf": "2026-01", "tot": "2026-02", "aanleiding": "fix"}
    )
    assert stap1.status_code == 200
    tekst = stap1.content.decode()
    assert "januari 2026 tot en met februari 2026" in tekst
    assert "Er worden 6 berekende maanden opnieuw berekend" in tekst
    assert not Herberekeningsrun.objects.exists()
    sleutel = stap1.context["sleutel"]

    gegevens = {"vanaf": "2026-01", "tot": "2026-02", "aanleiding": "fix", "sleutel": sleutel}
    with django_capture_on_commit_callbacks(execute=True):
        stap2 = client.post("/herberekeningen/starten/", gegevens)
    run = Herberekeningsrun.objects.get()
    assert stap2.status_code == 302 and stap2["Location"] == f"/herberekeningen/{run.pk}/"
    assert run.status == HerberekeningsrunStatus.KLAAR and run.gestart_door == beheerder
    assert (run.vanaf, run.tot, run.aanleiding) == (JAN, FEB, "Handmatig: fix")
    assert Boeking.objects.filter(soort=BoekingSoort.NABETALING).count() == 6
    detail = client.get(stap2["Location"])
    tekst = detail.content.decode()
    assert "De herberekening januari 2026 tot en met februari 2026 is gestart." in tekst
    assert "100%: 6 van 6 maanden herberekend" in tekst
    assert "hx-get" not in tekst  # finished: no polling

    # back + resubmit of the confirmation: no second run
    with django_capture_on_commit_callbacks(execute=True):
        nogmaals = client.post("/herberekeningen/starten/", gegevens, follow=True)
    assert Herberekeningsrun.objects.count() == 1
    assert "Deze herberekening was al gestart." in nogmaals.content.decode()
    assert Boeking.objects.filter(soort=BoekingSoort.NABETALING).count() == 6
    assert len(dossiers) == 3


@pytest.mark.parametrize(
    ("gegevens", "fout"),
    [
        ({"vanaf": "2026-13", "aanleiding": "x"}, "Vul een maand in als jjjj-mm"),
        ({"vanaf": "januari", "aanleiding": "x"}, "Vul een maand in als jjjj-mm"),
        ({"vanaf": "", "aanleiding": "x"}, "Vul de eerste maand in."),
        ({"vanaf": "2026-03", "tot": "2026-01", "aanleiding": "x"}, "ligt voor de eerste maand"),
        ({"vanaf": "2026-03", "aanleiding": ""}, "Vul de reden in."),
        ({"vanaf": "2026-03", "aanleiding": "x" * 151}, "Gebruik hoogstens 150 tekens."),
    ],
)
def test_onjuiste_invoer_geeft_nederlandse_fout_en_niets_start(beheerder, als, gegevens, fout):
    antwoord = als(beheerder).post("/herberekeningen/starten/", gegevens)
    assert antwoord.status_code == 400
    assert fout in antwoord.content.decode()
    assert not Herberekeningsrun.objects.exists()


def test_getypte_tekst_wordt_overal_ontsnapt(beheerder, als, django_capture_on_commit_callbacks):
    kwaad = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client = als(beheerder)
    stap1 = client.post("/herberekeningen/starten/", {"vanaf": "2026-01", "aanleiding": kwaad})
    tekst = stap1.content.decode()
    assert kwaad not in tekst and escape(kwaad) in tekst
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/herberekeningen/starten/",
            {"vanaf": "2026-01", "aanleiding": kwaad, "sleutel": stap1.context["sleutel"]},
        )
    run = Herberekeningsrun.objects.get()
    for pad in (LIJST, f"/herberekeningen/{run.pk}/"):
        tekst = client.get(pad).content.decode()
        assert kwaad not in tekst and escape(kwaad) in tekst, pad
    Herberekeningsrun.objects.filter(pk=run.pk).update(
        status=HerberekeningsrunStatus.MISLUKT, foutmelding=kwaad
    )
    tekst = client.get(f"/herberekeningen/{run.pk}/").content.decode()
    assert kwaad not in tekst and escape(kwaad) in tekst


def test_lijst_is_gepagineerd_gefilterd_en_zonder_n_plus_1(beheerder, als):
    for i in range(27):
        _run(aanleiding=f"run {i}", gestart_door=beheerder if i % 2 else None)
    _run(aanleiding="klaar", status=HerberekeningsrunStatus.KLAAR)
    client = als(beheerder)
    with CaptureQueriesContext(connection) as queries:
        eerste = client.get(LIJST)
    tekst = eerste.content.decode()
    assert "28 herberekeningen, pagina 1 van 3" in tekst
    assert tekst.count('<tr class="utrecht-table__row" id="run-') == 12
    assert "?pagina=2#runs" in tekst
    aantal = len(queries)
    with CaptureQueriesContext(connection) as queries:
        derde = client.get(LIJST + "?pagina=3")
    assert len(queries) <= aantal  # no query per row
    assert derde.content.decode().count('id="run-') == 4
    gefilterd = client.get(LIJST + "?status=klaar").content.decode()
    assert "1 herberekening" in gefilterd and "run 3" not in gefilterd
    assert (
        "Er zijn geen herberekeningen met deze status."
        in client.get(LIJST + "?status=mislukt").content.decode()
    )
    assert client.get(LIJST + "?status=<b>&pagina=x").status_code == 200


def test_voortgang_van_een_lopende_run_en_de_delen(beheerder, als):
    run = _run(
        status=HerberekeningsrunStatus.BEZIG,
        aantal_maanden=400,
        aantal_verwerkt=150,
        aantal_gewijzigd=140,
        aantal_geboekt=120,
        aantal_fouten=2,
        chunks_totaal=30,
        chunks_klaar=25,
        laatste_voortgang_op=timezone.now(),
    )
    for nummer in range(25):
        HerberekeningsrunDeel.objects.create(run=run, nummer=nummer, aantal=50)
    client = als(UserFactory(rol=Rol.BETAALRUN, team=None))
    deel = client.get(f"/herberekeningen/{run.pk}/voortgang/")
    tekst = deel.content.decode()
    assert deel["Cache-Control"] == "no-store"
    assert f'hx-get="/herberekeningen/{run.pk}/voortgang/"' in tekst  # polls while busy
    assert "37%: 150 van 400 maanden herberekend" in tekst
    assert "2 maanden konden niet worden berekend" in tekst
    assert "Opnieuw starten" not in tekst  # running, and not this role
    detail = client.get(f"/herberekeningen/{run.pk}/").content.decode()
    assert "25 van 30 delen verwerkt" in detail
    assert ">Maanden</th>" in detail and ">50</td>" in detail  # dossier-months per chunk
    assert "?delen=2#delen" in detail
    lijst = client.get(LIJST).content.decode()
    assert "37% (150 van 400 maanden)" in lijst


def test_stilgevallen_run_opnieuw_starten(beheerder, als, django_capture_on_commit_callbacks):
    run = _run(
        status=HerberekeningsrunStatus.BEZIG,
        aantal_maanden=10,
        chunks_totaal=1,
        laatste_voortgang_op=timezone.now() - timedelta(hours=3),
    )
    client = als(beheerder)
    tekst = client.get(f"/herberekeningen/{run.pk}/").content.decode()
    assert "geen voortgang" in tekst and "Opnieuw starten" in tekst and "hx-get" not in tekst
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(f"/herberekeningen/{run.pk}/opnieuw/")
    nieuw = Herberekeningsrun.objects.exclude(pk=run.pk).get()
    assert antwoord["Location"] == f"/herberekeningen/{nieuw.pk}/"
    run.refresh_from_db()
    assert run.status == HerberekeningsrunStatus.MISLUKT
    assert nieuw.status == HerberekeningsrunStatus.KLAAR and nieuw.vanaf == JAN
    # a finished run cannot be restarted: a clear message, nothing changes
    weer = client.post(f"/herberekeningen/{nieuw.pk}/opnieuw/", follow=True)
    assert "klaar of loopt nog" in weer.content.decode()
    assert Herberekeningsrun.objects.count() == 2
    assert Berekening.objects.count() == 0
