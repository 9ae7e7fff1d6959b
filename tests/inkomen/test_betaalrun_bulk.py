"""The bulk path of the payment run gives exactly the results of the per-dossier path.

A varied caseload (alone, partner, children, kostendeler, alleenstaande ouder, jongere,
medisch urenbeperkt, four-weekly wages, estimates, vrijlating counters from earlier months,
open verrekeningsschuld, no IBAN, nihil, ended uitkering, a month already calculated by the
event path) is paid for four months with the per-dossier path; then the next month is paid
once per path (inside a savepoint that is rolled back in between) and everything stored is
compared: berekeningen, vrijlating counters, ledger lines, Betalingen, totals, the file.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import transaction

from inkomen import betaalrun, services
from inkomen.models import (
    Berekening,
    Betaalrun,
    Betaling,
    Boeking,
    VrijlatingToepassing,
)

from .conftest import D

JAN = date(2026, 1, 1)
MAANDEN = [date(2026, m, 1) for m in range(1, 6)]


def registreer(dossier, maand, bedrag, consulent, **kwargs):
    """An opgave WITHOUT its on-commit recalculation (the run must calculate the month)."""
    velden = {
        "persoon": "aanvrager",
        "soort": "arbeid",
        "periode": "maand",
        "status": "definitief",
        "bron": "consulent",
        "door": consulent,
    }
    velden.update(kwargs)
    return services.registreer_inkomstenopgave(
        dossier=dossier, maand=maand, bedrag=D(bedrag), **velden
    )


@pytest.fixture
def caseload(maak_dossier, opgave, consulent, vandaag, settings):
    """Returns a function that books the history up to (not incl.) ``doel``."""
    settings.INKOMEN_BETAALRUN_CHUNK = 5
    d = {}
    d["alleen"] = maak_dossier(geboortedatum=date(2000, 6, 1), ingangsdatum=JAN)
    d["werkt"] = maak_dossier(geboortedatum=date(1985, 5, 1), ingangsdatum=JAN)
    d["schatting"] = maak_dossier(geboortedatum=date(1986, 5, 1), ingangsdatum=JAN)
    d["gezin"] = maak_dossier(
        geboortedatum=date(1990, 1, 1),
        ingangsdatum=JAN,
        leden=[
            {"rol": "partner", "naam": "P", "geboortedatum": date(1988, 2, 2)},
            {"rol": "kind", "naam": "K", "geboortedatum": date(2018, 3, 3)},
        ],
    )
    d["kostendeler"] = maak_dossier(
        geboortedatum=date(1980, 1, 1),
        ingangsdatum=JAN,
        leden=[{"rol": "medebewoner", "naam": "M", "geboortedatum": date(1995, 1, 1)}],
    )
    d["ouder"] = maak_dossier(
        geboortedatum=date(1994, 4, 4),
        ingangsdatum=JAN,
        leden=[{"rol": "kind", "naam": "K", "geboortedatum": date(2015, 5, 5)}],
    )
    d["jong"] = maak_dossier(geboortedatum=date(2006, 9, 1), ingangsdatum=JAN)
    d["medisch"] = maak_dossier(
        geboortedatum=date(1975, 1, 1), ingangsdatum=JAN, aanvrager_medisch_urenbeperkt=True
    )
    d["schuld"] = maak_dossier(geboortedatum=date(1982, 1, 1), ingangsdatum=JAN)
    d["geen_iban"] = maak_dossier(geboortedatum=date(1983, 1, 1), ingangsdatum=JAN)
    d["geen_iban"].werkzoekende.iban = ""
    d["geen_iban"].werkzoekende.save()
    d["nihil"] = maak_dossier(geboortedatum=date(1984, 1, 1), ingangsdatum=JAN)
    d["gestopt"] = maak_dossier(geboortedatum=date(1979, 1, 1), ingangsdatum=JAN)
    d["later"] = maak_dossier(geboortedatum=date(1978, 1, 1), ingangsdatum=date(2026, 3, 1))

    def tot(doel: date) -> None:
        for maand in MAANDEN:
            vandaag(maand.replace(day=20))
            registreer(d["werkt"], maand, "600.00", consulent)
            registreer(d["medisch"], maand, "450.00", consulent)
            registreer(d["ouder"], maand, "500.00", consulent)
            registreer(d["nihil"], maand, "3000.00", consulent)
            registreer(d["jong"], maand, "200.00", consulent, status="geschat")
            if maand == doel:
                # calculated by the event path before the run (on-commit task executed)
                opgave(d["schatting"], maand, "350.00", status="geschat")
                registreer(d["gezin"], maand, "400.00", consulent, persoon="partner")
                registreer(
                    d["kostendeler"],
                    maand,
                    "520.00",
                    consulent,
                    periode="vier_weken",
                    betaaldata=[maand.replace(day=3), maand.replace(day=28)],
                )
                return
            if maand == date(2026, 2, 1):
                schatting = registreer(d["schuld"], maand, "300.00", consulent, status="geschat")
            if maand == date(2026, 3, 1):
                # the loonstrook of February arrives: verrekeningsschuld (event path)
                opgave(d["schuld"], date(2026, 2, 1), "450.00", vervangt=schatting)
            if maand == date(2026, 2, 1):  # the uitkering ends in February
                services.wijzig_uitkering_status(
                    uitkering=d["gestopt"].uitkering,
                    naar="beeindigd",
                    reden="werk",
                    door=None,
                    einddatum=date(2026, 2, 28),
                )
            betaalrun.voer_uit(maand=maand, bulk=False)

    return d, tot


def vastgelegd(dossiers: dict, maand: date) -> dict:
    """Everything the run stored, without ids and timestamps."""
    uit: dict = {}
    for naam, dossier in dossiers.items():
        b = Berekening.objects.filter(dossier=dossier, maand=maand, actueel=True).first()
        uit[naam] = {
            "berekening": None
            if b is None
            else {
                **{
                    f.name: getattr(b, f.name)
                    for f in Berekening._meta.concrete_fields
                    if f.name not in ("id", "aangemaakt_op")
                },
                "opgaven": sorted(b.opgaven.values_list("pk", flat=True)),
            },
            "versies": Berekening.objects.filter(dossier=dossier, maand=maand).count(),
            "vrijlating": sorted(
                VrijlatingToepassing.objects.filter(dossier=dossier).values_list(
                    "maand", "persoon", "soort", "bedrag", "maandnummer", "max_maanden", "actueel"
                )
            ),
            "boekingen": sorted(
                Boeking.objects.filter(dossier=dossier).values_list(
                    "maand",
                    "soort",
                    "bedrag",
                    "vakantietoeslag",
                    "reden_code",
                    "berekening__versie",
                    "berekening__maand",
                    "betaalmaand",
                    "uiterlijk_verrekend",
                    "omschrijving",
                ),
                key=str,
            ),
            "betaling": list(
                Betaling.objects.filter(dossier=dossier, maand=maand).values_list(
                    "bedrag", "iban", "naam", "end_to_end_id", "status", "reden"
                )
            ),
        }
    run = Betaalrun.objects.get(maand=maand)
    with run.bestand.storage.open(run.bestand.name) as f:
        bestand = re.sub(rb"<CreDtTm>[^<]*</CreDtTm>", b"", f.read())
    uit["_run"] = (
        run.status,
        run.aantal_betalingen,
        run.totaal_bedrag,
        run.aantal_niet_betaald,
        run.chunks_klaar,
        run.chunks_totaal,
        bestand,
    )
    return uit


@pytest.mark.django_db
@pytest.mark.parametrize("doel", [date(2026, 4, 1), date(2026, 5, 1)], ids=["april", "mei_vt"])
def test_bulk_gelijk_aan_per_dossier(caseload, doel):
    dossiers, tot = caseload
    tot(doel)

    sid = transaction.savepoint()
    betaalrun.voer_uit(maand=doel, bulk=False)
    per_dossier = vastgelegd(dossiers, doel)
    transaction.savepoint_rollback(sid)
    assert not Betaling.objects.filter(maand=doel).exists()

    betaalrun.voer_uit(maand=doel, bulk=True)
    bulk = vastgelegd(dossiers, doel)

    for naam in per_dossier:
        assert bulk[naam] == per_dossier[naam], naam
    # the caseload really is varied
    b = {
        n: v["betaling"][0] if v["betaling"] else None
        for n, v in per_dossier.items()
        if n != "_run"
    }
    assert b["gestopt"] is None
    assert b["geen_iban"][5] == "geen_iban"
    assert b["nihil"][5] == "nihil"
    assert per_dossier["schuld"]["boekingen"]  # open schuld: the per-dossier rules inside bulk
    assert any(r[1] == "inhouding" for r in per_dossier["schuld"]["boekingen"])
    assert per_dossier["werkt"]["berekening"]["vrijlatingen"][0]["maandnummer"] == doel.month
    assert per_dossier["kostendeler"]["berekening"]["kostendelers"] == 2
    if doel.month == 5:
        assert any(
            r[1] == "vakantietoeslag_uitbetaling" for r in per_dossier["alleen"]["boekingen"]
        )
