"""Facts of the hub (``bijstand.dossiers``) in the protocol of ``snapshot.py``.

The hub may not know the dashboards, so its facts live here, in the dashboards app, read with
the ORM from the hub's models. Transitions are read from ``StatusWijziging`` (van -> naar):

- instroom: into the bijstand (``aanvraag -> lopend``: category = the dossier's instroombron;
  ``beeindigd -> heropend``: category "heropend");
- uitstroom: out of it (``lopend/heropend -> beeindigd``), category = the reason;
- duurzaamheid: per exit to work, whether and when the same person (any of their dossiers) was
  back in the bijstand: the first later transition into lopend/heropend. "Within 12 months"
  means at most 365 days later (a fixed, explainable rule); ``bedrag`` = days until the return
  for those back within 12 months;
- beslisduur: days from ``Dossier.aanvraagdatum`` to the first decision (``aanvraag -> lopend``
  or ``aanvraag -> beeindigd``); category = the term class, subcategory = the outcome;
- overdrachten: recorded handovers (a previous werkcoach; the first assignment does not count);
- overdrachten_per_dossier and laatste_contact: state at the peildatum of the active dossiers.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RowRange
from django.db.models.functions import TruncDate

from bijstand.dossiers.models import (
    ACTIEVE_STATUSSEN,
    Beeindigingsreden,
    Dossier,
    DossierStatus,
    Overdracht,
    StatusWijziging,
)

from .snapshot import IN_BIJSTAND, middernacht

TERUGKEER_DAGEN = 365  # "binnen 12 maanden"


class DagenTussen(Func):
    """Whole days from the first to the second date expression (dates, not datetimes)."""

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


def _in() -> Q:
    """A transition into the bijstand."""
    return Q(naar__in=IN_BIJSTAND) & ~Q(van__in=IN_BIJSTAND)


def _uit() -> Q:
    return Q(van__in=IN_BIJSTAND) & ~Q(naar__in=IN_BIJSTAND)


def _in_venster(van: date, tot: date) -> Q:
    return Q(op__gte=middernacht(van), op__lt=middernacht(tot))


def instroom(van: date, tot: date) -> QuerySet:
    return (
        StatusWijziging.objects.filter(_in(), _in_venster(van, tot))
        .annotate(
            categorie=Case(
                When(van=DossierStatus.BEEINDIGD, then=Value("heropend")),
                default=F("dossier__instroombron"),
                output_field=CharField(),
            )
        )
        .values("dossier_id", "categorie", datum=TruncDate("op"))
    )


def uitstroom(van: date, tot: date) -> QuerySet:
    return (
        StatusWijziging.objects.filter(_uit(), _in_venster(van, tot))
        .annotate(categorie=F("reden"))
        .values("dossier_id", "categorie", datum=TruncDate("op"))
    )


def duurzaamheid(van: date, tot: date) -> QuerySet:
    """Exits to work with the time until the person was back (categorie: the class).

    One pass over the transitions per person (window functions, no subquery per exit): the
    return is the first transition into the bijstand after the exit, of any of the person's
    dossiers. The window sees the whole history; the exit filter refers to a window (the
    row's own value), so Django applies it after the windows are computed. The period is
    restricted by the snapshot's join on ``datum``.
    """
    persoon = [F("dossier__werkzoekende")]
    volgorde = [F("op").asc(), F("pk").asc()]
    return (
        StatusWijziging.objects.filter(_in() | _uit())
        .annotate(
            terug_op=Window(
                Min(Case(When(_in(), then=F("op")), output_field=DateTimeField())),
                partition_by=persoon,
                order_by=volgorde,
                frame=RowRange(start=1, end=None),
            ),
            naar_werk=Window(
                Max(Case(When(_uit() & Q(reden=Beeindigingsreden.WERK), then=1), default=0)),
                partition_by=persoon,
                order_by=volgorde,
                frame=RowRange(start=0, end=0),
            ),
        )
        .filter(naar_werk=1)
        .annotate(dagen=DagenTussen(TruncDate("op"), TruncDate("terug_op")))
        .annotate(
            categorie=Case(
                When(terug_op__isnull=True, then=Value("niet")),
                When(dagen__lte=91, then=Value("0_3")),
                When(dagen__lte=182, then=Value("3_6")),
                When(dagen__lte=TERUGKEER_DAGEN, then=Value("6_12")),
                default=Value("na_12"),
                output_field=CharField(),
            ),
            bedrag=Case(
                When(dagen__lte=TERUGKEER_DAGEN, then=F("dagen")),
                default=None,
                output_field=IntegerField(),
            ),
        )
        .values("dossier_id", "categorie", "bedrag", datum=TruncDate("op"))
    )


def beslisduur(van: date, tot: date) -> QuerySet:
    return (
        StatusWijziging.objects.filter(
            _in_venster(van, tot),
            van=DossierStatus.AANVRAAG,
            naar__in=(DossierStatus.LOPEND, DossierStatus.BEEINDIGD),
        )
        .annotate(dagen=DagenTussen(F("dossier__aanvraagdatum"), TruncDate("op")))
        .annotate(
            categorie=Case(
                When(dagen__lte=28, then=Value("binnen_4")),
                When(dagen__lte=56, then=Value("4_8")),
                default=Value("na_8"),
                output_field=CharField(),
            ),
            subcategorie=Case(
                When(naar=DossierStatus.LOPEND, then=Value("toegekend")),
                default=F("reden"),
                output_field=CharField(),
            ),
            bedrag=F("dagen"),
        )
        .values("dossier_id", "categorie", "subcategorie", "bedrag", datum=TruncDate("op"))
    )


def overdrachten(van: date, tot: date) -> QuerySet:
    return Overdracht.objects.filter(_in_venster(van, tot), van_werkcoach__isnull=False).values(
        "dossier_id", datum=TruncDate("op")
    )


def overdrachten_per_dossier(van: date, tot: date) -> QuerySet:
    """Active dossiers at the peildatum by their number of handovers (0, 1, 2, 3+)."""
    return (
        Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN)
        .annotate(n=Count("overdrachten", filter=Q(overdrachten__van_werkcoach__isnull=False)))
        .annotate(
            categorie=Case(
                When(n=0, then=Value("0")),
                When(n=1, then=Value("1")),
                When(n=2, then=Value("2")),
                default=Value("3+"),
                output_field=CharField(),
            )
        )
        .values("categorie", dossier_id=F("pk"), datum=Value(tot - timedelta(days=1)))
    )


CONTACTKLASSEN = [("lt1", 1), ("1_3", 3), ("3_6", 6), ("6_12", 12)]  # months; else ge12/nooit


def laatste_contact(van: date, tot: date) -> QuerySet:
    """Active dossiers at the peildatum by the time since the last contact moment."""
    peildatum = tot - timedelta(days=1)
    grenzen = [
        When(
            laatste_contact__gte=middernacht(tot) - timedelta(days=round(30.44 * n)), then=Value(c)
        )
        for c, n in CONTACTKLASSEN
    ]
    return (
        Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN)
        .annotate(
            categorie=Case(
                When(laatste_contact__isnull=True, then=Value("nooit")),
                *grenzen,
                default=Value("ge12"),
                output_field=CharField(),
            )
        )
        .values("categorie", dossier_id=F("pk"), datum=Value(peildatum))
    )


def feiten(*, van: date, tot: date) -> dict[str, QuerySet]:
    return {
        "dossiers.instroom": instroom(van, tot),
        "dossiers.uitstroom": uitstroom(van, tot),
        "dossiers.duurzaamheid": duurzaamheid(van, tot),
        "dossiers.beslisduur": beslisduur(van, tot),
        "dossiers.overdrachten": overdrachten(van, tot),
        "dossiers.overdrachten_per_dossier": overdrachten_per_dossier(van, tot),
        "dossiers.laatste_contact": laatste_contact(van, tot),
    }
