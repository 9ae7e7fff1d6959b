"""Writes of the dashboards app: building the snapshot (nightly, on demand) and pruning it."""

from __future__ import annotations

import logging
import time
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from bijstand.accounts.models import User

from . import snapshot
from .models import Kengetal, Peildag, PeildagStatus

logger = logging.getLogger(__name__)

# How many built days are kept (the pages read the latest; older ones are for comparison).
BEWAREN = getattr(settings, "DASHBOARDS_SNAPSHOT_BEWAREN", 3)


def bouw_snapshot(*, peildatum: date | None = None, door: User | None = None) -> Peildag:
    """Build the snapshot of ``peildatum`` (default: today) in one transaction.

    Idempotent: a rebuild of a date writes a new Peildag and then removes the earlier build(s)
    of that date, so there is one result per date and readers see the old or the new figures,
    never a mix. A failed build leaves the earlier figures in place and is recorded as
    ``mislukt``. Returns the finished Peildag.
    """
    peildatum = peildatum or timezone.localdate()
    t0 = time.perf_counter()
    try:
        with transaction.atomic():
            peildag = Peildag.objects.create(
                peildatum=peildatum,
                status=PeildagStatus.BEZIG,
                van=snapshot.venster(peildatum)[0],
                gestart_door=door,
            )
            rijen, figuren, fouten = snapshot.bouw(peildag_id=peildag.pk, peildatum=peildatum)
            peildag.status = PeildagStatus.KLAAR
            peildag.klaar_op = timezone.now()
            peildag.seconden = round(time.perf_counter() - t0, 2)
            peildag.rijen = rijen
            peildag.figuren = figuren
            peildag.fouten = fouten
            peildag.save()
    except Exception as exc:
        logger.exception("Dashboardcijfers van %s niet gebouwd", peildatum)
        Peildag.objects.create(
            peildatum=peildatum,
            status=PeildagStatus.MISLUKT,
            fouten={"_": f"{type(exc).__name__}: {exc}"},
            gestart_door=door,
            klaar_op=timezone.now(),
        )
        raise
    ruim_op(behalve=peildag)
    return peildag


def ruim_op(*, behalve: Peildag | None = None, bewaren: int = BEWAREN) -> int:
    """Remove earlier builds of the same date as ``behalve``, failed builds older than it,
    and every date before the ``bewaren`` latest finished ones. Then let PostgreSQL reclaim
    the space and refresh its statistics (outside a transaction only)."""
    weg = Q(pk__in=[])
    if behalve is not None:
        weg |= Q(peildatum=behalve.peildatum, pk__lt=behalve.pk)
        weg |= Q(status=PeildagStatus.MISLUKT, peildatum__lt=behalve.peildatum)
    datums = list(
        Peildag.objects.filter(status=PeildagStatus.KLAAR)
        .order_by("-peildatum")
        .values_list("peildatum", flat=True)
        .distinct()[:bewaren]
    )
    if len(datums) >= bewaren:
        weg |= Q(peildatum__lt=datums[-1])
    if behalve is not None:
        weg &= ~Q(pk=behalve.pk)
    oud = list(Peildag.objects.filter(weg).values_list("pk", flat=True))
    if oud:
        with transaction.atomic():
            snapshot.verwijder_rijen(oud)
            Peildag.objects.filter(pk__in=oud).delete()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(Kengetal._meta.db_table)}")
    return len(oud)


def vraag_snapshot_aan(*, door: User) -> None:
    """A manager asks for fresh figures: the build runs as a Celery task after the commit."""
    from .tasks import bouw_snapshot_taak

    transaction.on_commit(lambda: bouw_snapshot_taak.delay(door_id=door.pk))
