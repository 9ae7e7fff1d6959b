"""Facts of the ontwikkelperspectief for the management dashboards ("every step counts").

Protocol: ``bijstand/dashboards/snapshot.py``. Only professional measurements count (not the
burger's zelfbeoordeling); each is compared with the previous one of the same dossier
(window functions over the whole history, so the first measurement in the period is compared
with one before it; the dashboards restrict the period):

- ``perspectief.trede``: measurements with a trede of the participatieladder; ``categorie``
  omhoog / gelijk / omlaag / eerste; ``bedrag`` = steps up (0 when not up);
- ``perspectief.leefgebied``: ZRM scores per leefgebied; ``categorie`` = the leefgebied code,
  ``subcategorie`` beter / gelijk / slechter / eerste.

Aggregates only: the confidential leefgebieden appear as counts, never with content.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Case, CharField, F, IntegerField, QuerySet, Value, When, Window
from django.db.models.functions import Lag

from .models import Leefgebied, LeefgebiedScore, Meting, MetingBron


def _vergelijk(huidig: str, vorige: str, hoger: str, lager: str) -> Case:
    return Case(
        When(**{f"{vorige}__isnull": True}, then=Value("eerste")),
        When(**{f"{huidig}__gt": F(vorige)}, then=Value(hoger)),
        When(**{f"{huidig}__lt": F(vorige)}, then=Value(lager)),
        default=Value("gelijk"),
        output_field=CharField(),
    )


def trede(van: date, tot: date) -> QuerySet:
    return (
        Meting.objects.filter(trede__isnull=False)
        .exclude(bron=MetingBron.ZELFBEOORDELING)
        .annotate(
            vorige=Window(
                Lag("trede"),
                partition_by=[F("dossier")],
                order_by=[F("datum").asc(), F("pk").asc()],
            )
        )
        .annotate(
            categorie=_vergelijk("trede", "vorige", "omhoog", "omlaag"),
            stappen=Case(
                When(trede__gt=F("vorige"), then=F("trede") - F("vorige")),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .values("dossier_id", "datum", "categorie", bedrag=F("stappen"))
    )


def leefgebied(van: date, tot: date) -> QuerySet:
    return (
        LeefgebiedScore.objects.exclude(meting__bron=MetingBron.ZELFBEOORDELING)
        .annotate(
            vorige=Window(
                Lag("score"),
                partition_by=[F("meting__dossier"), F("leefgebied")],
                order_by=[F("meting__datum").asc(), F("meting__pk").asc()],
            )
        )
        .annotate(subcat=_vergelijk("score", "vorige", "beter", "slechter"))
        .values(
            dossier_id=F("meting__dossier"),
            datum=F("meting__datum"),
            categorie=F("leefgebied__code"),
            subcategorie=F("subcat"),
        )
    )


def feiten(*, van: date, tot: date) -> dict[str, QuerySet]:
    return {"perspectief.trede": trede(van, tot), "perspectief.leefgebied": leefgebied(van, tot)}


def labels() -> dict[str, list[tuple[str, str]]]:
    """The names of the ``categorie`` codes, per figure (the dashboards' row labels)."""
    return {
        "perspectief.leefgebied": list(
            Leefgebied.objects.order_by("nummer").values_list("code", "naam")
        )
    }
