"""Beheer connects a werkgever to the payroll API (``POST /api/v1/inkomen/loongegevens``).

Reuses the system-client services of :mod:`bijstand.accounts.services` (audit log, token shown
once and stored as a hash). The scope ``loongegevens:schrijven`` reaches personal data, so the
connection works only after a privacy officer who did not create it approved it for the current
token (ADR 0007, ``accounts:koppelingen``); a new token needs a new approval.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bijstand.accounts import services as account_services
from bijstand.accounts.models import SysteemClient, User

from .models import Werkgever
from .payroll_api import SCOPE


def koppeling_status(werkgever: Werkgever) -> str:
    """One line for beheer: not connected, revoked, waiting for approval, or working."""
    client = werkgever.systeemclient
    if client is None:
        return _("niet gekoppeld")
    if not client.actief:
        return _("ingetrokken")
    if SCOPE in client.effectieve_scopes:
        return _("werkt")
    return _("wacht op goedkeuring privacy officer")


@transaction.atomic
def koppel_werkgever(*, werkgever: Werkgever, door: User | None, request: Any = None) -> str:
    """Create the werkgever's system client with the payroll scope; returns the token (once).

    A werkgever whose connection was revoked gets a new client (the old one stays revoked)."""
    werkgever = Werkgever.objects.select_for_update().get(pk=werkgever.pk)
    if werkgever.systeemclient_id is not None and werkgever.systeemclient.actief:
        raise ValidationError(
            _("Deze werkgever is al gekoppeld. Maak een nieuwe token of trek de koppeling in.")
        )
    client, token = account_services.maak_systeemclient(
        naam=_("Salarissysteem %(naam)s (KvK %(kvk)s)")
        % {"naam": werkgever.naam[:150], "kvk": werkgever.kvk_nummer},
        scopes=[SCOPE],
        door=door,
        request=request,
    )
    werkgever.systeemclient = client
    werkgever.save(update_fields=["systeemclient"])
    return token


def _actieve_client(werkgever: Werkgever) -> SysteemClient:
    client = werkgever.systeemclient
    if client is None or not client.actief:
        raise ValidationError(_("Deze werkgever heeft geen actieve koppeling."))
    return client


def vernieuw_token(*, werkgever: Werkgever, door: User | None, request: Any = None) -> str:
    """A new token (returned once); the old one stops working at once."""
    return account_services.vernieuw_token_systeemclient(
        client=_actieve_client(werkgever), door=door, request=request
    )


def trek_koppeling_in(*, werkgever: Werkgever, door: User | None, request: Any = None) -> int:
    """Revoke the connection: the token stops working at once."""
    client = _actieve_client(werkgever)
    return account_services.trek_systeemclients_in(
        clients=SysteemClient.objects.filter(pk=client.pk), door=door, request=request
    )
