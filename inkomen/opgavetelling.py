"""What an inkomstenopgave adds to its month, as the rules count it (read only).

The consulent's opgave screen shows it before storing (the "Maandtotaal berekenen" button) and
after: the income of one person and kind in one month, built from the opgaven that count
(:func:`inkomen.selectors.kies_effectieve_opgaven`: not superseded, not rejected, definitief
beats geschat) with :func:`inkomen.rekensom.inkomstenregels` and policy P3 for four-weekly
wages (13/12 of the mean of the periods paid in the month, or each period as received), the
same conversion the calculation core applies (:mod:`inkomen.rekenregels.berekening`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from bijstand.core.tijd import eerste_van_maand

from . import rekenregels, rekensom, selectors
from .models import NUL, Bron, Inkomstenopgave, InkomstenPeriode, OpgaveStatus
from .rekenregels.opmaak import afronden, bedrag_nl, deel


@dataclass(frozen=True)
class NieuwBedrag:
    """An amount not stored yet: a month's wage, or the wage of one payday (four-weekly)."""

    bedrag: Decimal
    vakantiegeld: Decimal = NUL
    betaaldatum: date | None = None


@dataclass
class Maandtelling:
    maand: date
    persoon: str
    soort: str
    regels: list[tuple[str, Decimal]] = field(default_factory=list)
    totaal: Decimal = NUL
    aantal_opgaven: int = 0
    nieuw_telt_mee: bool = True


def tel_maand(
    *,
    dossier_id: int,
    maand: date,
    persoon: str,
    soort: str,
    periode: str = InkomstenPeriode.MAAND,
    status: str = OpgaveStatus.DEFINITIEF,
    bron: str = Bron.CONSULENT,
    nieuw: Sequence[NieuwBedrag] = (),
    vervangt_id: int | None = None,
) -> Maandtelling:
    """The income of ``persoon``/``soort`` in ``maand`` that the calculation will count, with
    the amounts in ``nieuw`` added as opgaven (``vervangt_id`` left out). Without ``nieuw``:
    what the stored opgaven count for."""
    maand = eerste_van_maand(maand)
    bestaand = list(
        selectors.opgaven_van_maand(dossier_id=dossier_id, maand=maand)
        .filter(vervangen_door__isnull=True)
        .exclude(beoordeling="afgewezen")
        .exclude(pk=vervangt_id)
        .order_by("pk")
    )
    nieuwe = [
        Inkomstenopgave(
            dossier_id=dossier_id,
            maand=maand,
            persoon=persoon,
            soort=soort,
            bedrag=b.bedrag,
            vakantiegeld=b.vakantiegeld,
            periode=periode,
            betaaldata=[b.betaaldatum.isoformat()] if b.betaaldatum else [],
            status=status,
            bron=bron,
        )
        for b in nieuw
    ]
    telt = [
        o
        for o in selectors.kies_effectieve_opgaven([*bestaand, *nieuwe])
        if (o.persoon, o.soort) == (persoon, soort)
    ]
    beleid = selectors.beleid_voor_maand(maand)
    telling = Maandtelling(
        maand=maand,
        persoon=persoon,
        soort=soort,
        aantal_opgaven=len(telt),
        nieuw_telt_mee=all(any(o is n for o in telt) for n in nieuwe),
    )
    # The periods behind each four-weekly line, in the order inkomstenregels groups them.
    groepen: dict[tuple[object, ...], list[Decimal]] = defaultdict(list)
    for o in telt:
        if o.periode == InkomstenPeriode.VIER_WEKEN:
            groepen[(o.persoon, o.soort, o.werkgever_id or o.bron)].append(o.telt_bedrag)
    perioden = iter(groepen.values())
    dertien_twaalfde = beleid.p3_vier_weken == rekenregels.VierWekenOmrekening.DERTIEN_TWAALFDE
    for regel in rekensom.inkomstenregels(telt, beleid):
        bedrag = Decimal(regel.bedrag)
        if regel.periode == InkomstenPeriode.MAAND:
            telling.regels.append((_("Inkomsten per maand"), bedrag))
        elif dertien_twaalfde:
            omgerekend = afronden(deel(bedrag * 13, Decimal(12)), beleid.p2_afronding)
            vier_weken = next(perioden, [])
            if len(vier_weken) > 1:
                uitleg = _(
                    "Gemiddeld per betaaldag (%(bedragen)s): € %(gemiddeld)s × 13 / 12 "
                    "(beleidskeuze P3)"
                ) % {
                    "bedragen": " en ".join(f"€ {bedrag_nl(b)}" for b in vier_weken),
                    "gemiddeld": bedrag_nl(bedrag),
                }
            else:
                uitleg = _("Vierwekenloon € %(bedrag)s × 13 / 12 (beleidskeuze P3)") % {
                    "bedrag": bedrag_nl(bedrag)
                }
            telling.regels.append((uitleg, omgerekend))
            bedrag = omgerekend
        else:
            telling.regels.append((_("Vierwekenloon van een betaaldag (zoals ontvangen)"), bedrag))
        telling.totaal += bedrag
    return telling
