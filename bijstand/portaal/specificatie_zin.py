"""The plain sentences at the top of the burger's specification (page and PDF) that connect
its amounts: the uitkering of the month, what is added or withheld in the payment, and what
comes into the bank account.

"Uw uitkering over maart 2026 is € 903,92. Daarvan houden wij € 23,75 in voor wat u eerder te
veel kreeg. Op uw rekening komt € 880,17."

Computed from the same bookings as the table "Wat we betalen" (``Specificatie.betaling``, the
cash part of each line) and the same berekening as the table "Uw uitkering", so it never says
anything else than they do: the amounts added minus the amounts withheld are exactly the
amount on the bank account (otherwise no sentence is given at all). Only for a month that has
been paid; an unpaid month has its own sentence in the template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from inkomen.kalender import maand_nl
from inkomen.models import NUL, Boeking, BoekingSoort
from inkomen.selectors import Specificatie

from .rekensom_uitleg import euro


@dataclass(frozen=True)
class Samenvatting:
    """The sentences, and the sum they state: ``erbij`` - ``eraf`` = ``op_rekening``."""

    zinnen: list[str]
    erbij: list[Decimal] = field(default_factory=list)
    eraf: list[Decimal] = field(default_factory=list)
    op_rekening: Decimal = NUL

    @property
    def tekst(self) -> str:
        return " ".join(self.zinnen)


def _erbij_zin(boeking: Boeking, *, ook: bool, einde: bool) -> str:
    waarden = {"bedrag": euro(boeking.kasbedrag), "maand": maand_nl(boeking.maand)}
    if boeking.soort == BoekingSoort.UITBETALING_VOORLOPIG:
        tekst = (
            _("U krijgt nu ook uw uitkering over %(maand)s: %(bedrag)s.")
            if ook
            else _("U krijgt nu uw uitkering over %(maand)s: %(bedrag)s.")
        )
    elif boeking.soort == BoekingSoort.NABETALING:
        tekst = (
            _("U krijgt ook %(bedrag)s extra over %(maand)s. Dat is een nabetaling.")
            if ook
            else _("U krijgt %(bedrag)s extra over %(maand)s. Dat is een nabetaling.")
        )
    elif boeking.soort == BoekingSoort.VAKANTIETOESLAG_UITBETALING:
        if einde:
            tekst = (
                _(
                    "U krijgt ook uw gespaarde vakantiegeld, omdat uw uitkering is gestopt: "
                    "%(bedrag)s."
                )
                if ook
                else _(
                    "U krijgt uw gespaarde vakantiegeld, omdat uw uitkering is gestopt: %(bedrag)s."
                )
            )
        else:
            tekst = (
                _("U krijgt ook uw gespaarde vakantiegeld: %(bedrag)s.")
                if ook
                else _("U krijgt uw gespaarde vakantiegeld: %(bedrag)s.")
            )
    else:
        waarden["wat"] = boeking.get_soort_display().lower()
        tekst = (
            _("U krijgt ook %(bedrag)s (%(wat)s over %(maand)s).")
            if ook
            else _("U krijgt %(bedrag)s (%(wat)s over %(maand)s).")
        )
    return tekst % waarden


def samenvatting_van(spec: Specificatie | None) -> Samenvatting | None:
    """The sentences for ``spec`` (see the module docstring); ``None`` for a month that has
    not been paid (or when the lines would not add up, which the ledger does not allow)."""
    if spec is None or not spec.betaald:
        return None
    maand = maand_nl(spec.maand)
    eigen = [
        b
        for b in spec.betaling
        if b.soort == BoekingSoort.UITBETALING_VOORLOPIG and b.maand == spec.maand
    ]
    rest = [b for b in spec.betaling if b not in eigen]
    zinnen: list[str] = []
    erbij: list[Decimal] = []
    if eigen:
        uitkering = sum((b.kasbedrag for b in eigen), NUL)
        erbij.append(uitkering)
        nu = spec.berekening.uitbetaling if spec.berekening is not None else uitkering
        if nu == uitkering:
            zinnen.append(
                _("Uw uitkering over %(maand)s is %(bedrag)s.")
                % {"maand": maand, "bedrag": euro(uitkering)}
            )
        else:
            zinnen.append(
                _(
                    "Wij hebben uw uitkering over %(maand)s betaald: %(bedrag)s. Later hebben we "
                    "uw uitkering opnieuw uitgerekend. Nu is die %(nu)s."
                )
                % {"maand": maand, "bedrag": euro(uitkering), "nu": euro(nu)}
            )
            if spec.correcties:
                zinnen.append(
                    _(
                        "Wat dat voor u betekent, leest u hieronder bij \u2018Veranderingen over "
                        "%(maand)s\u2019."
                    )
                    % {"maand": maand}
                )
    for boeking in rest:
        if boeking.kasbedrag > 0:
            zinnen.append(_erbij_zin(boeking, ook=bool(erbij), einde=spec.einde_uitkering))
            erbij.append(boeking.kasbedrag)
    if len(erbij) > 1:
        zinnen.append(_("Samen is dat %(bedrag)s.") % {"bedrag": euro(sum(erbij, NUL))})

    eraf: list[Decimal] = []
    inhouding = -sum((b.kasbedrag for b in rest if b.soort == BoekingSoort.INHOUDING), NUL)
    voorschot = -sum(
        (b.kasbedrag for b in rest if b.soort == BoekingSoort.VOORSCHOT_VERREKENING), NUL
    )
    if inhouding > 0:
        zinnen.append(
            _("Daarvan houden wij %(bedrag)s in voor wat u eerder te veel kreeg.")
            % {"bedrag": euro(inhouding)}
        )
        eraf.append(inhouding)
    if voorschot > 0:
        tekst = (
            _("Ook halen we %(bedrag)s eraf voor het voorschot dat u al kreeg.")
            if eraf
            else _("Daarvan halen we %(bedrag)s af voor het voorschot dat u al kreeg.")
        )
        zinnen.append(tekst % {"bedrag": euro(voorschot)})
        eraf.append(voorschot)
    for boeking in rest:
        if boeking.kasbedrag < 0 and boeking.soort not in (
            BoekingSoort.INHOUDING,
            BoekingSoort.VOORSCHOT_VERREKENING,
        ):
            zinnen.append(
                _("Ook halen we %(bedrag)s eraf (%(wat)s over %(maand)s).")
                % {
                    "bedrag": euro(-boeking.kasbedrag),
                    "wat": boeking.get_soort_display().lower(),
                    "maand": maand_nl(boeking.maand),
                }
            )
            eraf.append(-boeking.kasbedrag)

    op_rekening = spec.betaald_bedrag
    if sum(erbij, NUL) - sum(eraf, NUL) != op_rekening:  # pragma: no cover - ledger invariant
        return None
    if op_rekening == 0:
        zinnen.append(_("Op uw rekening komt deze keer niets: %(bedrag)s.") % {"bedrag": euro(NUL)})
    else:
        zinnen.append(_("Op uw rekening komt %(bedrag)s.") % {"bedrag": euro(op_rekening)})
    return Samenvatting(zinnen, erbij, eraf, op_rekening)
