"""The periods screens (issue 13 §2): opschorten, opheffen, intrekken on the Inkomen tab and
the worklist "Signalen". Access per role (403 before 404, scope 404), hostile text escaped,
bad input a Dutch error without change, a double submit harmless, POST + CSRF only."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from bijstand.accounts.models import Rol
from bijstand.logboek.models import Verwerking
from inkomen import perioden
from inkomen.models import (
    Opschorting,
    OpschortingAfloop,
    Signaal,
    SignaalSoort,
    Uitkering,
    UitkeringStatus,
)
from inkomen.services import start_uitkering
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db

VIJANDIG = '<script>alert("x")</script><img src=x onerror=alert(1)>'
VANDAAG = date(2026, 2, 3)


@pytest.fixture
def wereld(vandaag, consulent):
    vandaag(VANDAAG)
    team = TeamFactory()
    team.teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.save()
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    dossier = DossierFactory(
        werkcoach=werkcoach,
        inkomensconsulent=consulent,
        werkzoekende=WerkzoekendeFactory(geboortedatum=date(1985, 5, 1), achternaam=VIJANDIG),
    )
    start_uitkering(dossier=dossier, ingangsdatum=date(2026, 1, 1), door=None)
    ander = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    ander_dossier = DossierFactory(werkcoach=werkcoach, inkomensconsulent=ander)
    start_uitkering(dossier=ander_dossier, ingangsdatum=date(2026, 1, 1), door=None)
    return {
        "dossier": dossier,
        "ander_dossier": ander_dossier,
        "users": {
            "inkomensconsulent": consulent,
            "andere_inkomensconsulent": ander,
            "werkcoach": werkcoach,
            "teamleider": team.teamleider,
            "beheerder": UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True),
            "betaalrun": UserFactory(rol=Rol.BETAALRUN, team=None),
            "burger": UserFactory(rol=Rol.BURGER, team=None),
        },
    }


def als(user, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def tab(dossier) -> str:
    return reverse("dossiers:tab", args=[dossier.pk, "inkomen"])


def opschorten_url(dossier) -> str:
    return reverse("inkomen:opschorten", args=[dossier.pk])


GELDIG = {
    "vanaf": "2026-02-03",
    "reden": VIJANDIG,
    "hersteltermijn_tot": "2026-02-17",
    "bevestig": "on",
}


def opgeschort(wereld, tot: date = date(2026, 2, 17)) -> Opschorting:
    return perioden.schort_op(
        uitkering=Uitkering.objects.get(dossier=wereld["dossier"]),
        vanaf=VANDAAG,
        reden=VIJANDIG,
        hersteltermijn_tot=tot,
        door=wereld["users"]["inkomensconsulent"],
    )


# --------------------------------------------------------------------------------------------
# access


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        ("anoniem", 302),
        ("werkcoach", 403),
        ("teamleider", 403),
        ("beheerder", 403),
        ("betaalrun", 403),
        ("burger", 403),
        ("andere_inkomensconsulent", 404),
        ("inkomensconsulent", 200),
    ],
)
def test_toegang_opschorten(wereld, rol, status):
    user = wereld["users"].get(rol)
    antwoord = als(user).get(opschorten_url(wereld["dossier"]))
    assert antwoord.status_code == status
    if rol == "anoniem":
        assert "/accounts/login/" in antwoord["Location"]
    # a POST by anyone else changes nothing
    als(user).post(opschorten_url(wereld["dossier"]), GELDIG)
    assert Opschorting.objects.exists() == (rol == "inkomensconsulent")


@pytest.mark.parametrize("actie", ["opschorting_opheffen", "opschorting_intrekken"])
@pytest.mark.parametrize(
    ("rol", "status"),
    [("werkcoach", 403), ("andere_inkomensconsulent", 404), ("inkomensconsulent", 200)],
)
def test_toegang_besluiten(wereld, actie, rol, status):
    opschorting = opgeschort(wereld)
    url = reverse(f"inkomen:{actie}", args=[wereld["dossier"].pk, opschorting.pk])
    client = als(wereld["users"][rol])
    assert client.get(url).status_code == status
    client.post(url, {"toelichting": "x", "bevestig": "on"})
    opschorting.refresh_from_db()
    if rol != "inkomensconsulent":
        assert opschorting.afloop == OpschortingAfloop.OPEN


def test_opschorting_van_een_ander_dossier_is_404(wereld):
    opschorting = opgeschort(wereld)
    url = reverse("inkomen:opschorting_opheffen", args=[wereld["ander_dossier"].pk, opschorting.pk])
    assert als(wereld["users"]["andere_inkomensconsulent"]).get(url).status_code == 404


# --------------------------------------------------------------------------------------------
# opschorten


def test_tab_toont_de_actie_alleen_aan_de_inkomensconsulent(wereld):
    consulent = als(wereld["users"]["inkomensconsulent"]).get(tab(wereld["dossier"]))
    html = consulent.content.decode()
    assert consulent.status_code == 200
    assert "De uitkering is niet opgeschort." in html
    assert opschorten_url(wereld["dossier"]) in html
    werkcoach = als(wereld["users"]["werkcoach"]).get(tab(wereld["dossier"])).content.decode()
    assert "De uitkering is niet opgeschort." in werkcoach
    assert opschorten_url(wereld["dossier"]) not in werkcoach


def test_opschorten_met_vijandige_reden_en_dubbel_verzenden(wereld):
    client = als(wereld["users"]["inkomensconsulent"])
    antwoord = client.post(opschorten_url(wereld["dossier"]), GELDIG)
    assert antwoord.status_code == 302
    assert antwoord["Location"].endswith(tab(wereld["dossier"]) + "#opschorting")
    opschorting = Opschorting.objects.get()
    assert (opschorting.reden, opschorting.vanaf, opschorting.hersteltermijn_tot) == (
        VIJANDIG,
        VANDAAG,
        date(2026, 2, 17),
    )
    assert Uitkering.objects.get(dossier=wereld["dossier"]).status == UitkeringStatus.OPGESCHORT

    # back + resubmit: no second opschorting, a message instead of an error
    tweede = client.post(opschorten_url(wereld["dossier"]), GELDIG, follow=True)
    assert tweede.status_code == 200
    assert Opschorting.objects.count() == 1
    html = tweede.content.decode()
    assert "De uitkering is al opgeschort." in html
    assert VIJANDIG not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "De uitkering is opgeschort vanaf 3 februari 2026." in html
    assert "tot en met 17 februari 2026" in html
    # the lift is offered, the withdrawal not yet (term runs)
    assert (
        reverse("inkomen:opschorting_opheffen", args=[wereld["dossier"].pk, opschorting.pk]) in html
    )
    assert "Het recht intrekken (art. 54 lid 4) kan na de hersteltermijn" in html
    assert Verwerking.objects.filter(operatie="schort_op").exists()


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"reden": ""}, "Geef de reden van de opschorting."),
        ({"bevestig": ""}, "Bevestig dat u de uitkering wilt opschorten."),
        ({"vanaf": "31-02-2026"}, "Vul een geldige datum in"),
        ({"vanaf": "gisteren<b>"}, "Vul een geldige datum in"),
        ({"hersteltermijn_tot": "2026-04-30"}, "Een hersteltermijn duurt hoogstens 28 dagen"),
        ({"vanaf": "2026-02-04"}, "niet vanaf een datum in de toekomst"),
        ({"reden": "x" * 2001}, "hoogstens 2000 tekens"),
    ],
)
def test_onjuiste_invoer_geeft_een_nederlandse_melding(wereld, wijziging, melding):
    antwoord = als(wereld["users"]["inkomensconsulent"]).post(
        opschorten_url(wereld["dossier"]), {**GELDIG, **wijziging}
    )
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert "gisteren<b>" not in antwoord.content.decode()
    assert not Opschorting.objects.exists()


def test_opschorten_van_een_beeindigde_uitkering_toont_uitleg(wereld):
    from inkomen.services import wijzig_uitkering_status

    wijzig_uitkering_status(
        uitkering=Uitkering.objects.get(dossier=wereld["dossier"]),
        naar="beeindigd",
        reden="werk",
        einddatum=date(2026, 1, 31),
        door=None,
    )
    client = als(wereld["users"]["inkomensconsulent"])
    antwoord = client.post(opschorten_url(wereld["dossier"]), GELDIG)
    assert antwoord.status_code == 200
    assert "Alleen een lopende uitkering kan worden opgeschort." in antwoord.content.decode()
    assert not Opschorting.objects.exists()


# --------------------------------------------------------------------------------------------
# opheffen, intrekken


def test_opheffen_en_dubbel_verzenden(wereld):
    opschorting = opgeschort(wereld)
    url = reverse("inkomen:opschorting_opheffen", args=[wereld["dossier"].pk, opschorting.pk])
    client = als(wereld["users"]["inkomensconsulent"])
    pagina = client.get(url).content.decode()
    assert "&lt;script&gt;" in pagina and VIJANDIG not in pagina
    fout = client.post(url, {"toelichting": "", "bevestig": "on"})
    assert fout.status_code == 200 and "Schrijf een toelichting." in fout.content.decode()
    opschorting.refresh_from_db()
    assert opschorting.afloop == OpschortingAfloop.OPEN

    antwoord = client.post(url, {"toelichting": VIJANDIG, "bevestig": "on"})
    assert antwoord.status_code == 302
    opschorting.refresh_from_db()
    assert opschorting.afloop == OpschortingAfloop.OPGEHEVEN
    assert Uitkering.objects.get(dossier=wereld["dossier"]).status == UitkeringStatus.LOPEND
    afgehandeld = opschorting.afgehandeld_op

    tweede = client.post(url, {"toelichting": "nog eens", "bevestig": "on"}, follow=True)
    html = tweede.content.decode()
    assert "Over deze opschorting is al besloten." in html
    opschorting.refresh_from_db()
    assert (opschorting.afgehandeld_op, opschorting.afloop_toelichting) == (afgehandeld, VIJANDIG)
    # the tab lists it as an earlier opschorting, escaped; suspending again is offered
    assert "Eerdere opschortingen" in html and VIJANDIG not in html
    assert opschorten_url(wereld["dossier"]) in html


def test_intrekken_kan_pas_na_de_termijn(wereld, vandaag):
    opschorting = opgeschort(wereld, tot=date(2026, 2, 10))
    url = reverse("inkomen:opschorting_intrekken", args=[wereld["dossier"].pk, opschorting.pk])
    client = als(wereld["users"]["inkomensconsulent"])
    vandaag(date(2026, 2, 10))
    html = client.get(url).content.decode()
    assert "De hersteltermijn loopt nog tot en met 10 februari 2026" in html
    assert "<textarea" not in html  # no form before the term has expired
    client.post(url, {"toelichting": "te vroeg", "bevestig": "on"})
    opschorting.refresh_from_db()
    assert opschorting.afloop == OpschortingAfloop.OPEN
    assert "Recht intrekken</a>" not in client.get(tab(wereld["dossier"])).content.decode()

    vandaag(date(2026, 2, 11))
    assert "Recht intrekken</a>" in client.get(tab(wereld["dossier"])).content.decode()
    zonder = client.post(url, {"toelichting": "Geen reactie"})
    assert "Bevestig het besluit." in zonder.content.decode()
    antwoord = client.post(url, {"toelichting": "Geen reactie", "bevestig": "on"})
    assert antwoord.status_code == 302
    uitkering = Uitkering.objects.get(dossier=wereld["dossier"])
    assert (uitkering.status, uitkering.einddatum) == ("beeindigd", date(2026, 2, 2))
    opschorting.refresh_from_db()
    assert opschorting.afloop == OpschortingAfloop.INGETROKKEN
    tweede = client.post(url, {"toelichting": "nog eens", "bevestig": "on"}, follow=True)
    assert "Over deze opschorting is al besloten." in tweede.content.decode()


# --------------------------------------------------------------------------------------------
# signalen


def signaal(dossier, tekst: str = VIJANDIG, sleutel: str = "proef:1") -> Signaal:
    return perioden.signaleer(
        dossier_id=dossier.pk,
        soort=SignaalSoort.VORDERING_PERIODE,
        sleutel=sleutel,
        tekst=tekst,
        maand=date(2026, 1, 1),
    )[0]


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        ("anoniem", 302),
        ("werkcoach", 403),
        ("teamleider", 403),
        ("beheerder", 403),
        ("burger", 403),
        ("inkomensconsulent", 200),
    ],
)
def test_toegang_signalen(wereld, rol, status):
    assert als(wereld["users"].get(rol)).get(reverse("inkomen:signalen")).status_code == status


def test_werklijst_alleen_eigen_dossiers_open_eerst_gepagineerd(wereld):
    eigen = wereld["dossier"]
    for i in range(23):
        signaal(eigen, f"Signaal {i}", f"proef:{i}")
    klaar = signaal(eigen, "Al gedaan", "proef:klaar")
    perioden.handel_signaal_af(signaal=klaar, door=None)
    signaal(wereld["ander_dossier"], "Van een ander", "proef:ander")
    client = als(wereld["users"]["inkomensconsulent"])

    html = client.get(reverse("inkomen:signalen")).content.decode()
    assert "24 signalen" in html and "pagina 1 van 2" in html
    assert "Van een ander" not in html and "Al gedaan" not in html  # done ones on page 2
    assert html.count('name="csrfmiddlewaretoken"') >= 20
    assert "&lt;script&gt;" in html and VIJANDIG not in html  # the name is hostile
    pagina2 = client.get(reverse("inkomen:signalen") + "?pagina=2").content.decode()
    assert "Al gedaan" in pagina2 and "Afgehandeld op" in pagina2
    alleen_open = client.get(reverse("inkomen:signalen") + "?toon=open").content.decode()
    assert "23 signalen" in alleen_open
    assert Verwerking.objects.filter(operatie="bekijk_signalen").exists()
    # the staff menu leads there
    assert f'href="{reverse("inkomen:signalen")}"' in html
    werkcoach = als(wereld["users"]["werkcoach"]).get(tab(eigen)).content.decode()
    assert f'href="{reverse("inkomen:signalen")}"' not in werkcoach


def test_afhandelen_met_post_en_csrf_en_dubbel(wereld):
    s = signaal(wereld["dossier"])
    url = reverse("inkomen:signaal_afhandelen", args=[s.pk])
    consulent = wereld["users"]["inkomensconsulent"]
    assert als(consulent).get(url).status_code == 405
    assert als(consulent, csrf=True).post(url).status_code == 403  # no CSRF token
    assert als(wereld["users"]["andere_inkomensconsulent"]).post(url).status_code == 404
    assert als(wereld["users"]["werkcoach"]).post(url).status_code == 403
    s.refresh_from_db()
    assert s.afgehandeld_op is None

    client = als(consulent)
    antwoord = client.post(url)
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("inkomen:signalen")
    s.refresh_from_db()
    eerst = s.afgehandeld_op
    assert eerst is not None and s.afgehandeld_door == consulent
    tweede = client.post(url, {"terug": "tab"})
    assert tweede["Location"].endswith(tab(wereld["dossier"]) + "#signalen")
    s.refresh_from_db()
    assert s.afgehandeld_op == eerst
    # an unknown "terug" never redirects elsewhere
    assert client.post(url, {"terug": "https://evil.example"})["Location"] == reverse(
        "inkomen:signalen"
    )


def test_open_signalen_op_de_tab(wereld):
    signaal(wereld["dossier"])
    client = als(wereld["users"]["inkomensconsulent"])
    html = client.get(tab(wereld["dossier"])).content.decode()
    assert "Open signalen" in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert VIJANDIG not in html
    assert 'name="terug" value="tab"' in html
    werkcoach = als(wereld["users"]["werkcoach"]).get(tab(wereld["dossier"])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in werkcoach
    assert 'name="terug"' not in werkcoach  # only the inkomensconsulent acts on it


def test_signaleer_is_idempotent(wereld):
    a, nieuw = perioden.signaleer(
        dossier_id=wereld["dossier"].pk, soort="vordering_periode", sleutel="x", tekst="een"
    )
    b, opnieuw = perioden.signaleer(
        dossier_id=wereld["dossier"].pk, soort="vordering_periode", sleutel="x", tekst="twee"
    )
    assert (nieuw, opnieuw, a.pk, b.tekst) == (True, False, b.pk, "een")
    with pytest.raises(ValueError):
        perioden.signaleer(dossier_id=wereld["dossier"].pk, soort="onzin", sleutel="y", tekst="")
