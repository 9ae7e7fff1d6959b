"""Facts of the front door for the management dashboards: "snel uitsluitsel".

Protocol: ``bijstand/dashboards/snapshot.py`` (querysets only; this app imports nothing of the
dashboards, which aggregate the rows in SQL: no loop over aanvragen in Python).

``aanvraag.uitsluitsel``: one row per besluit on an aanvraag, dated on the day of the besluit
(``Besluit.genomen_op``, local date), so the dashboards count it in the month (quarter) of the
besluit:

- only **toekenning** and **afwijzing**: a decision on the merits. "Buiten behandeling" (the
  burger did not complete the aanvraag) and "ingetrokken" (the burger withdrew it; no besluit)
  say nothing about how fast the burger got an answer on the right itself, and would flatter
  or spoil the figure by what the burger did;
- ``bedrag`` = the days from the melding (``Aanvraag.melddatum``, art. 44 lid 1 PW: what the
  burger experiences as "asked") to the besluit: summed, it gives the mean;
- ``subcategorie`` = the same days as a code: the dashboards read the distribution per day,
  which gives the exact median and the share within 8 weeks (56 days) of the melding;
- ``categorie`` = the beslistermijn: ``binnen`` (besluit on or before
  ``Aanvraag.beslissen_uiterlijk``, the end of the term of art. 4:13 Awb as the services keep it,
  suspended per 4:15 for a hersteltermijn), ``na`` (after it), ``onbekend`` (no end recorded,
  e.g. data from before the aanvraag app; left out of the share).
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, CharField, F, Func, IntegerField, QuerySet, Value, When
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from .models import Besluit, BesluitSoort

UITSLUITSEL = "aanvraag.uitsluitsel"
BINNEN, NA, ONBEKEND = "binnen", "na", "onbekend"
OP_DE_INHOUD = (BesluitSoort.TOEKENNING, BesluitSoort.AFWIJZING)


class DagenTussen(Func):
    """Whole days from the first to the second date expression. (The same expression as in
    ``bijstand/dashboards/kengetallen.py``, which this app may not import.)"""

    output_field = IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        van, tot = (compiler.compile(e) for e in self.source_expressions)
        return f"(CAST({tot[0]} AS DATE) - CAST({van[0]} AS DATE))", [*tot[1], *van[1]]

    def as_sqlite(self, compiler, connection, **extra):
        van, tot = (compiler.compile(e) for e in self.source_expressions)
        return (
            f"CAST(julianday({tot[0]}) - julianday({van[0]}) AS INTEGER)",
            [*tot[1], *van[1]],
        )


def _grens(d: date) -> datetime:
    return datetime.combine(d, time.min, ZoneInfo(settings.TIME_ZONE))


def uitsluitsel(van: date, tot: date) -> QuerySet:
    """Besluiten on the merits in [van, tot) with the days since the melding (module doc)."""
    return (
        Besluit.objects.filter(
            soort__in=OP_DE_INHOUD, genomen_op__gte=_grens(van), genomen_op__lt=_grens(tot)
        )
        .annotate(besloten_op=TruncDate("genomen_op"))
        .annotate(dagen=DagenTussen(F("aanvraag__melddatum"), F("besloten_op")))
        .annotate(
            termijn=Case(
                When(aanvraag__beslissen_uiterlijk__isnull=True, then=Value(ONBEKEND)),
                When(besloten_op__lte=F("aanvraag__beslissen_uiterlijk"), then=Value(BINNEN)),
                default=Value(NA),
                output_field=CharField(),
            )
        )
        .values(
            dossier_id=F("aanvraag__dossier_id"),
            datum=F("besloten_op"),
            categorie=F("termijn"),
            subcategorie=F("dagen"),
            bedrag=F("dagen"),
        )
    )


def feiten(*, van: date, tot: date) -> dict[str, QuerySet]:
    return {UITSLUITSEL: uitsluitsel(van, tot)}


def labels() -> dict[str, list[tuple[str, str]]]:
    """The names of the ``categorie`` codes (the beslistermijn), per figure."""
    return {
        UITSLUITSEL: [
            (BINNEN, _("Binnen de beslistermijn")),
            (NA, _("Na de beslistermijn")),
            (ONBEKEND, _("Beslistermijn niet bekend")),
        ]
    }
