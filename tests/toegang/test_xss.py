"""Stored XSS: what a citizen types in the burgerportaal is escaped on every staff page.

Each portal form with free text gets a script payload in every text field, through the portal
itself (POST, as a DigiD user would). Then the staff who work on the dossier open every page of
it; none may contain the payload as markup, and the pages that show the text must show it
escaped. The intake step is the case of issue 10: the burger's answer ends up in a field's help
text, which Django renders as trusted HTML.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from bijstand.accounts.models import Rol
from bijstand.core import tijd
from bijstand.dossiers.models import Dossier
from inkomen import services as inkomen_services
from inkomen.models import Inkomstenopgave
from intake import services as intake_services
from intake.models import Intake
from intake.stappen import BURGER_STAPPEN, STAP_PER_SLUG, laad_referentie
from perspectief.models import Leefgebied
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory
from tests.werkloont.conftest import klok  # noqa: F401 (fixed 'today' for the agenda)
from werkloont import services as werkloont_services
from werkloont.models import Afspraak

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "img-onerror": "<img src=x onerror=alert({veld})>",
    "script-na-attribuut": '"><script>alert("{veld}")</script>',
}
# The markup that must never reach a staff page as such (the pages' own scripts have a src).
GEVAARLIJK = ("<img src=x onerror", "<script>alert(")


@dataclass
class Wereld:
    dossier: Dossier
    burger: Client
    werkcoach: Client
    teamleider: Client
    inkomensconsulent: Client


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


@pytest.fixture
def wereld(klok) -> Wereld:  # noqa: F811
    team = TeamFactory(teamleider=UserFactory(rol=Rol.TEAMLEIDER, team=None))
    coach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    burger = UserFactory(rol=Rol.BURGER, team=None)
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    dossier = DossierFactory(
        werkcoach=coach,
        inkomensconsulent=consulent,
        werkzoekende=WerkzoekendeFactory(account=burger),
    )
    inkomen_services.start_uitkering(
        dossier=dossier, ingangsdatum=datetime.date(2026, 1, 1), door=None
    )
    return Wereld(
        dossier=dossier,
        burger=_client(burger),
        werkcoach=_client(coach),
        teamleider=_client(team.teamleider),
        inkomensconsulent=_client(consulent),
    )


def _post(client: Client, url: str, data: dict) -> None:
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


# --- what the burger can fill in, and the staff pages that show it ---------------------------
# Each returns the (veld, url) pairs: the staff page that must show that field's text escaped.


def _intake_stap(slug: str) -> Callable[[Wereld, str], list[tuple[str, str]]]:
    def invullen(w: Wereld, payload: str) -> list[tuple[str, str]]:
        stap = STAP_PER_SLUG[slug]
        form = stap.burger_form(ref=laad_referentie())
        tekstvelden = [n for n, v in form.fields.items() if isinstance(v.widget, forms.Textarea)]
        assert tekstvelden, slug
        _post(
            w.burger,
            reverse("portaal:intake_voorbereiden_stap", args=[slug]),
            {n: payload.format(veld=n) for n in tekstvelden},
        )
        intake = Intake.objects.get(dossier=w.dossier)
        scherm = reverse("intake:stap", args=[w.dossier.pk, intake.pk, slug])
        uit = [(n, scherm) for n in tekstvelden]
        # The werkcoach changes the step: the screen then shows per field "De burger vulde in:
        # <answer>." in the field's help text (the injection point of issue 10).
        intake_services.sla_stap_op(
            intake=intake, stap=slug, antwoorden={}, door=w.dossier.werkcoach
        )
        return uit

    return invullen


def _bericht(w: Wereld, payload: str) -> list[tuple[str, str]]:
    _post(
        w.burger,
        reverse("portaal:berichten"),
        {"onderwerp": payload.format(veld="onderwerp"), "tekst": payload.format(veld="tekst")},
    )
    journaal = reverse("dossiers:detail", args=[w.dossier.pk])
    return [("onderwerp", journaal), ("tekst", journaal)]


def _zelfbeoordeling(w: Wereld, payload: str) -> list[tuple[str, str]]:
    lg = Leefgebied.objects.order_by("nummer").first()
    _post(
        w.burger,
        reverse("portaal:perspectief_zelfbeoordeling"),
        {f"score_{lg.code}": "3", "toelichting": payload.format(veld="toelichting")},
    )
    return [("toelichting", reverse("dossiers:tab", args=[w.dossier.pk, "perspectief"]))]


def _afmelding(w: Wereld, payload: str) -> list[tuple[str, str]]:
    morgen = tijd.vandaag() + datetime.timedelta(days=1)
    werkloont_services.plan_activiteit(
        dossier=w.dossier,
        door=None,
        soort="overig",
        titel="Taalles",
        startdatum=morgen,
        begintijd=datetime.time(9),
        eindtijd=datetime.time(11),
    )
    afspraak = Afspraak.objects.get(activiteit__dossier=w.dossier)
    _post(
        w.burger,
        reverse("portaal:mijn_week_afmelden", args=[afspraak.pk]),
        {"wat": "afwezig", "reden": payload.format(veld="reden")},
    )
    agenda = reverse("dossiers:tab", args=[w.dossier.pk, "agenda"])
    return [("reden", agenda), ("reden", reverse("dossiers:detail", args=[w.dossier.pk]))]


def _inkomsten(w: Wereld, payload: str) -> list[tuple[str, str]]:
    """No free text here; the payslip's file name is the one thing the burger names."""
    maand = f"{tijd.vandaag():%Y-%m}"
    bestand = SimpleUploadedFile(
        payload.format(veld="loonstrook") + ".pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
        content_type="application/pdf",
    )
    _post(
        w.burger,
        reverse("portaal:inkomsten"),
        {
            "maand": maand,
            "soort": "arbeid",
            "bedrag": "600",
            "periode": "maand",
            "loonstrook": bestand,
        },
    )
    return []


