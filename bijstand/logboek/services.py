"""Writing the dataverwerkingen log and the audit log."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from bijstand.accounts.models import SysteemClient
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
    with transaction.atomic():
        Verwerking.objects.bulk_create(lines)
        _audit_regel(operation_id=operation_id, actor=actor, actie=operatie, op=nu, request=request)
    return operation_id


def _is_user(actor: Any) -> bool:
    return bool(getattr(actor, "_meta", None) and actor._meta.label == "accounts.User")


def _koppeling(actor: Any) -> SysteemClient | None:
    """The system client behind `actor`: the client itself or its request stand-in
    (`bijstand.core.api.SysteemGebruiker`, which carries it as `.client`)."""
    if isinstance(actor, SysteemClient):
        return actor
    client = getattr(actor, "client", None)
    return client if isinstance(client, SysteemClient) else None


def _audit_regel(
    *, operation_id: uuid.UUID, actor: Any, actie: str, op, request: Any, toelichting: str = ""
) -> AuditRegel:
    user = actor if _is_user(actor) else None
    koppeling = None if user else _koppeling(actor)
    return AuditRegel.objects.create(
        operation_id=operation_id,
        gebruiker=user,
        systeem="" if user else str(actor or "systeem")[:200],
        rol=getattr(actor, "rol", "") or "",
        actie=actie,
        op=op,
        ip_adres=_client_ip(request),
        koppeling_aangemaakt_door_id=koppeling.aangemaakt_door_id if koppeling else None,
        koppeling_goedgekeurd_door_id=koppeling.goedgekeurd_door_id if koppeling else None,
        toelichting=toelichting[:500],
    )


def log_audit(*, actie: str, actor: Any, toelichting: str = "", request: Any = None) -> uuid.UUID:
    """Write one AuditRegel for an action that processes no person's data (e.g. a system
    client created or approved): who did what, when, with a short person-free explanation.
    Returns its operation id."""
    operation_id = uuid.uuid4()
    _audit_regel(
        operation_id=operation_id,
        actor=actor,
        actie=actie,
        op=timezone.now(),
        request=request,
        toelichting=toelichting,
    )
    return operation_id
