"""Writes of the burgerportaal: DigiD accounts and their link, the melding, marking messages read.

These touch models of the hub (`Werkzoekende.account`, `JournaalRegel.gelezen_op`); they are
narrow, portal-only use cases and always restricted to the burger's own records.

DigiD rule (issue 12): a BSN that passes the 11-proef always gets a burger account (keyed on the
BSN hash; the BSN itself is not stored with it). A person we know (a Werkzoekende) has it linked
on the first login; someone without a dossier gets an account without a Werkzoekende, which sees
only "Bijstand aanvragen" until :func:`meld_voor_bijstand` registered the melding and linked the
account to the new Werkzoekende. A blocked account (inactive, or a staff account with the same
hash, or linked to someone else) stays refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.nl import bsn as stdnum_bsn

from aanvraag import services as aanvraag_services
from aanvraag.models import Aanvraag, AanvraagKanaal
from bijstand.accounts.models import Rol, User
from bijstand.brp.client import BrpPersoon
from bijstand.brp.client import log_subject as bsn_log_subject
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


def _log_inloggen(account: User, subject: str, request: Any) -> None:
    log_verwerking(
        activiteit="portaal",
        operatie="digid_inloggen",
        subjects=[subject],
        soorten_gegevens=["identificatie"],
        actor=account,
        request=request,
    )


def _account_voor_hash(bsn: str, h: str) -> User:
    """The burger account with this BSN hash, created when there is none (race-safe)."""
    account = User.digid_objects.filter(bsn_hash=h).first()
    if account is not None:
        return account
    try:
        with transaction.atomic():
            return User.digid_objects.digid_create(bsn)
    except IntegrityError:  # a second login at the same moment created it
        return User.digid_objects.get(bsn_hash=h)


def burger_voor_digid(*, bsn: str | None, request: Any = None) -> User:
    """Find or create the burger account for a BSN confirmed by DigiD (module docstring).

    - the BSN must pass the 11-proef;
    - a known Werkzoekende (matched on the keyed hash) gets a burger User linked as
      Werkzoekende.account on the first login (an existing account with that hash is reused);
    - an unknown BSN gets a burger User without a Werkzoekende (it may only apply for bijstand);
    - an inactive account, a staff account with the same hash or an account linked to another
      person is refused.

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
            account = _account_voor_hash(bsn, h)
            if (
                account.rol != Rol.BURGER
                or not account.is_active
                or Werkzoekende.objects.filter(account=account).exists()
            ):
                raise DigiDWeigering(DigiDWeigering.GEBLOKKEERD)
            _log_inloggen(account, bsn_log_subject(bsn), request)
            return account
        account = persoon.account
        if account is None:
            account = User.digid_objects.filter(bsn_hash=h).first()
            if account is None:
                account = User.digid_objects.digid_create(bsn, **_namen(persoon))
            elif account.rol != Rol.BURGER:
                raise DigiDWeigering(DigiDWeigering.GEBLOKKEERD)
            if not account.is_active:
                raise DigiDWeigering(DigiDWeigering.GEBLOKKEERD)
            _koppel(persoon, account, request)
        elif account.rol != Rol.BURGER or account.bsn_hash != h:
            raise DigiDWeigering(DigiDWeigering.GEBLOKKEERD)
        if not account.is_active:
            raise DigiDWeigering(DigiDWeigering.GEBLOKKEERD)
        _werk_namen_bij(account, persoon)
        _log_inloggen(account, persoon.log_subject, request)
    return account


def _koppel(persoon: Werkzoekende, account: User, request: Any) -> None:
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


def _werk_namen_bij(account: User, persoon: Werkzoekende) -> None:
    namen = _namen(persoon)
    if (account.first_name, account.last_name) != (namen["first_name"], namen["last_name"]):
        User.objects.filter(pk=account.pk).update(**namen)
        account.first_name, account.last_name = namen["first_name"], namen["last_name"]


# --- the melding from the portal -------------------------------------------------------------


def _persoon_uit_brp(brp: BrpPersoon) -> dict[str, Any]:
    """The person's data for a new registration, as the BRP has it (empty values left out)."""
    gegevens = {
        "voornamen": brp.voornamen,
        "tussenvoegsel": brp.voorvoegsel,
        "achternaam": brp.geslachtsnaam,
        "geboortedatum": brp.geboortedatum,
        "straat": brp.straat,
        "huisnummer": brp.huisnummer,
        "postcode": brp.postcode,
        "woonplaats": brp.woonplaats,
    }
    return {k: v for k, v in gegevens.items() if v}


def _geblokkeerd() -> str:
    return _("U kunt nu geen bijstand aanvragen. Bel ons op %(telefoon)s.") % {
        "telefoon": settings.PORTAAL_TELEFOON
    }


def meld_voor_bijstand(*, user: User, bsn: str, brp: BrpPersoon, request: Any = None) -> Aanvraag:
    """The burger reports for bijstand in the portal: register the melding (today) with the BRP
    data and link the burger account to the (new) Werkzoekende, in one transaction.

    Idempotent: a second call (double submit, back and submit again) returns the same open
    aanvraag and leaves the link as it is. Raises ValidationError (Dutch) when it cannot be done.
    """
    if getattr(user, "rol", None) != Rol.BURGER or crypto.bsn_hash(bsn) != user.bsn_hash:
        raise ValidationError(_("U kunt alleen voor uzelf bijstand aanvragen."))
    with transaction.atomic():
        # one melding at a time per account: a double submit waits for the first one
        User.objects.select_for_update().filter(pk=user.pk).first()
        gekoppeld = Werkzoekende.objects.filter(account=user).first()
        if gekoppeld is not None and gekoppeld.bsn_hash != user.bsn_hash:
            raise ValidationError(_geblokkeerd())
        aanvraag = aanvraag_services.registreer_melding(
            bsn=bsn,
            kanaal=AanvraagKanaal.PORTAAL,
            door=user,
            persoon=_persoon_uit_brp(brp),
            brp=brp.als_dict(),  # registreer_melding keeps it without BSNs
        )
        persoon = Werkzoekende.objects.select_for_update(of=("self",)).get(
            pk=aanvraag.dossier.werkzoekende_id
        )
        if persoon.account_id is None:
            _koppel(persoon, user, request)
        elif persoon.account_id != user.pk:
            raise ValidationError(_geblokkeerd())
        _werk_namen_bij(user, persoon)
    return aanvraag


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
