"""Helpers of the beschikking tests (tests/aanvraag/test_beschikking.py and
tests/portaal/test_besluiten.py): a decided aanvraag built through the real services
(registreer_melding ... neem_besluit), a movable clock and the PDF's text."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aanvraag import behandeling, services
from aanvraag.models import Aanvraag, Besluit
from aanvraag.stappen import CHECKLIST_CODES, Uitkomst
from bijstand.accounts.models import Rol, User
from bijstand.core import tijd
from tests.factories import TeamFactory, UserFactory, WijkFactory, geldig_bsn

# --------------------------------------------------------------------------------------------
# the clock and the PDF text


def zet_klok(monkeypatch: pytest.MonkeyPatch, dag: date) -> None:
    monkeypatch.setattr(tijd, "vandaag", lambda: dag)


def pdf_tekst(data: bytes, tmp_path: Path) -> str:
    """The PDF's text (pdftotext, poppler-utils), whitespace collapsed to single spaces."""
    programma = shutil.which("pdftotext")
    assert programma, "pdftotext (poppler-utils) is required (.ci/run installs it)"
    pad = tmp_path / "besluit.pdf"
    pad.write_bytes(data)
    uit = subprocess.run([programma, str(pad), "-"], capture_output=True, check=True)  # noqa: S603
    return re.sub(r"\s+", " ", uit.stdout.decode())


# --------------------------------------------------------------------------------------------
# people and a decided aanvraag


@dataclass
class Mensen:
    team: Any
    werkcoach: User
    teamleider: User
    consulent: User


def maak_mensen() -> Mensen:
    team = TeamFactory()
    teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    team.teamleider = teamleider
    team.save()
    werkcoach = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    WijkFactory(code="W3011", naam="Stadsdriehoek", postcodes="3011,3012", team=team)
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)
    return Mensen(team, werkcoach, teamleider, consulent)


PERSOON = {
    "voornamen": "Anna",
    "achternaam": "Jansen",
    "geboortedatum": date(1990, 4, 1),
    "straat": "Coolsingel",
    "huisnummer": "40",
    "postcode": "3011 AD",
    "woonplaats": "Rotterdam",
}


def stappen(*, elektronisch: bool, huishouden: dict | None = None) -> dict[str, dict]:
    return {
        "persoon": {
            "email": "",
            "telefoon": "",
            "elektronisch": elektronisch,
            "adres_gewijzigd": False,
            "straat": "",
            "huisnummer": "",
            "postcode": "",
            "woonplaats": "",
        },
        "wonen": {"woonsituatie": "huur", "woonkosten": "650.00", "toelichting": ""},
        "huishouden": huishouden or {"partner": None, "kinderen": [], "medebewoners": []},
        "inkomen": {
            "heeft_inkomen": False,
            "soort": "",
            "bedrag": None,
            "andere_uitkering_aangevraagd": False,
        },
        "vermogen": {
            "bank_saldo": "120.00",
            "auto_waarde": None,
            "eigen_woning": False,
            "overig": "",
        },
        "bankrekening": {"iban": "NL91ABNA0417164300", "tenaamstelling": "A. Jansen"},
        "verklaring": {"akkoord": True},
    }


def aanvraag_in_behandeling(
    monkeypatch: pytest.MonkeyPatch,
    mensen: Mensen,
    *,
    melddatum: date,
    bsn: str | None = None,
    elektronisch: bool = False,
    persoon: dict | None = None,
    huishouden: dict | None = None,
    checklist: bool = True,
    indienen_op: date | None = None,
) -> Aanvraag:
    """Melding on ``melddatum`` (clock set to it), all steps, submitted (on ``indienen_op``,
    default the melddatum), taken up by the consulent, checklist all "in orde"."""
    zet_klok(monkeypatch, melddatum)
    aanvraag = services.registreer_melding(
        bsn=bsn or geldig_bsn(),
        kanaal="loket",
        door=mensen.werkcoach,
        persoon={**PERSOON, **(persoon or {})},
        melddatum=melddatum,
    )
    for stap, gegevens in stappen(elektronisch=elektronisch, huishouden=huishouden).items():
        services.sla_stap_op(aanvraag=aanvraag, stap=stap, gegevens=gegevens, door=None)
    zet_klok(monkeypatch, indienen_op or melddatum)
    services.dien_in(aanvraag=aanvraag, door=None)
    behandeling.neem_in_behandeling(aanvraag=aanvraag, door=mensen.consulent)
    if checklist:
        for code in CHECKLIST_CODES:
            behandeling.beoordeel_checklist(
                aanvraag=aanvraag, code=code, uitkomst=Uitkomst.AKKOORD, door=mensen.consulent
            )
    return Aanvraag.objects.select_related("dossier__werkzoekende").get(pk=aanvraag.pk)


def beslis(
    monkeypatch: pytest.MonkeyPatch,
    aanvraag: Aanvraag,
    mensen: Mensen,
    *,
    op: date,
    soort: str = "toekenning",
    ingangsdatum: date | None = None,
    motivering: str = "",
) -> Besluit:
    """``neem_besluit`` on day ``op`` (the clock is set to it)."""
    zet_klok(monkeypatch, op)
    besluit = behandeling.neem_besluit(
        aanvraag=aanvraag,
        soort=soort,
        door=mensen.consulent,
        ingangsdatum=ingangsdatum,
        motivering=motivering,
    )
    return Besluit.objects.select_related("aanvraag__dossier__werkzoekende").get(pk=besluit.pk)
