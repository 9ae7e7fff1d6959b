"""Facts of the werkgeversdienstverlening for the management dashboards.

Protocol: ``bijstand/dashboards/snapshot.py`` (a ``QuerySet.values(...)`` per figure, not
evaluated here). Aggregates only.

- ``vacatures.plaatsingen``: placements by their start date; ``categorie`` the contract
  (``onbepaald`` / ``bepaald``), ``subcategorie`` ``inclusief`` when the employer is an
  inclusive employer (else ``overig``); ``bedrag`` the contract hours per week.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Case, CharField, F, QuerySet, Value, When

from .models import Plaatsing


def plaatsingen(*, van: date, tot: date) -> QuerySet:
    return (
        Plaatsing.objects.filter(startdatum__gte=van, startdatum__lt=tot)
        .annotate(
            contract=Case(
                When(contract_maanden__isnull=True, then=Value("onbepaald")),
                default=Value("bepaald"),
                output_field=CharField(),
            ),
            werkgever_soort=Case(
                When(vacature__werkgever__inclusief=True, then=Value("inclusief")),
                default=Value("overig"),
                output_field=CharField(),
            ),
        )
        .values(
            "dossier_id",
            datum=F("startdatum"),
            categorie=F("contract"),
            subcategorie=F("werkgever_soort"),
            bedrag=F("contracturen"),
        )
    )


def feiten(*, van: date, tot: date) -> dict[str, QuerySet]:
    return {"vacatures.plaatsingen": plaatsingen(van=van, tot=tot)}
