"""Proefberekening: the stable JSON contract of issue 3 around :mod:`inkomen.rekenregels`.

One code path for ``POST /api/v1/inkomen/proefberekening`` (:mod:`inkomen.api`), the command
``manage.py proefberekening FILE`` and the burgerportaal page "Wat als ik meer ga werken?":
:func:`voer_proefberekening_uit` takes the parsed JSON request and returns the JSON response
(a dict of plain values), or raises :class:`ProefberekeningFout` whose :meth:`als_dict` is the
project's structured error ``{"code": "ongeldig", "detail": ..., "fouten": {pad: [...]}}``.

The rules and policy choices come from the database (``inkomen.selectors.actieve_regelsets()``
and ``actief_beleid()``, editable by a functioneel beheerder); the one in force on the first
day of ``maand`` is used.

Request (every field of the contract; anything else is rejected)
----------------------------------------------------------------
``maand``                         required; ``"JJJJ-MM"`` (exactly 4 + 2 digits, month 01-12).
                                  Must fall under a regelset (from 2025-01) and not more than
                                  six months after the newest regelset's ``geldig_vanaf``
                                  (norms are indexed every half year; a later month would be
                                  computed with outdated norms).
``aanvrager``                     required; ``{"geboortedatum", "medisch_urenbeperkt"}``
``partner``                       optional, default ``null``; same shape as ``aanvrager``
``kinderen``                      optional, default ``[]``; ``[{"geboortedatum"}]``, children
                                  ten laste (under 18) in full care; at most 20
``medebewoners``                  optional, default ``[]``; ``[{"geboortedatum", "student",
                                  "commerciele_huur", "familie_eerste_of_tweede_graad"}]``;
                                  at most 20
``inkomsten``                     optional, default ``[]``; ``[{"persoon", "soort", "bedrag",
                                  "periode"}]``; at most 50 lines
``vrijlating_maanden_gebruikt``   optional, default ``{}``; ``{"aanvrager"|"partner": {"n"|"r"|
                                  "y"|"z"|"aa"|"34a": months used before this month}}``
``geschatte_inkomsten``           optional, default ``null``; ``null`` or a list shaped like
                                  ``inkomsten`` (may be empty: estimated at zero)
``recht_vanaf``                   optional, default ``null`` (= the first day of ``maand``);
                                  ``"JJJJ-MM-DD"`` inside ``maand``: the first day with recht
                                  of a part month at the start (art. 45 lid 3)
``recht_tot``                     optional, default ``null`` (= the last day of ``maand``);
                                  ``"JJJJ-MM-DD"`` inside ``maand``, not before
                                  ``recht_vanaf``: the last day with recht of a part month at
                                  the end. With either date the norm is prorated per policy P8
                                  (kalenderdagen or werkdagen, half-up to the cent); the caps of
                                  the vrijlating are not prorated. Whether the 30-day condition
                                  of art. 45 lid 3 holds is the caller's judgement.

Strictness rules
----------------
- The body and every nested object must be JSON objects; an unknown key anywhere is an error
  on its own path (``"aanvrager.leeftijd"``, ``"inkomsten[0].btw"``).
- Dates: strings ``"JJJJ-MM-DD"`` (exactly that form) that exist in the calendar;
  ``recht_vanaf`` / ``recht_tot`` must lie inside ``maand`` and the end not before the start.
- Booleans (``medisch_urenbeperkt``, ``student``, ``commerciele_huur``,
  ``familie_eerste_of_tweede_graad``): JSON ``true``/``false`` only, default ``false``.
- ``persoon``: ``"aanvrager"`` or ``"partner"`` (required); ``soort``: ``"arbeid"`` or
  ``"overig"`` (required); ``periode``: ``"maand"`` or ``"vier_weken"`` (default ``"maand"``;
  four-weekly amounts are converted x 13 / 12 under the default policy P3).
- ``bedrag`` (required): a JSON string such as ``"600.00"``, ``"600.5"`` or ``"600"`` (digits,
  a decimal *point*, at most two decimals, no sign, no spaces, no exponent, no leading zeros),
  or a JSON number with the same properties (``600``, ``600.5``, ``600.00``). Numbers are read
  exactly (the API and the command parse JSON numbers as ``Decimal``, never as float), so
  ``600.125`` is rejected rather than rounded. Negative amounts and amounts of one million or
  more are rejected. A Python ``float`` handed to :func:`voer_proefberekening_uit` directly is
  rejected too (it cannot be exact).
- Counters in ``vrijlating_maanden_gebruikt``: JSON integers from 0 to 600 (not ``true``, not
  ``1.0``).
- Then the calculation core validates the household itself (:func:`inkomen.rekenregels.
  valideer`): persons under 18 or born after the month, a child of 18 or older, partner income
  or counters without a partner, a month before the first regelset, and so on.

Response: :meth:`inkomen.rekenregels.Resultaat.als_dict` - ``norm``, ``kostendelers``,
``inkomsten``, ``vrijlating``, ``bijstand`` (incl. vakantietoeslag), ``vakantietoeslag``
(reserved part), ``uitbetaling``, ``correctie`` (``null`` without an estimate) and
``regels`` (``artikel``, ``omschrijving``, ``bedrag`` or ``null``); amounts are strings with
two decimals.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from inkomen.rekenregels import (
    Beleid,
    Inkomstenregel,
    Invoer,
    Kind,
    Maand,
    Medebewoner,
    OngeldigeInvoer,
    Periode,
    Persoon,
    PersoonRol,
    Regelset,
    Resultaat,
    Soort,
    VrijlatingSoort,
    bereken,
    controleer_dekking,
    regelset_voor,
)

__all__ = [
    "AANVRAGER_VELDEN",
    "INKOMSTEN_VELDEN",
    "KIND_VELDEN",
    "MEDEBEWONER_VELDEN",
    "VELDEN",
    "ProefberekeningFout",
    "bereken_proef",
    "lees_invoer",
    "lees_json",
    "voer_proefberekening_uit",
]

# The contract's field names (also used by the OpenAPI serializers; a test keeps them equal).
VELDEN = (
    "maand",
    "aanvrager",
    "partner",
    "kinderen",
    "medebewoners",
    "inkomsten",
    "vrijlating_maanden_gebruikt",
    "geschatte_inkomsten",
    "recht_vanaf",
    "recht_tot",
)
AANVRAGER_VELDEN = ("geboortedatum", "medisch_urenbeperkt")
KIND_VELDEN = ("geboortedatum",)
MEDEBEWONER_VELDEN = (
    "geboortedatum",
    "student",
    "commerciele_huur",
    "familie_eerste_of_tweede_graad",
)
INKOMSTEN_VELDEN = ("persoon", "soort", "bedrag", "periode")

MAX_KINDEREN = 20
MAX_MEDEBEWONERS = 20
MAX_INKOMSTENREGELS = 50
MAX_TELLER = 600
MAX_BEDRAG = Decimal("1000000")

_MAAND_RE = re.compile(r"^(\d{4})-(\d{2})$")
_DATUM_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BEDRAG_RE = re.compile(r"^(0|[1-9][0-9]{0,9})(\.[0-9]{1,2})?$")
_DECIMALEN_RE = re.compile(r"^(0|[1-9][0-9]*)\.[0-9]{3,}$")

ONGELDIG = "ongeldig"
DETAIL = "Ongeldige invoer."
ALGEMEEN = "non_field_errors"


class ProefberekeningFout(OngeldigeInvoer):
    """Invalid proefberekening input: HTTP 400 in the API, exit status 2 in the command.

    ``fouten`` maps a field path (``"inkomsten[0].bedrag"``) to Dutch messages; ``code`` is
    ``"ongeldig"`` (or ``"parse_error"`` for a body that is not JSON at all).
    """

    def __init__(
        self, fouten: dict[str, list[str]], *, code: str = ONGELDIG, detail: str = DETAIL
    ) -> None:
        super().__init__(fouten)
        self.code = code
        self.detail = detail

    def als_dict(self) -> dict[str, Any]:
        """The project's structured error body (see ``bijstand.core.api``)."""
        return {"code": self.code, "detail": self.detail, "fouten": self.fouten}