INVOER = {
    **{f"intake-{s.slug}": _intake_stap(s.slug) for s in BURGER_STAPPEN},
    "bericht-aan-werkcoach": _bericht,
    "zelfbeoordeling": _zelfbeoordeling,
    "afmelding-afspraak": _afmelding,
    "inkomsten-doorgeven": _inkomsten,
}


def _staff_paginas(w: Wereld) -> list[tuple[Client, str]]:
    """Every staff page of the dossier (and the lists around it) that could show the text."""
    pk = w.dossier.pk
    paginas = [(w.werkcoach, reverse("dossiers:caseload"))]
    paginas += [(w.werkcoach, reverse("dossiers:detail", args=[pk]))]
    paginas += [
        (w.werkcoach, reverse("dossiers:tab", args=[pk, tab]))
        for tab in ("overzicht", "intake", "perspectief", "plan", "instrumenten", "agenda")
    ]
    paginas += [(w.inkomensconsulent, reverse("dossiers:tab", args=[pk, "inkomen"]))]
    paginas += [
        (w.inkomensconsulent, reverse("inkomen:opgave_beoordelen", args=[pk, opgave.pk]))
        for opgave in Inkomstenopgave.objects.filter(dossier=w.dossier)
    ]
    paginas += [(w.werkcoach, reverse("werkloont:lijst", args=[pk]))]
    paginas += [(w.teamleider, reverse("werkloont:signalen"))]
    intake = Intake.objects.filter(dossier=w.dossier).first()
    if intake is not None:
        paginas += [(w.werkcoach, reverse("intake:detail", args=[pk, intake.pk]))]
        paginas += [
            (w.werkcoach, reverse("intake:stap", args=[pk, intake.pk, s.slug]))
            for s in BURGER_STAPPEN
        ]
    return paginas


def _lees(client: Client, url: str) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("soort", PAYLOADS)
@pytest.mark.parametrize("invoer", INVOER)
def test_citizen_text_is_escaped_on_every_staff_page(wereld, invoer, soort):
    payload = PAYLOADS[soort]
    verwacht = INVOER[invoer](wereld, payload)
    gelezen: dict[str, str] = {}
    for client, url in _staff_paginas(wereld):
        html = gelezen[url] = _lees(client, url)
        for markup in GEVAARLIJK:
            assert markup not in html, f"{invoer}: unescaped {markup!r} on {url}"
    for veld, url in verwacht:
        html = gelezen.get(url) or _lees(wereld.werkcoach, url)
        assert escape(payload.format(veld=veld)) in html, f"{invoer}: {veld} not shown on {url}"
        assert "&lt;" in html


def test_the_intake_help_text_shows_the_answer_escaped(wereld):
    """The injection point itself: 'De burger vulde in: …' in the help text, escaped once."""
    payload = PAYLOADS["img-onerror"].format(veld="wensen")
    _post(
        wereld.burger,
        reverse("portaal:intake_voorbereiden_stap", args=["wensen"]),
        {"wensen": payload},
    )
    intake = Intake.objects.get(dossier=wereld.dossier)
    intake_services.sla_stap_op(
        intake=intake, stap="wensen", antwoorden={"wensen": "Iets anders"}, door=None
    )
    html = _lees(
        wereld.werkcoach, reverse("intake:stap", args=[wereld.dossier.pk, intake.pk, "wensen"])
    )
    assert f"De burger vulde in: {escape(payload)}." in html
    assert "&amp;lt;" not in html  # not escaped twice
