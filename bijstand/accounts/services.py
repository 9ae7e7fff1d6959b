"""Writes for users, roles and formal substitutions."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Rol, Team, User, Vervanging
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
