"""Writing the dataverwerkingen log and the audit log."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from bijstand.core.crypto import pseudoniem
from bijstand.core.middleware import current_trace_id

from .models import AuditRegel, Verwerking, Verwerkingsactiviteit

_activiteit_cache: dict[str, int] = {}


def _activiteit_id(code: str) -> int:
    try:
        return _activiteit_cache[code]
    except KeyError:
        pk = Verwerkingsactiviteit.objects.values_list("pk", flat=True).get(code=code)
        _activiteit_cache[code] = pk
        return pk


def clear_cache() -> None:
    _activiteit_cache.clear()


def _client_ip(request: Any) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_verwerking(
    *,
    activiteit: str,
    operatie: str,
    subjects: Iterable[str],
    soorten_gegevens: Iterable[str],
    actor: Any = None,
    request: Any = None,
    vertrouwelijk: bool = False,
    status: str = Verwerking.Status.OK,
    parent_operation_id: uuid.UUID | None = None,
    start=None,
    pseudoniemen: Iterable[str] = (),
) -> uuid.UUID:
    """Write one Verwerking line per subject (pseudonymised) and one AuditRegel for the actor.

    `subjects` are stable subject keys (e.g. `Werkzoekende.log_subject`), never a BSN.
    `pseudoniemen` are subjects that are already pseudonymised (the `betrokkene` of existing
    log lines: used when the log itself is read). Returns the operation id.
    """
    operation_id = uuid.uuid4()
    nu = timezone.now()
    trace = getattr(request, "trace_id", None) or current_trace_id()
    activiteit_id = _activiteit_id(activiteit)
    soorten = sorted(set(soorten_gegevens))
    lines = [
        Verwerking(
            trace_id=trace,
            operation_id=operation_id,
            parent_operation_id=parent_operation_id,
            operatie=operatie,
            activiteit_id=activiteit_id,
            status=status,
            start=start or nu,
            eind=nu,
            soorten_gegevens=soorten,
            betrokkene=p,
            vertrouwelijk=vertrouwelijk,
        )
        for p in dict.fromkeys([*(pseudoniem(s) for s in subjects), *pseudoniemen])
    ]
    if not lines:
        return operation_id
    user = actor if getattr(actor, "_meta", None) and actor._meta.label == "accounts.User" else None
    with transaction.atomic():
        Verwerking.objects.bulk_create(lines)
        AuditRegel.objects.create(
            operation_id=operation_id,
            gebruiker=user,
            systeem="" if user else str(actor or "systeem")[:200],
            rol=getattr(actor, "rol", "") or "",
            actie=operatie,
            op=nu,
            ip_adres=_client_ip(request),
        )
    return operation_id
