"""The consulent's four-weekly form (issue 13 §4): an amount per payday (one or two paydays in
the month), stored as one opgave per payday, and the month total that will count shown before
(``Maandtotaal berekenen``, nothing stored) and after storing, as the rules count it (policy
P3: the mean of the periods x 13 / 12)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from bijstand.accounts.models import Rol
from inkomen import services
from inkomen.models import Beleidsinstelling, Berekening, Inkomstenopgave
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory

from .conftest import D

MAART = date(2026, 3, 1)
SLEUTEL_RE = re.compile(r'name="idempotentiesleutel" value="([^"]*)"')

pytestmark = pytest.mark.django_db


@pytest.fixture
def scherm(vandaag):
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    dossier = DossierFactory(
        inkomensconsulent=consulent,
        werkzoekende=WerkzoekendeFactory(geboortedatum=date(2000, 6, 1)),  # no vrijlating n
    )
    services.start_uitkering(dossier=dossier, ingangsdatum=date(2026, 1, 1), door=None)
    client = Client()
    client.force_login(consulent, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("inkomen:opgave_registreren", args=[dossier.pk])
    [sleutel] = SLEUTEL_RE.findall(client.get(url).content.decode())
    return {"dossier": dossier, "client": client, "url": url, "sleutel": sleutel}


def vierweken(scherm, **velden) -> dict:
    return {
        "idempotentiesleutel": scherm["sleutel"],
        "maand": "2026-03",
        "persoon": "aanvrager",
        "soort": "arbeid",
        "status": "definitief",
        "periode": "vier_weken",
        "betaaldatum_1": "2026-03-06",
        "bedrag_1": "520,00",
        "betaaldatum_2": "2026-03-27",
        "bedrag_2": "480,00",
        "actie": "vastleggen",
        **velden,
    }


def tekst(antwoord) -> str:
    return re.sub(r"\s+", " ", antwoord.content.decode())


def test_formulier_vraagt_per_betaaldag(scherm):
    html = tekst(scherm["client"].get(scherm["url"]))
    for label in (
        "Netto bedrag over de maand (euro)",
        "Vierwekenloon: per betaaldag",
        "Eerste betaaldag in de maand",
        "Netto bedrag op de eerste betaaldag (euro)",
        "Tweede betaaldag in dezelfde maand",
        "Netto bedrag op de tweede betaaldag (euro)",
        "het gemiddelde per betaaldag × 13 / 12",
        "Maandtotaal berekenen",
    ):
        assert label in html, label
    assert "<script>" not in html.split('id="registreren-titel"')[1]  # works without JS


def test_maandtotaal_vooraf_slaat_niets_op(scherm):
    antwoord = scherm["client"].post(scherm["url"], vierweken(scherm, actie="bereken"))
    assert antwoord.status_code == 200
    html = tekst(antwoord)
    # (520 + 480) / 2 = 500,00 per period; x 13 / 12 = 541,67 (rounded half up).
    assert "Gemiddeld per betaaldag (€ 520,00 en € 480,00): € 500,00 × 13 / 12" in html
    assert "Maandtotaal dat meetelt: € 541,67 (uit 2 opgaven)." in html
    assert "Er is nog niets vastgelegd." in html
    assert SLEUTEL_RE.findall(html) == [scherm["sleutel"]]
    assert not Inkomstenopgave.objects.exists()


def test_vastleggen_een_opgave_per_betaaldag(scherm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = scherm["client"].post(scherm["url"], vierweken(scherm), follow=True)
    html = tekst(antwoord)
    assert "De 2 opgaven (een per betaaldag) zijn vastgelegd." in html
    assert "Telt mee voor 03-2026: € 541,67" in html
    eerste, tweede = Inkomstenopgave.objects.order_by("pk")
    assert (eerste.periode, eerste.betaaldata, eerste.bedrag) == (
        "vier_weken",
        ["2026-03-06"],
        D("520.00"),
    )
    assert (tweede.betaaldata, tweede.bedrag) == (["2026-03-27"], D("480.00"))
    assert (eerste.idempotentiesleutel, tweede.idempotentiesleutel) == (
        scherm["sleutel"],
        scherm["sleutel"] + ".2",
    )
    berekening = Berekening.objects.get(dossier=scherm["dossier"], maand=MAART, actueel=True)
    assert berekening.inkomsten == D("541.67")  # the same total as shown

    # Sent again (back + resubmit): nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        nog_eens = scherm["client"].post(scherm["url"], vierweken(scherm), follow=True)
    assert "Deze opgave was al vastgelegd" in tekst(nog_eens)
    assert Inkomstenopgave.objects.count() == 2


def test_een_betaaldag_en_een_eerdere_opgave_tellen_samen(
    scherm, django_capture_on_commit_callbacks
):
    """The second payday entered later: the total counts both periods (their mean)."""
    client, url = scherm["client"], scherm["url"]
    eerste = vierweken(scherm, betaaldatum_2="", bedrag_2="")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, eerste)
    assert Berekening.objects.get(
        dossier=scherm["dossier"], maand=MAART, actueel=True
    ).inkomsten == D("563.33")  # 520 x 13 / 12

    [sleutel] = SLEUTEL_RE.findall(client.get(url).content.decode())
    later = vierweken(
        scherm,
        idempotentiesleutel=sleutel,
        betaaldatum_1="2026-03-27",
        bedrag_1="480,00",
        betaaldatum_2="",
        bedrag_2="",
        actie="bereken",
    )
    assert "Maandtotaal dat meetelt: € 541,67 (uit 2 opgaven)." in tekst(client.post(url, later))


def test_als_ontvangen_telt_elke_betaaldag(scherm):
    beleid = Beleidsinstelling.objects.order_by("-geldig_vanaf").first()
    beleid.data = {**beleid.data, "p3_vier_weken": "als_ontvangen"}
    beleid.save()
    html = tekst(scherm["client"].post(scherm["url"], vierweken(scherm, actie="bereken")))
    assert "Maandtotaal dat meetelt: € 1.000,00 (uit 2 opgaven)." in html
    assert "elke betaaldag zoals ontvangen" in html


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"bedrag": "1000,00"}, "bedrag", "Bij vierwekenloon vult u het bedrag per betaaldag in"),
        ({"bedrag_2": ""}, "bedrag_2", "Vul het netto bedrag op deze betaaldag in."),
        ({"betaaldatum_1": ""}, "betaaldatum_1", "Vul de betaaldag in."),
        (
            {"betaaldatum_2": "2026-03-06"},
            "betaaldatum_2",
            "moet een andere dag zijn dan de eerste",
        ),
        ({"betaaldatum_2": "2026-04-03"}, "betaaldatum_2", "in de opgegeven maand liggen"),
        (
            {"periode": "maand", "bedrag": "1000,00"},
            "betaaldatum_1",
            "Dit veld hoort bij vierwekenloon.",
        ),
    ],
)
def test_fouten(scherm, velden, veld, melding):
    antwoord = scherm["client"].post(scherm["url"], vierweken(scherm, **velden))
    assert antwoord.status_code == 200
    html = tekst(antwoord)
    assert melding in html
    assert f'id="div_id_{veld}" class="utrecht-form-field' in html
    assert "utrecht-form-field--invalid" in html.split(f'id="div_id_{veld}"')[1].split(">")[0]
    assert not Inkomstenopgave.objects.exists()


def test_correctie_van_een_oude_opgave_met_twee_betaaldata(
    scherm, consulent, django_capture_on_commit_callbacks
):
    """An opgave stored the old way (one amount, two paydays) is replaced by the paydays."""
    with django_capture_on_commit_callbacks(execute=True):
        oud = services.registreer_inkomstenopgave(
            dossier=scherm["dossier"],
            maand=MAART,
            persoon="aanvrager",
            soort="arbeid",
            bedrag=Decimal("520.00"),
            periode="vier_weken",
            betaaldata=[date(2026, 3, 6), date(2026, 3, 27)],
            status="definitief",
            bron="consulent",
            door=consulent,
        )
        antwoord = scherm["client"].post(scherm["url"], vierweken(scherm, vervangt=str(oud.pk)))
    assert antwoord.status_code == 302
    nieuw = Inkomstenopgave.objects.exclude(pk=oud.pk).order_by("pk")
    assert [o.vervangt_id for o in nieuw] == [oud.pk, None]
    berekening = Berekening.objects.get(dossier=scherm["dossier"], maand=MAART, actueel=True)
    assert set(berekening.opgaven.all()) == set(nieuw)
    assert berekening.inkomsten == D("541.67")
