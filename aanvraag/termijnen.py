"""The legal terms of an aanvraag as pure date arithmetic (no Django, no database).

- **Beslistermijn** (art. 4:13 lid 2 Awb): 8 weeks after the aanvraag was received; suspended
  (4:15 lid 1 onder a) from the day after the burger is asked to complete it until the day it is
  completed or the hersteltermijn expires unused.
- **Buiten behandeling** (4:5 lid 4): decided within 4 weeks after the hersteltermijn expired
  unused.
- **Ingebrekestelling** (4:17 lid 3): the dwangsom runs from 2 weeks after it was received.
- **Bezwaartermijn** (6:7, 6:8): 6 weeks, starting the day after the decision was sent; a term
  ending on a Saturday, Sunday or public holiday runs to the next working day (Algemene
  termijnenwet art. 1).
- **Voorschot** (art. 52 PW): within 4 weeks of the aanvraag; the worklist signals it earlier.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

BESLISTERMIJN_WEKEN = 8
BUITEN_BEHANDELING_WEKEN = 4
INGEBREKESTELLING_WEKEN = 2
BEZWAARTERMIJN_WEKEN = 6


@dataclass(frozen=True, slots=True)
class Opschorting:
    """One request for stukken: asked on ``verzocht_op``, term until ``termijn_tot``,
    completed on ``ontvangen_op`` (None: not (yet) completed)."""

    verzocht_op: date
    termijn_tot: date
    ontvangen_op: date | None = None


def opgeschorte_dagen(opschortingen: Iterable[Opschorting], peildatum: date) -> int:
    """Days the beslistermijn is suspended, counted up to ``peildatum`` for a running one."""
    dagen = 0
    for o in opschortingen:
        einde = o.ontvangen_op or min(o.termijn_tot, peildatum)
        dagen += max(0, (einde - o.verzocht_op).days)
    return dagen


def beslistermijn_einde(
    ontvangen_op: date,
    opschortingen: Iterable[Opschorting] = (),
    *,
    peildatum: date,
    weken: int = BESLISTERMIJN_WEKEN,
) -> date:
    """The last day of the beslistermijn (4:13 lid 2, suspended per 4:15)."""
    return ontvangen_op + timedelta(weeks=weken, days=opgeschorte_dagen(opschortingen, peildatum))


def buiten_behandeling_uiterlijk(termijn_tot: date) -> date:
    """The last day to decide "buiten behandeling" after an unused hersteltermijn (4:5 lid 4)."""
    return termijn_tot + timedelta(weeks=BUITEN_BEHANDELING_WEKEN)


def dwangsom_vanaf(ingebrekestelling_ontvangen: date) -> date:
    """From this day the dwangsom bij niet tijdig beslissen runs (4:17 lid 3)."""
    return ingebrekestelling_ontvangen + timedelta(weeks=INGEBREKESTELLING_WEKEN)


def volgende_werkdag(dag: date) -> date:
    """``dag`` itself, or the first day after it that is no Saturday, Sunday or Dutch public
    holiday (Algemene termijnenwet art. 1)."""
    feestdagen = holidays.country_holidays("NL", years=range(dag.year, dag.year + 2))
    while dag.weekday() >= 5 or dag in feestdagen:
        dag += timedelta(days=1)
    return dag


def bezwaartermijn_einde(verzonden_op: date) -> date:
    """The last day to object: 6 weeks from the day after sending (6:7, 6:8), moved to the next
    working day when it ends on a weekend or holiday."""
    return volgende_werkdag(verzonden_op + timedelta(weeks=BEZWAARTERMIJN_WEKEN))


def plus_dagen(dag: date, dagen: int) -> date:
    return dag + timedelta(days=dagen)
