"""Access matrix of every werkloont route over all roles (tests/toegang/matrix.py), and the log
line of the routes that need an object to exist (see logroutes.py)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from bijstand.core import tijd
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from tests.toegang.matrix import L, client_voor, statussen, verwachting
from werkloont import services
from werkloont.models import Activiteit, Afspraak, Signaal, Traject

from .factories import TrainingsgroepFactory

pytestmark = pytest.mark.django_db
T = datetime.time


def vandaag():
    return tijd.vandaag()


def _traject(d) -> Traject:
    return Traject.objects.filter(dossier=d).first() or services.start_traject(
        dossier=d, soort="iedereen_doet_mee", startdatum=vandaag(), door=None
    )


def _activiteit(d) -> Activiteit:
    return Activiteit.objects.filter(dossier=d, soort="vrijwilligerswerk").first() or (
        services.plan_activiteit(
            dossier=d,
            door=None,
            soort="vrijwilligerswerk",
            titel="Voedselbank",
            herhaling="wekelijks",
            weekdagen=[0, 1, 2, 3, 4, 5, 6],
            startdatum=vandaag(),
            einddatum=vandaag() + datetime.timedelta(weeks=2),
            begintijd=T(9),
            eindtijd=T(12),
        )
    )


def _afspraak(d) -> Afspraak:
    return _activiteit(d).afspraken.get(datum=vandaag())


def _morgen(d) -> Afspraak:
    return _activiteit(d).afspraken.get(datum=vandaag() + datetime.timedelta(1))


def _groep(d):
    return TrainingsgroepFactory(
        startdatum=vandaag(), einddatum=vandaag() + datetime.timedelta(weeks=10)
    )


def _signaal(d) -> Signaal:
    return Signaal.objects.create(
        dossier=d, werkcoach=d.werkcoach, soort="onder_norm", week=vandaag(), tekst="Te weinig"
    )


def D(naam, *extra):
    return lambda d: reverse(naam, args=[d.pk, *[f(d).pk for f in extra]])


API = "/api/v1/werkloont"
AANWEZIG = {"aanwezigheid": "aanwezig"}
NIEUW = {"titel": "Sollicitatietraining", "soort": "training", "startdatum": "2030-01-07",
         "begintijd": "09:00", "eindtijd": "12:00"}  # fmt: skip
STAFF_LEZEN = [L, 200, 404, 403, 200, 403, 403, 403, 403, 403]
STAFF_SCHRIJVEN = [L, 200, 404, 403, 403, 403, 403, 403, 403, 403]
ALGEMEEN = [L, 200, 200, 403, 200, 403, 403, 403, 403, 403]
PORTAAL = [L, 403, 403, 403, 403, 403, 403, 403, 200, 200]
API_LEZEN = [401, 200, 404, 403, 200, 403, 403, 403, 200, 404]

MATRIX = [
    ("agenda tab", "get", lambda d: reverse("dossiers:tab", args=[d.pk, "agenda"]), None,
     STAFF_LEZEN),
    ("agenda lijst", "get", D("werkloont:lijst"), None, STAFF_LEZEN),
    ("programma starten", "get", D("werkloont:traject_nieuw"), None, STAFF_SCHRIJVEN),
    ("persoonlijke norm", "get", D("werkloont:traject_norm", _traject), None, STAFF_SCHRIJVEN),
    ("programma beeindigen", "get", D("werkloont:traject_beeindigen", _traject), None,
     STAFF_SCHRIJVEN),
    ("activiteit plannen", "get", D("werkloont:activiteit_nieuw"), None, STAFF_SCHRIJVEN),
    ("activiteit stoppen", "get", D("werkloont:activiteit_stoppen", _activiteit), None,
     STAFF_SCHRIJVEN),
    ("competenties", "get", D("werkloont:competenties", _activiteit), None, STAFF_SCHRIJVEN),
    ("aanwezigheid", "get", D("werkloont:aanwezigheid", _afspraak), None, STAFF_SCHRIJVEN),
    ("aanwezigheid opslaan", "post", D("werkloont:aanwezigheid", _afspraak), AANWEZIG,
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("afspraak annuleren", "get", D("werkloont:afspraak_annuleren", _afspraak), None,
     STAFF_SCHRIJVEN),
    ("week goedkeuren", "post", D("werkloont:week_goedkeuren"), {"week": "2026-W01"},
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("groepen", "get", lambda d: reverse("werkloont:groepen"), None, ALGEMEEN),
    ("groep", "get", lambda d: reverse("werkloont:groep", args=[_groep(d).pk]), None, ALGEMEEN),
    ("werkactiviteiten", "get", lambda d: reverse("werkloont:werkactiviteiten"), None, ALGEMEEN),
    ("signalen", "get", lambda d: reverse("werkloont:signalen"), None, ALGEMEEN),
    ("signaal afhandelen", "post",
     lambda d: reverse("werkloont:signaal_afhandelen", args=[_signaal(d).pk]), {},
     [L, 302, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("mijn week", "get", lambda d: reverse("portaal:mijn_week"), None, PORTAAL),
    ("afmelden", "get", lambda d: reverse("portaal:mijn_week_afmelden", args=[_morgen(d).pk]),
     None, [L, 403, 403, 403, 403, 403, 403, 403, 200, 404]),
    ("agenda koppelen", "get", lambda d: reverse("portaal:agenda_koppelen"), None, PORTAAL),
    ("api programmas", "get", lambda d: f"{API}/dossiers/{d.pk}/programmas/", None, API_LEZEN),
    ("api activiteiten", "get", lambda d: f"{API}/dossiers/{d.pk}/activiteiten/", None, API_LEZEN),
    ("api activiteit plannen", "post", lambda d: f"{API}/dossiers/{d.pk}/activiteiten/", NIEUW,
     [401, 201, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("api agenda", "get", lambda d: f"{API}/dossiers/{d.pk}/agenda/", None, API_LEZEN),
    ("api week", "get", lambda d: f"{API}/dossiers/{d.pk}/weken/2026-W10/", None, API_LEZEN),
    ("api aanwezigheid", "post", lambda d: f"{API}/afspraken/{_afspraak(d).pk}/aanwezigheid/",
     AANWEZIG, [401, 200, 404, 403, 403, 403, 403, 403, 403, 403]),
    ("api werkactiviteiten", "get", lambda d: f"{API}/werkactiviteiten/", None,
     [401, 200, 200, 403, 200, 403, 403, 403, 403, 403]),
]  # fmt: skip


@pytest.mark.parametrize("naam,methode,url,data,verwacht", MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix(wereld, naam, methode, url, data, verwacht):
    assert statussen(wereld, methode, url(wereld["dossier"]), data) == verwachting(verwacht)


LOG_ROUTES = [
    ("werkcoach", D("werkloont:traject_norm", _traject)),
    ("werkcoach", D("werkloont:traject_beeindigen", _traject)),
    ("werkcoach", D("werkloont:activiteit_stoppen", _activiteit)),
    ("werkcoach", D("werkloont:competenties", _activiteit)),
    ("werkcoach", D("werkloont:aanwezigheid", _afspraak)),
    ("werkcoach", D("werkloont:afspraak_annuleren", _afspraak)),
    ("werkcoach", lambda d: reverse("dossiers:tab", args=[d.pk, "agenda"])),
    ("werkcoach", lambda d: (_signaal(d), reverse("werkloont:signalen"))[1]),
    ("burger", lambda d: reverse("portaal:mijn_week_afmelden", args=[_morgen(d).pk])),
]


@pytest.mark.parametrize("rol,pad", LOG_ROUTES)
def test_routes_that_need_an_object_write_a_log_line(wereld, rol, pad):
    dossier = wereld["dossier"]
    url = pad(dossier)
    onderwerp = pseudoniem(dossier.werkzoekende.log_subject)
    voor = Verwerking.objects.filter(betrokkene=onderwerp).count()
    response = client_voor(wereld["users"][rol]).get(url)
    assert response.status_code == 200
    assert Verwerking.objects.filter(betrokkene=onderwerp).count() > voor


def test_anonymous_feed_with_a_wrong_token_is_404(db):
    assert Client().get("/portaal/agenda/" + "a" * 43 + "/werkweek.ics").status_code == 404
