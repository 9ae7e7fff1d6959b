"""Demo data of the dashboards (``make run``): an example baseline and a first snapshot.

The pre-automation numbers of terugvorderingen are not known to the project; for the demo an
example baseline is entered (marked as such), sized to the demo caseload: 4 % of the active
dossiers per month, EUR 450 each. Idempotent: an existing baseline is left alone, and a second
run rebuilds today's snapshot (which replaces it). Apps listed after this one in
INSTALLED_APPS load their demo data later: the nightly run (or the button) picks that up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier

from .models import ReferentieCode, Referentiewaarde
from .services import bouw_snapshot

BRON = "Voorbeeldwaarde voor de demo; vervang door de echte nulmeting van voor de automatisering."


def vul_demo(*, seed: int, log: Callable[[str], None]) -> dict:
    actief = Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN).count()
    aantal = max(10, round(actief * 0.04))
    nieuw = 0
    for code, waarde in (
        (ReferentieCode.VORDERINGEN_AANTAL, Decimal(aantal)),
        (ReferentieCode.VORDERINGEN_BEDRAG, Decimal(aantal * 450)),
        (ReferentieCode.SCHULDEN_AANTAL, Decimal(aantal // 2)),
        (ReferentieCode.SCHULDEN_BEDRAG, Decimal(aantal // 2 * 200)),
    ):
        if not Referentiewaarde.objects.filter(code=code).exists():
            Referentiewaarde.objects.create(
                code=code, waarde=waarde, geldig_vanaf=date(2018, 1, 1), bron=BRON
            )
            nieuw += 1
    peildag = bouw_snapshot()
    log(f"dashboards: {nieuw} voorbeeld-nulmetingen, cijfers berekend ({peildag.rijen} rijen)")
    return {"referenties": nieuw, "rijen": peildag.rijen}
