"""Import of the full occupation classifications: CBS BRC 2014 (ISCO-08) or ESCO.

``manage.py importeer_beroepen BESTAND --formaat cbs|esco [--dry-run]`` calls :func:`importeer`.

File format (both): CSV with a header row, UTF-8 (a byte-order mark is fine), separator ``,``
or ``;`` (detected from the header). Column names are matched without regard to case, spaces,
hyphens or underscores; the first name listed is the documented one, the others are accepted.

CBS (``--formaat cbs``): one row per ISCO-08 unit group with its BRC 2014 grouping, as CBS
publishes the "Beroepenclassificatie ROA-CBS 2014 (BRC 2014)".

    =====================  ========  ==================================================
    column                 required  meaning
    =====================  ========  ==================================================
    isco08                 yes       ISCO-08 unit group, 4 digits (also: isco, isco_code)
    omschrijving           yes       occupation name (also: isco_omschrijving, naam)
    brc_beroepsgroep       yes       BRC 2014 beroepsgroep (also: beroepsgroep)
    brc_beroepssegment     no        BRC 2014 beroepssegment (also: beroepssegment)
    brc_beroepsklasse      no        BRC 2014 beroepsklasse (also: beroepsklasse)
    =====================  ========  ==================================================

ESCO (``--formaat esco``): the ESCO "occupations_nl.csv" download (ESCO v1.x), of which these
columns are read (the others are ignored):

    =====================  ========  ==================================================
    column                 required  meaning
    =====================  ========  ==================================================
    conceptUri             yes       the occupation's ESCO URI (key of the import)
    iscoGroup              yes       ISCO-08 unit group, 4 digits
    preferredLabel         yes       occupation name
    description            no        description
    conceptType            no        rows other than "Occupation" are skipped
    status                 no        rows other than "released" are skipped
    =====================  ========  ==================================================

What the import does: a row is identified by ``externe_id`` (the ESCO URI, or ``isco:<code>``
for CBS). A new occupation is created with ``bron`` cbs/esco, default requirements and
``in_uitstroomperspectief`` off (a beheerder checks the requirements first); an existing one
gets its name, ISCO code, BRC group and description updated. Requirements, the kansrijk flag
and the switches a beheerder set are never touched. An ESCO occupation gets the BRC group of
the CBS row with the same ISCO code when that was imported. A name that another occupation
already has gets `` (ISCO <code>)`` appended. Invalid rows are reported with their line
number and skipped; everything else is stored in one transaction (with history).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .models import Beroep, BeroepBron

ISCO_RE = re.compile(r"^\d{4}$")

KOLOMMEN: dict[str, dict[str, tuple[str, ...]]] = {
    "cbs": {
        "isco": ("isco08", "isco", "isco_code", "isco08_code", "iscocode"),
        "naam": ("omschrijving", "isco_omschrijving", "naam", "beroep"),
        "groep": ("brc_beroepsgroep", "beroepsgroep", "brc_groep"),
        "segment": ("brc_beroepssegment", "beroepssegment"),
        "klasse": ("brc_beroepsklasse", "beroepsklasse"),
    },
    "esco": {
        "uri": ("concepturi", "uri"),
        "isco": ("iscogroup", "isco08", "isco"),
        "naam": ("preferredlabel", "naam"),
        "omschrijving": ("description", "omschrijving"),
        "soort": ("concepttype",),
        "status": ("status",),
    },
}
VERPLICHT = {"cbs": ("isco", "naam", "groep"), "esco": ("uri", "isco", "naam")}


class ImportFout(Exception):
    """The file cannot be read as a whole (unknown format, missing columns)."""


@dataclass
class ImportResultaat:
    formaat: str
    nieuw: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    overgeslagen: int = 0
    fouten: list[str] = field(default_factory=list)

    def samenvatting(self) -> str:
        return (
            f"{self.formaat}: {self.nieuw} nieuw, {self.bijgewerkt} bijgewerkt, "
            f"{self.ongewijzigd} ongewijzigd, {self.overgeslagen} overgeslagen"
        )


def _sleutel(naam: str) -> str:
    return re.sub(r"[\s_\-]", "", naam.strip().lower())


def _kolomindex(kop: list[str], formaat: str) -> dict[str, int]:
    genormaliseerd = {_sleutel(k): i for i, k in enumerate(kop)}
    index: dict[str, int] = {}
    for veld, namen in KOLOMMEN[formaat].items():
        for naam in namen:
            if _sleutel(naam) in genormaliseerd:
                index[veld] = genormaliseerd[_sleutel(naam)]
                break
    ontbreekt = [KOLOMMEN[formaat][v][0] for v in VERPLICHT[formaat] if v not in index]
    if ontbreekt:
        verplicht = ", ".join(KOLOMMEN[formaat][v][0] for v in VERPLICHT[formaat])
        raise ImportFout(
            f"Kolommen ontbreken voor formaat {formaat}: {', '.join(ontbreekt)}. "
            f"Verwacht (minstens): {verplicht}."
        )
    return index


def lees_rijen(tekst: str, formaat: str) -> Iterable[tuple[int, dict[str, str]]]:
    """(line number, {field: value}) per data row; the header decides the separator."""
    if formaat not in KOLOMMEN:
        raise ImportFout(f"Onbekend formaat {formaat!r}: kies cbs of esco.")
    tekst = tekst.lstrip("\ufeff")
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    try:
        kop = next(lezer)
    except StopIteration as exc:
        raise ImportFout("Het bestand is leeg.") from exc
    index = _kolomindex(kop, formaat)
    for rij in lezer:
        if not any(c.strip() for c in rij):
            continue
        yield (
            lezer.line_num,
            {veld: (rij[i].strip() if i < len(rij) else "") for veld, i in index.items()},
        )


@dataclass
class _Regel:
    externe_id: str
    isco: str
    naam: str
    brc_groep: str
    omschrijving: str


def _regels(tekst: str, formaat: str, resultaat: ImportResultaat) -> list[_Regel]:
    uit: dict[str, _Regel] = {}
    for nummer, r in lees_rijen(tekst, formaat):
        if formaat == "esco":
            soort, status = r.get("soort", ""), r.get("status", "")
            if (soort and soort.lower() != "occupation") or (
                status and status.lower() != "released"
            ):
                resultaat.overgeslagen += 1
                continue
        isco = r["isco"].strip()
        if isco.isdigit() and len(isco) < 4:
            isco = isco.zfill(4)  # spreadsheets drop leading zeros (0110)
        fouten = []
        if not ISCO_RE.match(isco):
            fouten.append(f"ISCO-code {isco!r} is geen code van 4 cijfers")
        if not r["naam"]:
            fouten.append("de naam ontbreekt")
        if formaat == "esco" and not r["uri"]:
            fouten.append("conceptUri ontbreekt")
        if fouten:
            resultaat.fouten.append(f"regel {nummer}: {'; '.join(fouten)}")
            resultaat.overgeslagen += 1
            continue
        if formaat == "cbs":
            delen = [r.get("klasse", ""), r.get("segment", "")]
            omschrijving = " / ".join(d for d in delen if d)
            regel = _Regel(f"isco:{isco}", isco, r["naam"][:200], r["groep"][:200], omschrijving)
        else:
            regel = _Regel(r["uri"][:300], isco, r["naam"][:200], "", r.get("omschrijving", ""))
        if regel.externe_id in uit:
            resultaat.fouten.append(f"regel {nummer}: {regel.externe_id} staat er al eerder in")
            resultaat.overgeslagen += 1
            continue
        uit[regel.externe_id] = regel
    return list(uit.values())


def importeer(bestand: str | Path, *, formaat: str, dry_run: bool = False) -> ImportResultaat:
    """Import a CBS or ESCO occupation file (see the module docstring). Idempotent."""
    pad = Path(bestand)
    try:
        tekst = pad.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFout(f"Kan {pad} niet lezen als UTF-8: {exc}") from exc
    return importeer_tekst(tekst, formaat=formaat, dry_run=dry_run)


def importeer_tekst(tekst: str, *, formaat: str, dry_run: bool = False) -> ImportResultaat:
    resultaat = ImportResultaat(formaat=formaat)
    regels = _regels(tekst, formaat, resultaat)
    bron = BeroepBron.CBS if formaat == "cbs" else BeroepBron.ESCO
    with transaction.atomic():
        bestaand = {
            b.externe_id: b
            for b in Beroep.objects.select_for_update().filter(
                externe_id__in=[r.externe_id for r in regels]
            )
        }
        namen = dict(Beroep.objects.values_list("naam", "externe_id"))
        brc_per_isco: dict[str, str] = {}
        if formaat == "esco":
            for isco, groep in Beroep.objects.filter(bron=BeroepBron.CBS).values_list(
                "isco_code", "brc_groep"
            ):
                brc_per_isco[isco] = groep
        nieuw: list[Beroep] = []
        gewijzigd: list[Beroep] = []
        for r in regels:
            naam = r.naam
            if namen.get(naam, r.externe_id) != r.externe_id:
                naam = f"{r.naam} (ISCO {r.isco})"[:200]
                if namen.get(naam, r.externe_id) != r.externe_id:
                    resultaat.fouten.append(f"{r.externe_id}: de naam {r.naam!r} bestaat al")
                    resultaat.overgeslagen += 1
                    continue
            groep = r.brc_groep or brc_per_isco.get(r.isco, "")
            beroep = bestaand.get(r.externe_id)
            if beroep is None:
                nieuw.append(
                    Beroep(
                        naam=naam,
                        isco_code=r.isco,
                        brc_groep=groep,
                        omschrijving=r.omschrijving,
                        bron=bron,
                        externe_id=r.externe_id,
                        in_uitstroomperspectief=False,
                    )
                )
            else:
                oud = (beroep.naam, beroep.isco_code, beroep.brc_groep, beroep.omschrijving)
                groep = groep or beroep.brc_groep
                if oud == (naam, r.isco, groep, r.omschrijving):
                    resultaat.ongewijzigd += 1
                    continue
                namen.pop(beroep.naam, None)
                beroep.naam, beroep.isco_code = naam, r.isco
                beroep.brc_groep, beroep.omschrijving = groep, r.omschrijving
                gewijzigd.append(beroep)
            namen[naam] = r.externe_id
        if nieuw:
            bulk_create_with_history(nieuw, Beroep, batch_size=1000)
        if gewijzigd:
            bulk_update_with_history(
                gewijzigd,
                Beroep,
                ["naam", "isco_code", "brc_groep", "omschrijving"],
                batch_size=1000,
            )
        resultaat.nieuw, resultaat.bijgewerkt = len(nieuw), len(gewijzigd)
        if dry_run:
            transaction.set_rollback(True)
    return resultaat
