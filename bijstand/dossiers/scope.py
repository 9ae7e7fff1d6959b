"""Which dossiers a user may see: one definition, used as a queryset filter and per object.

- werkconsulent: own caseload, plus the caseload of a colleague they formally substitute today;
- inkomensconsulent: dossiers assigned to them (or to a colleague they substitute);
- teamleider: dossiers whose werkcoach is in a team they lead;
- burger: only their own;
- beheerder, privacy officer, anyone else: no case content.
"""

from __future__ import annotations

from django.db.models import Q

from bijstand.accounts.models import Rol, Team, Vervanging
from bijstand.core import tijd


def vervangen_collega_ids(user) -> list[int]:
    vandaag = tijd.vandaag()
    return list(
        Vervanging.objects.filter(vervanger=user, van__lte=vandaag, tot__gte=vandaag).values_list(
            "afwezige_id", flat=True
        )
    )


def dossier_scope_q(user) -> Q:
    """A Q on Dossier that selects what `user` may see. Q(pk__in=[]) means nothing."""
    nothing = Q(pk__in=[])
    if not user or not user.is_authenticated:
        return nothing
    rol = getattr(user, "rol", None)
    if rol == Rol.WERKCONSULENT:
        return Q(werkcoach_id__in=[user.pk, *vervangen_collega_ids(user)])
    if rol == Rol.INKOMENSCONSULENT:
        return Q(inkomensconsulent_id__in=[user.pk, *vervangen_collega_ids(user)])
    if rol == Rol.TEAMLEIDER:
        teams = list(Team.objects.filter(teamleider=user).values_list("pk", flat=True))
        return Q(werkcoach__team_id__in=teams) if teams else nothing
    if rol == Rol.BURGER:
        return Q(werkzoekende__account_id=user.pk)
    return nothing


def mag_dossier_zien(user, dossier) -> bool:
    if not user or not user.is_authenticated:
        return False
    rol = getattr(user, "rol", None)
    if rol == Rol.WERKCONSULENT:
        return dossier.werkcoach_id == user.pk or dossier.werkcoach_id in vervangen_collega_ids(
            user
        )
    if rol == Rol.INKOMENSCONSULENT:
        return dossier.inkomensconsulent_id is not None and (
            dossier.inkomensconsulent_id == user.pk
            or dossier.inkomensconsulent_id in vervangen_collega_ids(user)
        )
    if rol == Rol.TEAMLEIDER:
        return Team.objects.filter(teamleider=user, leden__pk=dossier.werkcoach_id).exists()
    if rol == Rol.BURGER:
        return dossier.werkzoekende.account_id == user.pk
    return False


def is_werkcoach_van(user, dossier) -> bool:
    """The werkcoach (or today's formal substitute): may see confidential entries."""
    return getattr(user, "rol", None) == Rol.WERKCONSULENT and (
        dossier.werkcoach_id == user.pk or dossier.werkcoach_id in vervangen_collega_ids(user)
    )
