"""Writes for users, roles, formal substitutions and system clients (API tokens)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bijstand.logboek.services import log_audit

from .models import Rol, SysteemClient, Team, User, Vervanging
from .permissions import BEHEER_GROEP, beheer_codenames

# Roles whose caseload can be taken over by a formal substitute (see dossiers/scope.py).
VERVANGBARE_ROLLEN = (Rol.WERKCONSULENT, Rol.INKOMENSCONSULENT)


def beheer_groep() -> Group:
    """The "Functioneel beheer" group (created by migration; recreated here if missing)."""
    groep, created = Group.objects.get_or_create(name=BEHEER_GROEP)
    if created or not groep.permissions.exists():
        perms = []
        for app_label, codename in beheer_codenames():
            perms.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        groep.permissions.set(perms)
    return groep


def pas_rol_rechten_toe(user: User) -> None:
    """Derive is_staff and the beheer group from the role (the role is the source of truth).

    Only a functioneel beheerder (or a superuser) gets into the admin; burgers never.
    """
    is_beheerder = user.rol == Rol.BEHEERDER
    is_staff = user.is_superuser or (is_beheerder and user.is_active)
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        User.objects.filter(pk=user.pk).update(is_staff=is_staff)
    groep = beheer_groep()
    if is_beheerder:
        user.groups.add(groep)
    else:
        user.groups.remove(groep)


@transaction.atomic
def maak_medewerker(
    *,
    username: str,
    rol: str,
    team: Team | None = None,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_active: bool = True,
) -> User:
    """Create a staff account with the rights that belong to its role.

    Without a password the account gets an unusable one (set it later or use SSO).
    """
    if rol not in Rol.values or rol == Rol.BURGER:
        raise ValidationError(_("Ongeldige rol voor een medewerker: %(rol)s") % {"rol": rol})
    user = User(
        username=username,
        rol=rol,
        team=team,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_active=is_active,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    pas_rol_rechten_toe(user)
    return user


def _valideer_vervanging(
    *, afwezige: User, vervanger: User, van: datetime.date, tot: datetime.date, door: User | None
) -> None:
    errors: dict[str, list[str]] = {}
    if tot < van:
        errors.setdefault("tot", []).append(_("De einddatum moet op of na de begindatum liggen."))
    if afwezige.pk == vervanger.pk:
        errors.setdefault("vervanger", []).append(_("Een medewerker kan zichzelf niet vervangen."))
    if afwezige.rol not in VERVANGBARE_ROLLEN:
        errors.setdefault("afwezige", []).append(
            _("Alleen werkconsulenten en inkomensconsulenten kunnen worden vervangen.")
        )
    elif vervanger.rol != afwezige.rol:
        errors.setdefault("vervanger", []).append(
            _("De vervanger moet dezelfde rol hebben als de afwezige collega.")
        )
    if not vervanger.is_active:
        errors.setdefault("vervanger", []).append(_("Deze medewerker is niet actief."))
    if door is not None and door.rol == Rol.TEAMLEIDER:
        teams = set(Team.objects.filter(teamleider=door).values_list("pk", flat=True))
        if afwezige.team_id not in teams:
            errors.setdefault("afwezige", []).append(
                _("U kunt alleen een vervanging vastleggen voor leden van uw eigen team.")
            )
        if vervanger.team_id not in teams:
            errors.setdefault("vervanger", []).append(
                _("De vervanger moet lid zijn van een team dat u leidt.")
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def registreer_vervanging(
    *,
    afwezige: User,
    vervanger: User,
    van: datetime.date,
    tot: datetime.date,
    reden: str,
    door: User | None,
) -> Vervanging:
    """Record a formal substitution. During [van, tot] the vervanger sees the caseload of
    the afwezige (bijstand.dossiers.scope); before and after, nothing changes."""
    _valideer_vervanging(afwezige=afwezige, vervanger=vervanger, van=van, tot=tot, door=door)
    return Vervanging.objects.create(
        afwezige=afwezige,
        vervanger=vervanger,
        van=van,
        tot=tot,
        reden=reden.strip(),
        vastgelegd_door=door,
    )


# --- two-factor authentication (django-otp) ---------------------------------------------------

AANTAL_HERSTELCODES = 10
TOTP_APPARAAT_NAAM = "Authenticator-app"
HERSTELCODES_NAAM = "Herstelcodes"


def onbevestigd_totp_apparaat(user: User):
    """The user's pending (unconfirmed) TOTP device, created if there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_APPARAAT_NAAM, confirmed=False)
    return device


