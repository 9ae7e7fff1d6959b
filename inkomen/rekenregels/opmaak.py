"""Dutch formatting and rounding helpers (pure)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext

CENT = Decimal("0.01")

_MODI = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}


def afronden(bedrag: Decimal, modus: str = "half_up") -> Decimal:
    """Round to cents with the given mode (``half_up`` or ``half_even``)."""
    return bedrag.quantize(CENT, rounding=_MODI[str(modus)])


def deel(teller: Decimal, noemer: Decimal) -> Decimal:
    """Exact-enough division (40 significant digits) before rounding to cents."""
    with localcontext() as ctx:
        ctx.prec = 40
        return teller / noemer


def bedrag_nl(bedrag: Decimal) -> str:
    """Format money the Dutch way: ``1.401,50`` (sign in front when negative)."""
    teken = "-" if bedrag < 0 else ""
    tekst = f"{abs(bedrag).quantize(CENT):,.2f}"  # "1,401.50"
    return teken + tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def procent_nl(percentage: Decimal) -> str:
    """Format a percentage: ``25%``, ``12,5%``, ``43⅓%`` for 130/3."""
    waarde = Decimal(percentage)
    if waarde == waarde.to_integral_value():
        return f"{int(waarde)}%"
    tekst = format(waarde.normalize(), "f")
    if len(tekst.split(".")[1]) > 4:
        tekst = f"{waarde:.4f}".rstrip("0")
    return tekst.replace(".", ",") + "%"


def datum_nl(datum) -> str:
    return datum.strftime("%d-%m-%Y")


MAANDNAMEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
