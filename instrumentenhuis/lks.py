"""Loonkostensubsidie (art. 10d Participatiewet): the pure calculation with its explanation.

No Django imports: plain Decimals in, a result with the rule lines out. The subsidy is the
difference between the minimum wage (WML) for the contract hours and the loonwaarde, at most
``maximum_pct`` (70 %) of that WML. Every amount is rounded half-up to cents at the step where
it is stated, and each step is one line of the explanation that is stored with the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

CENT = Decimal("0.01")
HONDERD = Decimal("100")
WEKEN_PER_JAAR = Decimal("52")
MAANDEN_PER_JAAR = Decimal("12")


class OngeldigeInvoer(ValueError):
    """An input outside its range; ``veld`` names it, the message is Dutch."""

    def __init__(self, veld: str, melding: str):
        super().__init__(melding)
        self.veld = veld
        self.melding = melding


@dataclass(frozen=True)
class LksInvoer:
    wml_per_uur: Decimal
    uren_per_week: Decimal
    loonwaarde_pct: Decimal
    maximum_pct: Decimal = Decimal("70")


@dataclass(frozen=True)
class LksUitkomst:
    wml_maand: Decimal
    loonwaarde_maand: Decimal
    verschil: Decimal
    maximum: Decimal
    subsidie_maand: Decimal
    begrensd: bool
    regels: list[str] = field(default_factory=list)


def afronden(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


def euro(bedrag: Decimal) -> str:
    """``€ 2.294,76``."""
    tekst = f"{abs(bedrag).quantize(CENT):,.2f}".replace(",", "_").replace(".", ",")
    return ("-" if bedrag < 0 else "") + "€ " + tekst.replace("_", ".")


def getal(waarde: Decimal) -> str:
    """``36``, ``32,5`` (no trailing zeros)."""
    w = Decimal(waarde)
    if w == w.to_integral_value():
        return str(int(w))
    return format(w.normalize(), "f").replace(".", ",")


def bereken_lks(invoer: LksInvoer) -> LksUitkomst:
    """Compute the monthly loonkostensubsidie and explain each step."""
    if invoer.wml_per_uur <= 0:
        raise OngeldigeInvoer("wml_per_uur", "Het minimumloon per uur moet groter zijn dan 0.")
    if not Decimal("0") < invoer.uren_per_week <= Decimal("40"):
        raise OngeldigeInvoer(
            "uren_per_week", "Het aantal contracturen per week ligt tussen 0 en 40."
        )
    if not Decimal("0") <= invoer.loonwaarde_pct <= HONDERD:
        raise OngeldigeInvoer("loonwaarde_pct", "De loonwaarde ligt tussen 0 en 100 procent.")
    if not Decimal("0") <= invoer.maximum_pct <= HONDERD:
        raise OngeldigeInvoer("maximum_pct", "Het maximum ligt tussen 0 en 100 procent.")
    with localcontext() as ctx:
        ctx.prec = 40
        wml_maand = afronden(
            invoer.wml_per_uur * invoer.uren_per_week * WEKEN_PER_JAAR / MAANDEN_PER_JAAR
        )
        loonwaarde = afronden(wml_maand * invoer.loonwaarde_pct / HONDERD)
        verschil = wml_maand - loonwaarde
        maximum = afronden(wml_maand * invoer.maximum_pct / HONDERD)
    subsidie = min(verschil, maximum)
    begrensd = verschil > maximum
    regels = [
        f"WML per maand voor {getal(invoer.uren_per_week)} uur per week: "
        f"{euro(invoer.wml_per_uur)} × {getal(invoer.uren_per_week)} × 52 / 12 = {euro(wml_maand)}",
        f"Loonwaarde {getal(invoer.loonwaarde_pct)}% van {euro(wml_maand)} = {euro(loonwaarde)}",
        f"Verschil WML min loonwaarde: {euro(wml_maand)} - {euro(loonwaarde)} = {euro(verschil)}",
        f"Maximum {getal(invoer.maximum_pct)}% van het WML: {euro(maximum)} (art. 10d "
        "Participatiewet)",
        (
            f"Loonkostensubsidie per maand: het maximum, {euro(subsidie)}"
            if begrensd
            else f"Loonkostensubsidie per maand: het verschil, {euro(subsidie)}"
        ),
    ]
    return LksUitkomst(
        wml_maand=wml_maand,
        loonwaarde_maand=loonwaarde,
        verschil=verschil,
        maximum=maximum,
        subsidie_maand=subsidie,
        begrensd=begrensd,
        regels=regels,
    )
