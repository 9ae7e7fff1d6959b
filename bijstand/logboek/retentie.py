"""Retention of the dataverwerkingen log: remove lines older than their activity's bewaartermijn.

Only this module deletes log lines, and only inside `triggers.retentievenster()` (the database
triggers refuse every other UPDATE or DELETE). Deletes run in batches, each its own short
transaction, so a large backlog does not hold locks for long.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import AuditRegel, Verwerking, Verwerkingsactiviteit
from .triggers import retentievenster

STANDAARD_BATCH = 5000


def jaren_terug(peildatum: date, jaren: int) -> date:
    """`peildatum` minus whole years (29 February -> 28 February)."""
    try:
        return peildatum.replace(year=peildatum.year - jaren)
    except ValueError:
        return peildatum.replace(year=peildatum.year - jaren, day=28)


def _grens(peildatum: date, jaren: int) -> datetime:
    return timezone.make_aware(datetime.combine(jaren_terug(peildatum, jaren), time.min))


@dataclass
class Resultaat:
    verwerkingen: dict[str, int] = field(default_factory=dict)
    auditregels: int = 0

    @property
    def totaal_verwerkingen(self) -> int:
        return sum(self.verwerkingen.values())


def _verwijder_in_batches(qs, *, batch: int, using: str, droog: bool) -> int:
    if droog:
        return qs.count()
    totaal = 0
    while True:
        ids = list(qs.values_list("pk", flat=True)[:batch])
        if not ids:
            return totaal
        with retentievenster(using=using):
            # _raw_delete: one DELETE ... WHERE id IN (...), no signals, no cascade collection;
            # AppendOnlyQuerySet.delete() refuses on purpose.
            totaal += qs.model.objects.filter(pk__in=ids)._raw_delete(using)


def schoon_op(
    *,
    peildatum: date | None = None,
    batch: int = STANDAARD_BATCH,
    droog: bool = False,
    using: str = DEFAULT_DB_ALIAS,
) -> Resultaat:
    """Delete expired Verwerking lines per activity, then audit lines no longer linked to any.

    A line expires when its start lies more than `bewaartermijn_jaren` before `peildatum`.
    An AuditRegel is removed when no Verwerking with its operation id remains and it is older
    than the shortest bewaartermijn in the register.
    """
    peildatum = peildatum or timezone.localdate()
    resultaat = Resultaat()
    activiteiten = list(Verwerkingsactiviteit.objects.using(using).order_by("code"))
    for act in activiteiten:
        qs = Verwerking.objects.using(using).filter(
            activiteit=act, start__lt=_grens(peildatum, act.bewaartermijn_jaren)
        )
        resultaat.verwerkingen[act.code] = _verwijder_in_batches(
            qs, batch=batch, using=using, droog=droog
        )
    if activiteiten:
        kortste = min(a.bewaartermijn_jaren for a in activiteiten)
        nog_gekoppeld = Verwerking.objects.using(using).filter(
            operation_id=OuterRef("operation_id")
        )
        audit = (
            AuditRegel.objects.using(using)
            .filter(op__lt=_grens(peildatum, kortste))
            .exclude(Exists(nog_gekoppeld))
        )
        resultaat.auditregels = _verwijder_in_batches(audit, batch=batch, using=using, droog=droog)
    return resultaat