@transaction.atomic
def bevestig_totp_apparaat(*, device, code: str) -> bool:
    """Confirm a pending TOTP device with a first valid code; drop other pending devices."""
    if device.confirmed or not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=device.user_id, confirmed=False).delete()
    return True


@transaction.atomic
def maak_herstelcodes(user: User) -> list[str]:
    """Replace the user's backup codes by new ones; returns them (to be shown only once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=HERSTELCODES_NAAM, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(AANTAL_HERSTELCODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def heeft_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def otp_geblokkeerd(user: User) -> bool:
    """True while every confirmed device of the user is throttled after wrong codes."""
    devices = list(devices_for_user(user, confirmed=True))
    return bool(devices) and not any(d.verify_is_allowed()[0] for d in devices)


# --- system clients (API tokens) --------------------------------------------------------------
# The functioneel beheerder creates a client and grants scopes; the scopes that reach personal
# data (accounts.scopes) work only after a privacy officer who did not create the client
# approved them for its current token. Every step is written to the audit log.


def _lijst(scopes: Iterable[str]) -> str:
    return ", ".join(scopes) or "-"


def _koppeling_tekst(client: SysteemClient) -> str:
    return f"Koppeling {client.pk} ({client.naam})"


def _beperk_goedkeuring(client: SysteemClient) -> None:
    """Keep only approvals of scopes the client still asks for; none left: no approver."""
    client.goedgekeurde_scopes = [s for s in client.goedgekeurde_scopes or [] if s in client.scopes]
    if not client.goedgekeurde_scopes:
        client.goedgekeurd_door, client.goedgekeurd_op, client.goedgekeurd_token_hash = (
            None,
            None,
            "",
        )


@transaction.atomic
def maak_systeemclient(
    *,
    naam: str,
    scopes: Iterable[str],
    door: User | None,
    actief: bool = True,
    request: Any = None,
) -> tuple[SysteemClient, str]:
    """Create a client with a new token (returned once; only its hash is stored).

    Its personal-data scopes wait for a privacy officer's approval (`keur_koppeling_goed`)."""
    client, token = SysteemClient.maak(
        naam=naam.strip(), scopes=sorted(set(scopes)), aangemaakt_door=door
    )
    if not actief:
        client.actief = False
        client.save(update_fields=["actief"])
    log_audit(
        actie="systeemkoppeling_aangemaakt",
        actor=door,
        toelichting=f"{_koppeling_tekst(client)}: scopes {_lijst(client.scopes)}; "
        f"wacht op goedkeuring: {_lijst(client.wachtende_scopes)}",
        request=request,
    )
    return client, token


@transaction.atomic
def wijzig_systeemclient(
    *,
    client: SysteemClient,
    naam: str,
    scopes: Iterable[str],
    actief: bool,
    door: User | None,
    request: Any = None,
) -> SysteemClient:
    """Change name, scopes or status. An approval covers what was requested when it was given:
    a newly requested personal-data scope waits for approval (the approved ones keep working),
    and a dropped scope is dropped from the approval too (asking it again needs a new one)."""
    client = SysteemClient.objects.select_for_update().get(pk=client.pk)
    oud = set(client.scopes or [])
    nieuw = sorted(set(scopes))
    wijzigingen = []
    if client.naam != naam.strip():
        wijzigingen.append(f"naam {client.naam} -> {naam.strip()}")
    if set(nieuw) - oud:
        wijzigingen.append(f"scopes erbij: {_lijst(sorted(set(nieuw) - oud))}")
    if oud - set(nieuw):
        wijzigingen.append(f"scopes eraf: {_lijst(sorted(oud - set(nieuw)))}")
    if client.actief != actief:
        wijzigingen.append("actief" if actief else "ingetrokken")
    client.naam, client.scopes, client.actief = naam.strip(), nieuw, actief
    _beperk_goedkeuring(client)
    client.save()
    if wijzigingen:
        log_audit(
            actie="systeemkoppeling_gewijzigd",
            actor=door,
            toelichting=f"{_koppeling_tekst(client)}: {'; '.join(wijzigingen)}; "
            f"wacht op goedkeuring: {_lijst(client.wachtende_scopes)}",
            request=request,
        )
    return client


