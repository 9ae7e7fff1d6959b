"""Wijzigingen: report (burger or consulent), list and handle. Services and selectors.

Nothing twice: the form sends a random ``idempotentiesleutel``; a second submit with the same
key returns the stored wijziging (unique per dossier in the database), marked
``al_vastgelegd``. Every read of personal data is logged (``dossierbeheer``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts.models import Rol, User
from bijstand.logboek.services import log_verwerking

from .models import Dossier, Huishouden, HuishoudenLid, Kanaal
from .models_wijziging import GemeldDoor, Wijziging, WijzigingSoort, WijzigingStatus
from .scope import dossier_scope_q

TOELICHTING_MAX = 2000
AFWIJSREDEN_MAX = 1000
SLEUTEL_RE = re.compile(r"^[A-Za-z0-9_.-]{8,64}$")
# How far back or ahead a change may take effect (a typo guard; older changes go by letter).
MAX_TERUG = timedelta(days=5 * 366)
MAX_VOORUIT = timedelta(days=366)

OPEN = (WijzigingStatus.NIEUW, WijzigingStatus.IN_BEHANDELING)
_OVERGANGEN = {
    WijzigingStatus.NIEUW: {
        WijzigingStatus.IN_BEHANDELING,
        WijzigingStatus.VERWERKT,
        WijzigingStatus.AFGEWEZEN,
    },
    WijzigingStatus.IN_BEHANDELING: {WijzigingStatus.VERWERKT, WijzigingStatus.AFGEWEZEN},
}


def _log(*, dossier: Dossier, user: User | None, operatie: str, request: Any = None) -> None:
    log_verwerking(
        activiteit="dossierbeheer",
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["identificatie", "wijziging"],
        actor=user,
        request=request,
    )


def meld_wijziging(
    *,
    dossier: Dossier,
    door: User,
    soort: str,
    ingangsdatum: date,
    toelichting: str = "",
    kanaal: str = Kanaal.PORTAAL,
    idempotentiesleutel: str = "",
    request: Any = None,
) -> Wijziging:
    """Record a change. The burger reports through the portal for their own dossier; a
    consulent (rule ``dossiers.behandel_wijziging``) registers one phoned in or told at the
    balie. Raises ``ValidationError`` with Dutch messages; ``PermissionDenied`` otherwise."""
    is_burger = getattr(door, "rol", None) == Rol.BURGER
    if is_burger:
        if dossier.werkzoekende.account_id != door.pk:
            raise PermissionDenied
        kanaal = Kanaal.PORTAAL
    elif not door.has_perm("dossiers.behandel_wijziging", dossier):
        raise PermissionDenied
    fouten: dict[str, list[str]] = {}
    if soort not in WijzigingSoort.values:
        fouten["soort"] = [_("Kies wat er verandert.")]
    if kanaal not in Kanaal.values:
        fouten["kanaal"] = [_("Kies hoe de wijziging is doorgegeven.")]
    vandaag = timezone.localdate()
    if not isinstance(ingangsdatum, date):
        fouten["ingangsdatum"] = [_("Vul de datum in waarop het verandert.")]
    elif ingangsdatum < vandaag - MAX_TERUG:
        fouten["ingangsdatum"] = [_("Deze datum is te lang geleden. Bel ons.")]
    elif ingangsdatum > vandaag + MAX_VOORUIT:
        fouten["ingangsdatum"] = [_("Deze datum is meer dan een jaar vooruit.")]
    toelichting = (toelichting or "").strip()
    if len(toelichting) > TOELICHTING_MAX:
        fouten["toelichting"] = [_("Schrijf hoogstens %(max)d tekens.") % {"max": TOELICHTING_MAX}]
    sleutel = (idempotentiesleutel or "").strip()
    if sleutel and not SLEUTEL_RE.match(sleutel):
        sleutel = ""
    if fouten:
        raise ValidationError(fouten)
    if sleutel:
        bestaand = Wijziging.objects.filter(dossier=dossier, idempotentiesleutel=sleutel).first()
        if bestaand is not None:
            bestaand.al_vastgelegd = True
            return bestaand
    try:
        with transaction.atomic():
            wijziging = Wijziging.objects.create(
                dossier=dossier,
                soort=soort,
                ingangsdatum=ingangsdatum,
                toelichting=toelichting,
                gemeld_door=GemeldDoor.BURGER if is_burger else GemeldDoor.CONSULENT,
                kanaal=kanaal,
                geregistreerd_door=door,
                idempotentiesleutel=sleutel,
            )
    except IntegrityError:
        # A concurrent submit with the same key won the race: return the stored one.
        bestaand = Wijziging.objects.filter(dossier=dossier, idempotentiesleutel=sleutel).first()
        if bestaand is None:
            raise
        bestaand.al_vastgelegd = True
        return bestaand
    wijziging.al_vastgelegd = False
    _log(dossier=dossier, user=door, operatie="meld_wijziging", request=request)
    return wijziging


def behandel_wijziging(
    *,
    wijziging: Wijziging,
    door: User,
    status: str,
    afwijsreden: str = "",
    request: Any = None,
) -> Wijziging:
    """Move a wijziging on (in behandeling, verwerkt, afgewezen with a reason). Only the
    dossier's consulenten (rule ``dossiers.behandel_wijziging``); handled ones stay as they are
    (a second submit of the same status is a no-op)."""
    with transaction.atomic():
        wijziging = (
            Wijziging.objects.select_for_update()
            .select_related("dossier", "dossier__werkzoekende")
            .get(pk=wijziging.pk)
        )
        if not door.has_perm("dossiers.behandel_wijziging", wijziging.dossier):
            raise PermissionDenied
        if wijziging.status == status:
            return wijziging
        if status not in _OVERGANGEN.get(wijziging.status, set()):
            raise ValidationError(
                {"status": [_("Deze wijziging is al afgehandeld; de status kan niet meer terug.")]}
            )
        afwijsreden = (afwijsreden or "").strip()
        if status == WijzigingStatus.AFGEWEZEN and not afwijsreden:
            raise ValidationError({"afwijsreden": [_("Schrijf waarom u de wijziging afwijst.")]})
        if len(afwijsreden) > AFWIJSREDEN_MAX:
            raise ValidationError(
                {"afwijsreden": [_("Schrijf hoogstens %(max)d tekens.") % {"max": AFWIJSREDEN_MAX}]}
            )
        wijziging.status = status
        wijziging.afwijsreden = afwijsreden if status == WijzigingStatus.AFGEWEZEN else ""
        wijziging.behandeld_door = door
        wijziging.behandeld_op = timezone.now()
        wijziging.save(update_fields=["status", "afwijsreden", "behandeld_door", "behandeld_op"])
    _log(dossier=wijziging.dossier, user=door, operatie="behandel_wijziging", request=request)
    return wijziging


# ---- the household of a household change -------------------------------------------------------


def _huishouden_voor(wijziging: Wijziging, door: User) -> Huishouden:
    if not door.has_perm("dossiers.behandel_wijziging", wijziging.dossier):
        raise PermissionDenied
    if not (wijziging.is_open and wijziging.is_huishoudenswijziging):
        raise ValidationError(
            _("Het huishouden past u hier alleen aan bij een open wijziging in het huishouden.")
        )
    huishouden, _nieuw = Huishouden.objects.get_or_create(
        werkzoekende_id=wijziging.dossier.werkzoekende_id
    )
    return huishouden


def voeg_huishoudenlid_toe(
    *, wijziging: Wijziging, door: User, request: Any = None, **velden: Any
) -> HuishoudenLid:
    """Add the partner or medebewoner of a household wijziging (rol, naam, geboortedatum and
    the kostendeler facts). Raises ``ValidationError`` with Dutch messages."""
    with transaction.atomic():
        huishouden = _huishouden_voor(wijziging, door)
        lid = HuishoudenLid(huishouden=huishouden, **velden)
        if lid.rol == HuishoudenLid.Rol.PARTNER and huishouden.leden.filter(rol="partner").exists():
            raise ValidationError({"rol": [_("Er staat al een partner in het huishouden.")]})
        lid.full_clean(exclude=["huishouden"])
        lid._history_user = door
        lid.save()
    _log(dossier=wijziging.dossier, user=door, operatie="voeg_huishoudenlid_toe", request=request)
    return lid


def verwijder_huishoudenlid(
    *, wijziging: Wijziging, door: User, lid_id: int, request: Any = None
) -> None:
    """Remove a member who moved out (a household wijziging of this dossier only)."""
    with transaction.atomic():
        huishouden = _huishouden_voor(wijziging, door)
        lid = huishouden.leden.filter(pk=lid_id).first()
        if lid is None:
            raise ValidationError(_("Deze persoon staat niet (meer) in het huishouden."))
        lid._history_user = door
        lid.delete()
    _log(dossier=wijziging.dossier, user=door, operatie="verwijder_huishoudenlid", request=request)


# ---- selectors ---------------------------------------------------------------------------------


def wijzigingen_van_dossier(*, dossier: Dossier) -> QuerySet[Wijziging]:
    """The dossier's wijzigingen, newest first (the caller has checked access and logged)."""
    return Wijziging.objects.filter(dossier=dossier).select_related("behandeld_door")