# --------------------------------------------------------------------------------------------
# public entry points


def voer_proefberekening_uit(
    data: Any,
    *,
    regelsets: Iterable[Regelset] | None = None,
    beleid: Iterable[Beleid] | None = None,
) -> dict[str, Any]:
    """Parse the request strictly, compute, and return the contract's response dict.

    ``regelsets`` / ``beleid`` default to the active rules in the database
    (``inkomen.selectors.actieve_regelsets()`` / ``actief_beleid()``). Raises
    :class:`ProefberekeningFout` for any invalid input, with a message per field.
    """
    return bereken_proef(data, regelsets=regelsets, beleid=beleid).als_dict()


def bereken_proef(
    data: Any,
    *,
    regelsets: Iterable[Regelset] | None = None,
    beleid: Iterable[Beleid] | None = None,
) -> Resultaat:
    """:func:`voer_proefberekening_uit` without the last step: the core's
    :class:`~inkomen.rekenregels.Resultaat` itself (its vrijlatingen, part month and
    kostendelers as structured values), for a page that explains the sum step by step
    (the burgerportaal's "Wat als ik meer ga werken?")."""
    invoer = lees_invoer(data)  # first: invalid input needs no database
    if regelsets is None or beleid is None:
        from inkomen import selectors

        if regelsets is None:
            regelsets = selectors.actieve_regelsets()
        if beleid is None:
            beleid = selectors.actief_beleid()
    regelsets = list(regelsets)
    beleid = list(beleid)
    try:
        controleer_dekking(invoer.maand.eerste_dag, regelsets)
        dag = invoer.maand.eerste_dag
        return bereken(invoer, regelset_voor(dag, regelsets), regelset_voor(dag, beleid))
    except ProefberekeningFout:
        raise
    except OngeldigeInvoer as exc:
        raise ProefberekeningFout(exc.fouten) from exc


