"""Facts of the instrumentenhuis for the management dashboards.

Protocol: ``bijstand/dashboards/snapshot.py`` (a ``QuerySet.values(...)`` per figure, not
evaluated here). Aggregates only; no instrument names, so confidential care instruments appear
only as counts in their category.

- ``instrumentenhuis.gestart``: inzetten by their start date; ``categorie`` the instrument's
  category; ``bedrag`` the budget reserved for the inzet (0 when none).
- ``instrumentenhuis.beeindigd``: inzetten that started and then ended, by their end date;
  ``categorie`` the category, ``subcategorie`` ``resultaat`` (certificate, a step up the
  ladder or work), ``geen_resultaat`` (completed without a formal result) or ``gestopt``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Case, CharField, DecimalField, F, QuerySet, Value, When
from django.db.models.functions import Coalesce

from .models import Categorie, Inzet, InzetStatus, Resultaat


def gestart(*, van: date, tot: date) -> QuerySet:
    return (
        Inzet.objects.filter(gestart_op__gte=van, gestart_op__lt=tot)
        .annotate(
            reservering=Coalesce(
                "gereserveerd",
                Value(Decimal("0.00")),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            )
        )
        .values(
            "dossier_id",
            datum=F("gestart_op"),
            categorie=F("instrument__categorie"),
            bedrag=F("reservering"),
        )
    )


def beeindigd(*, van: date, tot: date) -> QuerySet:
    return (
        Inzet.objects.filter(
            status__in=[InzetStatus.AFGEROND, InzetStatus.GESTOPT],
            gestart_op__isnull=False,
            beeindigd_op__gte=van,
            beeindigd_op__lt=tot,
        )
        .annotate(
            uitkomst=Case(
                When(status=InzetStatus.GESTOPT, then=Value("gestopt")),
                When(resultaat=Resultaat.DEELNAME, then=Value("geen_resultaat")),
                default=Value("resultaat"),
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
        "instrumentenhuis.gestart": gestart(van=van, tot=tot),
        "instrumentenhuis.beeindigd": beeindigd(van=van, tot=tot),
    }


def labels() -> dict[str, list[tuple[str, str]]]:
    """The names of the ``categorie`` codes, per figure (the dashboards' row labels)."""
    categorieen = [(str(code), str(naam)) for code, naam in Categorie.choices]
    return {"instrumentenhuis.gestart": categorieen, "instrumentenhuis.beeindigd": categorieen}
