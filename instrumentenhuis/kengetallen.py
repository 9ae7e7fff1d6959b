"""Facts of the instrumentenhuis for the management dashboards.

Protocol: ``bijstand/dashboards/snapshot.py`` (a ``QuerySet.values(...)`` per figure, not
evaluated here; the dashboards aggregate in SQL). Aggregates only.

- ``instrumentenhuis.gestart``: inzetten by the date they started (``gestart_op``);
  ``categorie`` = the instrument's category; ``bedrag`` = the amount reserved on the budget.
- ``instrumentenhuis.beeindigd``: inzetten by the date they ended (``beeindigd_op``);
  ``categorie`` = the category; ``subcategorie`` = ``resultaat`` (certificate, a step up the
  ladder or work), ``geen_resultaat`` (finished without a formal result) or ``gestopt``.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When

from .models import Inzet, InzetStatus, Resultaat

MET_RESULTAAT = (Resultaat.CERTIFICAAT, Resultaat.TREDE_OMHOOG, Resultaat.WERK)


def gestart(van: date, tot: date) -> QuerySet:
    return Inzet.objects.filter(gestart_op__gte=van, gestart_op__lt=tot).values(
        "dossier_id",
        datum=F("gestart_op"),
        categorie=F("instrument__categorie"),
        bedrag=F("gereserveerd"),
    )


def beeindigd(van: date, tot: date) -> QuerySet:
    return (
        Inzet.objects.filter(
            Q(status=InzetStatus.AFGEROND)
            | Q(status=InzetStatus.GESTOPT, gestart_op__isnull=False),
            beeindigd_op__gte=van,
            beeindigd_op__lt=tot,
        )
        .annotate(
            uitkomst=Case(
                When(status=InzetStatus.GESTOPT, then=Value("gestopt")),
                When(resultaat__in=MET_RESULTAAT, then=Value("resultaat")),
                default=Value("geen_resultaat"),
                output_field=CharField(),
            )
        )
        .values(
            "dossier_id",
            datum=F("beeindigd_op"),
            categorie=F("instrument__categorie"),
            subcategorie=F("uitkomst"),
        )
    )


def feiten(*, van: date, tot: date) -> dict[str, QuerySet]:
    return {
        "instrumentenhuis.gestart": gestart(van, tot),
        "instrumentenhuis.beeindigd": beeindigd(van, tot),
    }
