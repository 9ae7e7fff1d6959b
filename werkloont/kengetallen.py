"""Facts of Werkloont for the management dashboards (the seed: 36 % to paid work).

Protocol: ``bijstand/dashboards/snapshot.py``. Aggregates only.

- ``werkloont.uitkomst``: Werkloont trajecten that ended (afgerond or gestopt), dated at their
  end (``beeindigd_op``, else the planned ``einddatum``); ``categorie`` = ``betaald_werk`` when
  the person left the bijstand for work (a status change to beëindigd with reason werk) between
  the start of the traject and 91 days after its end, else ``geen_werk``.

The Traject has no outcome field of its own (yet): "to paid work" is read from the hub's status
history, the same source as the uitstroom figures. When the app records an outcome, this
definition should use it instead.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate

from bijstand.dossiers.models import Beeindigingsreden, DossierStatus, StatusWijziging

from .models import Traject, TrajectSoort, TrajectStatus

NA_AFLOOP = timedelta(days=91)


def uitkomst(van: date, tot: date) -> QuerySet:
    naar_werk = StatusWijziging.objects.annotate(dag=TruncDate("op")).filter(
        dossier=OuterRef("dossier"),
        naar=DossierStatus.BEEINDIGD,
        reden=Beeindigingsreden.WERK,
        dag__gte=OuterRef("startdatum"),
        dag__lte=OuterRef("grens"),
    )
    return (
        Traject.objects.filter(
            soort=TrajectSoort.WERKLOONT,
            status__in=(TrajectStatus.AFGEROND, TrajectStatus.GESTOPT),
        )
        .annotate(einde=Coalesce("beeindigd_op", "einddatum"))
        .filter(einde__gte=van, einde__lt=tot)
        .annotate(grens=ExpressionWrapper(F("einde") + NA_AFLOOP, output_field=DateField()))
        .annotate(
            uitkomst=Case(
                When(Exists(naar_werk), then=Value("betaald_werk")),
                default=Value("geen_werk"),
                output_field=CharField(),
            )
        )
        .values("dossier_id", datum=F("einde"), categorie=F("uitkomst"))
    )


def feiten(*, van: date, tot: date) -> dict[str, QuerySet]:
    return {"werkloont.uitkomst": uitkomst(van, tot)}