@transaction.atomic
def vernieuw_token_systeemclient(
    *, client: SysteemClient, door: User | None, request: Any = None
) -> str:
    """Give the client a new token (the old one stops working) and return it once.

    The approval was given for the old token: its personal-data scopes wait for a new one, so
    whoever sees the new token cannot read personal data with it until a privacy officer agrees.
    """
    client = SysteemClient.objects.select_for_update().get(pk=client.pk)
    token = client.vernieuw_token()
    client.save(update_fields=["token_hash"])
    log_audit(
        actie="systeemkoppeling_token_vernieuwd",
        actor=door,
        toelichting=f"{_koppeling_tekst(client)}: nieuwe token; "
        f"wacht op goedkeuring: {_lijst(client.wachtende_scopes)}",
        request=request,
    )
    return token


@transaction.atomic
def trek_systeemclients_in(
    *, clients: QuerySet[SysteemClient], door: User | None, request: Any = None
) -> int:
    """Deactivate clients (their tokens stop working at once)."""
    ingetrokken = list(clients.filter(actief=True).order_by("pk"))
    for client in ingetrokken:
        SysteemClient.objects.filter(pk=client.pk).update(actief=False)
        log_audit(
            actie="systeemkoppeling_ingetrokken",
            actor=door,
            toelichting=f"{_koppeling_tekst(client)}: ingetrokken",
            request=request,
        )
    return len(ingetrokken)


def _besluit_voorwaarden(
    *, client: SysteemClient, scopes: Iterable[str], door: User
) -> SysteemClient:
    """The checks shared by approving and rejecting; returns the locked, current client."""
    if door is None or door.rol != Rol.PRIVACY or not door.is_active:
        raise PermissionDenied(_("Alleen een privacy officer beslist over koppelingen."))
    client = SysteemClient.objects.select_for_update().get(pk=client.pk)
    if sorted(set(scopes)) != client.gevraagde_persoonsgegevens_scopes:
        # The officer decides on what they saw; the beheerder may have changed it meanwhile.
        raise ValidationError(
            _(
                "De gevraagde scopes van deze koppeling zijn gewijzigd nadat u de pagina opende. "
                "Bekijk ze opnieuw."
            )
        )
    if not client.wacht_op_goedkeuring:
        raise ValidationError(_("Deze koppeling wacht niet op goedkeuring."))
    return client


@transaction.atomic
def keur_koppeling_goed(
    *, client: SysteemClient, scopes: Iterable[str], door: User, request: Any = None
) -> SysteemClient:
    """A privacy officer approves the personal-data scopes the client asks for (`scopes`: the
    set the officer saw) for its current token. Four eyes: not the officer who created it."""
    client = _besluit_voorwaarden(client=client, scopes=scopes, door=door)
    if client.aangemaakt_door_id is not None and client.aangemaakt_door_id == door.pk:
        raise ValidationError(
            _(
                "U heeft deze koppeling zelf aangemaakt. Een andere privacy officer moet hem "
                "goedkeuren."
            )
        )
    client.goedgekeurde_scopes = client.gevraagde_persoonsgegevens_scopes
    client.goedgekeurd_door = door
    client.goedgekeurd_op = timezone.now()
    client.goedgekeurd_token_hash = client.token_hash
    client.save(
        update_fields=[
            "goedgekeurde_scopes",
            "goedgekeurd_door",
            "goedgekeurd_op",
            "goedgekeurd_token_hash",
        ]
    )
    maker = client.aangemaakt_door.username if client.aangemaakt_door else "onbekend"
    log_audit(
        actie="systeemkoppeling_goedgekeurd",
        actor=door,
        toelichting=f"{_koppeling_tekst(client)}: goedgekeurd {_lijst(client.goedgekeurde_scopes)}"
        f"; aangemaakt door {maker}",
        request=request,
    )
    return client


@transaction.atomic
def wijs_koppeling_af(
    *, client: SysteemClient, scopes: Iterable[str], door: User, request: Any = None
) -> SysteemClient:
    """A privacy officer rejects the waiting personal-data scopes: they are taken off the
    client (the beheerder may ask again, which needs a new decision)."""
    client = _besluit_voorwaarden(client=client, scopes=scopes, door=door)
    afgewezen = client.wachtende_scopes
    client.scopes = [s for s in client.scopes or [] if s not in afgewezen]
    _beperk_goedkeuring(client)
    client.save()
    log_audit(
        actie="systeemkoppeling_afgewezen",
        actor=door,
        toelichting=f"{_koppeling_tekst(client)}: afgewezen {_lijst(afgewezen)}",
        request=request,
    )
    return client