def lees_json(tekst: str | bytes) -> Any:
    """Parse JSON text the way the API does: numbers as exact ``Decimal``, no NaN/Infinity.

    Raises :class:`ProefberekeningFout` with code ``"parse_error"`` and no field messages when
    it is not JSON (the same body the API gives for a DRF ``ParseError``).
    """

    def geen_constante(naam: str) -> Any:
        raise ValueError(f"{naam} is geen geldig JSON-getal")

    try:
        return json.loads(tekst, parse_float=Decimal, parse_constant=geen_constante)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProefberekeningFout(
            {}, code="parse_error", detail=f"De invoer is geen geldige JSON: {exc}"
        ) from exc


def lees_invoer(data: Any) -> Invoer:
    """The request as a :class:`~inkomen.rekenregels.Invoer`; strict (see module docstring)."""
    lezer = _Lezer()
    invoer = lezer.invoer(data)
    lezer.controleer()
    if invoer is None:  # pragma: no cover - controleer() raised already
        raise ProefberekeningFout({ALGEMEEN: ["Ongeldige invoer."]})
    return invoer


# --------------------------------------------------------------------------------------------
# parsing


class _Lezer:
    def __init__(self) -> None:
        self.fouten: dict[str, list[str]] = {}

    def fout(self, pad: str, melding: str) -> None:
        self.fouten.setdefault(pad, []).append(melding)

    def controleer(self) -> None:
        if self.fouten:
            raise ProefberekeningFout(self.fouten)

    # -- structure

    def object(
        self, pad: str, waarde: Any, toegestaan: tuple[str, ...], verplicht: tuple[str, ...]
    ) -> Mapping[str, Any] | None:
        if not isinstance(waarde, Mapping):
            self.fout(pad or ALGEMEEN, "Geef een JSON-object op ({...}).")
            return None
        for sleutel in waarde:
            if sleutel not in toegestaan:
                self.fout(_pad(pad, str(sleutel)), "Onbekend veld.")
        for sleutel in verplicht:
            if sleutel not in waarde:
                self.fout(_pad(pad, sleutel), "Dit veld is verplicht.")
        return waarde

    def lijst(self, pad: str, waarde: Any, maximum: int) -> list[Any]:
        if waarde is None:
            return []
        if not isinstance(waarde, list):
            self.fout(pad, "Geef een lijst op ([...]).")
            return []
        if len(waarde) > maximum:
            self.fout(pad, f"Geef hoogstens {maximum} regels op.")
            return []
        return waarde

    # -- the request

    def invoer(self, data: Any) -> Invoer | None:
        obj = self.object("", data, VELDEN, ("maand", "aanvrager"))
        if obj is None:
            return None
        maand = self.maand("maand", obj.get("maand")) if "maand" in obj else None
        aanvrager = self.persoon("aanvrager", obj["aanvrager"]) if "aanvrager" in obj else None
        partner = None
        if obj.get("partner") is not None:
            partner = self.persoon("partner", obj["partner"])
        kinderen = tuple(
            k
            for i, w in enumerate(self.lijst("kinderen", obj.get("kinderen"), MAX_KINDEREN))
            if (k := self.kind(f"kinderen[{i}]", w)) is not None
        )
        medebewoners = tuple(
            m
            for i, w in enumerate(
                self.lijst("medebewoners", obj.get("medebewoners"), MAX_MEDEBEWONERS)
            )
            if (m := self.medebewoner(f"medebewoners[{i}]", w)) is not None
        )
        inkomsten = self.inkomsten("inkomsten", obj.get("inkomsten"))
        geschat = None
        if obj.get("geschatte_inkomsten") is not None:
            geschat = self.inkomsten("geschatte_inkomsten", obj["geschatte_inkomsten"])
        tellers = self.tellers(
            "vrijlating_maanden_gebruikt", obj.get("vrijlating_maanden_gebruikt")
        )
        recht_vanaf, recht_tot = self.deelmaand(obj, maand)
        if self.fouten or maand is None or aanvrager is None:
            return None
        return Invoer(
            maand=maand,
            aanvrager=aanvrager,
            partner=partner,
            kinderen=kinderen,
            medebewoners=medebewoners,
            inkomsten=inkomsten,
            vrijlating_maanden_gebruikt=tellers,
            geschatte_inkomsten=geschat,
            recht_vanaf=recht_vanaf,
            recht_tot=recht_tot,
        )

    def deelmaand(
        self, obj: Mapping[str, Any], maand: Maand | None
    ) -> tuple[date | None, date | None]:
        """``recht_vanaf`` / ``recht_tot``: dates inside ``maand``, the end not before the start."""
        datums: dict[str, date | None] = {}
        for naam in ("recht_vanaf", "recht_tot"):
            datums[naam] = None
            if obj.get(naam) is None:
                continue
            datum = self.datum(naam, obj[naam])
            if datum is None or maand is None:
                continue
            if not maand.eerste_dag <= datum <= maand.laatste_dag:
                self.fout(
                    naam,
                    f"De datum moet in de maand {maand} liggen ({maand.eerste_dag.isoformat()} "
                    f"tot en met {maand.laatste_dag.isoformat()}).",
                )
                continue
            datums[naam] = datum
        vanaf, tot = datums["recht_vanaf"], datums["recht_tot"]
        if vanaf is not None and tot is not None and tot < vanaf:
            self.fout(
                "recht_tot",
                "De laatste dag met recht (recht_tot) ligt vóór de eerste dag met recht "
                "(recht_vanaf).",
            )
        return vanaf, tot

    def maand(self, pad: str, waarde: Any) -> Maand | None:
        treffer = _MAAND_RE.match(waarde) if isinstance(waarde, str) else None
        if treffer is None:
            self.fout(pad, 'Geef de maand op als "JJJJ-MM", bijvoorbeeld "2026-03".')
            return None
        jaar, maand = int(treffer.group(1)), int(treffer.group(2))
        if not 1 <= maand <= 12:
            self.fout(pad, "De maand moet tussen 01 en 12 liggen.")
            return None
        return Maand(jaar, maand)

    def datum(self, pad: str, waarde: Any) -> date | None:
        if not isinstance(waarde, str) or not _DATUM_RE.match(waarde):
            self.fout(pad, 'Geef de datum op als "JJJJ-MM-DD", bijvoorbeeld "1985-05-01".')
            return None
        try:
            return date.fromisoformat(waarde)
        except ValueError:
            self.fout(pad, "Deze datum bestaat niet.")
            return None

    def ja_nee(self, pad: str, obj: Mapping[str, Any], naam: str) -> bool:
        waarde = obj.get(naam, False)
        if not isinstance(waarde, bool):
            self.fout(_pad(pad, naam), "Geef true of false op.")
            return False
        return waarde

    def persoon(self, pad: str, waarde: Any) -> Persoon | None:
        obj = self.object(pad, waarde, AANVRAGER_VELDEN, ("geboortedatum",))
        if obj is None or "geboortedatum" not in obj:
            return None
        geboren = self.datum(_pad(pad, "geboortedatum"), obj["geboortedatum"])
        medisch = self.ja_nee(pad, obj, "medisch_urenbeperkt")
        if geboren is None:
            return None
        return Persoon(geboortedatum=geboren, medisch_urenbeperkt=medisch)

    def kind(self, pad: str, waarde: Any) -> Kind | None:
        obj = self.object(pad, waarde, KIND_VELDEN, ("geboortedatum",))
        if obj is None or "geboortedatum" not in obj:
            return None
        geboren = self.datum(_pad(pad, "geboortedatum"), obj["geboortedatum"])
        return None if geboren is None else Kind(geboortedatum=geboren)

    def medebewoner(self, pad: str, waarde: Any) -> Medebewoner | None:
        obj = self.object(pad, waarde, MEDEBEWONER_VELDEN, ("geboortedatum",))
        if obj is None or "geboortedatum" not in obj:
            return None
        geboren = self.datum(_pad(pad, "geboortedatum"), obj["geboortedatum"])
        vlaggen = {naam: self.ja_nee(pad, obj, naam) for naam in MEDEBEWONER_VELDEN[1:]}
        return None if geboren is None else Medebewoner(geboortedatum=geboren, **vlaggen)

    def inkomsten(self, pad: str, waarde: Any) -> tuple[Inkomstenregel, ...]:
        regels = []
        for i, item in enumerate(self.lijst(pad, waarde, MAX_INKOMSTENREGELS)):
            regel = self.inkomstenregel(f"{pad}[{i}]", item)
            if regel is not None:
                regels.append(regel)
        return tuple(regels)

    def inkomstenregel(self, pad: str, waarde: Any) -> Inkomstenregel | None:
        obj = self.object(pad, waarde, INKOMSTEN_VELDEN, ("persoon", "soort", "bedrag"))
        if obj is None:
            return None
        persoon = self.keuze(pad, obj, "persoon", PersoonRol, None)
        soort = self.keuze(pad, obj, "soort", Soort, None)
        periode = self.keuze(pad, obj, "periode", Periode, Periode.MAAND)
        bedrag = self.bedrag(_pad(pad, "bedrag"), obj["bedrag"]) if "bedrag" in obj else None
        if None in (persoon, soort, periode, bedrag):
            return None
        return Inkomstenregel(persoon=persoon, soort=soort, bedrag=bedrag, periode=periode)

    def keuze(self, pad: str, obj: Mapping[str, Any], naam: str, soort: Any, standaard: Any) -> Any:
        if naam not in obj:
            return standaard  # a missing required field is already reported
        waarde = obj[naam]
        opties = [s.value for s in soort]
        if not isinstance(waarde, str) or waarde not in opties:
            self.fout(_pad(pad, naam), "Kies uit: " + ", ".join(f'"{o}"' for o in opties) + ".")
            return None
        return soort(waarde)

    def bedrag(self, pad: str, waarde: Any) -> Decimal | None:
        if isinstance(waarde, bool) or not isinstance(waarde, str | int | Decimal):
            self.fout(
                pad,
                "Geef het bedrag op als tekst met een punt en hoogstens twee decimalen, "
                'bijvoorbeeld "600.00".',
            )
            return None
        tekst = waarde.strip() if isinstance(waarde, str) else str(waarde)
        if isinstance(waarde, str) and tekst != waarde:
            self.fout(pad, "Het bedrag mag geen spaties bevatten.")
            return None
        if tekst.startswith("-"):
            self.fout(pad, "Het bedrag mag niet negatief zijn.")
            return None
        if _DECIMALEN_RE.match(tekst):
            self.fout(pad, "Geef het bedrag op in hele centen: hoogstens twee decimalen.")
            return None
        if not _BEDRAG_RE.match(tekst):
            hint = " Gebruik een punt, geen komma." if "," in tekst else ""
            self.fout(
                pad,
                "Geef het bedrag op met een punt en hoogstens twee decimalen, bijvoorbeeld "
                f'"600.00".{hint}',
            )
            return None
        try:
            bedrag = Decimal(tekst)
        except InvalidOperation:  # pragma: no cover - the pattern excludes this
            self.fout(pad, "Geef een geldig bedrag op.")
            return None
        if bedrag >= MAX_BEDRAG:
            self.fout(pad, "Het bedrag is te hoog: geef een netto bedrag per periode op.")
            return None
        return bedrag.quantize(Decimal("0.01"))

    def tellers(self, pad: str, waarde: Any) -> dict[str, dict[str, int]]:
        if waarde is None:
            return {}
        rollen = tuple(r.value for r in PersoonRol)
        obj = self.object(pad, waarde, rollen, ())
        if obj is None:
            return {}
        soorten = tuple(s.value for s in VrijlatingSoort)
        resultaat: dict[str, dict[str, int]] = {}
        for rol in rollen:
            if rol not in obj:
                continue
            per_soort = self.object(_pad(pad, rol), obj[rol], soorten, ())
            if per_soort is None:
                continue
            resultaat[rol] = {}
            for soort, aantal in per_soort.items():
                if soort not in soorten:
                    continue  # reported as unknown field
                if isinstance(aantal, bool) or not isinstance(aantal, int):
                    self.fout(_pad(pad, rol, soort), "Geef een geheel aantal maanden op.")
                elif not 0 <= aantal <= MAX_TELLER:
                    self.fout(
                        _pad(pad, rol, soort),
                        f"Geef een aantal maanden van 0 tot en met {MAX_TELLER} op.",
                    )
                else:
                    resultaat[rol][soort] = aantal
        return resultaat


def _pad(*delen: str) -> str:
    return ".".join(d for d in delen if d)
