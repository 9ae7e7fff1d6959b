"""The sum of one month's bijstand as plain steps for the burger (B1), from the core's result.

The rule texts of :mod:`inkomen.rekenregels` are written for staff and stored with every
berekening (they are part of its fingerprint, so they are not reworded here). This module
reads the *numbers* of a :class:`~inkomen.rekenregels.Resultaat` and writes the sum as it is
actually done, one step at a time::

    norm (x days with recht / days in the month, for a part month)
    inkomsten (four-weekly x 13 / 12; the parts added up)
    vrijlating = percentage of the wage, at most the cap (per person; added up)
    inkomsten - vrijlating = inkomsten die meetellen
    norm - inkomsten die meetellen = bijstand (with vakantiegeld)
    vakantiegeld = percentage of the bijstand (or the rest first, per policy P2)
    bijstand - vakantiegeld = what the gemeente pays

Every written sum is true: its left side gives its right side (exactly, or rounded to whole
cents where the core rounds: then ``afgerond``), and the result of a step is the number the
next step starts from. A step whose arithmetic cannot be shown exactly (an unexpected policy)
says the amount without a sum rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inkomen.rekenregels import DeelmaandMethode, PersoonRol, Resultaat
from inkomen.rekenregels.opmaak import CENT, bedrag_nl, datum_nl, deel, procent_nl

NUL = Decimal("0.00")
MIN = "\u2212"  # the minus sign (read as "min" by screen readers), not a hyphen
HALVE_CENT = Decimal("0.005")


def euro(bedrag: Decimal) -> str:
    """``€ 1.419,46`` with a non-breaking space: an amount never breaks over two lines."""
    return f"€\u00a0{bedrag_nl(bedrag)}"


@dataclass(frozen=True)
class Stap:
    """One step: a plain sentence, the sum written out (``links`` = its left side, empty when
    the step only states an amount) and the result. ``eind``: the amount the page is about.
    ``soort`` names the step (``norm``, ``deelmaand``, ``inkomen``, ``inkomsten``,
    ``vrijlating``, ``maximum``, ``vrijlating_samen``, ``meegeteld``, ``bijstand``,
    ``uitbetaling``, ``eind``; a caller may add its own)."""

    uitleg: str
    uitkomst: Decimal
    links: str = ""
    afgerond: bool = False
    eind: bool = False
    soort: str = field(default="", kw_only=True)

    @property
    def euro(self) -> str:
        return euro(self.uitkomst)

    @property
    def som(self) -> str:
        """The whole sum as shown: ``€ 1.419,46 − € 600,00 = € 819,46`` (or just the amount)."""
        return f"{self.links} = {self.euro}" if self.links else self.euro


@dataclass(frozen=True)
class Inkomen:
    """One part of the month's income as the burger knows it: ``wie`` ("uw loon"), the amount
    per month as counted and, when it came per four weeks, the four-weekly amount."""

    wie: str
    per_maand: Decimal
    vier_weken: Decimal | None = None


def _exact_afgerond(exact: Decimal, uitkomst: Decimal) -> bool | None:
    """``False`` when the sum gives the result exactly, ``True`` when the result is the sum
    rounded to whole cents, ``None`` when the written sum would not give the result."""
    if exact == uitkomst:
        return False
    return True if abs(exact - uitkomst) <= HALVE_CENT else None


def _optelsom(bedragen: Sequence[Decimal]) -> str:
    return " + ".join(euro(b) for b in bedragen)


def _norm(resultaat: Resultaat) -> list[Stap]:
    zinnen = [_("De norm is het bedrag dat u nodig heeft om van te leven.")]
    if resultaat.leefvorm == "gehuwden":
        zinnen.append(_("U heeft een partner. De norm is voor u samen."))
    if resultaat.kostendelersnorm_toegepast:
        zinnen.append(
            _(
                "U deelt de kosten van uw huis met andere volwassenen. Samen met u zijn dat "
                "%(aantal)s mensen. Daarom is uw norm lager. Dit heet de kostendelersnorm."
            )
            % {"aantal": resultaat.kostendelers}
        )
    deelmaand = resultaat.deelmaand
    if deelmaand is None:
        zinnen.append(_("Uw norm per maand is:"))
        return [Stap(" ".join(zinnen), resultaat.norm, soort="norm")]
    zinnen.append(_("Uw norm voor een hele maand is:"))
    stappen = [Stap(" ".join(zinnen), deelmaand.volledige_norm, soort="norm")]
    if deelmaand.methode == DeelmaandMethode.WERKDAGEN:
        dagen = ngettext(
            "Dat is %(dagen)s van de %(totaal)s werkdagen (maandag tot en met vrijdag).",
            "Dat zijn %(dagen)s van de %(totaal)s werkdagen (maandag tot en met vrijdag).",
            deelmaand.dagen,
        )
    else:
        dagen = ngettext(
            "Dat is %(dagen)s van de %(totaal)s dagen.",
            "Dat zijn %(dagen)s van de %(totaal)s dagen.",
            deelmaand.dagen,
        )
    uitleg = " ".join(
        (
            _(
                "U heeft niet de hele maand recht op bijstand. U heeft recht van %(vanaf)s tot "
                "en met %(tot)s."
            )
            % {"vanaf": datum_nl(deelmaand.recht_vanaf), "tot": datum_nl(deelmaand.recht_tot)},
            dagen % {"dagen": deelmaand.dagen, "totaal": deelmaand.dagen_in_maand},
            _("Daarom krijgt u een deel van de norm:"),
        )
    )
    exact = deel(deelmaand.volledige_norm * deelmaand.dagen, Decimal(deelmaand.dagen_in_maand))
    afgerond = _exact_afgerond(exact, deelmaand.norm)
    links = (
        f"{euro(deelmaand.volledige_norm)} × {deelmaand.dagen} / {deelmaand.dagen_in_maand}"
        if afgerond is not None
        else ""
    )
    stappen.append(Stap(uitleg, deelmaand.norm, links, bool(afgerond), soort="deelmaand"))
    return stappen


def _inkomsten(resultaat: Resultaat, inkomens: Sequence[Inkomen]) -> list[Stap]:
    delen = [i for i in inkomens if i.per_maand]
    if sum((i.per_maand for i in delen), NUL) != resultaat.inkomsten:
        delen = [Inkomen(_("uw inkomsten"), resultaat.inkomsten)]  # never a sum that is off
    stappen = []
    for i in delen:
        if i.vier_weken is not None:
            exact = deel(i.vier_weken * 13, Decimal(12))
            afgerond = _exact_afgerond(exact, i.per_maand)
            waarden = {"wie": i.wie, "bedrag": euro(i.vier_weken)}
            if afgerond is None:  # not converted x 13 / 12 (policy P3 "als ontvangen")
                uitleg = _("U krijgt %(wie)s elke 4 weken: %(bedrag)s. Deze maand telt:")
                stappen.append(Stap(uitleg % waarden, i.per_maand, soort="inkomen"))
            else:
                uitleg = _(
                    "U krijgt %(wie)s elke 4 weken: %(bedrag)s. Dat is 13 keer per jaar. Per "
                    "maand is dat:"
                )
                links = f"{euro(i.vier_weken)} × 13 / 12"
                stappen.append(
                    Stap(uitleg % waarden, i.per_maand, links, afgerond, soort="inkomen")
                )
        else:
            uitleg = _("Dit is %(wie)s per maand:") % {"wie": i.wie}
            stappen.append(Stap(uitleg, i.per_maand, soort="inkomen"))
    if len(delen) > 1:
        stappen.append(
            Stap(
                _("Alle inkomsten samen:"),
                resultaat.inkomsten,
                _optelsom([i.per_maand for i in delen]),
                soort="inkomsten",
            )
        )
    return stappen


def _vrijlating(resultaat: Resultaat) -> list[Stap]:
    stappen = []
    for v in resultaat.vrijlatingen:
        if v.persoon == PersoonRol.PARTNER:
            uitleg = _("Uw partner mag ook een deel van het loon houden. Dat heet vrijlating.")
        else:
            uitleg = _("U mag een deel van uw loon houden. Dat heet vrijlating.")
        if v.max_maanden:
            uitleg += " " + ngettext(
                "Dit mag %(max)s maand. Dit is maand %(nr)s.",
                "Dit mag %(max)s maanden. Dit is maand %(nr)s.",
                v.max_maanden,
            ) % {"max": v.max_maanden, "nr": v.maandnummer}
        exact = deel(v.inkomsten_uit_arbeid * v.percentage, Decimal(100))
        links = f"{procent_nl(v.percentage)} van {euro(v.inkomsten_uit_arbeid)}"
        if v.maximum is not None and exact > v.maximum:
            ongemaximeerd = exact.quantize(CENT)  # above the cap: how it rounds does not matter
            stappen.append(
                Stap(uitleg, ongemaximeerd, links, ongemaximeerd != exact, soort="vrijlating")
            )
            stappen.append(
                Stap(
                    _("Maar het is nooit meer dan %(max)s per maand. Dit mag u dus houden:")
                    % {"max": euro(v.maximum)},
                    v.bedrag,
                    soort="maximum",
                )
            )
            continue
        afgerond = _exact_afgerond(exact, v.bedrag)
        if afgerond is None:
            stappen.append(Stap(uitleg, v.bedrag, soort="vrijlating"))
        else:
            stappen.append(Stap(uitleg, v.bedrag, links, afgerond, soort="vrijlating"))
    if len(resultaat.vrijlatingen) > 1:
        stappen.append(
            Stap(
                _("Samen mag u dit houden:"),
                resultaat.vrijlating,
                _optelsom([v.bedrag for v in resultaat.vrijlatingen]),
                soort="vrijlating_samen",
            )
        )
    return stappen


def _vakantiegeld(resultaat: Resultaat, procent: Decimal | None) -> list[Stap]:
    """bijstand = vakantiegeld + the rest (policy P2: the vakantiegeld rounded first, or the
    rest); the percentage is shown when the rounded sum holds."""
    bijstand, vt, rest = resultaat.bijstand, resultaat.vakantietoeslag, resultaat.uitbetaling
    uitleg = _(
        "Een deel van uw bijstand sparen we voor u op. Dat is uw vakantiegeld. U krijgt het in mei."
    )
    if procent is not None:
        afgerond = _exact_afgerond(deel(bijstand * procent, Decimal(100)), vt)
        if afgerond is not None:
            return [
                Stap(
                    f"{uitleg} "
                    + _("Het vakantiegeld is %(procent)s van uw bijstand:")
                    % {"procent": procent_nl(procent)},
                    vt,
                    f"{procent_nl(procent)} van {euro(bijstand)}",
                    afgerond,
                    soort="vakantiegeld",
                ),
                Stap(
                    _("Wat overblijft:"),
                    rest,
                    f"{euro(bijstand)} {MIN} {euro(vt)}",
                    soort="uitbetaling",
                ),
            ]
        zonder = Decimal(100) - procent
        afgerond = _exact_afgerond(deel(bijstand * zonder, Decimal(100)), rest)
        if afgerond is not None:
            return [
                Stap(
                    f"{uitleg} "
                    + _("Zonder vakantiegeld is uw bijstand %(procent)s van dat bedrag:")
                    % {"procent": procent_nl(zonder)},
                    rest,
                    f"{procent_nl(zonder)} van {euro(bijstand)}",
                    afgerond,
                    soort="uitbetaling",
                ),
                Stap(
                    _("Het vakantiegeld is het verschil:"),
                    vt,
                    f"{euro(bijstand)} {MIN} {euro(rest)}",
                    soort="vakantiegeld",
                ),
            ]
    return [
        Stap(
            f"{uitleg} " + _("Wat overblijft:"),
            rest,
            f"{euro(bijstand)} {MIN} {euro(vt)}",
            soort="uitbetaling",
        )
    ]


def stappen_van(
    resultaat: Resultaat,
    inkomens: Sequence[Inkomen] = (),
    *,
    vakantiegeld_procent: Decimal | None = None,
) -> list[Stap]:
    """The steps of ``resultaat`` (see the module docstring); the last one (``eind``) is
    ``resultaat.uitbetaling``, what the gemeente pays this month. ``vakantiegeld_procent``:
    the regelset's vakantietoeslag percentage, to show how the vakantiegeld is found."""
    stappen = _norm(resultaat)
    norm = resultaat.norm
    eind = Stap(_("Dit krijgt u van de gemeente:"), resultaat.uitbetaling, eind=True, soort="eind")
    if resultaat.inkomsten == 0:
        stappen.append(
            Stap(
                _("U heeft geen inkomsten. Uw bijstand is dan even hoog als uw norm:"),
                resultaat.bijstand,
                soort="bijstand",
            )
        )
    else:
        stappen += _inkomsten(resultaat, inkomens)
        if resultaat.bijstand == 0:
            stappen.append(
                Stap(
                    _(
                        "Uw inkomsten (%(inkomsten)s) zijn even hoog als uw norm (%(norm)s) of "
                        "hoger. Daarom krijgt u deze maand geen bijstand. U mag dan ook geen "
                        "deel van uw loon extra houden. Uw bijstand is:"
                    )
                    % {"inkomsten": euro(resultaat.inkomsten), "norm": euro(norm)},
                    NUL,
                    soort="bijstand",
                )
            )
            return [*stappen, eind]
        meegeteld = resultaat.inkomsten
        if resultaat.vrijlating:
            stappen += _vrijlating(resultaat)
            meegeteld = resultaat.in_aanmerking_genomen_inkomen
            stappen.append(
                Stap(
                    _(
                        "Uw inkomsten min wat u mag houden. Dit deel telt mee. Dat halen we "
                        "van uw norm af:"
                    ),
                    meegeteld,
                    f"{euro(resultaat.inkomsten)} {MIN} {euro(resultaat.vrijlating)}",
                    soort="meegeteld",
                )
            )
        uitleg = _("Uw bijstand is uw norm min de inkomsten die meetellen. Met vakantiegeld:")
        links = f"{euro(norm)} {MIN} {euro(meegeteld)}"
        if norm - meegeteld != resultaat.bijstand:  # cannot happen while bijstand > 0
            links = ""
        stappen.append(Stap(uitleg, resultaat.bijstand, links, soort="bijstand"))
    if resultaat.vakantietoeslag:
        stappen += _vakantiegeld(resultaat, vakantiegeld_procent)
    return [*stappen, eind]
