"""Rule parameters (``Regelset``) and policy choices (``Beleid``) as plain, versioned data.

Both carry a ``geldig_vanaf`` and round-trip through plain dicts (``van_dict``/``als_dict``:
Decimals as strings, dates as ISO strings) so the Django side can store them in the database,
load them by migration and let a functioneel beheerder edit them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from .fouten import OngeldigeInvoer
from .opmaak import datum_nl
from .typen import VrijlatingSoort, plus_jaren_maanden


@dataclass(frozen=True)
class Vrijlatingsparameters:
    """Percentage, monthly cap and duration of one kind of vrijlating (art. 31 lid 2 / 34a)."""

    soort: VrijlatingSoort
    percentage: Decimal
    maximum: Decimal | None  # per month; None = no cap (34a: none found [U])
    max_maanden: int | None  # None = no time limit
    minimum_leeftijd: int | None = None  # 27 for n and r (art. 31 lid 5)
    artikel: str = ""

    @classmethod
    def van_dict(cls, data: dict[str, Any]) -> Vrijlatingsparameters:
        return cls(
            soort=VrijlatingSoort(data["soort"]),
            percentage=Decimal(str(data["percentage"])),
            maximum=None if data.get("maximum") is None else Decimal(str(data["maximum"])),
            max_maanden=data.get("max_maanden"),
            minimum_leeftijd=data.get("minimum_leeftijd"),
            artikel=data.get("artikel", ""),
        )

    def als_dict(self) -> dict[str, Any]:
        return {
            "soort": str(self.soort),
            "percentage": str(self.percentage),
            "maximum": None if self.maximum is None else str(self.maximum),
            "max_maanden": self.max_maanden,
            "minimum_leeftijd": self.minimum_leeftijd,
            "artikel": self.artikel,
        }


_DECIMAL_VELDEN = {
    "norm_alleenstaande",
    "norm_gehuwden",
    "norm_aow_alleenstaande",
    "norm_aow_gehuwden",
    "jongerennorm_alleenstaande",
    "jongerennorm_gehuwden_beide_jong",
    "jongerennorm_gehuwden_beide_jong_met_kinderen",
    "jongerennorm_gehuwden_een_jong",
    "jongerennorm_gehuwden_een_jong_met_kinderen",
    "jongerennorm_jonge_partner_bij_kostendelers",
    "jongerennorm_jonge_partner_bij_kostendelers_met_kinderen",
    "jongerennorm_verhoging_art_20_lid_3",
    "kostendelers_basispercentage",
    "kostendelers_percentage_per_persoon",
    "vakantietoeslag_percentage",
}


@dataclass(frozen=True)
class Regelset:
    """All date-dependent rule parameters in force from ``geldig_vanaf``.

    Amounts are netto per kalendermaand **including** vakantietoeslag, as the law states them.
    ``None`` means "not known for this date"; a calculation that needs it raises
    :class:`OngeldigeInvoer`.
    """

    geldig_vanaf: date
    # art. 21: 21 jaar tot AOW-leeftijd
    norm_alleenstaande: Decimal  # art. 21 onder a (ook alleenstaande ouder)
    norm_gehuwden: Decimal  # art. 21 onder b
    # art. 22: AOW-leeftijd
    norm_aow_alleenstaande: Decimal  # art. 22 onder a
    norm_aow_gehuwden: Decimal  # art. 22 onder b/c
    # art. 20: 18-20 jaar
    jongerennorm_alleenstaande: Decimal  # art. 20 lid 1 onder a/b (ook alleenstaande ouder)
    jongerennorm_gehuwden_beide_jong: Decimal
    jongerennorm_gehuwden_beide_jong_met_kinderen: Decimal
    jongerennorm_gehuwden_een_jong: Decimal  # one 18-20, the other 21+ (< AOW)
    jongerennorm_gehuwden_een_jong_met_kinderen: Decimal
    # art. 22a lid 3: the young partner's amount when the older partner has kostendelers
    jongerennorm_jonge_partner_bij_kostendelers: Decimal | None = None
    jongerennorm_jonge_partner_bij_kostendelers_met_kinderen: Decimal | None = None
    # art. 20 lid 3 (2026): verhoging when no parental support is possible; not applied (the
    # input has no field for it), kept as data.
    jongerennorm_verhoging_art_20_lid_3: Decimal | None = None
    # art. 22a lid 1: ((basis + A x per_persoon) / A) % of the gehuwdennorm
    kostendelers_basispercentage: Decimal = Decimal("40")
    kostendelers_percentage_per_persoon: Decimal = Decimal("30")
    kostendeler_minimum_leeftijd: int = 27  # art. 19a lid 1 (since 1-1-2023)
    kostendelersnorm_minimum_leeftijd: int = 21  # belanghebbende must be 21+
    jongerennorm_tot_leeftijd: int = 21  # art. 20: 18, 19 and 20 year olds
    minimum_leeftijd: int = 18
    kind_ten_laste_tot_leeftijd: int = 18
    kind_leeftijd_vrijlating_r: int = 12  # art. 31 lid 2 onder r 1°
    vakantietoeslag_percentage: Decimal = Decimal("5")  # art. 19 lid 3
    # AOW-leeftijd: 67 for everyone who reaches it in 2024-2027; see module docstring.
    aow_leeftijd_jaren: int = 67
    aow_leeftijd_maanden: int = 0
    vrijlatingen: tuple[Vrijlatingsparameters, ...] = ()
    toelichting: str = ""

    def vrijlating(self, soort: VrijlatingSoort | str) -> Vrijlatingsparameters | None:
        for parameters in self.vrijlatingen:
            if parameters.soort == soort:
                return parameters
        return None

    @property
    def omschrijving(self) -> str:
        return f"regelset geldig vanaf {datum_nl(self.geldig_vanaf)}"

    @classmethod
    def van_dict(cls, data: dict[str, Any]) -> Regelset:
        """Build from plain data (as in :mod:`.standaard`); raises ``OngeldigeInvoer``."""
        bekend = {f.name for f in fields(cls)}
        onbekend = sorted(set(data) - bekend)
        if onbekend:
            raise OngeldigeInvoer({v: ["Onbekend veld in de regelset."] for v in onbekend})
        waarden: dict[str, Any] = {}
        fouten: dict[str, list[str]] = {}
        for naam, waarde in data.items():
            try:
                if naam == "geldig_vanaf":
                    waarden[naam] = _datum(waarde)
                elif naam == "vrijlatingen":
                    waarden[naam] = tuple(Vrijlatingsparameters.van_dict(v) for v in waarde)
                elif naam in _DECIMAL_VELDEN:
                    waarden[naam] = None if waarde is None else Decimal(str(waarde))
                else:
                    waarden[naam] = waarde
            except (ValueError, KeyError, TypeError, InvalidOperation):
                fouten[naam] = ["Ongeldige waarde in de regelset."]
        if fouten:
            raise OngeldigeInvoer(fouten)
        try:
            return cls(**waarden)
        except TypeError as exc:
            raise OngeldigeInvoer({"regelset": [f"Onvolledige regelset: {exc}"]}) from exc

    def als_dict(self) -> dict[str, Any]:
        resultaat: dict[str, Any] = {}
        for f in fields(self):
            waarde = getattr(self, f.name)
            if isinstance(waarde, date):
                waarde = waarde.isoformat()
            elif isinstance(waarde, Decimal):
                waarde = str(waarde)
            elif f.name == "vrijlatingen":
                waarde = [v.als_dict() for v in waarde]
            resultaat[f.name] = waarde
        return resultaat


class VrijlatingBovenNorm(StrEnum):
    """P1: vrijlating when the income is close to or above the norm."""

    GEEN_VRIJLATING = "a"  # (a) income >= norm -> no bijstand, no vrijlating (cliff)
    ZOLANG_BIJSTAND = "b"  # (b) apply whenever bijstand remains after it (norm + cap)


class Afronding(StrEnum):
    """P2: rounding mode to cents."""

    HALF_UP = "half_up"
    HALF_EVEN = "half_even"


class VakantietoeslagSplitsing(StrEnum):
    """P2: which part of the bijstand is rounded first."""

    VT_EERST = "vt_eerst"  # VT = round(5% x bijstand); maand = bijstand - VT  (§8)
    EXCL_EERST = "excl_eerst"  # maand = round(95% x bijstand); VT = bijstand - maand


class Toerekening(StrEnum):
    """P3: which month income is attributed to (applied by the caller, recorded here)."""

    WERKMAAND = "werkmaand"  # current law (art. 32), Rotterdam page
    ONTVANGSTMAAND = "ontvangstmaand"  # PiB direction ("maandsystematiek")


class VierWekenOmrekening(StrEnum):
    """P3: four-weekly income."""

    DERTIEN_TWAALFDE = "13/12"  # x 13 / 12 per line, rounded (Divosa: "meeste gemeenten")
    ALS_ONTVANGEN = "als_ontvangen"  # each payday line counted as is (two in a double month)


class VakantietoeslagMethode(StrEnum):
    """P4: VT split. Only the law-literal method is implemented (the Regeling is [U])."""

    WETTELIJK = "wettelijk"


class VrijlatingTelling(StrEnum):
    """P5: how the caller counts the 6 n-months / 30 r-months (the core reports applied months)."""

    TOEGEPASTE_MAANDEN = "toegepaste_maanden"
    KALENDERMAANDEN = "kalendermaanden"


class DeelmaandMethode(StrEnum):
    """P8: how the norm of a part month at the start or end is prorated (art. 45 lid 3 PW)."""

    KALENDERDAGEN = "kalenderdagen"  # norm x days with recht / days in the month (default) [U]
    WERKDAGEN = "werkdagen"  # norm x weekdays (Mon-Fri) with recht / weekdays in the month


class LeeftijdPeildag(StrEnum):
    """Day of the month on which ages are determined ([U], not in the domain file)."""

    EERSTE_DAG = "eerste_dag"
    LAATSTE_DAG = "laatste_dag"


@dataclass(frozen=True)
class Beleid:
    """Policy choices P1-P8 of §6.2 (defaults = those used in the worked examples of §8).

    P8 (``p8_deelmaand``) is the part-month method of ``levensloop.md`` §3 (default
    kalenderdagen); stored data without the key gets that default.
    P9 is the hersteltermijn of an opschorting (art. 54 lid 2 PW, ``inkomen.perioden``): the
    term the consulent's form proposes and the longest allowed, in days after today [U]. Not
    used by the calculation (changing only P9 starts no recalculation run).
    """

    geldig_vanaf: date = date(2025, 1, 1)
    p1_vrijlating_boven_norm: VrijlatingBovenNorm = VrijlatingBovenNorm.GEEN_VRIJLATING
    p2_afronding: Afronding = Afronding.HALF_UP
    p2_kostendelersnorm_per_persoon_afronden: bool = True
    p2_vakantietoeslag_splitsing: VakantietoeslagSplitsing = VakantietoeslagSplitsing.VT_EERST
    p3_toerekening: Toerekening = Toerekening.WERKMAAND
    p3_vier_weken: VierWekenOmrekening = VierWekenOmrekening.DERTIEN_TWAALFDE
    p4_vakantietoeslag: VakantietoeslagMethode = VakantietoeslagMethode.WETTELIJK
    p5_vrijlating_telling: VrijlatingTelling = VrijlatingTelling.TOEGEPASTE_MAANDEN
    p6_gedoog_34a_onder_27: bool = False
    p7_verrekening_max_maanden: int = 6  # art. 58 lid 4
    p8_deelmaand: DeelmaandMethode = DeelmaandMethode.KALENDERDAGEN  # art. 45 lid 3 [U]
    p9_hersteltermijn_dagen: int = 14  # art. 54 lid 2 [U]
    p9_hersteltermijn_max_dagen: int = 28  # art. 54 lid 2 [U]
    leeftijd_peildag: LeeftijdPeildag = LeeftijdPeildag.EERSTE_DAG
    toelichting: str = field(default="", compare=False)

    @classmethod
    def van_dict(cls, data: dict[str, Any]) -> Beleid:
        bekend = {f.name: f for f in fields(cls)}
        fouten: dict[str, list[str]] = {}
        waarden: dict[str, Any] = {}
        for naam, waarde in data.items():
            if naam not in bekend:
                fouten[naam] = ["Onbekende beleidskeuze."]
                continue
            try:
                waarden[naam] = _BELEID_OMZETTERS.get(naam, lambda w: w)(waarde)
            except (ValueError, TypeError):
                fouten[naam] = ["Ongeldige waarde voor deze beleidskeuze."]
        if fouten:
            raise OngeldigeInvoer(fouten)
        return cls(**waarden)

    def als_dict(self) -> dict[str, Any]:
        resultaat: dict[str, Any] = {}
        for f in fields(self):
            waarde = getattr(self, f.name)
            if isinstance(waarde, date):
                waarde = waarde.isoformat()
            elif isinstance(waarde, StrEnum):
                waarde = str(waarde)
            resultaat[f.name] = waarde
        return resultaat


_BELEID_OMZETTERS: dict[str, Any] = {
    "geldig_vanaf": lambda w: _datum(w),
    "p1_vrijlating_boven_norm": VrijlatingBovenNorm,
    "p2_afronding": Afronding,
    "p2_vakantietoeslag_splitsing": VakantietoeslagSplitsing,
    "p3_toerekening": Toerekening,
    "p3_vier_weken": VierWekenOmrekening,
    "p4_vakantietoeslag": VakantietoeslagMethode,
    "p5_vrijlating_telling": VrijlatingTelling,
    "p8_deelmaand": DeelmaandMethode,
    "leeftijd_peildag": LeeftijdPeildag,
    "p2_kostendelersnorm_per_persoon_afronden": lambda w: _bool(w),
    "p6_gedoog_34a_onder_27": lambda w: _bool(w),
    "p7_verrekening_max_maanden": lambda w: _int(w),
    "p9_hersteltermijn_dagen": lambda w: _int(w),
    "p9_hersteltermijn_max_dagen": lambda w: _int(w),
}

# Policy keys the calculation does not read: a change of only these starts no recalculation.
BELEID_BUITEN_BEREKENING = frozenset({"p9_hersteltermijn_dagen", "p9_hersteltermijn_max_dagen"})


def _datum(waarde: Any) -> date:
    if isinstance(waarde, date):
        return waarde
    return date.fromisoformat(str(waarde))


def _bool(waarde: Any) -> bool:
    if not isinstance(waarde, bool):
        raise TypeError("geen boolean")
    return waarde


def _int(waarde: Any) -> int:
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        raise TypeError("geen geheel getal")
    return waarde


class _MetGeldigVanaf(Protocol):
    @property
    def geldig_vanaf(self) -> date: ...


T = TypeVar("T", bound=_MetGeldigVanaf)


def regelset_voor(datum: date, regelsets: Iterable[T]) -> T:
    """The item in force on ``datum``: the latest ``geldig_vanaf`` on or before it.

    Works for :class:`Regelset` and :class:`Beleid` alike. For a month, pass its first day
    (indexation is on 1 January and 1 July). Raises :class:`OngeldigeInvoer` (field ``maand``)
    when none is in force yet.
    """
    kandidaten = [r for r in regelsets if r.geldig_vanaf <= datum]
    if not kandidaten:
        raise OngeldigeInvoer(
            {"maand": [f"Er zijn geen rekenregels vastgelegd voor {datum_nl(datum)}."]}
        )
    return max(kandidaten, key=lambda r: r.geldig_vanaf)


# The norms are indexed every half year (1 January and 1 July, art. 38 PW): a rule set covers
# its own month and the five after it, until the next one. A later month would be computed on
# outdated norms.
MAANDEN_NA_NIEUWSTE_REGELSET = 6


def controleer_dekking(maand: date, regelsets: Iterable[_MetGeldigVanaf]) -> None:
    """Refuse a month (its first day) that no rule set covers: before the first one, or six
    months or more after the newest ``geldig_vanaf``. One rule for the proefberekening and the
    payment run. Raises :class:`OngeldigeInvoer` (field ``maand``)."""
    vanaf = sorted(r.geldig_vanaf for r in regelsets)
    if not vanaf:
        raise OngeldigeInvoer({"maand": ["Er zijn nog geen rekenregels vastgelegd."]})
    if maand < vanaf[0].replace(day=1):
        raise OngeldigeInvoer(
            {"maand": [f"Er zijn geen rekenregels vastgelegd voor {datum_nl(maand)}."]}
        )
    grens = plus_jaren_maanden(vanaf[-1].replace(day=1), 0, MAANDEN_NA_NIEUWSTE_REGELSET)
    if maand >= grens:
        laatste = plus_jaren_maanden(grens, 0, -1)
        raise OngeldigeInvoer(
            {
                "maand": [
                    f"Voor deze maand zijn nog geen normen vastgelegd. De laatste maand die "
                    f"we kunnen berekenen is {laatste.year:04d}-{laatste.month:02d}."
                ]
            }
        )
