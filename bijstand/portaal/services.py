"""Writes of the burgerportaal: DigiD account linking and marking messages as read.

These touch models of the hub (`Werkzoekende.account`, `JournaalRegel.gelezen_op`); they are
narrow, portal-only use cases and always restricted to the burger's own records.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn

from bijstand.accounts.models import Rol, User
from bijstand.core import crypto
from bijstand.dossiers.models import (
    Dossier,
    JournaalRegel,
    JournaalSoort,
    Richting,
    Werkzoekende,
    Zichtbaarheid,
)
from bijstand.logboek.services import log_verwerking


class DigiDWeigering(Exception):
    """DigiD confirmed who the person is, but we do not let them into the portal."""

    ONGELDIG_BSN = "ongeldig_bsn"
    ONBEKEND = "onbekend"
    GEBLOKKEERD = "geblokkeerd"

    def __init__(self, reden: str):
        super().__init__(reden)
        self.reden = reden


def normaliseer_digid_bsn(bsn: str | None) -> str:
    """The BSN as 9 digits if it passes the 11-proef; otherwise raise DigiDWeigering."""
    bsn = (bsn or "").strip()
    if not bsn.isdigit() or len(bsn) > 9:
        raise DigiDWeigering(DigiDWeigering.ONGELDIG_BSN)
    bsn = bsn.zfill(9)
    if not stdnum_bsn.is_valid(bsn):
        raise DigiDWeigering(DigiDWeigering.ONGELDIG_BSN)
    return bsn


def _namen(persoon: Werkzoekende) -> dict[str, str]:
    achternaam = " ".join(p for p in (persoon.tussenvoegsel, persoon.achternaam) if p)
    return {"first_name": persoon.voornamen[:150], "last_name": achternaam[:150]}


def burger_voor_digid(*, bsn: str | None, request: Any = None) -> User:
    """Find (and on first login link) the burger account for a BSN confirmed by DigiD.

    - the BSN must pass the 11-proef;
    - it must belong to a known Werkzoekende (matched on the keyed hash); otherwise no account
      is created at all;
    - on the first login a burger User is created (or reused) and linked as Werkzoekende.account.

    Raises DigiDWeigering with the reason when the person may not log in.
    """
    bsn = normaliseer_digid_bsn(bsn)
    h = crypto.bsn_hash(bsn)
    with transaction.atomic():
        persoon = (
            Werkzoekende.objects.select_for_update(of=("self",))
            .select_related("account")
            .filter(bsn_hash=h)
            .first()
        )
        if persoon is None:
            raise DigiDWeigering(DigiDWeigering.ONBEKEND)
        account = persoon.account
        if account is None:
            account = User.digid_objects.filter(bsn_hash=h).first()
            if account is None:
                account = User.digid_objects.digid_create(bsn, **_namen(persoon))
            elif account.rol != Rol.BURGER:
                raise DigiDWeigering(DigiDWeigering.GEBLOKKEERD)
            persoon.account = account
            persoon.save(update_fields=["account"])
            log_verwerking(
                activiteit="portaal",
                operatie="koppel_digid_account",
                subjects=[persoon.log_subject],
                soorten_gegevens=["identificatie"],
                actor=account,
                request=request,
            )
        elif account.rol != Rol.BURGER or account.bsn_hash != h:
            raise DigiDWeigering(DigiDWeigering.GEBLOKKEERD)
        if not account.is_active:
            raise DigiDWeigering(DigiDWeigering.GEBLOKKEERD)
        namen = _namen(persoon)
        if (account.first_name, account.last_name) != (namen["first_name"], namen["last_name"]):
            User.objects.filter(pk=account.pk).update(**namen)
            account.first_name, account.last_name = namen["first_name"], namen["last_name"]
        log_verwerking(
            activiteit="portaal",
            operatie="digid_inloggen",
            subjects=[persoon.log_subject],
            soorten_gegevens=["identificatie"],
            actor=account,
            request=request,
        )
    return account


def markeer_gelezen(*, user: User, dossier: Dossier, regel_ids: Iterable[int]) -> int:
    """Mark incoming staff messages shown to the burger as read. Returns how many changed.

    Restricted to external messages from staff in the burger's own dossier; anything else in
    `regel_ids` is ignored.
    """
    ids = list(regel_ids)
    if not ids or getattr(user, "rol", None) != Rol.BURGER:
        return 0
    return JournaalRegel.objects.filter(
        pk__in=ids,
        dossier=dossier,
        dossier__werkzoekende__account=user,
        soort=JournaalSoort.BERICHT,
        richting=Richting.UITGAAND,
        zichtbaarheid=Zichtbaarheid.EXTERN,
        vertrouwelijk=False,
        gelezen_op__isnull=True,
    ).update(gelezen_op=timezone.now())
