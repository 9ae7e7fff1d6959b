"""Facts of the inkomen app for the management dashboards.

Protocol: ``bijstand/dashboards/snapshot.py``.

- ``inkomen.vorderingen`` / ``inkomen.verrekeningsschulden``: ledger bookings of that kind,
  dated when booked (``created_at``, local date); ``bedrag`` = the cash amount as a positive
  number (``bedrag - vakantietoeslag``: the ledger books them against the burger, negative; a
  vordering of too much vakantiegeld at the end of the uitkering has only a VT part).
- ``inkomen.opgaven``: inkomstenopgaven by the date they came in; ``categorie`` = the channel
  (``Bron``: burger = portal, werkgever = payroll API, consulent).

Only querysets: the dashboards aggregate them in SQL; this app imports nothing of them.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, QuerySet
from django.db.models.functions import Abs, TruncDate

from .models import Boeking, BoekingSoort, Inkomstenopgave


def _grens(d: date) -> datetime:
    return datetime.combine(d, time.min, ZoneInfo(settings.TIME_ZONE))


def _boekingen(soort: str, van: date, tot: date) -> QuerySet:
    return Boeking.objects.filter(
        soort=soort, created_at__gte=_grens(van), created_at__lt=_grens(tot)
    ).values(
        "dossier_id",
        datum=TruncDate("created_at"),
        feit_bedrag=Abs(F("bedrag") - F("vakantietoeslag")),
    )


def feiten(*, van: date, tot: date) -> dict[str, QuerySet]:
    return {
        "inkomen.vorderingen": _boekingen(BoekingSoort.VORDERING, van, tot),
        "inkomen.verrekeningsschulden": _boekingen(BoekingSoort.VERREKENINGSSCHULD, van, tot),
        "inkomen.opgaven": Inkomstenopgave.objects.filter(
            ingediend_op__gte=_grens(van), ingediend_op__lt=_grens(tot)
        ).values("dossier_id", categorie=F("bron"), datum=TruncDate("ingediend_op")),
    }