def werklijst_queryset(*, user: User, alle: bool = False) -> QuerySet[Wijziging]:
    """Open wijzigingen of the user's own dossiers (werkcoach or inkomensconsulent), newest
    first; with ``alle`` every open one in the user's scope."""
    qs = Wijziging.objects.filter(status__in=OPEN)
    if alle:
        qs = qs.filter(dossier__in=Dossier.objects.filter(dossier_scope_q(user)))
    else:
        qs = qs.filter(Q(dossier__werkcoach=user) | Q(dossier__inkomensconsulent=user))
    return qs.select_related("dossier", "dossier__werkzoekende").order_by("-gemeld_op", "-id")


def log_werklijst(*, user: User, wijzigingen: list[Wijziging], request: Any = None) -> None:
    """One log line per person shown on a page of the worklist."""
    if not wijzigingen:
        return
    log_verwerking(
        activiteit="dossierbeheer",
        operatie="bekijk_wijzigingen",
        subjects=sorted({w.dossier.werkzoekende.log_subject for w in wijzigingen}),
        soorten_gegevens=["identificatie", "wijziging"],
        actor=user,
        request=request,
    )


def wijziging_voor_gebruiker(*, user: User, pk: int) -> Wijziging | None:
    """One wijziging in the user's scope, or None."""
    return (
        Wijziging.objects.filter(dossier__in=Dossier.objects.filter(dossier_scope_q(user)))
        .select_related("dossier", "dossier__werkzoekende", "behandeld_door")
        .filter(pk=pk)
        .first()
    )
